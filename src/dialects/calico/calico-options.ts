/**
 * Which label names a namespace in the Calico selectors that are written.
 */
export enum CalicoNamespaceLabel {
  /** `kubernetes.io/metadata.name`, which Kubernetes 1.21+ sets on every namespace (as the v1 model writes it). */
  KUBERNETES = 'kubernetes.io/metadata.name',
  /** `projectcalico.org/name`, which Calico sets on the profile of every namespace (works on any Kubernetes version). */
  CALICO = 'projectcalico.org/name',
}

/**
 * The Calico release and edition that policies are written for, and how.
 */
export interface CalicoOptions {
  /**
   * The Calico release, `major.minor` (`3.27`, `3.29`, ...): what it cannot do is refused by name.
   * @default '3.27' (the article's Calico v3.27.3)
   */
  readonly version?: string;
  /**
   * Calico Enterprise or Calico Cloud rather than Calico Open Source (domain names, tiers at any version).
   * @default false
   */
  readonly enterprise?: boolean;
  /**
   * `spec.order`: lower orders are evaluated first. Calico converts v1 NetworkPolicies at order 1000.
   * @default 1000
   */
  readonly order?: number;
  /**
   * `spec.tier` (Calico Open Source 3.29 and later, or Enterprise). The policy name is prefixed with
   * `<tier>.`, as Calico requires for a tier other than `default`.
   * @default - the default tier
   */
  readonly tier?: string;
  /**
   * The label that names a namespace in selectors: a namespace peer given by name
   * (`Peer.namespace('x')`, label `kubernetes.io/metadata.name`) is written with this label.
   * @default CalicoNamespaceLabel.KUBERNETES
   */
  readonly namespaceLabel?: CalicoNamespaceLabel;
}

/** The options with their defaults, checked. Internal. */
export interface ResolvedCalicoOptions {
  readonly major: number;
  readonly minor: number;
  readonly version: string;
  readonly enterprise: boolean;
  readonly order: number;
  readonly tier?: string;
  readonly namespaceLabel: CalicoNamespaceLabel;
}

/** The Calico release of the article's cluster. */
export const DEFAULT_CALICO_VERSION = '3.27';
/** The order at which Calico itself places converted v1 NetworkPolicies. */
export const KUBERNETES_POLICY_ORDER = 1000;

/** Check and complete the options; throws naming what cannot be written for that release. */
export function resolveCalicoOptions(options: CalicoOptions = {}): ResolvedCalicoOptions {
  const version = options.version ?? DEFAULT_CALICO_VERSION;
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(String(version));
  if (!m) throw new Error(`Calico version ${JSON.stringify(version)} is not major.minor (such as '3.27')`);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major !== 3) throw new Error(`Calico version ${version}: only projectcalico.org/v3 (Calico 3.x) is written`);
  const enterprise = options.enterprise ?? false;
  const order = options.order ?? KUBERNETES_POLICY_ORDER;
  if (typeof order !== 'number' || !Number.isFinite(order)) throw new Error(`Calico order must be a finite number, got ${String(order)}`);
  if (options.tier !== undefined && options.tier !== 'default' && !enterprise && minor < 29) {
    throw new Error(`tier '${options.tier}': Calico Open Source ${major}.${minor} has no tiers (they came to Calico Open Source in 3.29); leave tier out, or target version '3.29' or later, or Calico Enterprise`);
  }
  return {
    major,
    minor,
    version: `${major}.${minor}`,
    enterprise,
    order,
    tier: options.tier === 'default' ? undefined : options.tier,
    namespaceLabel: options.namespaceLabel ?? CalicoNamespaceLabel.KUBERNETES,
  };
}

/** A short name of the target: `Calico Open Source 3.27`. */
export function calicoEditionName(options: ResolvedCalicoOptions): string {
  return `Calico ${options.enterprise ? 'Enterprise' : 'Open Source'} ${options.version}`;
}
