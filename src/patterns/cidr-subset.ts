/**
 * The API server's check that an `except` is a strict subset of its `cidr` (Kubernetes
 * `ValidateIPBlock`: the CIDR contains the except's address and has a shorter prefix), for the
 * pattern constructs to refuse a bad except at construction with the construct's path.
 *
 * Only well-formed input is judged here; anything this parser does not read is left to the
 * NetworkPolicy's synth validation, so that nothing the API server accepts is refused.
 *
 * Internal: not part of the jsii API.
 */

interface SimpleCidr {
  readonly bits: 32 | 128;
  readonly address: bigint;
  readonly prefixLength: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = BigInt(0);
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << BigInt(8)) + BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const items = s.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseIpv4(item);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> BigInt(16)), Number(v4 & BigInt(0xffff)));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return undefined;
        out.push(parseInt(item, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << BigInt(16)) + BigInt(g), BigInt(0));
}

/** Parse `a.b.c.d/n` or an IPv6 CIDR; undefined when not well-formed. */
export function parseSimpleCidr(text: string): SimpleCidr | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const prefixLength = Number(match[2]);
  if (!match[1].includes(':')) {
    const address = parseIpv4(match[1]);
    if (address === undefined || prefixLength > 32) return undefined;
    return { bits: 32, address, prefixLength };
  }
  const address = parseIpv6(match[1]);
  if (address === undefined || prefixLength > 128) return undefined;
  return { bits: 128, address, prefixLength };
}

/** Whether a bare IP (no prefix) is well-formed, and its family. */
export function ipFamily(text: string): 4 | 6 | undefined {
  if (parseIpv4(text) !== undefined) return 4;
  if (text.includes(':') && parseIpv6(text) !== undefined) return 6;
  return undefined;
}

/**
 * Why `except` is not a strict subset of `cidr`, or undefined when it is (or when either is not
 * well-formed, which the synth validation reports).
 */
export function exceptProblem(cidr: string, except: string): string | undefined {
  const outer = parseSimpleCidr(cidr);
  const inner = parseSimpleCidr(except);
  if (outer === undefined || inner === undefined) return undefined;
  if (outer.bits !== inner.bits) return `'${except}' is not of the same IP family as '${cidr}'`;
  const shift = BigInt(outer.bits - outer.prefixLength);
  const contained = (outer.address >> shift) === (inner.address >> shift);
  if (!contained) return `'${except}' is outside '${cidr}'`;
  if (inner.prefixLength <= outer.prefixLength) return `'${except}' is not smaller than '${cidr}' (an except must be a strict subset)`;
  return undefined;
}
