import { buildGraph, ConnectivityGraph, GraphEdge, GraphLimits, GraphNode, NodeKind } from './connectivity-graph';
import { EDGE_COLOURS } from './dot-writer';
import { GraphSource } from './graph-source';

/**
 * GitHub renders Mermaid with mermaid's defaults: at most 50,000 characters of text and 500 edges.
 * We stay well under both, and draw fewer nodes than DOT does, since GitHub's box is narrow.
 */
export const MERMAID_MAX_TEXT = 45_000;
export const DEFAULT_MERMAID_LIMITS: GraphLimits = { maxNodes: 30, maxEdges: 100 };

/**
 * The graph as a Mermaid `flowchart LR` (for a pull request comment): a subgraph per namespace,
 * edges labelled with their ports and coloured by kind, dashed where folding merged different answers.
 */
export function graphToMermaid(graph: ConnectivityGraph, title = 'NetworkPolicy connectivity'): string {
  const lines: string[] = ['flowchart LR'];
  lines.push(`  %% ${title}: ${graph.endpointCount} endpoints in ${graph.groupCount} groups that the policies treat alike`);
  graph.namespaces.forEach((ns, i) => {
    lines.push(`  subgraph s${i}["namespace ${text(ns)}"]`);
    for (const node of graph.nodes.filter((n) => n.namespace === ns)) lines.push(`    ${nodeStatement(node)}`);
    lines.push('  end');
  });
  for (const node of graph.nodes.filter((n) => n.namespace === undefined)) lines.push(`  ${nodeStatement(node)}`);
  if (graph.folded.length > 0) {
    lines.push(`  folded["${graph.folded.map((f) => text(f)).join('<br/>')}"]`);
    lines.push('  class folded note');
  }
  graph.edges.forEach((edge) => lines.push(`  ${edgeStatement(edge)}`));
  // One linkStyle per colour, listing the edges of that colour by their index.
  const byColour = new Map<string, number[]>();
  graph.edges.forEach((edge, i) => {
    const colour = EDGE_COLOURS[edge.kind];
    byColour.set(colour, [...(byColour.get(colour) ?? []), i]);
  });
  for (const [colour, indexes] of byColour) lines.push(`  linkStyle ${indexes.join(',')} stroke:${colour},color:${colour}`);
  lines.push('  classDef external fill:#fff8c5,stroke:#9a6700');
  lines.push('  classDef folded fill:#ddf4ff,stroke:#0969da');
  lines.push('  classDef note fill:#ffffff,stroke:#8c959f,stroke-dasharray:3 3');
  return `${lines.join('\n')}\n`;
}

/**
 * The Mermaid text of a source, folded until GitHub can render it: starting from
 * `DEFAULT_MERMAID_LIMITS`, halving them while the text is too long.
 */
export function mermaidWithinLimits(
  source: GraphSource, title?: string, limits: GraphLimits = DEFAULT_MERMAID_LIMITS, notes: readonly string[] = [],
): string {
  let current = limits;
  for (;;) {
    const graph = buildGraph(source, current);
    graph.folded.unshift(...notes);
    const out = graphToMermaid(graph, title);
    if (out.length <= MERMAID_MAX_TEXT || current.maxNodes <= 2) return out;
    current = { maxNodes: Math.max(2, Math.floor(current.maxNodes / 2)), maxEdges: Math.max(10, Math.floor(current.maxEdges / 2)) };
  }
}

function nodeStatement(node: GraphNode): string {
  const label = node.lines.map(text).join('<br/>');
  switch (node.kind) {
    case NodeKind.EXTERNAL:
    case NodeKind.EXTERNALS:
      return `${node.id}(["${label}"]):::external`;
    case NodeKind.NAMESPACE:
    case NodeKind.OTHER_NAMESPACES:
      return `${node.id}[["${label}"]]:::folded`;
    default:
      return `${node.id}["${label}"]`;
  }
}

function edgeStatement(edge: GraphEdge): string {
  const arrow = edge.uniform ? '-->' : '-.->';
  return `${edge.from} ${arrow}|"${text(edge.label)}"| ${edge.to}`;
}

/** Text inside a quoted Mermaid label: the characters Mermaid would read as syntax, as entity codes. */
function text(value: string): string {
  return value.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}
