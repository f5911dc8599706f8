/**
 * The API in which egress to domain names is written.
 */
export enum DomainPolicyDialect {
  /** Cilium `CiliumNetworkPolicy` with `toFQDNs` and the DNS rule that lets Cilium's DNS proxy see the lookups. */
  CILIUM = 'cilium',
  /** Calico Enterprise (or Calico Cloud) `projectcalico.org/v3` NetworkPolicy with `destination.domains`. */
  CALICO_ENTERPRISE = 'calico-enterprise',
}
