/**
 * `node bench/run.js report [--quick]`: what the pictures cost on the analysis benchmark's seeded
 * clusters (bench/cluster.ts): the HTML report (graph laid out by Graphviz WebAssembly, namespace
 * matrix, explanations), DOT and Mermaid, after the analysis (timed apart). One process, 1 warm-up
 * and 3 timed runs per size, the median reported; sizes of what is written; how much was drawn.
 * Writes bench/results/report.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateCluster, EXTERNALS, ClusterSize } from './cluster';
import { median } from './measure';
import { Reachability } from '../src/analysis/reachability';
import { buildGraph } from '../src/report/connectivity-graph';
import { analysisSource } from '../src/report/graph-source';
import { renderHtmlReport } from '../src/report/html-report';

const REPO = path.join(__dirname, '..', '..', '..', '..');
const SIZES: ClusterSize[] = [
  { endpoints: 500, namespaces: 50, policies: 200 },
  { endpoints: 5000, namespaces: 500, policies: 2000 },
];

function time<T>(f: () => T): { value: T; s: number } {
  const t = process.hrtime.bigint();
  const value = f();
  return { value, s: Number(process.hrtime.bigint() - t) / 1e9 };
}

export async function benchReport(quick: boolean): Promise<any[]> {
  const out: any[] = [];
  for (const size of quick ? SIZES.slice(0, 1) : SIZES) {
    const objects = generateCluster(size);
    const analysis = time(() => Reachability.fromManifests(objects, { externals: EXTERNALS }));
    const r = analysis.value;
    const runs: number[] = [];
    const dotRuns: number[] = [];
    const mermaidRuns: number[] = [];
    let html = '';
    let dot = '';
    let mermaid = '';
    for (let i = 0; i < 4; i++) {
      const h = time(() => renderHtmlReport({ source: 'bench', reachability: r }));
      const d = time(() => r.toDot());
      const m = time(() => r.toMermaid());
      if (i > 0) {
        runs.push(h.s);
        dotRuns.push(d.s);
        mermaidRuns.push(m.s);
      }
      html = h.value;
      dot = d.value;
      mermaid = m.value;
    }
    const graph = buildGraph(analysisSource(r._engine));
    const row = {
      ...size,
      classes: r.endpointClassCount,
      analyze_s: round(analysis.s),
      report_s: round(median(runs)),
      report_runs_s: runs.map((s) => round(s)),
      report_kb: Math.round(Buffer.byteLength(html) / 1024),
      graph_nodes: graph.nodes.length,
      graph_edges: graph.edges.length,
      folded: graph.folded,
      dot_s: round(median(dotRuns)),
      dot_kb: Math.round(Buffer.byteLength(dot) / 1024),
      mermaid_s: round(median(mermaidRuns)),
      mermaid_chars: mermaid.length,
      peak_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    process.stdout.write(`${JSON.stringify(row)}\n`);
    out.push(row);
  }
  const file = path.join(REPO, 'bench', 'results', quick ? 'report-quick.tmp' : 'report.json');
  fs.writeFileSync(file, `${JSON.stringify({ node: process.version, rows: out }, undefined, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(REPO, file)}\n`);
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
