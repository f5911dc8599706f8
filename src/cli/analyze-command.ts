import { ReachabilityOptions } from '../analysis';
import { loadAnalysis } from './analysis-input';
import { analysisCsv, analysisJson, analysisText, groupedJson, groupedText } from './analysis-output';
import { CliIo, writePieces } from './cli-io';
import { Command } from './command';
import { EXIT_INCOMPLETE, INPUT_RULE_HELP, SKIP_INVALID_FLAG, VERBOSE_FLAG } from './command-input';
import { Flag } from './flag';
import { ParsedArgs } from './parse-args';
import { UsageError } from './usage-error';
import { parseAddressRange } from '../analysis/address-range';

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
  synopsis: '[--external CIDR]... [--no-ipblock-pods] [--skip-invalid] [--verbose] [--output text|json|csv] [--all-pairs] [--grouped] <file|dir>...',
  flags: [
    EXTERNAL_FLAG,
    NO_IPBLOCK_PODS_FLAG,
    SKIP_INVALID_FLAG,
    VERBOSE_FLAG,
    { name: 'output', description: 'Output format', valueName: 'FORMAT', choices: ['text', 'json', 'csv'], defaultValue: 'text' },
    { name: 'all-pairs', description: 'json, csv: list every ordered pair, also those that allow nothing (the full matrix)' },
    { name: 'grouped', description: 'text, json: list the classes of endpoints the policies cannot tell apart, and what each class allows to each' },
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
    'Output: every endpoint, then the pairs that allow something: a pair that is not listed allows',
    'nothing (--all-pairs lists every ordered pair, self pairs included, for json and csv):',
    '  {"complete":true,"leftOut":[],"allPairs":false,"endpoints":[{"id","kind","namespace","name","labels"}],',
    '   "connections":[{"from","to","allowed":{"TCP":[[80,80]],"UDP":[],"SCTP":[]}}]}',
    '  csv: from,to,TCP,UDP,SCTP with port ranges joined by ";" (80;8000-8080); an incomplete',
    '  answer starts with "# INCOMPLETE" comment lines',
    '--grouped (text, json) lists the classes of endpoints that no selector, ipBlock or named port',
    'tells apart (each member is allowed what every other is), and what each class allows to each:',
    '  {"complete","leftOut","allPairs","endpoints":[{...,"class":0}],',
    '   "classes":[{"id":0,"ingressIsolated","egressIsolated","members":[ids]}],',
    '   "connections":[{"from":0,"to":1,"allowed":{...}}]}',
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
  if (args.flags.grouped === true && args.flags.output === 'csv') throw new UsageError('--grouped is for --output text or json (a CSV holds one table)');
  const { reachability: r, leftOut } = loadAnalysis('analyze', args.positionals, analysisOptions(args), args, io);
  const options = { allPairs: args.flags['all-pairs'] === true };
  const grouped = args.flags.grouped === true;
  switch (args.flags.output) {
    case 'json':
      writePieces(io, grouped ? groupedJson(r, leftOut, options) : analysisJson(r, leftOut, options));
      break;
    case 'csv':
      writePieces(io, analysisCsv(r, leftOut, options));
      break;
    default:
      writePieces(io, grouped ? groupedText(r, leftOut) : analysisText(r, leftOut));
  }
  return leftOut.length > 0 ? EXIT_INCOMPLETE : 0;
}
