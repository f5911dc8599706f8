import { buildGraph, DEFAULT_GRAPH_LIMITS, GraphLimits } from './connectivity-graph';
import { graphToDot } from './dot-writer';
import { GraphOptions } from './graph-options';
import { analysisSource, diffSource, GraphSource } from './graph-source';
import { DEFAULT_MERMAID_LIMITS, mermaidWithinLimits } from './mermaid-writer';
import { renderSvg } from './svg-renderer';
import { Reachability } from '../analysis/reachability';

/** The picture formats of `analyze` and `diff` (`html` is the report, written elsewhere). */
export type GraphFormat = 'dot' | 'mermaid' | 'svg';

/**
 * The graph of an analysis in a format. `notes` are drawn first among the graph's notes (an
 * incomplete answer says so there).
 */
export function analysisGraph(r: Reachability, format: GraphFormat, options: GraphOptions = {}, notes: readonly string[] = []): string {
  return graphText(analysisSource(r._engine), format, options, 'Allowed connections', notes);
}

/** The graph of what a change opens (green) and closes (red), in a format. */
export function diffGraph(
  before: Reachability, after: Reachability, format: GraphFormat, options: GraphOptions = {}, notes: readonly string[] = [],
): string {
  return graphText(diffSource(before._engine, after._engine), format, options, 'What the change opens (green) and closes (red)', notes);
}

function graphText(source: GraphSource, format: GraphFormat, options: GraphOptions, defaultTitle: string, notes: readonly string[]): string {
  const title = options.title ?? defaultTitle;
  if (format === 'mermaid') return mermaidWithinLimits(source, title, limitsOf(options, DEFAULT_MERMAID_LIMITS), notes);
  const graph = buildGraph(source, limitsOf(options, DEFAULT_GRAPH_LIMITS));
  graph.folded.unshift(...notes);
  const dot = graphToDot(graph, title);
  return format === 'svg' ? renderSvg(dot) : dot;
}

/** The limits of the options, checked (a limit below 1 would hide everything). */
export function limitsOf(options: GraphOptions, defaults: GraphLimits): GraphLimits {
  for (const [name, value] of [['maxNodes', options.maxNodes], ['maxEdges', options.maxEdges]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      throw new Error(`${name} must be a whole number of at least 1, got ${String(value)}`);
    }
  }
  return { maxNodes: options.maxNodes ?? defaults.maxNodes, maxEdges: options.maxEdges ?? defaults.maxEdges };
}
