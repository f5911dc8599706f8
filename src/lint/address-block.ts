import { AddressRange, parseAddressRange, ParsedIpBlock, rangesOverlap, rangeWithin } from '../analysis/address-range';

/**
 * An IP or CIDR as a range of addresses, as the analysis parses it (internal; the CLI's
 * `--pod-cidr` check uses it).
 */
export function parseAddressBlock(text: string): AddressRange | undefined {
  return parseAddressRange(text.trim());
}

/**
 * Whether the ipBlock reaches some address of `range`, judged conservatively: the CIDR overlaps
 * the range, and no single exception covers all of the overlap (internal). For a single address
 * this is the analysis's `ipBlockCovers`; for a range (a pod CIDR) it is the question "may this
 * ipBlock match pods there?".
 */
export function ipBlockReaches(block: ParsedIpBlock, range: AddressRange): boolean {
  if (!rangesOverlap(block.cidr, range)) return false;
  const overlap: AddressRange = {
    family: range.family,
    first: block.cidr.first > range.first ? block.cidr.first : range.first,
    last: block.cidr.last < range.last ? block.cidr.last : range.last,
  };
  return !block.except.some((e) => rangeWithin(overlap, e));
}
