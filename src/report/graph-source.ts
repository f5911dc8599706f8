import { ReachabilityEngine } from '../analysis/class-engine';
import { ClusterEndpoint } from '../analysis/cluster-model';
import { PortSetTable } from '../analysis/port-set-table';
import { diffGroups, groupChange } from '../analysis/reachability-diff';

/** What an edge of the graph stands for. */
export enum EdgeKind {
  /** Allowed (the graph of one analysis). */
  ALLOWED = 'allowed',
  /** Allowed after and not before (a diff). */
  OPENED = 'opened',
  /** Allowed before and not after (a diff). */
  CLOSED = 'closed',
  /** Allowed before and after (a diff). */
  KEPT = 'kept',
}

/** A set of endpoints of one namespace (or outside the cluster) that the analysis cannot tell apart. */
export interface EndpointGroup {
  /** The namespace; undefined outside the cluster. */
  readonly namespace?: string;
  readonly external: boolean;
  /** The members, as endpoints of the source (before's, then after's new ones, for a diff). */
  readonly members: ClusterEndpoint[];
}

/**
 * The analysis's results as the pictures read them: groups of endpoints that every policy treats
 * alike (an equivalence class of the engine, split by namespace; for a diff, the endpoints in the
 * same class before and the same class after), and what is allowed from group to group. The
 * writers draw these; they compute no reachability of their own.
 */
export interface GraphSource {
  readonly groups: EndpointGroup[];
  /** The kinds of edges, in the order `value` fills them. */
  readonly kinds: EdgeKind[];
  /** The table that the ids of `value` refer to. */
  readonly table: PortSetTable;
  /** Fills `out` with the port set id of each kind from one group to another (by index). */
  value(from: number, to: number, out: number[]): void;
}

/** The graph source of one analysis: its classes split by namespace, and its class matrix. */
export function analysisSource(engine: ReachabilityEngine): GraphSource {
  const endpoints = engine.cluster.endpoints;
  const byKey = new Map<string, number>();
  const groups: Array<EndpointGroup & { cls: number }> = [];
  endpoints.forEach((e, i) => {
    const cls = engine.classOf[i];
    const key = `${cls}|${e.external ? '' : e.namespace ?? ''}`;
    let g = byKey.get(key);
    if (g === undefined) {
      g = groups.length;
      byKey.set(key, g);
      groups.push({ cls, namespace: e.external ? undefined : e.namespace, external: e.external, members: [] });
    }
    groups[g].members.push(e);
  });
  return {
    groups,
    kinds: [EdgeKind.ALLOWED],
    table: engine.table,
    value: (from, to, out) => {
      out[0] = engine.allowedClassId(groups[from].cls, groups[to].cls);
    },
  };
}

/** The graph source of a diff: groups by (class before, class after, namespace); opened, closed, kept. */
export function diffSource(before: ReachabilityEngine, after: ReachabilityEngine): GraphSource {
  const { groups: classGroups, endpoint: endpointOf } = diffGroups(before, after);
  const byKey = new Map<string, number>();
  const groups: Array<EndpointGroup & { diffGroup: number }> = [];
  classGroups.forEach((dg, d) => {
    for (const id of dg.members) {
      const e = endpointOf(id);
      const key = `${d}|${e.external ? '' : e.namespace ?? ''}`;
      let g = byKey.get(key);
      if (g === undefined) {
        g = groups.length;
        byKey.set(key, g);
        groups.push({ diffGroup: d, namespace: e.external ? undefined : e.namespace, external: e.external, members: [] });
      }
      groups[g].members.push(e);
    }
  });
  // The change between two class groups, interned once for all the namespace groups they split into.
  const table = new PortSetTable();
  const cache = new Map<number, [number, number, number]>();
  const n = classGroups.length;
  return {
    groups,
    kinds: [EdgeKind.OPENED, EdgeKind.CLOSED, EdgeKind.KEPT],
    table,
    value: (from, to, out) => {
      const key = groups[from].diffGroup * n + groups[to].diffGroup;
      let ids = cache.get(key);
      if (!ids) {
        const change = groupChange(before, after, classGroups[groups[from].diffGroup], classGroups[groups[to].diffGroup]);
        ids = [table.intern(change.opened), table.intern(change.closed), table.intern(change.was.intersect(change.now))];
        cache.set(key, ids);
      }
      out[0] = ids[0];
      out[1] = ids[1];
      out[2] = ids[2];
    },
  };
}
