/* eslint-disable no-bitwise */ // addresses are bit strings
import { ipString, parseCidrSloppy, parseIpSloppy } from '../model/cidr';
import { IpBlock } from '../model/ip-block';

/**
 * A contiguous range of addresses of one family: a pod IP, an external IP or CIDR, or an ipBlock.
 * Internal to the analysis engine.
 */
export interface AddressRange {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * The addresses of an IP (`10.0.0.1`, `2001:db8::1`) or a CIDR (`10.0.0.0/16`), parsed by the
 * model's CIDR module as the API server and Go's `net.ParseCIDR` read them: host bits of a CIDR
 * are masked off, and an IPv4-mapped IPv6 address or network (prefix 96 or more) is the IPv4 one it
 * stands for, as Go's `IPNet.Contains` treats it. Undefined when malformed.
 */
export function parseAddressRange(text: string): AddressRange | undefined {
  if (text.includes('/')) {
    const cidr = parseCidrSloppy(text);
    if (!cidr) return undefined;
    return toRange(cidr.family, cidr.network, cidr.prefixLength);
  }
  const ip = parseIpSloppy(text);
  if (!ip) return undefined;
  return toRange(ip.family, ip.address, ip.family === 4 ? 32 : 128);
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

function toRange(family: 4 | 6, network: bigint, prefix: number): AddressRange {
  if (family === 6 && prefix >= 96 && network >> 32n === 0xffffn) {
    return toRange(4, network & ~V4_MAPPED_PREFIX, prefix - 96);
  }
  const bits = family === 4 ? 32 : 128;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const first = network & ~hostMask;
  return { family, first, last: first | hostMask };
}

/** Whether `inner` lies wholly inside `outer`. */
export function rangeWithin(inner: AddressRange, outer: AddressRange): boolean {
  return inner.family === outer.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** Whether the two ranges share an address. */
export function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** An ipBlock, parsed once. */
export interface ParsedIpBlock {
  readonly cidr: AddressRange;
  readonly except: AddressRange[];
}

/** The ipBlock's ranges, or undefined when its CIDR is malformed (it then matches nothing). */
export function parseIpBlock(block: IpBlock): ParsedIpBlock | undefined {
  const cidr = parseAddressRange(block.cidr);
  if (!cidr) return undefined;
  const except: AddressRange[] = [];
  for (const e of block.except) {
    const r = parseAddressRange(e);
    if (r) except.push(r);
  }
  return { cidr, except };
}

/**
 * Whether the ipBlock matches every address of `range`: inside the CIDR and outside every
 * exception. A single address is the usual case; a wider range (an external CIDR endpoint) is
 * matched only when the block covers all of it.
 */
export function ipBlockCovers(block: ParsedIpBlock, range: AddressRange): boolean {
  return rangeWithin(range, block.cidr) && !block.except.some((e) => rangesOverlap(e, range));
}

/** A canonical text of a range: `10.0.0.0/24`, `10.0.0.1`, or `first-last`. */
export function formatAddressRange(range: AddressRange): string {
  const bits = range.family === 4 ? 32 : 128;
  const size = range.last - range.first + 1n;
  const prefixBits = size.toString(2).length - 1;
  const isPow2 = (size & (size - 1n)) === 0n && (range.first & (size - 1n)) === 0n;
  if (isPow2) return prefixBits === 0 ? formatIp(range.family, range.first) : `${formatIp(range.family, range.first)}/${bits - prefixBits}`;
  return `${formatIp(range.family, range.first)}-${formatIp(range.family, range.last)}`;
}

function formatIp(family: 4 | 6, value: bigint): string {
  return ipString({ family, address: value });
}
