/* eslint-disable no-bitwise -- a byte-level port of Go's net package */
/**
 * IP and CIDR parsing exactly as the Kubernetes API server does it.
 *
 * - Sloppy (legacy) parsing is a port of Go 1.16 `net.ParseIP` / `net.ParseCIDR` as forked in
 *   k8s.io/utils/internal/third_party/forked/golang/net (`ParseIPSloppy`, `ParseCIDRSloppy`):
 *   IPv4 octets with leading zeros are read as decimal, IPv6 takes `::` and an embedded IPv4 tail,
 *   zones are not accepted, the prefix length is decimal digits only.
 * - Strict parsing adds the checks of k8s.io/apimachinery pkg/util/validation/ip.go `parseCIDR`
 *   with strictValidation (Go `netip.ParsePrefix`): no leading zeros, no IPv4-mapped IPv6
 *   address, no bits set beyond the prefix length.
 * - Containment follows Go's `IPNet.Contains` and `IPMask.Size`, including the way Go treats an
 *   IPv4-mapped IPv6 network as an IPv4 one.
 *
 * Internal: this module uses bigint and is not exported through the jsii API.
 */

const IPV4_LEN = 4;
const IPV6_LEN = 16;
/** Go's `big` in net/parse.go: numbers at or above it are overflow. */
const BIG = 0xffffff;

/** An IP address as Go holds it: 4 or 16 bytes. */
type Bytes = number[];

/** A parsed IP address. */
export interface ParsedIp {
  /** 4 for a dotted IPv4 literal, 6 for an IPv6 literal (an IPv4-mapped one included). */
  readonly family: 4 | 6;
  /** The address as a number: 32 bits for family 4, 128 bits for family 6. */
  readonly address: bigint;
}

/** A parsed CIDR. */
export interface ParsedCidr {
  /** 4 when the address part is a dotted IPv4 literal, 6 otherwise (an IPv4-mapped IPv6 one included). */
  readonly family: 4 | 6;
  /** The address as written, host bits included (32 or 128 bits, by family). */
  readonly address: bigint;
  /** The network address: `address` with the bits beyond the prefix length cleared. */
  readonly network: bigint;
  /** The prefix length, 0..32 or 0..128. */
  readonly prefixLength: number;
  /** The address width: 32 or 128. */
  readonly bits: 32 | 128;
}

// ---------------------------------------------------------------------------------------------
// Go 1.16 net/parse.go helpers

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Decimal to integer: [value, characters consumed, ok]. */
function dtoi(s: string): [number, number, boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length && isDigit(s[i]); i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= BIG) return [BIG, i, false];
  }
  if (i === 0) return [0, 0, false];
  return [n, i, true];
}

/** Hexadecimal to integer: [value, characters consumed, ok]. */
function xtoi(s: string): [number, number, boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (isDigit(c)) n = n * 16 + (s.charCodeAt(i) - 48);
    else if (c >= 'a' && c <= 'f') n = n * 16 + (s.charCodeAt(i) - 97 + 10);
    else if (c >= 'A' && c <= 'F') n = n * 16 + (s.charCodeAt(i) - 65 + 10);
    else break;
    if (n >= BIG) return [0, i, false];
  }
  if (i === 0) return [0, i, false];
  return [n, i, true];
}

// ---------------------------------------------------------------------------------------------
// Go 1.16 net/ip.go (forked in k8s.io/utils): parseIPv4, parseIPv6

/** IPv4 in its 16-byte IPv4-in-IPv6 form, as Go's `net.IPv4`. */
function v4InV6(a: number, b: number, c: number, d: number): Bytes {
  return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d];
}

function parseIPv4Bytes(input: string): Bytes | undefined {
  let s = input;
  const p: number[] = [0, 0, 0, 0];
  for (let i = 0; i < IPV4_LEN; i++) {
    if (s.length === 0) return undefined; // missing octets
    if (i > 0) {
      if (s[0] !== '.') return undefined;
      s = s.slice(1);
    }
    const [n, c, ok] = dtoi(s);
    if (!ok || n > 0xff) return undefined;
    // Leading zeros are accepted (and read as decimal): the k8s fork keeps Go 1.16 behaviour.
    s = s.slice(c);
    p[i] = n;
  }
  if (s.length !== 0) return undefined;
  return v4InV6(p[0], p[1], p[2], p[3]);
}

function parseIPv6Bytes(input: string): Bytes | undefined {
  let s = input;
  const ip: number[] = new Array(IPV6_LEN).fill(0);
  let ellipsis = -1;

  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return ip;
  }

  let i = 0;
  while (i < IPV6_LEN) {
    const [n, c, ok] = xtoi(s);
    if (!ok || n > 0xffff) return undefined;

    if (c < s.length && s[c] === '.') {
      if (ellipsis < 0 && i !== IPV6_LEN - IPV4_LEN) return undefined;
      if (i + IPV4_LEN > IPV6_LEN) return undefined;
      const ip4 = parseIPv4Bytes(s);
      if (ip4 === undefined) return undefined;
      ip[i] = ip4[12];
      ip[i + 1] = ip4[13];
      ip[i + 2] = ip4[14];
      ip[i + 3] = ip4[15];
      s = '';
      i += IPV4_LEN;
      break;
    }

    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;

    s = s.slice(c);
    if (s.length === 0) break;

    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);

    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }

  if (s.length !== 0) return undefined;

  if (i < IPV6_LEN) {
    if (ellipsis < 0) return undefined;
    const n = IPV6_LEN - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return undefined; // the ellipsis must stand for at least one group
  }
  return ip;
}

/** Go's `IP.To4`: the 4-byte form of an IPv4 or IPv4-mapped address, else undefined. */
function to4(ip: Bytes): Bytes | undefined {
  if (ip.length === IPV4_LEN) return ip;
  if (ip.length === IPV6_LEN && ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff) {
    return ip.slice(12);
  }
  return undefined;
}

/** Go's `net.CIDRMask(ones, bits)`. */
function cidrMask(ones: number, bits: number): Bytes {
  const mask: number[] = [];
  let n = ones;
  for (let i = 0; i < bits / 8; i++) {
    if (n >= 8) {
      mask.push(0xff);
      n -= 8;
    } else {
      mask.push((0xff << (8 - n)) & 0xff);
      n = 0;
    }
  }
  return mask;
}

/** Go's `IP.Mask`. */
function maskIp(ipIn: Bytes, mask: Bytes): Bytes | undefined {
  let ip = ipIn;
  if (mask.length === IPV6_LEN && ip.length === IPV4_LEN && mask.slice(0, 12).every((b) => b === 0xff)) {
    mask = mask.slice(12);
  }
  if (mask.length === IPV4_LEN && ip.length === IPV6_LEN) {
    const four = to4(ip);
    if (four === undefined) return undefined;
    ip = four;
  }
  if (ip.length !== mask.length) return undefined;
  return ip.map((b, i) => b & mask[i]);
}

/** Go's `*net.IPNet`. */
interface GoIpNet {
  readonly ip: Bytes;
  readonly mask: Bytes;
}

/** Result of Go's ParseCIDR: the address as written (16 bytes) and the network. */
interface GoCidr {
  readonly ip: Bytes;
  readonly net: GoIpNet;
  readonly family: 4 | 6;
  readonly prefixLength: number;
}

function goParseCidr(s: string): GoCidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const maskText = s.slice(slash + 1);
  let iplen = IPV4_LEN;
  let ip = parseIPv4Bytes(addr);
  if (ip === undefined) {
    iplen = IPV6_LEN;
    ip = parseIPv6Bytes(addr);
  }
  const [n, i, ok] = dtoi(maskText);
  if (ip === undefined || !ok || i !== maskText.length || n < 0 || n > 8 * iplen) return undefined;
  const m = cidrMask(n, 8 * iplen);
  const masked = maskIp(ip, m);
  if (masked === undefined) return undefined;
  return { ip, net: { ip: masked, mask: m }, family: iplen === IPV4_LEN ? 4 : 6, prefixLength: n };
}

/** Go's `networkNumberAndMask`. */
function networkNumberAndMask(n: GoIpNet): { ip: Bytes; mask: Bytes } | undefined {
  let ip = to4(n.ip);
  if (ip === undefined) {
    ip = n.ip;
    if (ip.length !== IPV6_LEN) return undefined;
  }
  let m = n.mask;
  switch (m.length) {
    case IPV4_LEN:
      if (ip.length !== IPV4_LEN) return undefined;
      break;
    case IPV6_LEN:
      if (ip.length === IPV4_LEN) m = m.slice(12);
      break;
    default:
      return undefined;
  }
  return { ip, mask: m };
}

/** Go's `IPNet.Contains`. */
function goContains(n: GoIpNet, ipIn: Bytes): boolean {
  const nm = networkNumberAndMask(n);
  if (nm === undefined) return false;
  const ip = to4(ipIn) ?? ipIn;
  if (ip.length !== nm.ip.length) return false;
  for (let i = 0; i < ip.length; i++) {
    if ((nm.ip[i] & nm.mask[i]) !== (ip[i] & nm.mask[i])) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Formatting (Go's IP.String / IPNet.String)

function hex(n: number): string {
  return n.toString(16);
}

function ipBytesToString(ip: Bytes): string {
  const four = to4(ip);
  if (four !== undefined) return four.join('.');
  if (ip.length !== IPV6_LEN) return '?';
  // Longest run of at least two zero groups, first one on ties, becomes "::".
  let e0 = -1;
  let e1 = -1;
  for (let i = 0; i < IPV6_LEN; i += 2) {
    let j = i;
    while (j < IPV6_LEN && ip[j] === 0 && ip[j + 1] === 0) j += 2;
    if (j > i && j - i > e1 - e0) {
      e0 = i;
      e1 = j;
      i = j;
    }
  }
  // "::" must not stand for a single zero group.
  if (e1 - e0 <= 2) {
    e0 = -1;
    e1 = -1;
  }
  let out = '';
  for (let i = 0; i < IPV6_LEN; i += 2) {
    if (i === e0) {
      out += '::';
      i = e1;
      if (i >= IPV6_LEN) break;
    } else if (i > 0) {
      out += ':';
    }
    out += hex((ip[i] << 8) | ip[i + 1]);
  }
  return out;
}

/** The number of leading ones of a canonical mask, or -1 (Go's `simpleMaskLength`). */
function simpleMaskLength(mask: Bytes): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    let v = mask[i];
    if (v === 0xff) {
      n += 8;
      continue;
    }
    while (v !== 0) {
      if ((v & 0x80) === 0) return -1;
      n++;
      v = (v << 1) & 0xff;
    }
    for (i++; i < mask.length; i++) if (mask[i] !== 0) return -1;
    break;
  }
  return n;
}

function ipNetToString(n: GoIpNet): string {
  const nm = networkNumberAndMask(n);
  if (nm === undefined) return '<nil>';
  return `${ipBytesToString(nm.ip)}/${simpleMaskLength(nm.mask)}`;
}

// ---------------------------------------------------------------------------------------------
// Conversions

function bytesToBigint(bytes: Bytes): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function bigintToBytes(n: bigint, length: number): Bytes {
  const out: number[] = new Array(length).fill(0);
  let v = n;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function toParsedCidr(g: GoCidr): ParsedCidr {
  // Go's masked network has the width of the parsed family (4 bytes for IPv4, 16 for IPv6).
  const address = g.family === 4 ? g.ip.slice(12) : g.ip;
  const network = g.net.ip;
  return {
    family: g.family,
    address: bytesToBigint(address),
    network: bytesToBigint(network),
    prefixLength: g.prefixLength,
    bits: g.family === 4 ? 32 : 128,
  };
}

function toGoIpNet(cidr: ParsedCidr): GoIpNet {
  const width = cidr.family === 4 ? IPV4_LEN : IPV6_LEN;
  return { ip: bigintToBytes(cidr.network, width), mask: cidrMask(cidr.prefixLength, width * 8) };
}

function ipToGoBytes(ip: ParsedIp): Bytes {
  if (ip.family === 6) return bigintToBytes(ip.address, IPV6_LEN);
  const [a, b, c, d] = bigintToBytes(ip.address, IPV4_LEN);
  return v4InV6(a, b, c, d);
}

// ---------------------------------------------------------------------------------------------
// Public (internal) API

/**
 * Parse an IP address as `netutils.ParseIPSloppy` (Go 1.16 `net.ParseIP`): the first `.` or `:`
 * decides between IPv4 and IPv6. Undefined when it does not parse.
 */
export function parseIpSloppy(text: string): ParsedIp | undefined {
  if (typeof text !== 'string') return undefined;
  for (const c of text) {
    if (c === '.') {
      const b = parseIPv4Bytes(text);
      return b === undefined ? undefined : { family: 4, address: bytesToBigint(b.slice(12)) };
    }
    if (c === ':') {
      const b = parseIPv6Bytes(text);
      return b === undefined ? undefined : { family: 6, address: bytesToBigint(b) };
    }
  }
  return undefined;
}

/**
 * Parse a CIDR as `netutils.ParseCIDRSloppy` (Go 1.16 `net.ParseCIDR`), the only check of
 * Kubernetes 1.29 and of later releases without StrictIPCIDRValidation. Undefined when it does not parse.
 */
export function parseCidrSloppy(text: string): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  const g = goParseCidr(text);
  return g === undefined ? undefined : toParsedCidr(g);
}

/** Why a CIDR fails strict validation. */
export enum StrictCidrProblem {
  /** Not even `ParseCIDRSloppy` accepts it. */
  UNPARSABLE = 'unparsable',
  /** Leading zeros in an IPv4 octet (or more than 4 hex digits in an IPv6 group), or in the prefix length. */
  LEADING_ZEROS = 'leading-zeros',
  /** An IPv4-mapped IPv6 address such as `::ffff:10.0.0.0/104`. */
  IPV4_MAPPED = 'ipv4-mapped',
  /** Bits set beyond the prefix length, such as `10.0.0.1/8`. */
  HOST_BITS = 'host-bits',
}

/**
 * The first problem that strict CIDR validation (apimachinery `parseCIDR` with
 * strictValidation, i.e. Go `netip.ParsePrefix`) finds, or undefined when the CIDR is strictly valid.
 * The checks run in upstream's order: parse, leading zeros, IPv4-mapped, host bits.
 */
export function strictCidrProblem(text: string): StrictCidrProblem | undefined {
  const g = typeof text === 'string' ? goParseCidr(text) : undefined;
  if (g === undefined) return StrictCidrProblem.UNPARSABLE;
  if (hasLeadingZeros(text)) return StrictCidrProblem.LEADING_ZEROS;
  if (g.family === 6 && to4(g.ip) !== undefined) return StrictCidrProblem.IPV4_MAPPED;
  const written = g.family === 4 ? g.ip.slice(12) : g.ip;
  if (written.some((b, i) => b !== g.net.ip[i])) return StrictCidrProblem.HOST_BITS;
  return undefined;
}

/**
 * Whether `netip.ParsePrefix` would reject a text that `ParseCIDRSloppy` accepts: an IPv4 octet
 * (plain or embedded in IPv6) with a leading zero, an IPv6 group of more than 4 hex digits, or a
 * prefix length with a leading zero.
 */
function hasLeadingZeros(text: string): boolean {
  const slash = text.indexOf('/');
  const addr = text.slice(0, slash);
  const len = text.slice(slash + 1);
  if (len.length > 1 && len[0] === '0') return true;
  const lastColon = addr.lastIndexOf(':');
  const v4Part = addr.includes('.') ? addr.slice(lastColon + 1) : '';
  if (v4Part.split('.').some((octet) => octet.length > 1 && octet[0] === '0')) return true;
  const v6Part = lastColon >= 0 ? addr.slice(0, addr.includes('.') ? lastColon : addr.length) : '';
  return v6Part.split(':').some((group) => group.length > 4);
}

/**
 * The network as Go prints it (`IPNet.String()`): host bits cleared, IPv6 in RFC 5952 form, and an
 * IPv4-mapped network with a prefix of 96 or more printed as the IPv4 network it stands for
 * (`::ffff:10.0.0.0/104` is `10.0.0.0/8`).
 */
export function maskedCidrString(cidr: ParsedCidr): string {
  return ipNetToString(toGoIpNet(cidr));
}

/** The address as Go prints it (`IP.String()`); an IPv4-mapped IPv6 address prints as IPv4. */
export function ipString(ip: ParsedIp): string {
  return ipBytesToString(ipToGoBytes(ip));
}

/**
 * Whether the network contains the address, as Go's `IPNet.Contains`: an IPv4 address and an
 * IPv4-mapped IPv6 address are the same address, and an IPv4-mapped network with a prefix of 96 or
 * more behaves as the IPv4 network it stands for. Otherwise the families must match.
 */
export function cidrContains(cidr: ParsedCidr, ip: ParsedIp): boolean {
  return goContains(toGoIpNet(cidr), ipToGoBytes(ip));
}

/** The network address of a CIDR as an IP (for `cidrContains(outer, networkIp(inner))`). */
export function networkIp(cidr: ParsedCidr): ParsedIp {
  return { family: cidr.family, address: cidr.network };
}

/**
 * Whether `inner` is a strict subset of `outer` exactly as the API server checks an `ipBlock.except`
 * entry: `outer.Contains(inner.IP) && outerOnes < innerOnes`, with Go's `Mask.Size()` ones (the
 * prefix length as written, so `::ffff:10.0.0.0/104` counts 104).
 */
export function isStrictSubset(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return cidrContains(outer, networkIp(inner)) && outer.prefixLength < inner.prefixLength;
}
