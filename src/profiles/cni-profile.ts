import { ALL_FEATURES, Feature } from './feature';
import { FeatureSupport } from './feature-support';
import { SupportLevel } from './support-level';

/**
 * The facts of a network plugin profile.
 */
export interface CniProfileProps {
  /** The short name used on the command line (`--cni k3s`), lower case. */
  readonly name: string;
  /** A human name: `K3s (Flannel + embedded kube-router policy controller)`. */
  readonly displayName: string;
  /** The versions and settings the facts are about: `Calico 3.27, iptables dataplane`. */
  readonly versions: string;
  /** Whether the plugin enforces NetworkPolicy at all. */
  readonly enforcesPolicy: boolean;
  /** Sources for `enforcesPolicy`. */
  readonly enforcementSources: string[];
  /** What the plugin does with each feature; a feature left out is `UNKNOWN`. */
  readonly features: FeatureSupport[];
  /**
   * Other names accepted by `Cni.byName`.
   * @default - none
   */
  readonly aliases?: string[];
  /**
   * Caveats that are no feature of the API (how enforcement is switched on, what it does not cover).
   * @default - none
   */
  readonly caveats?: string[];
  /**
   * The most unique port/protocol combinations the plugin accepts for one peer (selector or CIDR).
   * @default - no known limit
   */
  readonly maxPortProtocolCombinations?: number;
  /**
   * Whether only pods with `metadata.ownerReferences` (pods of a Deployment, StatefulSet, ...) are enforced.
   * @default false
   */
  readonly requiresOwnerReferences?: boolean;
  /**
   * Sources for `maxPortProtocolCombinations` and `requiresOwnerReferences`.
   * @default - none
   */
  readonly limitSources?: string[];
}

/**
 * What one network plugin (at given versions and settings) does with NetworkPolicy, feature by
 * feature, each fact with its sources. Get one with `Cni.k3s()`, `Cni.byName('calico')`, ..., or
 * describe your own plugin with `new CniProfile({...})`.
 */
export class CniProfile {
  /** The short name (`k3s`). */
  public readonly name: string;
  /** A human name. */
  public readonly displayName: string;
  /** The versions and settings the facts are about. */
  public readonly versions: string;
  /** Whether the plugin enforces NetworkPolicy at all. */
  public readonly enforcesPolicy: boolean;
  /** Sources for `enforcesPolicy`. */
  public readonly enforcementSources: string[];
  /** Other accepted names. */
  public readonly aliases: string[];
  /** Caveats that are no feature of the API. */
  public readonly caveats: string[];
  /**
   * The most unique port/protocol combinations per peer.
   * @default - no known limit
   */
  public readonly maxPortProtocolCombinations?: number;
  /** Whether only pods with `metadata.ownerReferences` are enforced. */
  public readonly requiresOwnerReferences: boolean;
  /** Sources for the limits. */
  public readonly limitSources: string[];
  private readonly table: Map<Feature, FeatureSupport>;

  public constructor(props: CniProfileProps) {
    this.name = props.name;
    this.displayName = props.displayName;
    this.versions = props.versions;
    this.enforcesPolicy = props.enforcesPolicy;
    this.enforcementSources = [...props.enforcementSources];
    this.aliases = [...(props.aliases ?? [])];
    this.caveats = [...(props.caveats ?? [])];
    this.maxPortProtocolCombinations = props.maxPortProtocolCombinations;
    this.requiresOwnerReferences = props.requiresOwnerReferences ?? false;
    this.limitSources = [...(props.limitSources ?? [])];
    this.table = new Map();
    for (const support of props.features) {
      if (this.table.has(support.feature)) throw new Error(`profile ${props.name}: feature ${support.feature} is given twice`);
      this.table.set(support.feature, { ...support, sources: [...support.sources], verified: support.verified ?? true });
    }
  }

  /** What the plugin does with a feature, with a note and sources. */
  public support(feature: Feature): FeatureSupport {
    const known = this.table.get(feature);
    if (known) return known;
    return { feature, level: SupportLevel.UNKNOWN, note: `not documented for ${this.displayName}`, sources: [], verified: false };
  }

  /** The support level of a feature (`support(feature).level`). */
  public level(feature: Feature): SupportLevel {
    return this.support(feature).level;
  }

  /** The whole table, one entry per feature, in `Feature` order. */
  public get features(): FeatureSupport[] {
    return ALL_FEATURES.map((f) => this.support(f));
  }
}
