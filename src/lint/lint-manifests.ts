import { lintCluster } from './lint-cluster';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { LintPolicy } from './lint-inputs';
import { LintOptions } from './lint-options';
import { runChecks } from './run-checks';
import { Severity } from './severity';
import { InventoryInput, InventoryProblem, readInventory } from '../analysis/manifest-inventory';
import { ManifestDocument } from '../io/manifest-document';
import { objectIdentity } from '../io/object-identity';
import { NETWORK_POLICY_API_VERSION } from '../model/emit';
import { parseNetworkPolicy } from '../model/parse';

/** Options of `lintManifests`. */
export interface ManifestLintOptions extends LintOptions {
  /** Parse CIDRs as Kubernetes 1.36+ does. */
  readonly strictCidr?: boolean;
}

/** The findings for a set of decoded manifests, and how many NetworkPolicies were read. */
export interface ManifestLintResult {
  readonly findings: LintFinding[];
  readonly policyCount: number;
}

/**
 * Lints every NetworkPolicy of the documents, against the pods, workloads and namespaces among
 * them, read by the analysis's `readInventory` (internal: the CLI's engine). Objects the API
 * server would reject are findings of rule `invalid` and are not linted further (nor used as
 * pods or namespaces). Each finding's line is the line of its field.
 */
export function lintManifests(documents: readonly ManifestDocument[], options: ManifestLintOptions = {}): ManifestLintResult {
  const policies: LintPolicy[] = [];
  const others: InventoryInput[] = [];
  const invalid: LintFinding[] = [];
  const byOrigin = new Map<string, ManifestDocument>();
  let policyCount = 0;

  for (const doc of documents) {
    byOrigin.set(`${doc.file}|${doc.line}`, doc);
    const origin = { file: doc.file, line: doc.line };
    if (doc.malformed !== undefined) {
      invalid.push({ rule: 'invalid', severity: Severity.ERROR, message: doc.malformed, kind: '', name: '', ...origin });
      continue;
    }
    const id = objectIdentity(doc.object);
    if (id.kind === undefined || id.kind.toLowerCase() !== 'networkpolicy') {
      others.push({ object: doc.object, file: doc.file, index: doc.index, itemIndex: doc.itemIndex, line: doc.line });
      continue;
    }
    policyCount++;
    const invalidFinding = (field: string | undefined, message: string): LintFinding => clean({
      rule: 'invalid',
      severity: Severity.ERROR,
      message,
      kind: id.kind!,
      name: id.name ?? '',
      namespace: id.namespace,
      field,
      file: doc.file,
      line: field ? doc.lineOf(field) : doc.line,
    });
    if (id.kind !== 'NetworkPolicy') {
      invalid.push(invalidFinding('kind', `kind ${JSON.stringify(id.kind)}: kinds are case-sensitive (did you mean NetworkPolicy?)`));
      continue;
    }
    if (id.apiVersion !== NETWORK_POLICY_API_VERSION) {
      invalid.push(invalidFinding('apiVersion', `apiVersion ${JSON.stringify(id.apiVersion ?? null)}: a NetworkPolicy is served only as ${NETWORK_POLICY_API_VERSION}`));
      continue;
    }
    const parsed = parseNetworkPolicy(doc.object, { strictCidr: options.strictCidr ?? false });
    if (!parsed.policy) {
      for (const e of parsed.errors) invalid.push(invalidFinding(e.field || undefined, e.message));
      continue;
    }
    policies.push({ policy: parsed.policy, manifest: doc.object, ...origin });
  }

  const inventory = readInventory(others);
  for (const problem of inventory.problems) invalid.push(problemFinding(problem, byOrigin));
  const ctx = new LintContext(policies, lintCluster(options, inventory.cluster), options);
  const findings = runChecks(ctx).map((f) => {
    const doc = f.file !== undefined && f.line !== undefined ? byOrigin.get(`${f.file}|${f.line}`) : undefined;
    return doc && f.field ? { ...f, line: doc.lineOf(f.field) } : f;
  });
  return { findings: sortFindings([...invalid, ...findings]), policyCount };
}

/** A pod, workload or namespace that `readInventory` skipped, as a finding of rule `invalid`. */
function problemFinding(problem: InventoryProblem, byOrigin: Map<string, ManifestDocument>): LintFinding {
  const doc = byOrigin.get(`${problem.file}|${problem.line}`);
  const id = objectIdentity(doc?.object);
  const field = problem.field || undefined;
  return clean({
    rule: 'invalid',
    severity: Severity.ERROR,
    message: `${problem.message} (the object is left out of the other checks)`,
    kind: id.kind ?? '',
    name: id.name ?? '',
    namespace: id.namespace,
    field,
    file: problem.file,
    line: doc && field ? doc.lineOf(field) : problem.line,
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
