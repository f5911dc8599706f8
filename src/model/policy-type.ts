/**
 * A direction of traffic that a policy isolates (`spec.policyTypes`).
 */
export enum PolicyType {
  /** Traffic that enters the selected pods. */
  INGRESS = 'Ingress',
  /** Traffic that leaves the selected pods. */
  EGRESS = 'Egress',
}
