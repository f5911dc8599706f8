import { ReachabilityOptions } from '../analysis';
import { loadAnalysis } from './analysis-input';
import { CliIo } from './cli-io';
import { CLUSTER_FLAGS, CLUSTER_INPUT_HELP } from './cluster-source';
import { Command } from './command';
import {
  completenessJson, EXIT_INCOMPLETE, incompleteCsvLines, incompleteTextLines, INPUT_RULE_HELP, LeftOutEntry, SKIP_INVALID_FLAG, VERBOSE_FLAG,
} from './command-input';
import { Flag } from './flag';
import { ParsedArgs } from './parse-args';
import { UsageError } from './usage-error';
import { parseAddressRange } from '../analysis/address-range';
import { Reachability, writeAnalysisJson } from '../analysis/reachability';

/** `--external CIDR`, shared by the analysis commands. */
export const EXTERNAL_FLAG: Flag = {
  name: 'external',
  description: 'An endpoint outside the cluster (IP or CIDR); repeat it, or separate several with commas',
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
  synopsis: '[--external CIDR]... [--no-ipblock-pods] [--skip-invalid] [--verbose] [--output text|json|csv] [--kubeconfig PATH] [--context NAME] <file|dir|cluster>...',
  flags: [
    EXTERNAL_FLAG,
    NO_IPBLOCK_PODS_FLAG,
    SKIP_INVALID_FLAG,
    VERBOSE_FLAG,
    { name: 'output', description: 'Output format', valueName: 'FORMAT', choices: ['text', 'json', 'csv'], defaultValue: 'text' },
    ...CLUSTER_FLAGS,
  ],
  details: [
    'Endpoints are Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets,',
    'ReplicationControllers, Jobs and CronJobs (id `namespace/name[Kind]`), and each --external CIDR',
    '(id: the CIDR as given). Namespaces come from Namespace objects or from the names used. Pod IPs',
    '(status.podIP/podIPs) let ipBlocks match pods. Host-network pods are not subject to policy.',
    'Kinds that say nothing about traffic (ConfigMap, Service, ...) are ignored.',
    '',
    INPUT_RULE_HELP,
    '',
    CLUSTER_INPUT_HELP,
    '',
    'Output: text lists the pairs with something allowed; json and csv list every ordered pair:',
    '  {"complete":true,"leftOut":[],"endpoints":[{"id","kind","namespace","name","labels"}],',
    '   "connections":[{"from","to","allowed":{"TCP":[[80,80]],"UDP":[],"SCTP":[]}}]}',
    '  csv: from,to,TCP,UDP,SCTP with port ranges joined by ";" (80;8000-8080); an incomplete',
    '  answer starts with "# INCOMPLETE" comment lines',
    '',
    'Exit codes: 0 analysed; 2 unusable input or command line (no answer); 3 answered without',
    'some objects of the input (--skip-invalid, or policies of other APIs), which the answer lists.',
  ].join('\n'),
  run: runAnalyze,
};

function runAnalyze(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length === 0) throw new UsageError('no file or directory given');
  const { reachability: r, leftOut } = loadAnalysis('analyze', args.positionals, analysisOptions(args), args, io);
  switch (args.flags.output) {
    case 'json':
      writeJson(r, leftOut, io);
      break;
    case 'csv':
      writeCsv(r, leftOut, io);
      break;
    default:
      writeText(r, leftOut, io);
  }
  return leftOut.length > 0 ? EXIT_INCOMPLETE : 0;
}

function writeJson(r: Reachability, leftOut: readonly LeftOutEntry[], io: CliIo): void {
  const completeness = completenessJson(leftOut);
  let first = true;
  writeAnalysisJson(r, (chunk) => {
    const text = chunk.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
    io.stdout(`${first ? '' : ',\n'}${text}`);
    first = false;
  }, (endpoints) => {
    io.stdout(`{\n  "complete": ${completeness.complete},\n  "leftOut": ${JSON.stringify(completeness.leftOut)},\n  "endpoints": [\n${endpoints.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ],\n  "connections": [\n`);
  });
  io.stdout(`${first ? '' : '\n'}  ]\n}\n`);
}

function writeCsv(r: Reachability, leftOut: readonly LeftOutEntry[], io: CliIo): void {
  const preamble = incompleteCsvLines(leftOut);
  if (preamble.length > 0) io.stdout(`${preamble.join('\n')}\n`);
  io.stdout('from,to,TCP,UDP,SCTP\n');
  writeAnalysisJson(r, (chunk) => {
    io.stdout(chunk.map((c) => [c.from, c.to, ...['TCP', 'UDP', 'SCTP'].map((p) => ranges(c.allowed[p]))].map(csvField).join(',')).join('\n') + '\n');
  }, () => undefined);
}

function ranges(list: Array<[number, number]>): string {
  return list.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(';');
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function writeText(r: Reachability, leftOut: readonly LeftOutEntry[], io: CliIo): void {
  const endpoints = r.endpoints;
  const lines: string[] = incompleteTextLines(leftOut);
  lines.push(`${endpoints.length} ${endpoints.length === 1 ? 'endpoint' : 'endpoints'} (${r.endpointClassCount} ${r.endpointClassCount === 1 ? 'class' : 'classes'}), ${r.policies.length} ${r.policies.length === 1 ? 'NetworkPolicy' : 'NetworkPolicies'}`);
  const hostNetwork = endpoints.filter((e) => e.hostNetwork);
  if (hostNetwork.length > 0) lines.push(`Host-network pods, not subject to NetworkPolicy: ${hostNetwork.map((e) => e.id).join(', ')}`);
  const isolation = (e: typeof endpoints[number]): string => {
    if (e.external) return 'outside the cluster';
    if (e.hostNetwork) return 'host network';
    const dirs = [e.ingressIsolated ? 'ingress' : '', e.egressIsolated ? 'egress' : ''].filter((d) => d !== '');
    return dirs.length > 0 ? `isolated for ${dirs.join(' and ')}` : 'not isolated';
  };
  lines.push('', 'Endpoints:');
  for (const e of endpoints) lines.push(`  ${e.id}  (${isolation(e)})`);
  lines.push('', 'Allowed connections:');
  const list = r.connections(false);
  for (const c of list) lines.push(`  ${c.from} -> ${c.to}: ${c.description}`);
  if (list.length === 0) lines.push('  (none)');
  const pairs = endpoints.length * endpoints.length;
  lines.push('', `${list.length} of ${pairs} ordered pairs (self pairs included) allow something; the other ${pairs - list.length} allow nothing.`);
  io.stdout(`${lines.join('\n')}\n`);
}
