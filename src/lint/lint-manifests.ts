import { adminPolicyFindings } from './admin-policy-findings';
import { ciliumFqdnDnsFindings } from './cilium-fqdn-dns-findings';
import { cniAdminPolicyFindings } from './cni-admin-policy-findings';
import { cniDialectFindings } from './cni-dialect-findings';
import { lintCluster } from './lint-cluster';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { LintPolicy } from './lint-inputs';
import { LintOptions } from './lint-options';
import { runChecks } from './run-checks';
import { Severity } from './severity';
import { InventoryObjectNote, InventoryProblem, readInventory } from '../analysis/manifest-inventory';
import { ManifestDocument } from '../io/manifest-document';

/** Options of `lintManifests`. */
export interface ManifestLintOptions extends LintOptions {
  /** Parse CIDRs as Kubernetes 1.36+ does. */
  readonly strictCidr?: boolean;
}

/** The findings for a set of decoded manifests, and how many NetworkPolicies were read. */
export interface ManifestLintResult {
  readonly findings: LintFinding[];
  readonly policyCount: number;
  /** How many cluster-wide (AdminNetworkPolicy, ...) and Calico/Cilium policies were read. */
  readonly otherPolicyCount?: number;
  /** How many policies of other APIs were left out (findings of rule `other-api`). */
  readonly otherApiCount: number;
}

/**
 * Lints every NetworkPolicy of the documents, against the pods, workloads and namespaces among
 * them, all read by the analysis's `readInventory` (internal: the CLI's engine), so that lint and
 * analysis read the same objects the same way:
 *
 * - objects that cannot be read are findings of rule `invalid` (one per field for a NetworkPolicy)
 *   and are not linted further, nor used as pods or namespaces;
 * - policies of other APIs are findings of rule `other-api`;
 * - an object defined twice is a finding of rule `duplicate-name` on the earlier one, and only the
 *   later one is linted (as `kubectl apply` would leave it).
 *
 * Each finding's line is the line of its field.
 */
export function lintManifests(documents: readonly ManifestDocument[], options: ManifestLintOptions = {}): ManifestLintResult {
  const byOrigin = new Map<string, ManifestDocument>();
  for (const doc of documents) byOrigin.set(`${doc.file}|${doc.line}`, doc);
  const inventory = readInventory(documents.map((doc) => ({
    object: doc.object, file: doc.file, index: doc.index, itemIndex: doc.itemIndex, line: doc.line, malformed: doc.malformed,
  })), { strictCidr: options.strictCidr ?? false });

  const invalid: LintFinding[] = [];
  for (const problem of inventory.problems) invalid.push(...problemFindings(problem, byOrigin));
  for (const other of inventory.otherApis) invalid.push(noteFinding('other-api', Severity.WARNING, other, byOrigin));
  for (const duplicate of inventory.duplicates) invalid.push(noteFinding('duplicate-name', Severity.ERROR, duplicate, byOrigin));

  const policies: LintPolicy[] = inventory.policies.map(({ policy, manifest, source }) => ({
    policy, manifest, ...(source.file !== undefined ? { file: source.file } : {}), ...(source.line !== undefined ? { line: source.line } : {}),
  }));
  const policyCount = policies.length + inventory.problems.filter((p) => p.kind?.toLowerCase() === 'networkpolicy').length;
  const ctx = new LintContext(policies, lintCluster(options, inventory.cluster), options, inventory.namespacesWithUnreadableEndpoints);
  const disabled = new Set(options.disabledRules ?? []);
  const adminFindings = [
    ...cniAdminPolicyFindings(inventory.clusterPolicies, options.cni, byOrigin, disabled),
    ...cniDialectFindings(inventory.orderedPolicies, options.cni, byOrigin, disabled),
    ...ciliumFqdnDnsFindings(inventory.orderedPolicies, byOrigin, disabled),
    ...adminPolicyFindings(inventory.clusterPolicies, byOrigin, disabled),
  ];
  const findings = runChecks(ctx).map((f) => {
    const doc = f.file !== undefined && f.line !== undefined ? byOrigin.get(`${f.file}|${f.line}`) : undefined;
    return doc && f.field ? { ...f, line: doc.lineOf(f.field) } : f;
  });
  const otherPolicyCount = inventory.clusterPolicies.length + new Set(inventory.orderedPolicies.map((p) => p.policy)).size;
  const all = sortFindings([...invalid, ...findings, ...adminFindings]);
  return { findings: all, policyCount, otherPolicyCount, otherApiCount: inventory.otherApis.length };
}

/** An object that cannot be read, as findings of rule `invalid`: one per field of a NetworkPolicy, one for any other object. */
function problemFindings(problem: InventoryProblem, byOrigin: Map<string, ManifestDocument>): LintFinding[] {
  const doc = byOrigin.get(`${problem.file}|${problem.line}`);
  const finding = (field: string | undefined, message: string) => clean({
    rule: 'invalid',
    severity: Severity.ERROR,
    message,
    kind: problem.kind ?? '',
    name: problem.name ?? '',
    namespace: problem.namespace,
    field,
    file: problem.file,
    line: doc && field ? doc.lineOf(field) : problem.line,
  });
  // The finding names the field: its message does not repeat it.
  if (problem.kind === 'NetworkPolicy') return problem.errors.map((e) => finding(e.field || undefined, e.message));
  const message = problem.errors.map((e) => (e.field && e.field !== problem.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
  return [finding(problem.field || undefined, `${message} (the object is left out of the other checks)`)];
}

function noteFinding(rule: string, severity: Severity, note: InventoryObjectNote, byOrigin: Map<string, ManifestDocument>): LintFinding {
  const doc = byOrigin.get(`${note.file}|${note.line}`);
  return clean({
    rule,
    severity,
    message: note.message,
    kind: note.kind ?? '',
    name: note.name ?? '',
    namespace: note.namespace,
    file: note.file,
    line: doc?.line ?? note.line,
  });
}

/** By file (input order kept), then line; stable otherwise. */
function sortFindings(findings: LintFinding[]): LintFinding[] {
  const fileOrder = new Map<string, number>();
  for (const f of findings) if (f.file !== undefined && !fileOrder.has(f.file)) fileOrder.set(f.file, fileOrder.size);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (fileOrder.get(a.f.file ?? '') ?? -1) - (fileOrder.get(b.f.file ?? '') ?? -1) || (a.f.line ?? 0) - (b.f.line ?? 0) || a.i - b.i)
    .map(({ f }) => f);
}

function clean(finding: { [key: string]: any }): LintFinding {
  return Object.fromEntries(Object.entries(finding).filter(([, v]) => v !== undefined)) as unknown as LintFinding;
}
