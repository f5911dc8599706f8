import { loadAnalysis } from './analysis-input';
import { analysisOptions, EXTERNAL_FLAG, NO_IPBLOCK_PODS_FLAG } from './analyze-command';
import { CliIo } from './cli-io';
import { CLUSTER_FLAGS, CLUSTER_INPUT_HELP } from './cluster-source';
import { Command } from './command';
import { completenessJson, EXIT_INCOMPLETE, incompleteTextLines, INPUT_RULE_HELP, SKIP_INVALID_FLAG, VERBOSE_FLAG } from './command-input';
import { OUTPUT_FLAG } from './flag';
import { ParsedArgs } from './parse-args';
import { UsageError } from './usage-error';

/**
 * `cdk8s-netpol diff`: the connections opened and closed between two sets of manifests.
 */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'List the connections a change of manifests opens and closes',
  synopsis: '[--external CIDR]... [--no-ipblock-pods] [--skip-invalid] [--verbose] [--output text|json] [--kubeconfig PATH] [--context NAME] (<before> <after> | --before INPUT --after INPUT)',
  flags: [
    { name: 'before', description: 'The input before the change (a file, a directory, or cluster); instead of the first argument', valueName: 'INPUT' },
    { name: 'after', description: 'The input after the change (a file, a directory, or cluster); instead of the second argument', valueName: 'INPUT' },
    EXTERNAL_FLAG, NO_IPBLOCK_PODS_FLAG, SKIP_INVALID_FLAG, VERBOSE_FLAG, OUTPUT_FLAG, ...CLUSTER_FLAGS,
  ],
  details: [
    '<before> and <after> are each a file or a directory of manifests; one of them may hold no',
    'object (a first deployment). An endpoint found on one side only has all its connections opened',
    '(new) or closed (removed). Either side may be the live cluster: before `kubectl apply`,',
    '  cdk8s-netpol diff --before cluster --after cdk8s.out/',
    'lists what applying cdk8s.out/ would open and close in the cluster of the current context.',
    '',
    INPUT_RULE_HELP,
    '',
    CLUSTER_INPUT_HELP,
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
  const changes = before.reachability.diff(after.reachability);
  if (args.flags.output === 'json') {
    const json = {
      ...completenessJson(leftOut),
      changes: changes.map((c) => ({ from: c.from, to: c.to, opened: byProtocol(c.opened), closed: byProtocol(c.closed) })),
    };
    io.stdout(`${JSON.stringify(json, undefined, 2)}\n`);
  } else {
    const lines: string[] = incompleteTextLines(leftOut);
    for (const c of changes) {
      if (c.opened.length > 0) lines.push(`+ ${c.from} -> ${c.to}: ${c.openedDescription}`);
      if (c.closed.length > 0) lines.push(`- ${c.from} -> ${c.to}: ${c.closedDescription}`);
    }
    const opened = changes.filter((c) => c.opened.length > 0).length;
    const closed = changes.filter((c) => c.closed.length > 0).length;
    lines.push(changes.length === 0 ? 'No connection changed.' : `${opened} ${opened === 1 ? 'pair' : 'pairs'} opened (+), ${closed} closed (-).`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  if (leftOut.length > 0) return EXIT_INCOMPLETE;
  return changes.length === 0 ? 0 : 1;
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

function byProtocol(ranges: Array<{ protocol: string; first: number; last: number }>): { [protocol: string]: Array<[number, number]> } {
  const out: { [protocol: string]: Array<[number, number]> } = { TCP: [], UDP: [], SCTP: [] };
  for (const r of ranges) out[r.protocol].push([r.first, r.last]);
  return out;
}
