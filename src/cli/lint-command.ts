import * as fs from 'fs';
import * as path from 'path';
import { CliIo } from './cli-io';
import { CLUSTER_FLAGS, CLUSTER_INPUT_HELP } from './cluster-source';
import { Command } from './command';
import {
  EXIT_INCOMPLETE, readCommandInput, SKIP_INVALID_FLAG, stopOnUnreadable, VERBOSE_FLAG,
} from './command-input';
import { ParsedArgs } from './parse-args';
import { parsePortArg } from './port-arg';
import { PROGRAM } from './usage';
import { UsageError } from './usage-error';
import { parseAddressBlock } from '../lint/address-block';
import { findingsToJson, formatFindingsText } from '../lint/format-findings';
import { LintFinding } from '../lint/lint-finding';
import { lintManifests } from '../lint/lint-manifests';
import { LintRules } from '../lint/lint-rules';
import { findingsToSarif } from '../lint/sarif';
import { Severity } from '../lint/severity';
import { LabelSelector } from '../model/label-selector';
import { ClusterDnsOptions } from '../patterns/cluster-dns-options';
import { Cni } from '../profiles/cni';

/**
 * `cdk8s-netpol lint`: what the network plugin would not enforce, and the common mistakes of
 * NetworkPolicies, as text, JSON or SARIF 2.1.0.
 */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'Find what a network plugin would not enforce, and common NetworkPolicy mistakes',
  synopsis: '[--cni NAME] [--output text|json|sarif] [--pod-cidr CIDR]... [--disable RULE]... [--strict-cidr] [--dns-namespace NAME] [--dns-labels K=V,...] [--dns-port N[/PROTO]]... [--skip-invalid] [--verbose] [--kubeconfig PATH] [--context NAME] <file|dir|cluster>...',
  flags: [
    { name: 'cni', description: `Network plugin of the target cluster (${Cni.names().join(', ')})`, valueName: 'NAME' },
    { name: 'output', description: 'Output format', valueName: 'FORMAT', choices: ['text', 'json', 'sarif'], defaultValue: 'text' },
    { name: 'pod-cidr', description: 'A pod CIDR of the cluster, for cni-ipblock-pod-ip (repeatable)', valueName: 'CIDR', repeatable: true },
    { name: 'disable', description: 'A rule id not to check (repeatable)', valueName: 'RULE', repeatable: true },
    { name: 'strict-cidr', description: 'Parse CIDRs as Kubernetes 1.36+ does' },
    { name: 'dns-namespace', description: 'Namespace of the cluster DNS pods, for dns-blocked (default kube-system)', valueName: 'NAME' },
    { name: 'dns-labels', description: 'Labels of the cluster DNS pods, for dns-blocked (default k8s-app=kube-dns)', valueName: 'KEY=VALUE,...' },
    { name: 'dns-port', description: 'A DNS port, for dns-blocked (repeatable; default 53/UDP and 53/TCP)', valueName: 'N[/PROTO]', repeatable: true },
    SKIP_INVALID_FLAG,
    VERBOSE_FLAG,
    ...CLUSTER_FLAGS,
  ],
  details: [
    'Reads YAML and JSON files, List objects and directories like `validate`. Pods, workloads',
    '(Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ...) and Namespaces of the input',
    'are used to check selectors, named ports, DNS and hostNetwork; NetworkPolicies the API server',
    'would reject are reported as rule `invalid` (and are not linted further), policies of other',
    'APIs as rule `other-api`, an object defined twice as rule `duplicate-name` (the later one is',
    'linted, as kubectl apply keeps it). A file that cannot be read stops the command (exit 2);',
    'with --skip-invalid it is a finding of rule `invalid` and the other files are linted.',
    '',
    'DNS that is not CoreDNS on port 53 (OpenShift: --dns-namespace openshift-dns',
    '--dns-labels dns.operator.openshift.io/daemonset-dns=default --dns-port 5353/UDP',
    '--dns-port 5353/TCP) is given with the --dns-* flags, as the patterns take it.',
    '',
    CLUSTER_INPUT_HELP,
    '',
    'Rules (default severity):',
    ...LintRules.all().map((r) => `  ${r.id.padEnd(20)} ${r.severity.padEnd(7)} ${r.summary}${r.needsProfile ? ' (with --cni)' : ''}`),
    '',
    'Exit codes:',
    '  0  no error-severity finding',
    '  1  some error-severity finding',
    '  2  unusable input or command line (an unknown --cni lists the known names)',
    '  3  no error-severity finding, but policies of other APIs were not checked (rule other-api)',
  ].join('\n'),
  run: runLint,
};

function runLint(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length === 0) throw new UsageError('no file or directory given');
  const cniName = args.flags.cni;
  let cni;
  if (typeof cniName === 'string') {
    cni = Cni.tryByName(cniName);
    if (!cni) throw new UsageError(`unknown network plugin ${JSON.stringify(cniName)} for --cni; known: ${Cni.names().join(', ')}`);
  }
  const podCidrs = [...(args.lists['pod-cidr'] ?? [])];
  for (const cidr of podCidrs) {
    if (!parseAddressBlock(cidr)) throw new UsageError(`--pod-cidr ${JSON.stringify(cidr)} is not a CIDR`);
  }
  const known = new Set(LintRules.all().map((r) => r.id));
  const disabledRules = [...(args.lists.disable ?? [])];
  for (const id of disabledRules) {
    if (!known.has(id)) throw new UsageError(`unknown rule ${JSON.stringify(id)} for --disable; known: ${[...known].join(', ')}`);
  }
  const dns = dnsOptions(args);
  const input = readCommandInput('lint', args.positionals, args, io);
  stopOnUnreadable('lint', input.unusableFiles, args, io);
  const { findings: all, policyCount, otherPolicyCount, otherApiCount } = lintManifests(input.documents, {
    cni,
    podCidrs: podCidrs.length > 0 ? podCidrs : undefined,
    strictCidr: args.flags['strict-cidr'] === true,
    dns,
  });
  // What was not checked is never disabled away: other-api findings and unreadable files stay.
  const unreadableFiles: LintFinding[] = input.unusableFiles.map((e) => ({
    rule: 'invalid',
    severity: Severity.ERROR,
    kind: '',
    name: '',
    file: e.file,
    ...(e.line !== undefined ? { line: e.line } : {}),
    message: `${e.message} (the file is left out of every check)`,
  }));
  const findings = [...unreadableFiles, ...all.filter((f) => f.rule === 'other-api' || !disabledRules.includes(f.rule))];
  switch (args.flags.output) {
    case 'json':
      io.stdout(`${JSON.stringify(findingsToJson(findings), undefined, 2)}\n`);
      break;
    case 'sarif':
      io.stdout(`${JSON.stringify(findingsToSarif(findings, { version: version() }), undefined, 2)}\n`);
      break;
    default:
      io.stdout(formatFindingsText(findings, policyCount));
  }
  if (policyCount === 0 && (otherPolicyCount ?? 0) === 0) io.stderr(`${PROGRAM} lint: no NetworkPolicy found in the input\n`);
  if (findings.some((f) => f.severity === Severity.ERROR)) return 1;
  return otherApiCount > 0 ? EXIT_INCOMPLETE : 0;
}

/** The cluster DNS of the --dns-* flags, or undefined for CoreDNS's defaults. */
function dnsOptions(args: ParsedArgs): ClusterDnsOptions | undefined {
  const namespace = args.flags['dns-namespace'];
  const labelsText = args.flags['dns-labels'];
  const portTexts = args.lists['dns-port'] ?? [];
  if (namespace === undefined && labelsText === undefined && portTexts.length === 0) return undefined;
  if (namespace !== undefined && (typeof namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace))) {
    throw new UsageError(`--dns-namespace ${JSON.stringify(namespace)} is not a namespace name`);
  }
  let selector: LabelSelector | undefined;
  if (labelsText !== undefined) {
    const labels: { [key: string]: string } = {};
    for (const pair of String(labelsText).split(',')) {
      const m = /^([^=\s]+)=([^=\s]*)$/.exec(pair.trim());
      if (!m) throw new UsageError(`--dns-labels ${JSON.stringify(labelsText)}: expected KEY=VALUE pairs separated by commas, e.g. k8s-app=kube-dns`);
      labels[m[1]] = m[2];
    }
    selector = LabelSelector.labels(labels);
  }
  const ports = portTexts.map((t) => parsePortArg(t, '--dns-port'));
  return {
    ...(namespace !== undefined ? { namespace: namespace as string } : {}),
    ...(selector ? { selector } : {}),
    ...(ports.length > 0 ? { ports } : {}),
  };
}

function version(): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}
