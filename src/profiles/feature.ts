/**
 * A part of `networking.k8s.io/v1` NetworkPolicy that network plugins implement differently, or one of
 * the cluster-wide policy APIs of `policy.networking.k8s.io`, which plugins implement or not.
 */
export enum Feature {
  /** Ingress rules (`policyTypes: [Ingress]`, `spec.ingress`). */
  INGRESS = 'ingress',
  /** Egress rules (`policyTypes: [Egress]`, `spec.egress`). */
  EGRESS = 'egress',
  /** An `ipBlock` with `except` CIDRs. */
  IP_BLOCK_EXCEPT = 'ipBlock-except',
  /** An `ipBlock` matching traffic of pods by their pod IPs (Kubernetes says ipBlock "should be cluster-external IPs"). */
  IP_BLOCK_POD_IPS = 'ipBlock-pod-ips',
  /** A named port (`port: http`), resolved against the destination pods' container ports. */
  NAMED_PORTS = 'named-ports',
  /** A port range (`port` with `endPort`, GA in Kubernetes 1.25). */
  END_PORT = 'endPort',
  /** `protocol: SCTP`. */
  SCTP = 'sctp',
  /** Isolating pods with `hostNetwork: true` (selecting them by `podSelector`). */
  HOST_NETWORK_PODS = 'hostNetwork-pods',
  /** The `AdminNetworkPolicy` API (`policy.networking.k8s.io/v1alpha1`): a plugin that does not implement it ignores every such object. */
  ADMIN_NETWORK_POLICY = 'AdminNetworkPolicy',
  /** The `BaselineAdminNetworkPolicy` API (`policy.networking.k8s.io/v1alpha1`). */
  BASELINE_ADMIN_NETWORK_POLICY = 'BaselineAdminNetworkPolicy',
  /** The `ClusterNetworkPolicy` API (`policy.networking.k8s.io/v1alpha2`, tiers Admin and Baseline). */
  CLUSTER_NETWORK_POLICY = 'ClusterNetworkPolicy',
  /** Calico's own policies (`projectcalico.org/v3` NetworkPolicy, GlobalNetworkPolicy, network sets): only Calico's Felix enforces them. */
  CALICO_POLICY = 'projectcalico.org/v3',
  /** Cilium's own policies (`cilium.io/v2` CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy): only Cilium enforces them. */
  CILIUM_POLICY = 'cilium.io/v2',
}

/** Every feature, in a stable order. */
export const ALL_FEATURES: Feature[] = [
  Feature.INGRESS,
  Feature.EGRESS,
  Feature.IP_BLOCK_EXCEPT,
  Feature.IP_BLOCK_POD_IPS,
  Feature.NAMED_PORTS,
  Feature.END_PORT,
  Feature.SCTP,
  Feature.HOST_NETWORK_PODS,
  Feature.ADMIN_NETWORK_POLICY,
  Feature.BASELINE_ADMIN_NETWORK_POLICY,
  Feature.CLUSTER_NETWORK_POLICY,
  Feature.CALICO_POLICY,
  Feature.CILIUM_POLICY,
];

