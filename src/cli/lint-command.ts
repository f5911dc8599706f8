import * as fs from 'fs';
import * as path from 'path';
import { CliIo } from './cli-io';
import { Command } from './command';
import { ParsedArgs } from './parse-args';
import { PROGRAM } from './usage';
import { UsageError } from './usage-error';
import { readManifests } from '../io';
import { parseAddressBlock } from '../lint/address-block';
import { findingsToJson, formatFindingsText } from '../lint/format-findings';
import { lintManifests } from '../lint/lint-manifests';
import { LintRules } from '../lint/lint-rules';
import { findingsToSarif } from '../lint/sarif';
import { Severity } from '../lint/severity';
import { Cni } from '../profiles/cni';

/**
 * `cdk8s-netpol lint`: what the network plugin would not enforce, and the common mistakes of
 * NetworkPolicies, as text, JSON or SARIF 2.1.0.
 */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'Find what a network plugin would not enforce, and common NetworkPolicy mistakes',
  synopsis: '[--cni NAME] [--output text|json|sarif] [--pod-cidr CIDR]... [--disable RULE]... [--strict-cidr] <file|dir>...',
  flags: [
    { name: 'cni', description: `Network plugin of the target cluster (${Cni.names().join(', ')})`, valueName: 'NAME' },
    { name: 'output', description: 'Output format', valueName: 'FORMAT', choices: ['text', 'json', 'sarif'], defaultValue: 'text' },
    { name: 'pod-cidr', description: 'A pod CIDR of the cluster, for cni-ipblock-pod-ip (repeatable)', valueName: 'CIDR', repeatable: true },
    { name: 'disable', description: 'A rule id not to check (repeatable)', valueName: 'RULE', repeatable: true },
    { name: 'strict-cidr', description: 'Parse CIDRs as Kubernetes 1.36+ does' },
  ],
  details: [
    'Reads YAML and JSON files, List objects and directories like `validate`. Pods, workloads',
    '(Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ...) and Namespaces of the input',
    'are used to check selectors, named ports, DNS and hostNetwork; NetworkPolicies the API server',
    'would reject are reported as rule `invalid`.',
    '',
    'Rules (default severity):',
    ...LintRules.all().map((r) => `  ${r.id.padEnd(20)} ${r.severity.padEnd(7)} ${r.summary}${r.needsProfile ? ' (with --cni)' : ''}`),
    '',
    'Exit codes:',
    '  0  no error-severity finding',
    '  1  some error-severity finding',
    '  2  unusable input or command line (an unknown --cni lists the known names)',
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
  const documents = readManifests(args.positionals);
  const { findings: all, policyCount } = lintManifests(documents, {
    cni,
    podCidrs: podCidrs.length > 0 ? podCidrs : undefined,
    strictCidr: args.flags['strict-cidr'] === true,
  });
  const findings = all.filter((f) => !disabledRules.includes(f.rule));
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
  if (policyCount === 0) io.stderr(`${PROGRAM} lint: no NetworkPolicy found in the input\n`);
  return findings.some((f) => f.severity === Severity.ERROR) ? 1 : 0;
}

function version(): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}
