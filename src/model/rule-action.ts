/**
 * What a rule of a cluster-wide policy does with the traffic it matches. The rules of a tier are
 * read in order (priority, then rule order) and the first that matches decides.
 */
export enum RuleAction {
  /**
   * Allow the traffic; nothing of a later tier can deny it (`Allow` in v1alpha1, written `Accept` in
   * v1alpha2 ClusterNetworkPolicy).
   */
  ALLOW = 'Allow',
  /** Deny the traffic; nothing of a later tier can allow it. */
  DENY = 'Deny',
  /**
   * Skip the remaining rules of the admin tier: the NetworkPolicies (and then the baseline) decide.
   * Not in a BaselineAdminNetworkPolicy.
   */
  PASS = 'Pass',
}
