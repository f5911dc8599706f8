/**
 * The directions a default-deny policy isolates.
 */
export enum TrafficDirection {
  /** Deny all ingress: nothing may reach the pods unless another policy allows it. */
  INGRESS = 'Ingress',
  /** Deny all egress (but DNS, unless opted out): the pods may reach nothing else unless another policy allows it. */
  EGRESS = 'Egress',
  /** Deny both ingress and egress. */
  BOTH = 'Both',
}
