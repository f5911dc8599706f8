import { LintFinding } from './lint-finding';
import { LintNamespace, LintPolicy, LintWorkload } from './lint-inputs';
import { LintOptions } from './lint-options';
import { Linter } from './linter';
import { namespaceOfObject, workloadOf } from './manifest-workloads';
import { Severity } from './severity';
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
 * them (internal: the CLI's engine). Objects the API server would reject are findings of rule
 * `invalid` and are not linted further. Each finding's line is the line of its field.
 */
export function lintManifests(documents: readonly ManifestDocument[], options: ManifestLintOptions = {}): ManifestLintResult {
  const workloads: LintWorkload[] = [...(options.workloads ?? [])];
  const namespaces: LintNamespace[] = [...(options.namespaces ?? [])];
  const policies: LintPolicy[] = [];
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
    const ns = namespaceOfObject(doc.object);
    if (ns) namespaces.push(ns);
    const workload = workloadOf(doc.object, origin);
    if (workload) workloads.push(workload);
    const id = objectIdentity(doc.object);
    if (id.kind === undefined || id.kind.toLowerCase() !== 'networkpolicy') continue;
    policyCount++;
    const invalidFinding = (field: string | undefined, message: string): LintFinding => clean({
      rule: 'invalid', severity: Severity.ERROR, message, kind: id.kind!, name: id.name ?? '', namespace: id.namespace, field,
      file: doc.file, line: field ? doc.lineOf(field) : doc.line,
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

  const findings = Linter.lint(policies, { ...options, workloads, namespaces }).map((f) => {
    const doc = f.file !== undefined && f.line !== undefined ? byOrigin.get(`${f.file}|${f.line}`) : undefined;
    return doc && f.field ? { ...f, line: doc.lineOf(f.field) } : f;
  });
  return { findings: sortFindings([...invalid, ...findings]), policyCount };
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
