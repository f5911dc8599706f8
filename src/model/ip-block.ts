/**
 * Options of an ipBlock peer.
 */
export interface CidrPeerOptions {
  /**
   * CIDRs inside `cidr` to leave out; each must be a strict subset of `cidr`.
   * @default - nothing is left out
   */
  readonly except?: string[];
}

/**
 * An `ipBlock`: a CIDR with optional exceptions.
 */
export interface IpBlock {
  /** The CIDR, such as `10.0.0.0/16` or `2001:db8::/64`. */
  readonly cidr: string;
  /** The CIDRs inside `cidr` that are left out. */
  readonly except: string[];
}
