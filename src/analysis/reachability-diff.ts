import { ReachabilityEngine } from './class-engine';
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
  /** Endpoint ids, in the order of the before analysis, then the after one's new endpoints. */
  readonly members: string[];
}

/** What is allowed between two diff groups before and after, and what that opens and closes. */
export interface GroupChange {
  readonly was: PortSet;
  readonly now: PortSet;
  readonly opened: PortSet;
  readonly closed: PortSet;
}

/**
 * The endpoint ids of either side (before's order, then after's new ones), grouped by their
 * (before class, after class): every member pair of two groups changes alike.
 */
export function diffGroups(before: ReachabilityEngine, after: ReachabilityEngine): { ids: string[]; groups: DiffGroup[] } {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const engine of [before, after]) {
    for (const e of engine.cluster.endpoints) if (!seen.has(e.id)) { seen.add(e.id); ids.push(e.id); }
  }
  const groupOf = new Map<string, number>();
  const groups: DiffGroup[] = [];
  for (const id of ids) {
    const bi = before.indexOf(id);
    const ai = after.indexOf(id);
    const b = bi < 0 ? -1 : before.classOf[bi];
    const a = ai < 0 ? -1 : after.classOf[ai];
    const key = `${b}:${a}`;
    let g = groupOf.get(key);
    if (g === undefined) {
      g = groups.length;
      groupOf.set(key, g);
      groups.push({ before: b, after: a, members: [] });
    }
    groups[g].members.push(id);
  }
  return { ids, groups };
}

/**
 * What changes from one diff group to another. An endpoint on one side only counts as allowing
 * nothing on the other.
 */
export function groupChange(before: ReachabilityEngine, after: ReachabilityEngine, src: DiffGroup, dst: DiffGroup): GroupChange {
  const was = src.before < 0 || dst.before < 0 ? PortSet.EMPTY : before.table.get(before.allowedClassId(src.before, dst.before));
  const now = src.after < 0 || dst.after < 0 ? PortSet.EMPTY : after.table.get(after.allowedClassId(src.after, dst.after));
  if (was === now) return { was, now, opened: PortSet.EMPTY, closed: PortSet.EMPTY };
  return { was, now, opened: now.subtract(was), closed: was.subtract(now) };
}

/**
 * What changed between two analyses, pair by pair, for every ordered pair of endpoint ids of
 * either side. An endpoint on one side only counts as allowing nothing on the other, so all its
 * connections are opened (new endpoint) or closed (removed endpoint).
 *
 * Endpoints are grouped by their (before class, after class): each pair of groups is compared once.
 */
export function diffEngines(before: ReachabilityEngine, after: ReachabilityEngine): PairChange[] {
  const { ids, groups } = diffGroups(before, after);
  const changes: Array<{ from: string; to: string; order: number; opened: PortSet; closed: PortSet }> = [];
  const order = new Map(ids.map((id, i) => [id, i]));
  for (const src of groups) {
    for (const dst of groups) {
      const { opened, closed } = groupChange(before, after, src, dst);
      if (opened.isEmpty && closed.isEmpty) continue;
      for (const from of src.members) {
        for (const to of dst.members) changes.push({ from, to, order: order.get(from)! * ids.length + order.get(to)!, opened, closed });
      }
    }
  }
  return changes.sort((x, y) => x.order - y.order).map(({ from, to, opened, closed }) => ({ from, to, opened, closed }));
}
