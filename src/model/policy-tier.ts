/**
 * The tier of a cluster-wide policy. The tiers are evaluated in this order: Admin, then the
 * namespaces' NetworkPolicies, then Baseline; traffic that none decides is allowed.
 */
export enum PolicyTier {
  /** Before NetworkPolicies: what namespaces cannot override (AdminNetworkPolicy, or `tier: Admin`). */
  ADMIN = 'Admin',
  /** After NetworkPolicies: defaults that a namespace's policies override (BaselineAdminNetworkPolicy, or `tier: Baseline`). */
  BASELINE = 'Baseline',
}
