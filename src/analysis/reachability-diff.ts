import { AddressRange, formatAddressRange, rangeWithin } from './address-range';
import { cutAddressSpace, sameRange } from './address-space';
import { ReachabilityEngine } from './class-engine';
import { ClusterEndpoint } from './cluster-model';
import { PortSet } from './port-set';

/** The change of one ordered pair of endpoints. */
export interface PairChange {
  readonly from: string;
  readonly to: string;
  readonly opened: PortSet;
  readonly closed: PortSet;
}

/** Endpoints that are in the same class before and the same class after (-1: absent on that side). */
export interface DiffGroup {
  readonly before: number;
  readonly after: number;
  /** Endpoint ids, in the order of the before analysis, then the after one's new endpoints, then the address ranges. */
  readonly members: string[];
}

/** What is allowed between two diff groups before and after, and what that opens and closes. */
export interface GroupChange {
  readonly was: PortSet;
  readonly now: PortSet;
  readonly opened: PortSet;
  readonly closed: PortSet;
}

/** The ids of either side grouped by (before class, after class), members as indices into `ids`. */
interface IndexedGroups {
  readonly ids: string[];
  /** The endpoint of each id (an address range: the range as an endpoint of the side that holds it). */
  readonly endpoints: ClusterEndpoint[];
  readonly groups: Array<{ readonly before: number; readonly after: number; readonly members: number[] }>;
  readonly groupOf: Int32Array;
}

function indexGroups(before: ReachabilityEngine, after: ReachabilityEngine): IndexedGroups {
  const ids: string[] = [];
  const endpoints: ClusterEndpoint[] = [];
  const seen = new Set<string>();
  for (const engine of [before, after]) {
    for (const e of engine.cluster.endpoints) if (!e.addressSpace && !seen.has(e.id)) { seen.add(e.id); ids.push(e.id); endpoints.push(e); }
  }
  // The address space, cut at the bounds of both sides: each range lies in one range of each side.
  const ranges = commonRanges(before, after).filter((r) => !seen.has(r.id));
  for (const r of ranges) {
    ids.push(r.id);
    const holder = r.before >= 0 ? before.cluster.endpoints[r.before] : after.cluster.endpoints[r.after];
    endpoints.push({ ...holder, id: r.id, name: r.id, addresses: [r.range] });
  }
  const groupKeys = new Map<string, number>();
  const groups: Array<{ before: number; after: number; members: number[] }> = [];
  const groupOf = new Int32Array(ids.length);
  const rangeStart = ids.length - ranges.length;
  ids.forEach((id, i) => {
    const bi = i >= rangeStart ? ranges[i - rangeStart].before : before.indexOf(id);
    const ai = i >= rangeStart ? ranges[i - rangeStart].after : after.indexOf(id);
    const b = bi < 0 ? -1 : before.classOf[bi];
    const a = ai < 0 ? -1 : after.classOf[ai];
    const key = `${b}:${a}`;
    let g = groupKeys.get(key);
    if (g === undefined) {
      g = groups.length;
      groupKeys.set(key, g);
      groups.push({ before: b, after: a, members: [] });
    }
    groups[g].members.push(i);
    groupOf[i] = g;
  });
  return { ids, endpoints, groups, groupOf };
}

/**
 * The endpoint ids of either side (before's order, then after's new ones, then the address ranges cut
 * at the bounds of both sides), grouped by their (before class, after class): every member pair of two
 * groups changes alike. `endpoint` gives the endpoint of an id.
 */
export function diffGroups(before: ReachabilityEngine, after: ReachabilityEngine): { ids: string[]; groups: DiffGroup[]; endpoint: (id: string) => ClusterEndpoint } {
  const { ids, endpoints, groups } = indexGroups(before, after);
  const byId = new Map(ids.map((id, i) => [id, endpoints[i]]));
  return {
    ids,
    groups: groups.map((g) => ({ before: g.before, after: g.after, members: g.members.map((i) => ids[i]) })),
    endpoint: (id) => byId.get(id)!,
  };
}

/**
 * What changes from one diff group to another. An endpoint on one side only counts as allowing
 * nothing on the other.
 */
export function groupChange(before: ReachabilityEngine, after: ReachabilityEngine, src: Pick<DiffGroup, 'before' | 'after'>, dst: Pick<DiffGroup, 'before' | 'after'>): GroupChange {
  const was = src.before < 0 || dst.before < 0 ? PortSet.EMPTY : before.table.get(before.allowedClassId(src.before, dst.before));
  const now = src.after < 0 || dst.after < 0 ? PortSet.EMPTY : after.table.get(after.allowedClassId(src.after, dst.after));
  if (was === now) return { was, now, opened: PortSet.EMPTY, closed: PortSet.EMPTY };
  return { was, now, opened: now.subtract(was), closed: was.subtract(now) };
}

/**
 * What changed between two analyses, pair by pair, for every ordered pair of endpoint ids of
 * either side, in the order of the ids (before's first, then after's new ones), one at a time. An
 * endpoint on one side only counts as allowing nothing on the other, so all its connections are
 * opened (new endpoint) or closed (removed endpoint).
 *
 * Endpoints are grouped by their (before class, after class): each pair of groups is compared once,
 * when first met, so memory grows with the groups, not with the pairs.
 */
export function* diffEngines(before: ReachabilityEngine, after: ReachabilityEngine): Generator<PairChange> {
  const { ids, groups, groupOf } = indexGroups(before, after);
  const count = groups.length;
  // For each source group, the destination groups whose pair changed, with the change.
  const changedFrom = new Map<number, Array<{ group: number; opened: PortSet; closed: PortSet }>>();
  const changesOf = (src: number): Array<{ group: number; opened: PortSet; closed: PortSet }> => {
    let list = changedFrom.get(src);
    if (list) return list;
    list = [];
    for (let dst = 0; dst < count; dst++) {
      const { opened, closed } = groupChange(before, after, groups[src], groups[dst]);
      if (!opened.isEmpty || !closed.isEmpty) list.push({ group: dst, opened, closed });
    }
    changedFrom.set(src, list);
    return list;
  };
  for (let f = 0; f < ids.length; f++) {
    const changed = changesOf(groupOf[f]);
    if (changed.length === 0) continue;
    const byGroup = new Map(changed.map((c) => [c.group, c]));
    // Destinations in id order: the members of the changed groups, merged.
    const destinations = changed.length === 1
      ? groups[changed[0].group].members
      : changed.flatMap((c) => groups[c.group].members).sort((x, y) => x - y);
    for (const t of destinations) {
      const change = byGroup.get(groupOf[t])!;
      yield { from: ids[f], to: ids[t], opened: change.opened, closed: change.closed };
    }
  }
}

/** A range of the address space cut at the bounds of both sides, with the endpoint of each side that holds it. */
interface CommonRange {
  readonly id: string;
  readonly range: AddressRange;
  /** The index of the endpoint of `before` whose range holds it, or -1. */
  readonly before: number;
  /** The index of the endpoint of `after` whose range holds it, or -1. */
  readonly after: number;
}

/**
 * The ranges of the address space cut at every bound of either side's ranges, in address order;
 * each is named as a side names that very range (`8.8.8.8/32` as the user wrote it), or compactly.
 */
function commonRanges(before: ReachabilityEngine, after: ReachabilityEngine): CommonRange[] {
  const sides = [before, after].map((engine) => engine.cluster.endpoints
    .map((e, index) => ({ e, index, range: e.addresses[0] }))
    .filter((x) => x.e.addressSpace)
    .sort((x, y) => x.range.family - y.range.family || (x.range.first < y.range.first ? -1 : x.range.first > y.range.first ? 1 : 0)));
  if (sides[0].length === 0 && sides[1].length === 0) return [];
  const cut = cutAddressSpace(sides.flatMap((side) => side.map((x) => x.range)));
  // Both lists run in address order: walk each side once.
  const next = [0, 0];
  return cut.map((range) => {
    const holders = sides.map((side, s) => {
      while (next[s] < side.length && !rangeWithin(range, side[next[s]].range) && comesBefore(side[next[s]].range, range)) next[s]++;
      const x = side[next[s]];
      return x !== undefined && rangeWithin(range, x.range) ? x : undefined;
    });
    const exact = holders.find((x) => x !== undefined && sameRange(x.range, range));
    return {
      id: exact ? exact.e.id : formatAddressRange(range),
      range,
      before: holders[0]?.index ?? -1,
      after: holders[1]?.index ?? -1,
    };
  });
}

/** Whether `a` ends before `b` starts (IPv4 before IPv6). */
function comesBefore(a: AddressRange, b: AddressRange): boolean {
  return a.family < b.family || (a.family === b.family && a.last < b.first);
}
