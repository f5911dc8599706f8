/**
 * An IP address range for the linter's overlap questions (internal): a CIDR or a single address,
 * IPv4 or IPv6, as two bigints.
 */
export interface AddressBlock {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/** `10.0.0.0/8`, `10.1.2.3`, `fd00::/8`: the range, or undefined when it does not parse. */
export function parseAddressBlock(text: string): AddressBlock | undefined {
  const [address, prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0) return undefined;
  const parsed = address.includes(':') ? parseV6(address) : parseV4(address);
  if (!parsed) return undefined;
  const bits = parsed.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits || (prefixText !== undefined && !/^\d+$/.test(prefixText))) return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (parsed.value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  return { family: parsed.family, first, last };
}

function parseV4(text: string): { family: 4; value: bigint } | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) + BigInt(Number(part));
  }
  return { family: 4, value };
}

function parseV6(text: string): { family: 6; value: bigint } | undefined {
  let head = text;
  let tail = '';
  const double = text.indexOf('::');
  if (double >= 0) {
    head = text.slice(0, double);
    tail = text.slice(double + 2);
    if (tail.includes('::')) return undefined;
  }
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const headGroups = groups(head);
  const tailGroups = groups(tail);
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const last = tailGroups.length > 0 ? tailGroups : headGroups;
  if (last.length > 0 && last[last.length - 1].includes('.')) {
    const v4 = parseV4(last[last.length - 1]);
    if (!v4) return undefined;
    last.splice(last.length - 1, 1, (v4.value >> 16n).toString(16), (v4.value & 0xffffn).toString(16));
  }
  const missing = 8 - headGroups.length - tailGroups.length;
  if ((double < 0 && missing !== 0) || (double >= 0 && missing < 1)) return undefined;
  let value = 0n;
  for (const g of [...headGroups, ...Array(double >= 0 ? missing : 0).fill('0'), ...tailGroups]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) + BigInt(parseInt(g, 16));
  }
  return { family: 6, value };
}

/** Whether the two ranges share an address. */
export function overlaps(a: AddressBlock, b: AddressBlock): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** Whether `outer` contains all of `inner`. */
export function contains(outer: AddressBlock, inner: AddressBlock): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** Whether some address of `target` is in the ipBlock `cidr` less `except`. */
export function ipBlockReaches(cidr: string, except: readonly string[], target: AddressBlock): boolean {
  const block = parseAddressBlock(cidr);
  if (!block || !overlaps(block, target)) return false;
  const excepts = except.map(parseAddressBlock).filter((e): e is AddressBlock => e !== undefined);
  // Conservative: reached unless one exception covers the whole overlap.
  const overlap: AddressBlock = {
    family: block.family,
    first: block.first > target.first ? block.first : target.first,
    last: block.last < target.last ? block.last : target.last,
  };
  return !excepts.some((e) => contains(e, overlap));
}
