/* eslint-disable no-bitwise */ // addresses are bit strings
import { AddressRange, formatAddressRange, parseIpBlock } from './address-range';
import { ClusterEndpoint, EXTERNAL_KIND } from './cluster-model';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { PeerKind } from '../model/peer';

/** The last address of each family. */
const LAST: { [family: number]: bigint } = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/**
 * The ranges the IPv4 and IPv6 address spaces fall into when cut at every bound of the given
 * ranges: each ipBlock `cidr` and `except` of the policies, and the addresses the user named. No
 * ipBlock tells two addresses of one range apart, so each range is one endpoint outside the
 * cluster; together they cover every address exactly once, IPv4 first, in address order.
 */
export function cutAddressSpace(bounds: readonly AddressRange[]): AddressRange[] {
  const out: AddressRange[] = [];
  for (const family of [4, 6] as const) {
    // A cut is the first address of a range: a range's first address, and the one after its last.
    const cuts = new Set<bigint>([0n]);
    for (const r of bounds) {
      if (r.family !== family) continue;
      cuts.add(r.first);
      if (r.last < LAST[family]) cuts.add(r.last + 1n);
    }
    const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    starts.forEach((first, i) => out.push({ family, first, last: i + 1 < starts.length ? starts[i + 1] - 1n : LAST[family] }));
  }
  return out;
}

/** Every range an ipBlock of the policies names: its `cidr` and each of its `except`. */
export function ipBlockBounds(policies: readonly NetworkPolicyModel[]): AddressRange[] {
  const out: AddressRange[] = [];
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        if (peer.kind !== PeerKind.IP_BLOCK || !peer.ipBlock) continue;
        const block = parseIpBlock(peer.ipBlock);
        if (block) out.push(block.cidr, ...block.except);
      }
    }
  }
  return out;
}

/** The fewest CIDRs that cover exactly the range, in address order (`10.0.0.0/8` is one). */
export function rangeCidrs(range: AddressRange): string[] {
  const bits = range.family === 4 ? 32 : 128;
  const out: string[] = [];
  let first = range.first;
  while (first <= range.last) {
    // The largest aligned block that starts at `first` and ends within the range.
    let size = 0;
    while (size < bits && (first & ((1n << BigInt(size + 1)) - 1n)) === 0n && first + (1n << BigInt(size + 1)) - 1n <= range.last) size++;
    const block = { family: range.family, first, last: first + (1n << BigInt(size)) - 1n };
    const text = formatAddressRange(block);
    out.push(text.includes('/') ? text : `${text}/${bits}`);
    first = block.last + 1n;
  }
  return out;
}

/** The endpoint of a range of the cut address space: its id is the range, written compactly. */
export function addressSpaceEndpoint(range: AddressRange): ClusterEndpoint {
  const id = formatAddressRange(range);
  return {
    id,
    kind: EXTERNAL_KIND,
    name: id,
    labels: {},
    containerPorts: [],
    addresses: [range],
    hostNetwork: false,
    external: true,
    owned: false,
    addressSpace: true,
  };
}

/** Whether two ranges are the same addresses. */
export function sameRange(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.first === b.first && a.last === b.last;
}
