import { ConnectivityGraph, GraphEdge, GraphNode, NodeKind } from './connectivity-graph';
import { EdgeKind } from './graph-source';

/** Colours of edges by kind: a diff's opened edges green, closed red, kept grey. */
export const EDGE_COLOURS: { readonly [kind in EdgeKind]: string } = {
  [EdgeKind.ALLOWED]: '#1f4e79',
  [EdgeKind.OPENED]: '#1a7f37',
  [EdgeKind.CLOSED]: '#cf222e',
  [EdgeKind.KEPT]: '#8c959f',
};

/**
 * The graph in Graphviz DOT: one cluster per namespace, a box per node (with how many endpoints it
 * merges), external ranges as ellipses, edges labelled with their ports and coloured by kind. Node
 * and edge ids (`n0`, `e0`, after `idPrefix`) are kept in the SVG Graphviz renders, so that the report can link them.
 */
export function graphToDot(graph: ConnectivityGraph, title = 'NetworkPolicy connectivity', idPrefix = ''): string {
  const lines: string[] = [];
  lines.push('digraph netpol {');
  lines.push(`  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.3, ranksep=0.9, label=${quote(graphLabel(graph, title))}, labelloc=t, labeljust=l];`);
  lines.push('  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", color="#57606a", fontname="Helvetica", fontsize=10];');
  lines.push('  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];');
  graph.namespaces.forEach((ns, i) => {
    lines.push(`  subgraph cluster_${i} {`);
    lines.push(`    label=${quote(`namespace ${ns}`)}; style="rounded,dashed"; color="#8c959f"; fontcolor="#57606a";`);
    for (const node of graph.nodes.filter((n) => n.namespace === ns)) lines.push(`    ${nodeStatement(node, idPrefix)}`);
    lines.push('  }');
  });
  for (const node of graph.nodes.filter((n) => n.namespace === undefined)) lines.push(`  ${nodeStatement(node, idPrefix)}`);
  for (const edge of graph.edges) lines.push(`  ${edgeStatement(edge, idPrefix)}`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function graphLabel(graph: ConnectivityGraph, title: string): string {
  const head = `${title}: ${graph.endpointCount} endpoints in ${graph.groupCount} groups that the policies treat alike`;
  return [head, ...graph.folded].join('\\l') + '\\l';
}

function nodeStatement(node: GraphNode, idPrefix: string): string {
  const attrs: string[] = [`id=${quote(idPrefix + node.id)}`, `label=${quote(node.lines.map(escapeLabel).join('\\n'))}`, `tooltip=${quote(tooltip(node))}`];
  switch (node.kind) {
    case NodeKind.EXTERNAL:
    case NodeKind.EXTERNALS:
      attrs.push('shape=ellipse', 'fillcolor="#fff8c5"');
      break;
    case NodeKind.NAMESPACE:
    case NodeKind.OTHER_NAMESPACES:
      attrs.push('shape=box3d', 'fillcolor="#ddf4ff"');
      break;
    default:
      break;
  }
  return `${node.id} [${attrs.join(', ')}];`;
}

function edgeStatement(edge: GraphEdge, idPrefix: string): string {
  const colour = EDGE_COLOURS[edge.kind];
  const attrs = [
    `id=${quote(idPrefix + edge.id)}`,
    `label=${quote(escapeLabel(edge.label))}`,
    `tooltip=${quote(`${edge.from === edge.to ? 'within' : 'edge'}: ${edge.label}`)}`,
    `color=${quote(colour)}`,
    `fontcolor=${quote(colour)}`,
  ];
  if (!edge.uniform) attrs.push('style=dashed');
  if (edge.kind === EdgeKind.OPENED || edge.kind === EdgeKind.CLOSED) attrs.push('penwidth=2');
  return `${edge.from} -> ${edge.to} [${attrs.join(', ')}];`;
}

function tooltip(node: GraphNode): string {
  const shown = node.members.slice(0, 20);
  return `${shown.join('\n')}${node.members.length > shown.length ? `\n+${node.members.length - shown.length} more` : ''}`;
}

/** Label text is taken literally except for escapes: keep backslashes from being read as escapes. */
function escapeLabel(text: string): string {
  return text.replace(/\\/g, '\\\\');
}

/** A DOT double-quoted string (quotes and newlines escaped). */
function quote(text: string): string {
  return `"${text.replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
