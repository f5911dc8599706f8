import * as fs from 'fs';
import { loadAnalysis } from './analysis-input';
import { analysisOptions, EXTERNAL_FLAG, NO_IPBLOCK_PODS_FLAG } from './analyze-command';
import { CliIo } from './cli-io';
import { Command } from './command';
import { EXIT_INCOMPLETE, INPUT_RULE_HELP, SKIP_INVALID_FLAG, VERBOSE_FLAG } from './command-input';
import { reportLeftOut } from './graph-output';
import { ParsedArgs } from './parse-args';
import { PROGRAM } from './usage';
import { UsageError } from './usage-error';
import { readManifestInput } from '../io/read-input';
import { lintManifests } from '../lint/lint-manifests';
import { Cni } from '../profiles/cni';
import { renderHtmlReport } from '../report/html-report';

/**
 * `cdk8s-netpol report`: one self-contained HTML page with the connectivity graph, the namespace
 * matrix, the lint findings for a plugin and, with `--before`, what a change opens and closes.
 */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Write a self-contained HTML report: connectivity graph, namespace matrix, lint findings, diff',
  synopsis: '-o FILE [--cni NAME] [--before PATH]... [--title TEXT] [--external CIDR]... [--no-ipblock-pods] [--skip-invalid] [--verbose] <file|dir>...',
  flags: [
    { name: 'out', short: 'o', description: 'The HTML file to write (- for standard output)', valueName: 'FILE' },
    { name: 'cni', description: `Network plugin of the target cluster, for the lint findings (${Cni.names().join(', ')})`, valueName: 'NAME' },
    { name: 'before', description: 'The manifests before the change (a file or directory; repeat it for several): adds the diff', valueName: 'PATH', repeatable: true },
    { name: 'title', description: 'The title of the page', valueName: 'TEXT', defaultValue: 'NetworkPolicy report' },
    EXTERNAL_FLAG,
    NO_IPBLOCK_PODS_FLAG,
    SKIP_INVALID_FLAG,
    VERBOSE_FLAG,
  ],
  details: [
    'The page needs nothing but a browser: the graph is an inline SVG laid out by Graphviz compiled',
    'to WebAssembly, styles, script and data are inline, and it fetches nothing (a CI artifact opens',
    'as is). Clicking an edge, a node or a matrix cell shows the explanation of the connection (the',
    'policies that isolate each side, the rules that allow it), as `explain` gives it.',
    '',
    INPUT_RULE_HELP,
    '',
    'Exit codes: 0 written; 2 unusable input or command line (nothing written); 3 written, but the',
    'report leaves out some objects of the input, which it lists at the top. Lint findings do not',
    'change the exit code (run `lint` as the gate).',
  ].join('\n'),
  run: runReport,
};

function runReport(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length === 0) throw new UsageError('no file or directory given');
  const out = args.flags.out;
  if (typeof out !== 'string' || out === '') throw new UsageError('no output file given: -o report.html (or -o - for standard output)');
  let cni;
  if (typeof args.flags.cni === 'string') {
    cni = Cni.tryByName(args.flags.cni);
    if (!cni) throw new UsageError(`unknown network plugin ${JSON.stringify(args.flags.cni)} for --cni; known: ${Cni.names().join(', ')}`);
  }
  const options = analysisOptions(args);
  const after = loadAnalysis('report', args.positionals, options, args, io);
  const beforePaths = [...(args.lists.before ?? [])];
  const before = beforePaths.length > 0 ? loadAnalysis('report', beforePaths, options, args, io, true) : undefined;
  // Lint reads the same documents; what cannot be read was reported (and allowed) by loadAnalysis.
  const { findings } = lintManifests(readManifestInput(args.positionals).documents, { cni });
  const leftOut = [...(before?.leftOut ?? []), ...after.leftOut];
  const html = renderHtmlReport({
    title: args.flags.title as string,
    source: args.positionals.join(', '),
    reachability: after.reachability,
    leftOut: reportLeftOut(leftOut),
    findings,
    cni: cni?.displayName,
    before: before?.reachability,
    beforeSource: beforePaths.join(', '),
  });
  if (out === '-') {
    io.stdout(html);
  } else {
    try {
      fs.writeFileSync(out, html);
    } catch (e) {
      throw new UsageError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    io.stderr(`${PROGRAM} report: wrote ${out} (${Math.round(html.length / 1024)} KiB)${leftOut.length > 0 ? ' (INCOMPLETE: see its top)' : ''}\n`);
  }
  return leftOut.length > 0 ? EXIT_INCOMPLETE : 0;
}
