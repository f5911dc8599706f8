import { CliIo } from './cli-io';
import { describeCount, entryWhere, LeftOutEntry } from './command-input';
import { Reachability } from '../analysis/reachability';
import { renderHtmlReport, ReportLeftOut } from '../report/html-report';
import { analysisGraph, diffGraph, GraphFormat } from '../report/render-graph';

/** The picture formats that `analyze` and `diff` add to their `--output` choices. */
export const GRAPH_OUTPUTS = ['dot', 'mermaid', 'svg', 'html'];

/** Whether an `--output` value is a picture. */
export function isGraphOutput(format: unknown): boolean {
  return typeof format === 'string' && GRAPH_OUTPUTS.includes(format);
}

/** The help lines of the picture outputs. */
export const GRAPH_OUTPUT_HELP = [
  'Pictures: dot (Graphviz), mermaid (a flowchart GitHub renders in Markdown), svg (laid out by',
  'Graphviz compiled to WebAssembly; no Graphviz needed) and html (a self-contained report with the',
  'graph, a namespace matrix and an explanation behind each edge and cell). Nodes are the groups of',
  'endpoints of a namespace that every policy treats alike (with their count), external ranges are',
  'ellipses, edges carry the allowed ports (TCP 80, 443; UDP 53; all). Large graphs fold namespaces',
  'into single nodes and say so. An incomplete answer says so in the picture.',
].join('\n');

/** The note an incomplete answer draws into its picture. */
function incompleteNotes(leftOut: readonly LeftOutEntry[]): string[] {
  if (leftOut.length === 0) return [];
  return [`INCOMPLETE: ${describeCount(leftOut)} of the input left out (${leftOut.slice(0, 3).map((e) => entryWhere(e) || '-').join(', ')}${leftOut.length > 3 ? ', ...' : ''}): the picture may allow what the cluster denies`];
}

/** Left-out entries as the report lists them. */
export function reportLeftOut(leftOut: readonly LeftOutEntry[]): ReportLeftOut[] {
  return leftOut.map((e) => ({ where: entryWhere(e), reason: e.reason, message: e.message }));
}

/** Writes the picture of an analysis (`analyze --output dot|mermaid|svg|html`). */
export function writeAnalysisPicture(format: string, r: Reachability, leftOut: readonly LeftOutEntry[], source: string, io: CliIo): void {
  if (format === 'html') {
    io.stdout(renderHtmlReport({ source, reachability: r, leftOut: reportLeftOut(leftOut) }));
    return;
  }
  io.stdout(ensureNewline(analysisGraph(r, format as GraphFormat, {}, incompleteNotes(leftOut))));
}

/** Writes the picture of a diff (`diff --output dot|mermaid|svg|html`). */
export function writeDiffPicture(
  format: string, before: Reachability, after: Reachability, leftOut: readonly LeftOutEntry[], sources: readonly string[], io: CliIo,
): void {
  if (format === 'html') {
    io.stdout(renderHtmlReport({ source: sources[1], beforeSource: sources[0], reachability: after, before, leftOut: reportLeftOut(leftOut) }));
    return;
  }
  io.stdout(ensureNewline(diffGraph(before, after, format as GraphFormat, {}, incompleteNotes(leftOut))));
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
