import { LintFinding } from './lint-finding';
import { LintRules } from './lint-rules';
import { InventoryOrderedPolicy } from '../analysis/manifest-inventory';
import { ManifestDocument } from '../io/manifest-document';

const ID = 'cilium-fqdn-dns';

/** The rule specs of a Cilium policy (`spec`, and each of `specs`), with their field paths. */
function specsOf(manifest: any): Array<{ path: string; spec: any }> {
  const out: Array<{ path: string; spec: any }> = [];
  if (typeof manifest?.spec === 'object' && manifest.spec !== null) out.push({ path: 'spec', spec: manifest.spec });
  (Array.isArray(manifest?.specs) ? manifest.specs : []).forEach((spec: any, i: number) => {
    if (typeof spec === 'object' && spec !== null) out.push({ path: `specs[${i}]`, spec });
  });
  return out;
}

/** Whether an egress rule sends DNS through Cilium's proxy (`toPorts[].rules.dns`). */
function hasDnsProxyRule(spec: any): boolean {
  return (Array.isArray(spec.egress) ? spec.egress : []).some((rule: any) =>
    (Array.isArray(rule?.toPorts) ? rule.toPorts : []).some((p: any) => Array.isArray(p?.rules?.dns) && p.rules.dns.length > 0));
}

/**
 * `cilium-fqdn-dns` (internal): a Cilium rule with `toFQDNs` in a policy whose egress has no DNS rule
 * (`toPorts` with `rules.dns`). Cilium learns the addresses of the names only from the DNS answers its
 * proxy sees: without such a rule the names resolve to nothing and the rule allows nothing (and
 * the policy's default deny blocks the lookups themselves unless another rule allows them).
 */
export function ciliumFqdnDnsFindings(
  policies: readonly InventoryOrderedPolicy[],
  byOrigin: Map<string, ManifestDocument>,
  disabled: ReadonlySet<string>,
): LintFinding[] {
  if (disabled.has(ID)) return [];
  const out: LintFinding[] = [];
  const seen = new Set<unknown>();
  for (const entry of policies) {
    if (seen.has(entry.manifest)) continue;
    seen.add(entry.manifest);
    const manifest = entry.manifest as any;
    if (manifest?.apiVersion !== 'cilium.io/v2') continue;
    for (const { path, spec } of specsOf(manifest)) {
      const rules: any[] = Array.isArray(spec.egress) ? spec.egress : [];
      const index = rules.findIndex((r) => Array.isArray(r?.toFQDNs) && r.toFQDNs.length > 0);
      if (index < 0 || hasDnsProxyRule(spec)) continue;
      const names = rules[index].toFQDNs.map((f: any) => f?.matchName ?? f?.matchPattern).filter((x: unknown) => typeof x === 'string');
      const field = `${path}.egress[${index}].toFQDNs`;
      const doc = byOrigin.get(`${entry.source.file}|${entry.source.line}`);
      const f: { [key: string]: unknown } = {
        rule: ID,
        severity: LintRules.byId(ID).severity,
        message: `${field} allows ${names.join(', ')} by name, but no egress rule of this policy sends DNS through Cilium's proxy: Cilium learns a name's addresses only from the answers its proxy sees, so this rule allows nothing. `
          + 'Add an egress rule to kube-dns on UDP and TCP 53 with `rules: { dns: [ { matchPattern: "*" } ] }` (RestrictEgressToDomains writes it).',
        kind: manifest.kind,
        name: entry.policy.name,
        field,
      };
      if (entry.policy.namespace !== undefined) f.namespace = entry.policy.namespace;
      if (entry.source.file !== undefined) f.file = entry.source.file;
      const line = doc ? doc.lineOf(field) : entry.source.line;
      if (line !== undefined) f.line = line;
      out.push(f as unknown as LintFinding);
    }
  }
  return out;
}
