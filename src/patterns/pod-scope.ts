/**
 * Which pods, besides CIDRs, restricted egress may still reach.
 */
export enum PodScope {
  /** No pods: only the CIDRs (and DNS). Pods whose IPs fall in a CIDR are reached through it. */
  NONE = 'None',
  /** The pods of the policy's own namespace (`podSelector: {}`). */
  SAME_NAMESPACE = 'SameNamespace',
  /** Every pod of every namespace (`namespaceSelector: {}`). */
  CLUSTER = 'Cluster',
}
