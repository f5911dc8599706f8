/**
 * A CIDR that egress may go to, less some addresses.
 */
export interface CidrBlock {
  /** The CIDR, such as `10.0.0.0/16` or `2001:db8::/64`. */
  readonly cidr: string;
  /**
   * CIDRs inside `cidr` to leave out; each must be a strict subset of `cidr`.
   * @default - nothing is left out
   */
  readonly except?: string[];
}
