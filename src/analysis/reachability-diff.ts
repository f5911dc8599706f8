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
 * either side, in the order of the ids (before's first, then after's new ones), one at a time. An
 * endpoint on one side only counts as allowing nothing on the other, so all its connections are
 * opened (new endpoint) or closed (removed endpoint).
 *
 * Endpoints are grouped by their (before class, after class): each pair of groups is compared once,
 * when first met, so memory grows with the groups, not with the pairs.
 */
export function* diffEngines(before: ReachabilityEngine, after: ReachabilityEngine): Generator<PairChange> {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const engine of [before, after]) {
    for (const e of engine.cluster.endpoints) if (!seen.has(e.id)) { seen.add(e.id); ids.push(e.id); }
  }
  const groupKeys = new Map<string, number>();
  const groups: Array<{ b: number; a: number; members: number[] }> = [];
  const groupOf = new Int32Array(ids.length);
  ids.forEach((id, i) => {
    const bi = before.indexOf(id);
    const ai = after.indexOf(id);
    const b = bi < 0 ? -1 : before.classOf[bi];
    const a = ai < 0 ? -1 : after.classOf[ai];
    const key = `${b}:${a}`;
    let g = groupKeys.get(key);
    if (g === undefined) {
      g = groups.length;
      groupKeys.set(key, g);
      groups.push({ b, a, members: [] });
    }
    groups[g].members.push(i);
    groupOf[i] = g;
  });
  const count = groups.length;
  // For each source group, the destination groups whose pair changed, with the change.
  const changedFrom = new Map<number, Array<{ group: number; opened: PortSet; closed: PortSet }>>();
  const changesOf = (src: number): Array<{ group: number; opened: PortSet; closed: PortSet }> => {
    let list = changedFrom.get(src);
    if (list) return list;
    list = [];
    for (let dst = 0; dst < count; dst++) {
      const s = groups[src];
      const d = groups[dst];
      const was = s.b < 0 || d.b < 0 ? PortSet.EMPTY : before.table.get(before.allowedClassId(s.b, d.b));
      const now = s.a < 0 || d.a < 0 ? PortSet.EMPTY : after.table.get(after.allowedClassId(s.a, d.a));
      if (was === now) continue;
      const opened = now.subtract(was);
      const closed = was.subtract(now);
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
