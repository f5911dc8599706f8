/** The API group of AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy. */
export const POLICY_API_GROUP = 'policy.networking.k8s.io';
/** `apiVersion` of AdminNetworkPolicy and BaselineAdminNetworkPolicy. */
export const ADMIN_POLICY_V1ALPHA1 = 'policy.networking.k8s.io/v1alpha1';
/** `apiVersion` of ClusterNetworkPolicy. */
export const CLUSTER_POLICY_V1ALPHA2 = 'policy.networking.k8s.io/v1alpha2';

/** The kinds of the cluster-wide policy APIs. */
export enum AdminPolicyKind {
  /** `policy.networking.k8s.io/v1alpha1` AdminNetworkPolicy: the admin tier, with a priority. */
  ADMIN_NETWORK_POLICY = 'AdminNetworkPolicy',
  /** `policy.networking.k8s.io/v1alpha1` BaselineAdminNetworkPolicy: the baseline tier, one object named `default`. */
  BASELINE_ADMIN_NETWORK_POLICY = 'BaselineAdminNetworkPolicy',
  /** `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy: either tier, with a priority. */
  CLUSTER_NETWORK_POLICY = 'ClusterNetworkPolicy',
}

/** The `apiVersion` of each kind this library reads and writes. */
export function apiVersionOfKind(kind: AdminPolicyKind): string {
  return kind === AdminPolicyKind.CLUSTER_NETWORK_POLICY ? CLUSTER_POLICY_V1ALPHA2 : ADMIN_POLICY_V1ALPHA1;
}

/** The kind of a manifest if it is one of the cluster-wide policies this library reads (apiVersion and kind both right). */
export function adminPolicyKindOf(apiVersion: unknown, kind: unknown): AdminPolicyKind | undefined {
  const known = Object.values(AdminPolicyKind).find((k) => k === kind);
  return known !== undefined && apiVersion === apiVersionOfKind(known) ? known : undefined;
}

/** The channel of the CRDs installed in the cluster: the experimental one has more fields. */
export enum CrdChannel {
  /** `config/crd/standard`. */
  STANDARD = 'standard',
  /** `config/crd/experimental`: standard plus the experimental fields (nodes, namedPort, domainNames, ...). */
  EXPERIMENTAL = 'experimental',
}

/** The releases of sigs.k8s.io/network-policy-api whose CRDs this library validates against. */
export enum NetworkPolicyApiRelease {
  /** v0.1.5 (April 2024): ANP/BANP v1alpha1. */
  V0_1_5 = 'v0.1.5',
  /** v0.1.7 (July 2025): ANP/BANP v1alpha1, the last v1alpha1 release (domainNames, `isCIDR`). */
  V0_1_7 = 'v0.1.7',
  /** v0.2.0 (April 2026): ClusterNetworkPolicy v1alpha2. */
  V0_2_0 = 'v0.2.0',
}
