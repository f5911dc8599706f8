import { ipToNumber, isIpv4, numberToIp, unusableAddress } from './lab-addresses';

/*
 * Addresses alike to a set of policies: two addresses between the same two bounds of every ipBlock
 * cidr and except are matched by exactly the same ipBlocks, so one can stand for the other in the lab
 * without changing what the policies mean.
 */
/** The IPv4 bounds of every ipBlock cidr and except of the policies: addresses between two bounds are alike to them. */
export function ipBlockBounds(policies: readonly any[]): number[] {
  const bounds = new Set<number>([0, 2 ** 32]);
  const add = (cidr: unknown) => {
    if (typeof cidr !== 'string') return;
    const [ip, bits] = cidr.split('/');
    if (!isIpv4(ip) || !/^\d+$/.test(bits ?? '') || Number(bits) > 32) return;
    const size = 2 ** (32 - Number(bits));
    const first = Math.floor(ipToNumber(ip) / size) * size;
    bounds.add(first);
    bounds.add(first + size);
  };
  for (const p of policies) {
    for (const rule of [...(p?.spec?.ingress ?? []), ...(p?.spec?.egress ?? [])]) {
      for (const peer of [...(rule?.from ?? []), ...(rule?.to ?? [])]) {
        if (!peer?.ipBlock) continue;
        add(peer.ipBlock.cidr);
        for (const e of peer.ipBlock.except ?? []) add(e);
      }
    }
  }
  return [...bounds].sort((a, b) => a - b);
}

/** Skips the ranges the lab cannot use: the next usable address at or after n, or undefined. */
function nextUsable(n: number): number | undefined {
  for (let guard = 0; guard < 8; guard++) {
    const ip = numberToIp(n);
    if (n >= ipToNumber('224.0.0.0')) return undefined;
    if (unusableAddress(ip) === undefined) return n;
    if (n < ipToNumber('1.0.0.0')) n = ipToNumber('1.0.0.0');
    else if (ip.startsWith('127.')) n = ipToNumber('128.0.0.0');
    else if (ip.startsWith('100.64.0.')) n = ipToNumber('100.64.1.0');
    else if (ip.startsWith('10.43.')) n = ipToNumber('10.44.0.0');
    else return undefined;
  }
  return undefined;
}

/** A free usable address in the same interval between bounds as `ip`, or undefined. */
export function equivalentAddress(ip: string, bounds: readonly number[], taken: ReadonlySet<string>): string | undefined {
  const n = ipToNumber(ip);
  let lo = 0, hi = 2 ** 32;
  for (const b of bounds) {
    if (b <= n) {lo = b;} else {
      hi = b;
      break;
    }
  }
  let candidate = nextUsable(lo);
  for (let tries = 0; candidate !== undefined && candidate < hi && tries < 4096; tries++) {
    const text = numberToIp(candidate);
    if (!taken.has(text)) return text;
    candidate = nextUsable(candidate + 1);
  }
  return undefined;
}
