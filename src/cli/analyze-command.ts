import { ReachabilityOptions } from '../analysis';
import { loadAnalysis } from './analysis-input';
import {
  analysisCsv, analysisJson, analysisText, explainedJson, explainedText, exposureJson, exposureText, groupedJson, groupedText,
} from './analysis-output';
import { CliIo, writePieces } from './cli-io';
import { CLUSTER_FLAGS, CLUSTER_INPUT_HELP } from './cluster-source';
import { Command } from './command';
import { EXIT_INCOMPLETE, INPUT_RULE_HELP, SKIP_INVALID_FLAG, VERBOSE_FLAG } from './command-input';
import { Flag } from './flag';
import { GRAPH_OUTPUT_HELP, GRAPH_OUTPUTS, isGraphOutput, writeAnalysisPicture } from './graph-output';
import { ParsedArgs } from './parse-args';
import { UsageError } from './usage-error';
import { parseAddressRange } from '../analysis/address-range';
import { Focus } from '../analysis/focus';
import { Reachability } from '../analysis/reachability';

/** `--external CIDR`, shared by the analysis commands. */
export const EXTERNAL_FLAG: Flag = {
  name: 'external',
  description: 'One more endpoint outside the cluster (IP or CIDR), beside the ranges the policies\' ipBlocks cut; repeat it, or separate several with commas',
  valueName: 'CIDR',
  repeatable: true,
};

/** `--no-ipblock-pods`, shared by the analysis commands. */
export const NO_IPBLOCK_PODS_FLAG: Flag = {
  name: 'no-ipblock-pods',
  description: 'ipBlock peers never match pods by their IPs (as Cilium behaves)',
};

/** `--focus-workload`, `--focus-peer`, `--focus-direction`, shared by analyze and diff. */
export const FOCUS_FLAGS: Flag[] = [
  { name: 'focus-workload', description: 'Only the connections of this endpoint (a name, namespace/name, an id, an IP or CIDR)', valueName: 'NAME' },
  { name: 'focus-peer', description: 'With --focus-workload: only its connections with this endpoint', valueName: 'NAME' },
  { name: 'focus-direction', description: 'With --focus-workload: only its ingress (it is the destination) or its egress (the source)', valueName: 'DIR', choices: ['ingress', 'egress'] },
];

/** The focus of a command line on one analysis (undefined without --focus-workload); a name that names nothing is a usage error. */
export function focusOf(args: ParsedArgs, r: Reachability): Focus | undefined {
  const workload = args.flags['focus-workload'];
  if (typeof workload !== 'string') {
    for (const f of ['focus-peer', 'focus-direction']) if (typeof args.flags[f] === 'string') throw new UsageError(`--${f} needs --focus-workload`);
    return undefined;
  }
  const peer = args.flags['focus-peer'];
  const direction = args.flags['focus-direction'];
  try {
    return r._focus(workload, typeof peer === 'string' ? peer : undefined, direction === 'ingress' || direction === 'egress' ? direction : undefined);
  } catch (e) {
    throw new UsageError(`--focus-workload/--focus-peer: ${(e as Error).message}`);
  }
}

/** The analysis options of a command line. */
export function analysisOptions(args: ParsedArgs): ReachabilityOptions {
  return { externals: externalsOf(args), ipBlockMatchesPods: args.flags['no-ipblock-pods'] !== true };
}

/** The `--external` values: repeated flags, each also taking a comma-separated list. */
function externalsOf(args: ParsedArgs): string[] {
  const values = args.lists.external ?? [];
  const out = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (values.length > 0 && out.length === 0) throw new UsageError('flag --external needs an IP or CIDR');
  for (const cidr of out) if (!parseAddressRange(cidr)) throw new UsageError(`--external ${JSON.stringify(cidr)} is not an IP address or CIDR`);
  return [...new Set(out)];
}

/**
 * `cdk8s-netpol analyze`: the connections every ordered pair of endpoints is allowed.
 */
export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'List what the NetworkPolicies allow between every pair of pods, workloads and external CIDRs',
  synopsis: '[--external CIDR]... [--no-ipblock-pods] [--skip-invalid] [--verbose] [--output text|json|csv|dot|mermaid|svg|html] [--all-pairs] [--grouped | --explain | --exposure] [--focus-workload NAME [--focus-peer NAME] [--focus-direction ingress|egress]] [--kubeconfig PATH] [--context NAME] <file|dir|cluster>...',
  flags: [
    EXTERNAL_FLAG,
    NO_IPBLOCK_PODS_FLAG,
    SKIP_INVALID_FLAG,
    VERBOSE_FLAG,
    { name: 'output', description: 'Output format', valueName: 'FORMAT', choices: ['text', 'json', 'csv', ...GRAPH_OUTPUTS], defaultValue: 'text' },
    { name: 'all-pairs', description: 'json, csv: list every ordered pair, also those that allow nothing (the full matrix)' },
    ...FOCUS_FLAGS,
    { name: 'explain', description: 'text, json: each allowed connection with the rules that allow it on each side' },
    { name: 'exposure', description: 'text, json: the workloads open to any namespace or to outside the cluster, or that can reach anywhere' },
    { name: 'grouped', description: 'text, json: list the classes of endpoints the policies cannot tell apart, and what each class allows to each' },
    ...CLUSTER_FLAGS,
  ],
  details: [
    'Endpoints are Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets,',
    'ReplicationControllers, Jobs and CronJobs (id `namespace/name[Kind]`), and the addresses outside',
    'the cluster: the IPv4 and IPv6 spaces cut at every ipBlock cidr and except of the policies (and at',
    'each --external), one endpoint per range (id: the range, 0.0.0.0-9.255.255.255 or 10.0.0.0/8;',
    'json adds its "cidrs"), so egress opened to 0.0.0.0/0 or to a CIDR nobody named shows without',
    'guessing addresses; an --external CIDR keeps its id as given. Traffic between two addresses',
    'outside the cluster is not listed. Namespaces come from Namespace objects or from the names used. Pod IPs',
    '(status.podIP/podIPs) let ipBlocks match pods. Host-network pods are not subject to policy.',
    'Kinds that say nothing about traffic (ConfigMap, Service, ...) are ignored.',
    '',
    INPUT_RULE_HELP,
    '',
    CLUSTER_INPUT_HELP,
    '',
    'Output: every endpoint, then the pairs that allow something: a pair that is not listed allows',
    'nothing (--all-pairs lists every ordered pair, self pairs included, for json and csv):',
    '  {"complete":true,"leftOut":[],"allPairs":false,"endpoints":[{"id","kind","namespace","name","labels"}],',
    '   "connections":[{"from","to","allowed":{"TCP":[[80,80]],"UDP":[],"SCTP":[]}}]}',
    '  csv: from,to,TCP,UDP,SCTP with port ranges joined by ";" (80;8000-8080); an incomplete',
    '  answer starts with "# INCOMPLETE" comment lines',
    GRAPH_OUTPUT_HELP,
    '--grouped (text, json) lists the classes of endpoints that no selector, ipBlock or named port',
    'tells apart (each member is allowed what every other is), and what each class allows to each:',
    '  {"complete","leftOut","allPairs","endpoints":[{...,"class":0}],',
    '   "classes":[{"id":0,"ingressIsolated","egressIsolated","members":[ids]}],',
    '   "connections":[{"from":0,"to":1,"allowed":{...}}]}',
    '--explain (text, json) gives each allowed connection with the rules that allow it on each side:',
    '  {"complete","leftOut","focus","connections":[{"from","to","allowed",',
    '   "egress":{"isolated","notSubject"?,"rules":[{"policy","field","peer","ports"}]},"ingress":{...}}]}',
    '--exposure (text, json) lists, for each pod and workload, what its own policies allow from and to',
    'any pod of any namespace (present or future: the same on every network plugin), and from and to',
    'every address outside the cluster: {"exposure":[{"endpoint","exposed","fromAnyNamespace",',
    '  "toAnyNamespace","fromEverywhereOutside","fromSomewhereOutside","toEverywhereOutside"}]}',
    '--focus-workload NAME limits any answer to the connections of that endpoint (--focus-peer: with',
    'one peer; --focus-direction: as the destination (ingress) or the source (egress)).',
    'Every output is streamed as the reader of stdout takes it (little memory at any size); a reader',
    'that stops early (| head) ends the command quietly.',
    '',
    'Exit codes: 0 analysed; 2 unusable input or command line (no answer); 3 answered without',
    'some objects of the input (--skip-invalid, or policies of other APIs), which the answer lists.',
  ].join('\n'),
  run: runAnalyze,
};

function runAnalyze(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length === 0) throw new UsageError('no file or directory given');
  const forms = ['grouped', 'explain', 'exposure'].filter((f) => args.flags[f] === true);
  if (forms.length > 1) throw new UsageError(`--${forms.join(' and --')} are different answers: give one`);
  if (forms.length > 0 && args.flags.output === 'csv') throw new UsageError(`--${forms[0]} is for --output text or json (a CSV holds one table)`);
  if (args.flags.grouped === true && typeof args.flags['focus-workload'] === 'string') throw new UsageError('--grouped lists classes, not one workload\'s connections: leave out --focus-workload');
  const { reachability: r, leftOut } = loadAnalysis('analyze', args.positionals, analysisOptions(args), args, io);
  if (isGraphOutput(args.flags.output)) {
    if (forms.length > 0 || typeof args.flags['focus-workload'] === 'string') {
      throw new UsageError(`--output ${String(args.flags.output)} draws every connection: leave out --${forms[0] ?? 'focus-workload'}`);
    }
    writeAnalysisPicture(args.flags.output as string, r, leftOut, args.positionals.join(', '), io);
    return leftOut.length > 0 ? EXIT_INCOMPLETE : 0;
  }
  const focus = focusOf(args, r);
  const options = { allPairs: args.flags['all-pairs'] === true, focus };
  const json = args.flags.output === 'json';
  if (args.flags.explain === true) writePieces(io, json ? explainedJson(r, leftOut, focus) : explainedText(r, leftOut, focus));
  else if (args.flags.exposure === true) writePieces(io, json ? exposureJson(r, leftOut, focus) : exposureText(r, leftOut, focus));
  else if (args.flags.grouped === true) writePieces(io, json ? groupedJson(r, leftOut, options) : groupedText(r, leftOut));
  else if (json) writePieces(io, analysisJson(r, leftOut, options));
  else if (args.flags.output === 'csv') writePieces(io, analysisCsv(r, leftOut, options));
  else writePieces(io, analysisText(r, leftOut, focus));
  return leftOut.length > 0 ? EXIT_INCOMPLETE : 0;
}
