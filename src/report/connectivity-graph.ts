import { EdgeKind, EndpointGroup, GraphSource } from './graph-source';
import { compactPortLabel } from './port-label';
import { withoutCdk8sHash } from '../analysis/endpoint-reference';
import { PortSet } from '../analysis/port-set';
import { PortSetTable } from '../analysis/port-set-table';

/** How much a picture may draw before it folds. */
export interface GraphLimits {
  /** The most nodes drawn: beyond, namespaces are drawn as one node each (largest first). */
  readonly maxNodes: number;
  /** The most edges drawn: beyond, every namespace is folded, then the least important edges are left out (and counted). */
  readonly maxEdges: number;
}

/** Limits for DOT, SVG and the HTML report: readable at a glance. */
export const DEFAULT_GRAPH_LIMITS: GraphLimits = { maxNodes: 40, maxEdges: 150 };

/** What a node of the graph stands for. */
export enum NodeKind {
  /** Endpoints of one namespace that the analysis cannot tell apart (one class). */
  CLASS = 'class',
  /** A whole namespace, folded. */
  NAMESPACE = 'namespace',
  /** Several namespaces, folded into one node. */
  OTHER_NAMESPACES = 'other-namespaces',
  /** An address range outside the cluster. */
  EXTERNAL = 'external',
  /** Every external range, folded. */
  EXTERNALS = 'externals',
}

export interface GraphNode {
  /** `n0`, `n1`, ...: safe in DOT, Mermaid and HTML ids. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The namespace it is drawn in (its cluster/subgraph); undefined when drawn outside any. */
  readonly namespace?: string;
  /** Short text lines to draw. */
  readonly lines: string[];
  /** The endpoint ids it stands for. */
  readonly members: string[];
  /** How many groups of indistinguishable endpoints it merges (1 for a class). */
  readonly groupCount: number;
}

export interface GraphEdge {
  /** `e0`, `e1`, ... */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** The ports: for a folded edge, those that some pair of its members has. */
  readonly ports: PortSet;
  /** The ports as a compact label (`TCP 80, 443; UDP 53`, `all`), with `+`/`-` for opened/closed. */
  readonly label: string;
  /** Whether every member pair has exactly these ports (false for a folded edge that merges different answers). */
  readonly uniform: boolean;
  /** How many ordered endpoint pairs have something of this kind. */
  readonly pairs: number;
  /** One endpoint pair it stands for (to explain). */
  readonly sample: { readonly from: string; readonly to: string };
}

/** A connectivity graph, ready to be written: nodes in namespaces, edges with labels, and what was folded. */
export interface ConnectivityGraph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** The namespaces drawn as clusters, in order. */
  readonly namespaces: string[];
  /** What was folded or left out, as sentences (empty when everything is drawn). */
  readonly folded: string[];
  /** Whether it is the graph of a diff. */
  readonly diff: boolean;
  readonly endpointCount: number;
  /** The number of groups of endpoints that the analysis cannot tell apart (class by namespace). */
  readonly groupCount: number;
}

/** How each group is drawn: the node it belongs to. */
interface Placement {
  readonly nodeOf: Int32Array;
  readonly nodes: GraphNode[];
}

/**
 * Builds the graph of a source within limits: one node per group of indistinguishable endpoints,
 * folding namespaces (largest first) into single nodes when there are too many, then many small
 * namespaces into one node; edges merge what their nodes' member groups allow.
 */
export function buildGraph(source: GraphSource, limits: GraphLimits = DEFAULT_GRAPH_LIMITS): ConnectivityGraph {
  const groups = source.groups;
  const namespaces = namespaceOrder(groups);
  const groupsIn = new Map<string, number>();
  for (const g of groups) if (!g.external) groupsIn.set(g.namespace!, (groupsIn.get(g.namespace!) ?? 0) + 1);
  const externals = groups.filter((g) => g.external).length;
  const folded = new Set<string>();
  const other = new Set<string>();
  let externalsFolded = externals > Math.max(3, Math.floor(limits.maxNodes / 4));
  const nodeCount = (): number => {
    let n = other.size > 0 ? 1 : 0;
    for (const ns of namespaces) if (!other.has(ns)) n += folded.has(ns) ? 1 : groupsIn.get(ns)!;
    return n + (externals === 0 ? 0 : externalsFolded ? 1 : externals);
  };
  const foldLargest = (): boolean => {
    let best: string | undefined;
    for (const ns of namespaces) {
      if (folded.has(ns) || groupsIn.get(ns)! < 2) continue;
      if (best === undefined || groupsIn.get(ns)! > groupsIn.get(best)!) best = ns;
    }
    if (best === undefined) return false;
    folded.add(best);
    return true;
  };
  while (nodeCount() > limits.maxNodes && foldLargest());
  if (nodeCount() > limits.maxNodes && externals > 1) externalsFolded = true;
  // Still too many: the namespaces with the fewest endpoints go into one node.
  const sizes = new Map<string, number>();
  for (const g of groups) if (!g.external) sizes.set(g.namespace!, (sizes.get(g.namespace!) ?? 0) + g.members.length);
  const bySize = [...namespaces].sort((a, b) => sizes.get(a)! - sizes.get(b)!);
  while (nodeCount() > limits.maxNodes && bySize.length > 1) other.add(bySize.shift()!);
  if (other.size === 1) other.clear();

  let placement = place(groups, namespaces, folded, other, externalsFolded);
  let edges = aggregateEdges(source, placement);
  if (edges.length > limits.maxEdges) {
    let more = false;
    while (foldLargest()) more = true;
    if (more) {
      placement = place(groups, namespaces, folded, other, externalsFolded);
      edges = aggregateEdges(source, placement);
    }
  }
  const notes = foldNotes(groups, folded, other, externalsFolded);
  if (externals > 1) notes.push('traffic between external ranges is not drawn: no NetworkPolicy governs it');
  if (edges.length > limits.maxEdges) {
    // The most important first: what a change opens or closes, then what concerns the most pairs.
    const rank = (e: GraphEdge): number => (e.kind === EdgeKind.KEPT ? 1 : 0);
    const cut = edges.length - limits.maxEdges;
    edges = [...edges].sort((a, b) => rank(a) - rank(b) || b.pairs - a.pairs).slice(0, limits.maxEdges);
    const which = source.kinds.length > 1 ? 'those that open or close something first, then those that concern the most endpoint pairs' : 'those that concern the most endpoint pairs';
    notes.push(`${cut} of ${cut + limits.maxEdges} edges are not drawn: ${limits.maxEdges} are, ${which} (the JSON output has every pair)`);
  }
  const nodeOrder = new Map(placement.nodes.map((n, i) => [n.id, i]));
  edges.sort((a, b) => nodeOrder.get(a.from)! - nodeOrder.get(b.from)! || nodeOrder.get(a.to)! - nodeOrder.get(b.to)!);
  const withIds = edges.map((e, i) => ({ ...e, id: `e${i}` }));
  const drawnNamespaces = namespaces.filter((ns) => placement.nodes.some((n) => n.namespace === ns));
  return {
    nodes: placement.nodes,
    edges: withIds,
    namespaces: drawnNamespaces,
    folded: notes,
    diff: source.kinds.length > 1,
    endpointCount: groups.reduce((n, g) => n + g.members.length, 0),
    groupCount: groups.length,
  };
}

/** The namespaces of the groups, in order of first appearance. */
function namespaceOrder(groups: readonly EndpointGroup[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const g of groups) {
    if (g.external || seen.has(g.namespace!)) continue;
    seen.add(g.namespace!);
    out.push(g.namespace!);
  }
  return out;
}

function place(
  groups: readonly EndpointGroup[], namespaces: readonly string[], folded: ReadonlySet<string>, other: ReadonlySet<string>, externalsFolded: boolean,
): Placement {
  const nodeOf = new Int32Array(groups.length);
  const nodes: Array<{ kind: NodeKind; namespace?: string; groups: number[] }> = [];
  const byKey = new Map<string, number>();
  const nodeFor = (key: string, kind: NodeKind, namespace?: string): number => {
    let n = byKey.get(key);
    if (n === undefined) {
      n = nodes.length;
      byKey.set(key, n);
      nodes.push({ kind, namespace, groups: [] });
    }
    return n;
  };
  // Nodes in namespace order (so clusters are contiguous), externals last.
  const order = groups.map((_, i) => i).sort((a, b) => rankOf(groups[a]) - rankOf(groups[b]) || a - b);
  function rankOf(g: EndpointGroup): number {
    if (g.external) return namespaces.length + 1;
    return other.has(g.namespace!) ? namespaces.length : namespaces.indexOf(g.namespace!);
  }
  for (const i of order) {
    const g = groups[i];
    let n: number;
    if (g.external) n = externalsFolded ? nodeFor('externals', NodeKind.EXTERNALS) : nodeFor(`g${i}`, NodeKind.EXTERNAL);
    else if (other.has(g.namespace!)) n = nodeFor('other', NodeKind.OTHER_NAMESPACES);
    else if (folded.has(g.namespace!)) n = nodeFor(`ns:${g.namespace}`, NodeKind.NAMESPACE, g.namespace);
    else n = nodeFor(`g${i}`, NodeKind.CLASS, g.namespace);
    nodes[n].groups.push(i);
    nodeOf[i] = n;
  }
  return {
    nodeOf,
    nodes: nodes.map((n, i) => {
      const members = n.groups.flatMap((g) => groups[g].members);
      return {
        id: `n${i}`,
        kind: n.kind,
        namespace: n.kind === NodeKind.CLASS ? n.namespace : undefined,
        lines: nodeLines(n.kind, n.namespace, n.groups.map((g) => groups[g])),
        members: members.map((e) => e.id),
        groupCount: n.groups.length,
      };
    }),
  };
}

/** The text of a node: who it is, and how many it stands for. */
function nodeLines(kind: NodeKind, namespace: string | undefined, groups: readonly EndpointGroup[]): string[] {
  const members = groups.flatMap((g) => g.members);
  const count = `${members.length} ${members.length === 1 ? 'endpoint' : 'endpoints'}`;
  const classes = `${groups.length} ${groups.length === 1 ? 'class' : 'classes'}`;
  switch (kind) {
    case NodeKind.NAMESPACE:
      return [`namespace ${namespace}`, `${count}, ${classes} (folded)`];
    case NodeKind.OTHER_NAMESPACES: {
      const names = [...new Set(groups.map((g) => g.namespace!))];
      return [`${names.length} other namespaces`, `${count}, ${classes} (folded)`];
    }
    case NodeKind.EXTERNALS:
      return [`${members.length} external ranges`, '(folded)'];
    case NodeKind.EXTERNAL:
      return [members[0].name, 'outside the cluster'];
    default: {
      const names = members.map((e) => withoutCdk8sHash(e.name));
      // Policies do not apply to host-network pods: say so where they are drawn.
      const hostNetwork = members[0].hostNetwork ? ', host network' : '';
      if (members.length === 1) return [names[0], `${members[0].kind}${hostNetwork}`];
      const kinds = [...new Set(members.map((e) => e.kind))];
      const shown = names.slice(0, 2).join(', ');
      return [members.length > 2 ? `${shown} +${members.length - 2}` : shown, `×${members.length} ${kinds.length === 1 ? kinds[0] : 'workloads'} alike${hostNetwork}`];
    }
  }
}

/** The edges between the nodes of a placement: per pair of nodes and kind, the union of what their groups allow. */
function aggregateEdges(source: GraphSource, placement: Placement): GraphEdge[] {
  const groups = source.groups;
  const kinds = source.kinds;
  const d = placement.nodes.length;
  const table: PortSetTable = source.table;
  const cells = d * d * kinds.length;
  const union = new Uint32Array(cells);
  const first = new Int32Array(cells).fill(-1);
  const distinct = new Uint8Array(cells); // 0 none, 1 one id, 2 several
  const only = new Uint32Array(cells);
  const pairs = new Float64Array(cells);
  const firstPair = new Int32Array(cells * 2);
  const totalPairs = new Float64Array(d * d);
  const value: number[] = new Array(kinds.length).fill(0);
  for (let f = 0; f < groups.length; f++) {
    const nf = placement.nodeOf[f];
    const sizeF = groups[f].members.length;
    for (let t = 0; t < groups.length; t++) {
      // No NetworkPolicy governs traffic between two addresses outside the cluster: not drawn.
      if (groups[f].external && groups[t].external) continue;
      const nt = placement.nodeOf[t];
      const cell = nf * d + nt;
      const count = sizeF * groups[t].members.length;
      totalPairs[cell] += count;
      source.value(f, t, value);
      for (let k = 0; k < kinds.length; k++) {
        const id = value[k];
        if (id === PortSetTable.EMPTY) continue;
        const c = cell * kinds.length + k;
        if (first[c] < 0) {
          first[c] = 1;
          firstPair[c * 2] = f;
          firstPair[c * 2 + 1] = t;
          union[c] = id;
          only[c] = id;
          distinct[c] = 1;
        } else {
          if (union[c] !== id) union[c] = table.union(union[c], id);
          if (only[c] !== id) distinct[c] = 2;
        }
        pairs[c] += count;
      }
    }
  }
  const out: GraphEdge[] = [];
  for (let nf = 0; nf < d; nf++) {
    for (let nt = 0; nt < d; nt++) {
      const cell = nf * d + nt;
      kinds.forEach((kind, k) => {
        const c = cell * kinds.length + k;
        if (first[c] < 0) return;
        const ports = table.get(union[c]);
        const uniform = distinct[c] === 1 && pairs[c] === totalPairs[cell];
        const label = compactPortLabel(ports);
        out.push({
          id: '',
          from: placement.nodes[nf].id,
          to: placement.nodes[nt].id,
          kind,
          ports,
          label: kind === EdgeKind.OPENED ? `+ ${label}` : kind === EdgeKind.CLOSED ? `- ${label}` : label,
          uniform,
          pairs: pairs[c],
          sample: { from: groups[firstPair[c * 2]].members[0].id, to: groups[firstPair[c * 2 + 1]].members[0].id },
        });
      });
    }
  }
  return out;
}

function foldNotes(groups: readonly EndpointGroup[], folded: ReadonlySet<string>, other: ReadonlySet<string>, externalsFolded: boolean): string[] {
  const notes: string[] = [];
  const shown = [...folded].filter((ns) => !other.has(ns));
  if (shown.length > 0) {
    const list = shown.slice(0, 8).map((ns) => {
      const members = groups.filter((g) => g.namespace === ns && !g.external);
      return `${ns} (${members.reduce((n, g) => n + g.members.length, 0)} endpoints in ${members.length} classes)`;
    });
    notes.push(`${shown.length} ${shown.length === 1 ? 'namespace is' : 'namespaces are'} drawn as one node each: ${list.join(', ')}${shown.length > 8 ? `, +${shown.length - 8} more` : ''}`);
  }
  if (other.size > 0) {
    const names = [...other];
    notes.push(`${names.length} namespaces with the fewest endpoints are drawn as one node: ${names.slice(0, 8).join(', ')}${names.length > 8 ? `, +${names.length - 8} more` : ''}`);
  }
  if (externalsFolded) notes.push(`${groups.filter((g) => g.external).length} external ranges are drawn as one node`);
  if (notes.length > 0) notes.push('a dashed edge merges pairs that are not all allowed the same ports: its label is what some pair is allowed');
  return notes;
}

/**
 * The graph with every namespace folded into one node and every external range its own node, for
 * the namespace-by-namespace matrix (never cut: a matrix has room for every pair).
 */
export function buildNamespaceGraph(source: GraphSource, maxRows = Number.MAX_SAFE_INTEGER): { graph: ConnectivityGraph; groupsByNode: number[][] } {
  const groups = source.groups;
  const namespaces = namespaceOrder(groups);
  const externals = groups.filter((g) => g.external).length;
  const externalsFolded = externals > Math.max(3, Math.floor(maxRows / 4));
  // Too many rows: the namespaces with the fewest endpoints share one row.
  const sizes = new Map<string, number>();
  for (const g of groups) if (!g.external) sizes.set(g.namespace!, (sizes.get(g.namespace!) ?? 0) + g.members.length);
  const bySize = [...namespaces].sort((a, b) => sizes.get(a)! - sizes.get(b)!);
  const other = new Set<string>();
  const rows = (): number => namespaces.length - other.size + (other.size > 0 ? 1 : 0) + (externalsFolded ? Math.min(1, externals) : externals);
  while (rows() > maxRows && bySize.length > 1) other.add(bySize.shift()!);
  if (other.size === 1) other.clear();
  const placement = place(groups, namespaces, new Set(namespaces), other, externalsFolded);
  const edges = aggregateEdges(source, placement).map((e, i) => ({ ...e, id: `m${i}` }));
  const groupsByNode: number[][] = placement.nodes.map(() => []);
  placement.nodeOf.forEach((n, g) => groupsByNode[n].push(g));
  const graph: ConnectivityGraph = {
    nodes: placement.nodes,
    edges,
    namespaces: [],
    folded: foldNotes(groups, new Set(), other, externalsFolded).filter((n) => !n.startsWith('a dashed edge')),
    diff: source.kinds.length > 1,
    endpointCount: groups.reduce((n, g) => n + g.members.length, 0),
    groupCount: groups.length,
  };
  return { graph, groupsByNode };
}

/** One pair of groups under a matrix cell: what the first is allowed to the second. */
export interface GroupPair {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly ports: PortSet;
  readonly label: string;
  readonly sample: { readonly from: string; readonly to: string };
}

/**
 * The pairs of groups (by index) that a matrix cell merges with something allowed, at most
 * `limit`; and how many there are in all.
 */
export function groupPairsBetween(
  source: GraphSource, fromGroups: readonly number[], toGroups: readonly number[], limit: number,
): { pairs: GroupPair[]; total: number } {
  const value: number[] = new Array(source.kinds.length).fill(0);
  const pairs: GroupPair[] = [];
  let total = 0;
  for (const f of fromGroups) {
    for (const t of toGroups) {
      source.value(f, t, value);
      source.kinds.forEach((kind, k) => {
        if (value[k] === PortSetTable.EMPTY) return;
        total++;
        if (pairs.length >= limit) return;
        const ports = source.table.get(value[k]);
        pairs.push({
          from: groupName(source.groups[f]),
          to: groupName(source.groups[t]),
          kind,
          ports,
          label: compactPortLabel(ports),
          sample: { from: source.groups[f].members[0].id, to: source.groups[t].members[0].id },
        });
      });
    }
  }
  return { pairs, total };
}

/** A group as one line of text: its first member's id, and how many more it has. */
export function groupName(group: EndpointGroup): string {
  const first = group.members[0].id;
  return group.members.length > 1 ? `${first} (+${group.members.length - 1} alike)` : first;
}
