import { ReachabilityEngine } from './class-engine';
import { PortSet } from './port-set';

/** The change of one ordered pair of endpoints. */
export interface PairChange {
  readonly from: string;
  readonly to: string;
  readonly opened: PortSet;
  readonly closed: PortSet;
}

/**
 * What changed between two analyses, pair by pair, for every ordered pair of endpoint ids of
 * either side. An endpoint on one side only counts as allowing nothing on the other, so all its
 * connections are opened (new endpoint) or closed (removed endpoint).
 *
 * Endpoints are grouped by their (before class, after class): each pair of groups is compared once.
 */
export function diffEngines(before: ReachabilityEngine, after: ReachabilityEngine): PairChange[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const engine of [before, after]) {
    for (const e of engine.cluster.endpoints) if (!seen.has(e.id)) { seen.add(e.id); ids.push(e.id); }
  }
  const groupOf = new Map<string, number>();
  const groups: Array<{ b: number; a: number; members: string[] }> = [];
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
      groups.push({ b, a, members: [] });
    }
    groups[g].members.push(id);
  }
  const changes: Array<{ from: string; to: string; order: number; opened: PortSet; closed: PortSet }> = [];
  const order = new Map(ids.map((id, i) => [id, i]));
  for (const src of groups) {
    for (const dst of groups) {
      const was = src.b < 0 || dst.b < 0 ? PortSet.EMPTY : before.table.get(before.allowedClassId(src.b, dst.b));
      const now = src.a < 0 || dst.a < 0 ? PortSet.EMPTY : after.table.get(after.allowedClassId(src.a, dst.a));
      if (was === now) continue;
      const opened = now.subtract(was);
      const closed = was.subtract(now);
      if (opened.isEmpty && closed.isEmpty) continue;
      for (const from of src.members) {
        for (const to of dst.members) changes.push({ from, to, order: order.get(from)! * ids.length + order.get(to)!, opened, closed });
      }
    }
  }
  return changes.sort((x, y) => x.order - y.order).map(({ from, to, opened, closed }) => ({ from, to, opened, closed }));
}
