import { loadAnalysis } from './analysis-input';
import { analysisOptions, EXTERNAL_FLAG, FOCUS_FLAGS, focusOf, NO_IPBLOCK_PODS_FLAG } from './analyze-command';
import { batched, CliIo, writePieces } from './cli-io';
import { CLUSTER_FLAGS, CLUSTER_INPUT_HELP } from './cluster-source';
import { Command } from './command';
import {
  completenessJson, EXIT_INCOMPLETE, incompleteTextLines, INPUT_RULE_HELP, LeftOutEntry, SKIP_INVALID_FLAG, VERBOSE_FLAG,
} from './command-input';
import { OUTPUT_FLAG } from './flag';
import { GRAPH_OUTPUT_HELP, GRAPH_OUTPUTS, isGraphOutput, writeDiffPicture } from './graph-output';
import { ParsedArgs } from './parse-args';
import { UsageError } from './usage-error';
import { describeFocus, Focus, inFocus } from '../analysis/focus';
import { Reachability } from '../analysis/reachability';
import { PairChange } from '../analysis/reachability-diff';

/**
 * `cdk8s-netpol diff`: the connections opened and closed between two sets of manifests.
 */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'List the connections a change of manifests opens and closes',
  synopsis: '[--external CIDR]... [--no-ipblock-pods] [--skip-invalid] [--verbose] [--output text|json|dot|mermaid|svg|html] [--focus-workload NAME [--focus-peer NAME] [--focus-direction ingress|egress]] [--kubeconfig PATH] [--context NAME] (<before> <after> | --before INPUT --after INPUT)',
  flags: [
    { name: 'before', description: 'The input before the change (a file, a directory, or cluster); instead of the first argument', valueName: 'INPUT' },
    { name: 'after', description: 'The input after the change (a file, a directory, or cluster); instead of the second argument', valueName: 'INPUT' },
    EXTERNAL_FLAG, NO_IPBLOCK_PODS_FLAG, SKIP_INVALID_FLAG, VERBOSE_FLAG,
    { ...OUTPUT_FLAG, choices: [...OUTPUT_FLAG.choices!, ...GRAPH_OUTPUTS] },
    ...FOCUS_FLAGS,
    ...CLUSTER_FLAGS,
  ],
  details: [
    '<before> and <after> are each a file or a directory of manifests; one of them may hold no',
    'object (a first deployment). An endpoint found on one side only has all its connections opened',
    '(new) or closed (removed). Addresses outside the cluster are compared range by range: the IPv4',
    'and IPv6 spaces cut at every ipBlock bound of either side (and at each --external), so a change',
    'that opens egress to 0.0.0.0/0 or to a new CIDR is listed with the ranges it opens.',
    'With --focus-workload, only the changes of that endpoint (named as in either side) are listed,',
    'and the exit code says whether they changed. Either side may be the live cluster: before',
    '`kubectl apply`, `cdk8s-netpol diff --before cluster --after cdk8s.out/` lists what applying',
    'cdk8s.out/ would open and close in the cluster of the current context.',
    '',
    INPUT_RULE_HELP,
    '',
    CLUSTER_INPUT_HELP,
    '',
    GRAPH_OUTPUT_HELP,
    'In a diff, opened edges are green, closed ones red and unchanged ones grey.',
    '',
    'Exit codes: 0 nothing changed; 1 something was opened or closed (a CI gate); 2 unusable input',
    '(no answer); 3 answered without some objects of either side, which the answer lists.',
  ].join('\n'),
  run: runDiff,
};

function runDiff(args: ParsedArgs, io: CliIo): number {
  const [beforeInput, afterInput] = sides(args);
  const options = analysisOptions(args);
  const before = loadAnalysis('diff', [beforeInput], options, args, io, true);
  const after = loadAnalysis('diff', [afterInput], options, args, io, true);
  if (before.reachability._inventory.cluster.endpoints.length === 0 && before.reachability.policies.length === 0
    && after.reachability._inventory.cluster.endpoints.length === 0 && after.reachability.policies.length === 0
    && before.leftOut.length === 0 && after.leftOut.length === 0) {
    throw new UsageError(`no Kubernetes objects found in ${beforeInput} nor in ${afterInput}`);
  }
  const leftOut = [...before.leftOut, ...after.leftOut];
  if (isGraphOutput(args.flags.output)) {
    if (typeof args.flags['focus-workload'] === 'string') throw new UsageError(`--output ${String(args.flags.output)} draws every connection: leave out --focus-workload`);
    writeDiffPicture(args.flags.output as string, before.reachability, after.reachability, leftOut, [beforeInput, afterInput], io);
    if (leftOut.length > 0) return EXIT_INCOMPLETE;
    return changesOf(before.reachability, after.reachability, undefined).next().done ? 0 : 1;
  }
  const focus = diffFocus(args, before.reachability, after.reachability);
  // Whether anything changed decides the exit code before the answer is written (streamed later).
  const changed = !changesOf(before.reachability, after.reachability, focus).next().done;
  const pieces = args.flags.output === 'json'
    ? diffJson(before.reachability, after.reachability, leftOut, focus)
    : diffText(before.reachability, after.reachability, leftOut, focus);
  writePieces(io, pieces);
  if (leftOut.length > 0) return EXIT_INCOMPLETE;
  return changed ? 1 : 0;
}

/** `<before> <after>`, or `--before X --after Y`, never a mix of both. */
function sides(args: ParsedArgs): [string, string] {
  const before = args.flags.before;
  const after = args.flags.after;
  if (typeof before === 'string' || typeof after === 'string') {
    if (typeof before !== 'string' || typeof after !== 'string') throw new UsageError('--before and --after go together');
    if (args.positionals.length > 0) throw new UsageError(`give the two sides either as --before and --after or as two arguments, not both (also given: ${args.positionals.join(' ')})`);
    return [before, after];
  }
  if (args.positionals.length !== 2) throw new UsageError(`expected <before> and <after>, got ${args.positionals.length} ${args.positionals.length === 1 ? 'path' : 'paths'}`);
  return [args.positionals[0], args.positionals[1]];
}

/** The JSON answer of `diff`, piece by piece: `{"complete","leftOut","changes":[{from,to,opened,closed}]}`. */
function* diffJson(before: Reachability, after: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  yield* batched(diffJsonLines(before, after, leftOut, focus));
}

function* diffJsonLines(before: Reachability, after: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  const completeness = completenessJson(leftOut);
  const focusKey = focus ? `\n  "focus": ${JSON.stringify(focus)},` : '';
  yield `{\n  "complete": ${completeness.complete},\n  "leftOut": ${JSON.stringify(completeness.leftOut)},${focusKey}\n  "changes": [`;
  let first = true;
  for (const c of changesOf(before, after, focus)) {
    yield `${first ? '\n' : ',\n'}    ${JSON.stringify({ from: c.from, to: c.to, opened: c.opened.toJson(), closed: c.closed.toJson() })}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}

/** The text answer of `diff`, piece by piece: `+ from -> to: ports` and `- from -> to: ports` lines. */
function* diffText(before: Reachability, after: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  yield* batched(diffTextLines(before, after, leftOut, focus));
}

function* diffTextLines(before: Reachability, after: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  for (const line of incompleteTextLines(leftOut)) yield `${line}\n`;
  if (focus) yield `Only the ${describeFocus(focus)}.\n`;
  let opened = 0;
  let closed = 0;
  for (const c of changesOf(before, after, focus)) {
    if (!c.opened.isEmpty) {
      opened++;
      yield `+ ${c.from} -> ${c.to}: ${c.opened.toString()}\n`;
    }
    if (!c.closed.isEmpty) {
      closed++;
      yield `- ${c.from} -> ${c.to}: ${c.closed.toString()}\n`;
    }
  }
  yield opened + closed === 0 ? 'No connection changed.\n' : `${opened} ${opened === 1 ? 'pair' : 'pairs'} opened (+), ${closed} closed (-).\n`;
}

/** The changes, within the focus. */
function* changesOf(before: Reachability, after: Reachability, focus: Focus | undefined): Generator<PairChange> {
  for (const c of before._diff(after)) if (inFocus(focus, c.from, c.to)) yield c;
}

/** The focus of a diff: its endpoints named as in the after side, or else the before side (a removed workload). */
function diffFocus(args: ParsedArgs, before: Reachability, after: Reachability): Focus | undefined {
  try {
    return focusOf(args, after);
  } catch (e) {
    try {
      return focusOf(args, before);
    } catch {
      throw e;
    }
  }
}
