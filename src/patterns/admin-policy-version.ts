/**
 * The API the cluster-wide pattern constructs write.
 */
export enum AdminPolicyVersion {
  /** AdminNetworkPolicy / BaselineAdminNetworkPolicy `policy.networking.k8s.io/v1alpha1` (Calico 3.29+/3.30+, Antrea, OVN-Kubernetes). */
  V1ALPHA1 = 'v1alpha1',
  /** ClusterNetworkPolicy `policy.networking.k8s.io/v1alpha2` (network-policy-api v0.2.0, Calico 3.32). */
  V1ALPHA2 = 'v1alpha2',
}
