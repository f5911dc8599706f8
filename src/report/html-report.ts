import { buildGraph, buildNamespaceGraph, ConnectivityGraph, DEFAULT_GRAPH_LIMITS, GraphEdge, GraphNode, groupPairsBetween, NodeKind } from './connectivity-graph';
import { EDGE_COLOURS, graphToDot } from './dot-writer';
import { analysisSource, diffSource, EdgeKind, GraphSource } from './graph-source';
import { compactPortLabel } from './port-label';
import { REPORT_SCRIPT, REPORT_STYLE } from './report-page';
import { renderSvgs } from './svg-renderer';
import { formatVerdict } from '../analysis/explain';
import { PortSet } from '../analysis/port-set';
import { Reachability } from '../analysis/reachability';
import { LintFinding } from '../lint/lint-finding';

/** Something of the input that an answer does not take into account. */
export interface ReportLeftOut {
  /** `file:line Kind ns/name`, or a construct path. */
  readonly where: string;
  /** `unreadable` or `other-api`. */
  readonly reason: string;
  readonly message: string;
}

/** What a report shows. */
export interface ReportInput {
  /** The page's title. */
  readonly title?: string;
  /** What was analysed (paths, or `cdk8s app`), for the header. */
  readonly source: string;
  /** The analysis (after the change, when `before` is given). */
  readonly reachability: Reachability;
  /** What the analysis leaves out (both sides for a diff). */
  readonly leftOut?: readonly ReportLeftOut[];
  /** The lint findings; undefined when lint did not run. */
  readonly findings?: readonly LintFinding[];
  /** The network plugin the findings are for (its display name). */
  readonly cni?: string;
  /** The analysis before the change, for the diff section. */
  readonly before?: Reachability;
  /** What `before` was read from. */
  readonly beforeSource?: string;
}

/** How many connections get a precomputed explanation (the others name the `explain` command). */
const EXPLANATION_BUDGET = 600;
/** The most rows (and columns) of the matrix: beyond, the smallest namespaces share one. */
const MATRIX_MAX_ROWS = 40;
/** How many group pairs a matrix cell lists at most, and how many all cells list together. */
const PAIRS_PER_CELL = 12;
const PAIRS_IN_MATRIX = 4000;
/** How many changed pairs the diff section lists. */
const CHANGES_LISTED = 300;

/** One clickable thing's details: a title and preformatted text. */
interface Details {
  readonly title: string;
  readonly text: string;
}

/**
 * The report as one self-contained HTML page: the graph (an inline SVG laid out by Graphviz), the
 * namespace-by-namespace matrix of allowed ports, the diff when `before` is given, and the lint
 * findings. Clicking an edge, a node or a matrix cell shows the analysis's explanation of it.
 * Nothing is loaded from anywhere when it is opened: styles, script and data are inline, and a
 * Content-Security-Policy forbids every fetch.
 */
export function renderHtmlReport(input: ReportInput): string {
  const r = input.reachability;
  const budget = { left: EXPLANATION_BUDGET };
  const details: { [id: string]: Details } = {};

  const source = analysisSource(r._engine);
  const graph = buildGraph(source, DEFAULT_GRAPH_LIMITS);
  const dots = [graphToDot(graph, 'Allowed connections', 'g_')];
  let diffGraph: ConnectivityGraph | undefined;
  if (input.before) {
    diffGraph = buildGraph(diffSource(input.before._engine, r._engine), DEFAULT_GRAPH_LIMITS);
    dots.push(graphToDot(diffGraph, 'What the change opens (green) and closes (red)', 'd_'));
  }
  const svgs = renderSvgs(dots).map(inlineSvg);

  for (const node of graph.nodes) details[`g_${node.id}`] = nodeDetails(node);
  for (const edge of graph.edges) details[`g_${edge.id}`] = edgeDetails(r, graph, edge, budget);
  if (diffGraph) {
    for (const node of diffGraph.nodes) details[`d_${node.id}`] = nodeDetails(node);
    for (const edge of diffGraph.edges) details[`d_${edge.id}`] = diffEdgeDetails(input.before!, r, diffGraph, edge, budget);
  }

  const sections: string[] = [];
  sections.push(graphSection('graph', 'Who reaches whom', graph, svgs[0], [EdgeKind.ALLOWED]));
  if (diffGraph) {
    sections.push(diffSection(input, diffGraph, svgs[1]));
  }
  sections.push(matrixSection(r, source, details, budget));
  sections.push(findingsSection(input));

  const title = input.title ?? 'NetworkPolicy report';
  const data = JSON.stringify({ details }).replace(/</g, '\\u003c');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Opened from a CI artifact: nothing may be fetched, whatever the SVG or the data hold.
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(title)}</h1>`,
    `<p class="summary">${esc(summary(input))}</p>`,
    leftOutBlock(input.leftOut ?? []),
    '<nav><a href="#graph">Graph</a>' + (diffGraph ? ' · <a href="#diff">Diff</a>' : '') + ' · <a href="#matrix">Matrix</a> · <a href="#findings">Findings</a></nav>',
    '</header>',
    '<div class="layout">',
    `<main>${sections.join('\n')}</main>`,
    '<aside id="details"><h2 id="details-title">Details</h2><pre id="details-body">Click an edge, a node or a matrix cell to see why it is allowed: the policies that isolate each side and the rules that allow it.</pre></aside>',
    '</div>',
    `<script type="application/json" id="report-data">${data}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summary(input: ReportInput): string {
  const r = input.reachability;
  const endpoints = r.endpoints.length;
  const parts = [
    `${input.source}: ${endpoints} ${endpoints === 1 ? 'endpoint' : 'endpoints'} in ${r.endpointClassCount} ${r.endpointClassCount === 1 ? 'class' : 'classes'}`,
    `${r.policies.length} ${r.policies.length === 1 ? 'NetworkPolicy' : 'NetworkPolicies'}`,
  ];
  if (input.before) parts.push(`compared with ${input.beforeSource ?? 'the manifests before'}`);
  if (input.cni) parts.push(`lint for ${input.cni}`);
  return parts.join('; ');
}

function leftOutBlock(leftOut: readonly ReportLeftOut[]): string {
  if (leftOut.length === 0) return '';
  const items = leftOut.map((e) => `<li><code>${esc(e.where || '-')}</code>: ${e.reason === 'other-api' ? 'not read' : 'cannot be read'}: ${esc(e.message)}</li>`);
  return `<div class="incomplete" id="incomplete"><strong>INCOMPLETE:</strong> this report leaves out ${leftOut.length} ${leftOut.length === 1 ? 'object' : 'objects'} of the input; what it shows may allow what the cluster denies, or deny what it allows.<ul>${items.join('')}</ul></div>`;
}

function graphSection(id: string, heading: string, graph: ConnectivityGraph, svg: string, kinds: EdgeKind[]): string {
  const legend = kinds.map((k) => `<span class="swatch" style="background:${EDGE_COLOURS[k]}"></span>${k}`).join(' ');
  const folded = graph.folded.length > 0 ? `<ul class="folded">${graph.folded.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : '';
  return [
    `<section id="${id}">`,
    `<h2>${esc(heading)}</h2>`,
    `<p class="legend">A box stands for the endpoints of a namespace that every policy treats alike (×N: how many); an ellipse for an address range outside the cluster. Edges carry the allowed destination ports. ${legend}</p>`,
    folded,
    `<div class="graph" data-nodes="${graph.nodes.length}" data-edges="${graph.edges.length}">${svg}</div>`,
    '</section>',
  ].join('\n');
}

function diffSection(input: ReportInput, graph: ConnectivityGraph, svg: string): string {
  const changes = input.before!.diff(input.reachability);
  const lines: string[] = [];
  for (const c of changes.slice(0, CHANGES_LISTED)) {
    if (c.opened.length > 0) lines.push(`<li class="opened">+ ${esc(c.from)} → ${esc(c.to)}: ${esc(c.openedDescription)}</li>`);
    if (c.closed.length > 0) lines.push(`<li class="closed">- ${esc(c.from)} → ${esc(c.to)}: ${esc(c.closedDescription)}</li>`);
  }
  const opened = changes.filter((c) => c.opened.length > 0).length;
  const closed = changes.filter((c) => c.closed.length > 0).length;
  const head = changes.length === 0 ? 'No connection changed.' : `${opened} ${opened === 1 ? 'pair' : 'pairs'} opened, ${closed} closed.`;
  const more = changes.length > CHANGES_LISTED ? `<p>${changes.length - CHANGES_LISTED} more changed pairs: <code>cdk8s-netpol diff --output json</code> lists them all.</p>` : '';
  return [
    graphSection('diff', 'What the change opens and closes', graph, svg, [EdgeKind.OPENED, EdgeKind.CLOSED, EdgeKind.KEPT]).replace('</section>', ''),
    `<p class="diff-summary">${esc(head)}</p>`,
    `<ul class="changes">${lines.join('')}</ul>${more}`,
    '</section>',
  ].join('\n');
}

function matrixSection(r: Reachability, source: GraphSource, details: { [id: string]: Details }, budget: { left: number }): string {
  const { graph, groupsByNode } = buildNamespaceGraph(source, MATRIX_MAX_ROWS);
  const cellCount = graph.nodes.length * graph.nodes.length;
  const pairsPerCell = Math.max(2, Math.min(PAIRS_PER_CELL, Math.floor(PAIRS_IN_MATRIX / Math.max(1, cellCount))));
  const edgeOf = new Map(graph.edges.map((e) => [`${e.from}>${e.to}`, e]));
  const name = (n: GraphNode): string => (n.kind === NodeKind.NAMESPACE ? n.lines[0].replace(/^namespace /, '') : n.lines[0]);
  const folded = graph.folded.length > 0 ? `<ul class="folded">${graph.folded.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : '';
  const head = graph.nodes.map((n) => `<th scope="col" title="${esc(n.lines.join(', '))}">${esc(name(n))}</th>`).join('');
  const rows = graph.nodes.map((from, i) => {
    const cells = graph.nodes.map((to, j) => {
      const key = `m-${i}-${j}`;
      if (from.kind === NodeKind.EXTERNAL && to.kind === NodeKind.EXTERNAL) {
        details[key] = { title: `${name(from)} → ${name(to)}`, text: 'Both are outside the cluster: no NetworkPolicy governs this traffic.' };
        return `<td id="${key}" class="na" data-key="${key}" title="outside the cluster on both sides">n/a</td>`;
      }
      const edge = edgeOf.get(`${from.id}>${to.id}`);
      const total = from.members.length * to.members.length;
      const { pairs, total: pairCount } = groupPairsBetween(source, groupsByNode[i], groupsByNode[j], pairsPerCell);
      const lines = [`from ${name(from)} (${from.members.length} endpoints) to ${name(to)} (${to.members.length}):`];
      lines.push(edge ? `${edge.pairs} of ${total} endpoint pairs allow something; together: ${edge.ports.toString()}` : `nothing is allowed between any of the ${total} endpoint pairs`);
      for (const p of pairs) {
        lines.push('', `${p.from} -> ${p.to}: ${p.ports.toString()}`);
        lines.push(indent(explanation(r, p.sample.from, p.sample.to, p.ports, budget)));
      }
      if (pairCount > pairs.length) lines.push('', `+${pairCount - pairs.length} more pairs of classes: cdk8s-netpol analyze --output json lists every pair`);
      if (!edge) {
        // Why nothing: the explanation of one pair on every port.
        const sampleFrom = from.members[0];
        const sampleTo = to.members[0];
        lines.push('', `for example ${sampleFrom} -> ${sampleTo}:`, indent(explanation(r, sampleFrom, sampleTo, PortSet.ALL, budget)));
      }
      details[key] = { title: `${name(from)} → ${name(to)}`, text: lines.join('\n') };
      const text = edge ? compactPortLabel(edge.ports, 3) : '·';
      const css = edge ? (edge.uniform ? 'allowed' : 'partial') : 'denied';
      const count = edge && !edge.uniform ? `<small>${edge.pairs}/${total}</small>` : '';
      return `<td id="${key}" class="${css}" data-key="${key}" title="${esc(edge ? `${edge.pairs} of ${total} pairs: ${edge.label}` : 'nothing allowed')}">${esc(text)}${count}</td>`;
    }).join('');
    return `<tr><th scope="row" title="${esc(from.lines.join(', '))}">${esc(name(from))}</th>${cells}</tr>`;
  }).join('\n');
  return [
    '<section id="matrix">',
    '<h2>Namespace matrix</h2>',
    '<p class="legend">Rows are sources, columns destinations; each cell shows the destination ports that pairs of their endpoints are allowed (pale: only some pairs, with their count). Click a cell for the pairs of classes behind it and why.</p>',
    folded,
    `<div class="matrix-wrap"><table class="matrix"><thead><tr><th>from \\ to</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`,
    '</section>',
  ].join('\n');
}

function findingsSection(input: ReportInput): string {
  const heading = `<h2>Lint findings${input.cni ? ` for ${esc(input.cni)}` : ''}</h2>`;
  if (input.findings === undefined) return `<section id="findings">${heading}<p>Lint did not run.</p></section>`;
  if (input.findings.length === 0) return `<section id="findings">${heading}<p class="none">No findings${input.cni ? '' : ' (give --cni to check what the network plugin enforces)'}.</p></section>`;
  const rows = input.findings.map((f) => {
    const where = f.file !== undefined ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}` : f.path ?? '';
    return `<tr class="${esc(f.severity)}"><td>${esc(f.severity)}</td><td><code>${esc(f.rule)}</code></td><td>${esc(`${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}`)}</td><td><code>${esc(f.field ?? '')}</code></td><td><code>${esc(where)}</code></td><td>${esc(f.message)}</td></tr>`;
  });
  return [
    '<section id="findings">',
    heading,
    `<table class="findings"><thead><tr><th>severity</th><th>rule</th><th>object</th><th>field</th><th>where</th><th>message</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function nodeDetails(node: GraphNode): Details {
  const shown = node.members.slice(0, 50);
  const lines = [node.lines.join(' — '), '', ...shown];
  if (node.members.length > shown.length) lines.push(`+${node.members.length - shown.length} more`);
  return { title: node.lines[0], text: lines.join('\n') };
}

function edgeDetails(r: Reachability, graph: ConnectivityGraph, edge: GraphEdge, budget: { left: number }): Details {
  const from = graph.nodes.find((n) => n.id === edge.from)!;
  const to = graph.nodes.find((n) => n.id === edge.to)!;
  const lines = [`${from.lines[0]} → ${to.lines[0]}: ${edge.ports.toString()}`];
  lines.push(edge.uniform
    ? `every one of the ${edge.pairs} endpoint pairs is allowed exactly this; for example:`
    : `${edge.pairs} endpoint pairs are allowed some of this (folded); for example:`);
  lines.push('', explanation(r, edge.sample.from, edge.sample.to, edge.ports, budget));
  return { title: `${from.lines[0]} → ${to.lines[0]}`, text: lines.join('\n') };
}

function diffEdgeDetails(before: Reachability, after: Reachability, graph: ConnectivityGraph, edge: GraphEdge, budget: { left: number }): Details {
  const from = graph.nodes.find((n) => n.id === edge.from)!;
  const to = graph.nodes.find((n) => n.id === edge.to)!;
  const what = edge.kind === EdgeKind.OPENED ? 'opened' : edge.kind === EdgeKind.CLOSED ? 'closed' : 'allowed before and after';
  const lines = [`${from.lines[0]} → ${to.lines[0]}: ${what}: ${edge.ports.toString()} (${edge.pairs} endpoint pairs); for example:`];
  lines.push('', 'before:', indent(explanation(before, edge.sample.from, edge.sample.to, edge.ports, budget)));
  lines.push('', 'after:', indent(explanation(after, edge.sample.from, edge.sample.to, edge.ports, budget)));
  return { title: `${what}: ${from.lines[0]} → ${to.lines[0]}`, text: lines.join('\n') };
}

/** The analysis's explanation of one pair on some ports, while the budget lasts; else the command that gives it. */
function explanation(r: Reachability, from: string, to: string, ports: PortSet, budget: { left: number }): string {
  if (budget.left <= 0) return `(not included, to keep the report small) cdk8s-netpol explain --from '${from}' --to '${to}' --port N`;
  budget.left--;
  try {
    return formatVerdict(r._verdict(from, to, ports));
  } catch (e) {
    return `${from} -> ${to}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}

/** The SVG element of Graphviz's output, without its XML declaration and doctype. */
function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  return start < 0 ? svg : svg.slice(start);
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
