import * as path from 'path';
import { shopAnalysis } from './shop-app';
import { EXTERNALS, generateCluster } from '../../bench/cluster';
import { PortSet } from '../../src/analysis/port-set';
import { Reachability } from '../../src/analysis/reachability';
import { Protocol } from '../../src/model/protocol';
import { buildGraph, ConnectivityGraph, GraphEdge, NodeKind } from '../../src/report/connectivity-graph';
import { graphToDot } from '../../src/report/dot-writer';
import { analysisSource, diffSource, EdgeKind } from '../../src/report/graph-source';
import { renderHtmlReport } from '../../src/report/html-report';
import { MERMAID_MAX_TEXT } from '../../src/report/mermaid-writer';
import { compactPortLabel } from '../../src/report/port-label';
import { analysisGraph, diffGraph } from '../../src/report/render-graph';
import { renderSvg } from '../../src/report/svg-renderer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { instance } = require('@viz-js/viz');

const FIXTURES = path.join(__dirname, '..', 'analysis', 'fixtures');

/** Every endpoint pair an edge stands for, with what the edge says of it. */
function expandEdges(graph: ConnectivityGraph, kind: EdgeKind): Map<string, GraphEdge> {
  const members = new Map(graph.nodes.map((n) => [n.id, n.members]));
  const out = new Map<string, GraphEdge>();
  for (const edge of graph.edges.filter((e) => e.kind === kind)) {
    for (const from of members.get(edge.from)!) {
      for (const to of members.get(edge.to)!) {
        const key = `${from} -> ${to}`;
        expect(out.has(key)).toBe(false);
        out.set(key, edge);
      }
    }
  }
  return out;
}

function portSetOf(ranges: Array<{ protocol: string; first: number; last: number }>): PortSet {
  return ranges.reduce((set, r) => set.union(PortSet.range(r.protocol as Protocol, r.first, r.last)), PortSet.EMPTY);
}

/** The allowed pairs of an analysis, but those between two external ranges (which no policy governs and the graph does not draw). */
function allowedPairs(r: Reachability): Map<string, string> {
  const external = new Set(r.endpoints.filter((e) => e.external).map((e) => e.id));
  return new Map(r.connections().filter((c) => !(external.has(c.from) && external.has(c.to))).map((c) => [`${c.from} -> ${c.to}`, c.description]));
}

/**
 * A namespace `big` with `count` workloads that the policies all tell apart (each lets the previous
 * one in on its own port), and the policies: default deny of ingress, one policy per workload.
 */
function bigNamespace(count: number): any[] {
  const objects: any[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } }];
  objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'big' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  for (let i = 0; i < count; i++) {
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `w${i}`, namespace: 'big' },
      spec: { selector: { matchLabels: { app: `a${i}` } }, template: { metadata: { labels: { app: `a${i}` } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    });
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `to-a${i}`, namespace: 'big' },
      spec: { podSelector: { matchLabels: { app: `a${i}` } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: `a${(i + count - 1) % count}` } } }], ports: [{ port: 8000 + i }] }] },
    });
  }
  objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'small', labels: { app: 'client' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  return objects;
}

describe('compact port labels', () => {
  test.each([
    [PortSet.ALL, 'all'],
    [PortSet.EMPTY, 'nothing'],
    [PortSet.single(Protocol.TCP, 80).union(PortSet.single(Protocol.TCP, 443)).union(PortSet.single(Protocol.UDP, 53)), 'TCP 80, 443; UDP 53'],
    [PortSet.range(Protocol.TCP, 8000, 8080), 'TCP 8000-8080'],
    [PortSet.allOf(Protocol.TCP).union(PortSet.single(Protocol.UDP, 53)), 'TCP all; UDP 53'],
    [[1, 3, 5, 7, 9, 11, 13, 15].reduce((s, p) => s.union(PortSet.single(Protocol.TCP, p)), PortSet.EMPTY), 'TCP 1, 3, 5, 7, 9, 11 +2 more'],
  ])('%s', (set, label) => {
    expect(compactPortLabel(set)).toBe(label);
  });
});

describe('the graph of the shop', () => {
  const r = shopAnalysis();
  const graph = buildGraph(analysisSource(r._engine));

  test('one node per class of endpoints (no class spans two namespaces here), nothing folded', () => {
    expect(graph.nodes).toHaveLength(r.endpointClassCount);
    expect(graph.folded).toEqual(['traffic between external ranges is not drawn: no NetworkPolicy governs it']);
    expect(graph.namespaces).toEqual(['shop', 'kube-system', 'frontend', 'other']);
    expect(graph.nodes.filter((n) => n.kind === NodeKind.EXTERNAL).map((n) => n.lines[0])).toEqual(['198.51.100.10', '203.0.113.10']);
  });

  test('its edges are exactly the allowed pairs of the analysis, with their ports', () => {
    const drawn = expandEdges(graph, EdgeKind.ALLOWED);
    const expected = allowedPairs(r);
    expect([...drawn.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [pair, edge] of drawn) {
      expect(edge.uniform).toBe(true);
      expect(`${pair}: ${edge.ports.toString()}`).toBe(`${pair}: ${expected.get(pair)}`);
    }
  });

  test('the DOT parses with Graphviz and has the shop\'s nodes in a cluster and its edges with compact labels', async () => {
    const dot = graphToDot(graph);
    const viz = await instance();
    const result = viz.render(dot, { format: 'json' });
    expect(result.errors.filter((e: any) => e.level === 'error')).toEqual([]);
    expect(result.status).toBe('success');
    const json = JSON.parse(result.output);
    const objects: any[] = json.objects;
    const label = (o: any): string => String(o.label).replace(/\\n/g, ' ');
    const shopCluster = objects.find((o) => o.label === 'namespace shop');
    expect(shopCluster.name).toMatch(/^cluster_/);
    expect(shopCluster.nodes.map((id: number) => label(objects[id])).sort()).toEqual(['shop-api Deployment', 'shop-db StatefulSet', 'shop-web Deployment']);
    const nodes = objects.filter((o) => o.nodes === undefined);
    expect(nodes).toHaveLength(graph.nodes.length);
    const nameOf = (gvid: number): string => label(objects[gvid]).split(' ')[0];
    const edges: string[] = json.edges.map((e: any) => `${nameOf(e.tail)} -> ${nameOf(e.head)}: ${e.label}`);
    expect(edges).toHaveLength(graph.edges.length);
    const shopEdges = edges.filter((e) => /shop-/.test(e)).sort();
    expect(shopEdges).toEqual([
      'frontend-ui -> shop-web: TCP 8080',
      'shop-api -> 198.51.100.10: TCP 443',
      'shop-api -> dns-coredns: TCP 53; UDP 53',
      'shop-api -> shop-db: TCP 5432',
      'shop-db -> dns-coredns: TCP 53; UDP 53',
      'shop-web -> dns-coredns: TCP 53; UDP 53',
      'shop-web -> shop-api: TCP 9000',
    ]);
  });

  test('the SVG keeps the ids of nodes and edges (for the report to link them)', () => {
    const svg = renderSvg(graphToDot(graph, 'shop', 'g_'));
    expect(svg).toContain('<svg');
    for (const node of graph.nodes) expect(svg).toContain(`id="g_${node.id}"`);
    for (const edge of graph.edges) expect(svg).toContain(`id="g_${edge.id}"`);
  });

  test('Reachability.toDot and toMermaid draw the same edges', () => {
    const dot = r.toDot();
    const mermaid = r.toMermaid();
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
    expect(dot.match(/ -> /g)!.length).toBe(graph.edges.length);
    expect(mermaid.match(/ -->\|/g)!.length).toBe(graph.edges.length);
    expect(mermaid).toContain('subgraph s0["namespace shop"]');
    expect(mermaid).toContain('-->|"TCP 53; UDP 53"|');
    expect(() => r.toDot({ maxNodes: 0 })).toThrow('maxNodes must be a whole number of at least 1, got 0');
  });
});

describe('folding', () => {
  const r = Reachability.fromManifests(bigNamespace(50), { externalsFromPolicies: false }); // pods only: the folding of namespaces
  const source = analysisSource(r._engine);

  test('a namespace of 50 workloads that the policies tell apart is drawn as one node, and the graph says so', () => {
    expect(r.endpointClassCount).toBe(51);
    const graph = buildGraph(source, { maxNodes: 40, maxEdges: 150 });
    expect(graph.nodes.map((n) => `${n.kind} ${n.lines.join(' ')}`)).toEqual([
      'namespace namespace big 50 endpoints, 50 classes (folded)',
      'class client Pod',
    ]);
    expect(graph.folded[0]).toBe('1 namespace is drawn as one node each: big (50 endpoints in 50 classes)');
    expect(graphToDot(graph)).toContain('big (50 endpoints in 50 classes)');
  });

  test('a folded edge has the union of its pairs\' ports, counts them, and is not uniform when they differ', () => {
    const graph = buildGraph(source, { maxNodes: 40, maxEdges: 150 });
    const big = graph.nodes[0];
    const within = graph.edges.find((e) => e.from === big.id && e.to === big.id)!;
    const inside = r.connections().filter((c) => c.from.startsWith('big/') && c.to.startsWith('big/'));
    expect(within.pairs).toBe(inside.length);
    expect(within.ports.equals(inside.reduce((set, c) => set.union(portSetOf(c.ports)), PortSet.EMPTY))).toBe(true);
    expect(within.uniform).toBe(false);
    const fromClient = graph.edges.find((e) => e.from === graph.nodes[1].id && e.to === graph.nodes[1].id)!;
    expect(fromClient.uniform).toBe(true);
    expect(fromClient.label).toBe('all');
  });

  test('within its limits nothing folds: 51 nodes, one per class', () => {
    const graph = buildGraph(source, { maxNodes: 60, maxEdges: 1000 });
    expect(graph.nodes).toHaveLength(51);
    expect(graph.folded).toEqual([]);
    const drawn = expandEdges(graph, EdgeKind.ALLOWED);
    expect(new Set(drawn.keys())).toEqual(new Set(allowedPairs(r).keys()));
  });

  test('too many edges: namespaces fold first', () => {
    const graph = buildGraph(source, { maxNodes: 60, maxEdges: 5 });
    expect(graph.nodes).toHaveLength(2);
    expect(graph.edges).toHaveLength(3);
  });

  test('too many edges and nothing left to fold: the edges of the fewest pairs are left out, and counted', () => {
    const pods = Array.from({ length: 6 }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: `ns${i}` }, spec: { containers: [{ name: 'c', image: 'x' }] } }));
    const graph = buildGraph(analysisSource(Reachability.fromManifests(pods, { externalsFromPolicies: false })._engine), { maxNodes: 60, maxEdges: 5 });
    expect(graph.nodes).toHaveLength(6);
    expect(graph.edges).toHaveLength(5);
    expect(graph.folded).toContain('31 of 36 edges are not drawn: 5 are, those that concern the most endpoint pairs (the JSON output has every pair)');
  });

  test('Mermaid stays within what GitHub renders for a namespace of 300 workloads', () => {
    const big = Reachability.fromManifests(bigNamespace(300));
    const text = big.toMermaid();
    expect(text.length).toBeLessThan(MERMAID_MAX_TEXT);
    expect((text.match(/-->|-\.->/g) ?? []).length).toBeLessThanOrEqual(100);
    expect(text).toContain('namespace big<br/>300 endpoints, 300 classes (folded)');
  });
});

describe('the graph of a diff', () => {
  const before = Reachability.fromFiles([path.join(FIXTURES, 'shop-before')], { externals: ['8.8.8.8/32'] });
  const after = Reachability.fromFiles([path.join(FIXTURES, 'shop-after')], { externals: ['8.8.8.8/32'] });
  const graph = buildGraph(diffSource(before._engine, after._engine));

  test.each([['before to after', before, after], ['after to before', after, before]])('%s: opened edges are exactly the pairs the diff opens, closed edges those it closes, with their ports', (_name, from, to) => {
    const g = buildGraph(diffSource(from._engine, to._engine));
    const opened = expandEdges(g, EdgeKind.OPENED);
    const closed = expandEdges(g, EdgeKind.CLOSED);
    const list = from.diff(to);
    const expectOpened = new Map(list.filter((c) => c.opened.length > 0).map((c) => [`${c.from} -> ${c.to}`, c.openedDescription]));
    const expectClosed = new Map(list.filter((c) => c.closed.length > 0).map((c) => [`${c.from} -> ${c.to}`, c.closedDescription]));
    expect(expectOpened.size + expectClosed.size).toBeGreaterThan(0);
    expect(new Map([...opened].map(([k, e]) => [k, e.ports.toString()]))).toEqual(expectOpened);
    expect(new Map([...closed].map(([k, e]) => [k, e.ports.toString()]))).toEqual(expectClosed);
  });

  test('kept edges are what both sides allow', () => {
    for (const [pair, edge] of expandEdges(graph, EdgeKind.KEPT)) {
      const [from, to] = pair.split(' -> ');
      const both = portSetOf(before.allowedPorts(from, to)).intersect(portSetOf(after.allowedPorts(from, to)));
      expect(`${pair}: ${edge.ports.toString()}`).toBe(`${pair}: ${both.toString()}`);
    }
  });

  test('DOT colours opened edges green and closed ones red; Mermaid styles them by index', () => {
    const dot = diffGraph(before, after, 'dot');
    for (const e of graph.edges.filter((x) => x.kind === EdgeKind.OPENED)) expect(dot).toMatch(new RegExp(`id="${e.id}", label="\\+ [^"]*".*color="#1a7f37"`));
    for (const e of graph.edges.filter((x) => x.kind === EdgeKind.CLOSED)) expect(dot).toMatch(new RegExp(`id="${e.id}", label="- [^"]*".*color="#cf222e"`));
    const mermaid = diffGraph(before, after, 'mermaid');
    const openedIndexes = graph.edges.map((e, i) => (e.kind === EdgeKind.OPENED ? i : -1)).filter((i) => i >= 0);
    if (openedIndexes.length > 0) expect(mermaid).toContain(`linkStyle ${openedIndexes.join(',')} stroke:#1a7f37`);
  });

  test('an analysis graph names what it leaves out when told', () => {
    const dot = analysisGraph(after, 'dot', {}, ['INCOMPLETE: 1 object of the input left out']);
    expect(dot).toContain('INCOMPLETE: 1 object of the input left out');
  });
});

describe('a large cluster (the analysis benchmark\'s generator, 1,000 endpoints in 100 namespaces)', () => {
  const r = Reachability.fromManifests(generateCluster({ endpoints: 1000, namespaces: 100, policies: 400 }), { externals: EXTERNALS });

  test('the graph folds to its limits and says so; the report stays small', () => {
    expect(r.endpointClassCount).toBeGreaterThan(100);
    const graph = buildGraph(analysisSource(r._engine));
    expect(graph.nodes.length).toBeLessThanOrEqual(40);
    expect(graph.edges.length).toBeLessThanOrEqual(150);
    expect(graph.folded.join('\n')).toMatch(/namespaces with the fewest endpoints are drawn as one node/);
    const html = renderHtmlReport({ source: 'bench', reachability: r });
    expect(Buffer.byteLength(html)).toBeLessThan(2 * 1024 * 1024);
    expect((html.match(/<tr><th scope="row"/g) ?? []).length).toBeLessThanOrEqual(40);
  });
});
