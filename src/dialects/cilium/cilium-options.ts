/**
 * The Cilium release that policies are written for.
 */
export interface CiliumOptions {
  /**
   * The Cilium release, `major.minor`. What it cannot do is refused by name: `endPort` and
   * `enableDefaultDeny` are absent from the 1.15 CRD and present in 1.20's (taken from 1.16, the
   * release that added them); the `**.` subdomain wildcard of `toFQDNs` is checked from 1.20.
   * @default '1.15'
   */
  readonly version?: string;
}

/** Options with defaults. Internal. */
export interface ResolvedCiliumOptions {
  readonly version: string;
  readonly minor: number;
  /** `endPort` in `toPorts` and `enableDefaultDeny` in the spec. */
  readonly hasEndPortAndDefaultDeny: boolean;
  /** `**.` in `matchPattern`: one or more labels. */
  readonly hasSubdomainWildcard: boolean;
}

/** The default target release. */
export const DEFAULT_CILIUM_VERSION = '1.15';

/** Check and complete the options. */
export function resolveCiliumOptions(options: CiliumOptions = {}): ResolvedCiliumOptions {
  const version = options.version ?? DEFAULT_CILIUM_VERSION;
  const m = /^v?1\.(\d+)(\.\d+)?$/.exec(String(version));
  if (!m) throw new Error(`Cilium version ${JSON.stringify(version)} is not 1.minor (such as '1.15')`);
  const minor = Number(m[1]);
  if (minor < 14) throw new Error(`Cilium ${version}: only Cilium 1.14 and later are written`);
  return { version: `1.${minor}`, minor, hasEndPortAndDefaultDeny: minor >= 16, hasSubdomainWildcard: minor >= 20 };
}
