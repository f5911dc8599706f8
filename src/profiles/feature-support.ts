import { Feature } from './feature';
import { SupportLevel } from './support-level';

/**
 * What a plugin does with one feature, with the sources that say so.
 */
export interface FeatureSupport {
  /** The feature. */
  readonly feature: Feature;
  /** What the plugin does with it. */
  readonly level: SupportLevel;
  /** How: what happens instead, under which versions or settings, what to do. */
  readonly note: string;
  /** Where this comes from: URLs, or `owner/repo#N` / `owner/repo:path` citations. */
  readonly sources: string[];
  /**
   * Whether a source states it (true) or it is inferred from code or from a related plugin (false).
   * @default true
   */
  readonly verified?: boolean;
}
