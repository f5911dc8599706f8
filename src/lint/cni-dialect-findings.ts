import { LintFinding } from './lint-finding';
import { LintRules } from './lint-rules';
import { Severity } from './severity';
import { InventoryOrderedPolicy } from '../analysis/manifest-inventory';
import { orderedPolicyId } from '../analysis/ordered-policy';
import { apiGroupOf } from '../analysis/other-policy-apis';
import { ManifestDocument } from '../io/manifest-document';
import { CniProfile } from '../profiles/cni-profile';
import { Feature } from '../profiles/feature';
import { SupportLevel } from '../profiles/support-level';

const ID = 'cni-dialect';

/** The profile feature of each dialect's API group. */
const FEATURE_OF_GROUP: { [group: string]: Feature } = {
  'projectcalico.org': Feature.CALICO_POLICY,
  'crd.projectcalico.org': Feature.CALICO_POLICY,
  'cilium.io': Feature.CILIUM_POLICY,
};

/**
 * `cni-dialect` (internal): a Calico or Cilium policy on a plugin that does not enforce that dialect
 * (error), or may not (warning). The object may be accepted (if its CRD is installed) and does nothing:
 * what it denies stays open and what it allows stays denied, whatever the analysis of it says.
 */
export function cniDialectFindings(
  policies: readonly InventoryOrderedPolicy[],
  profile: CniProfile | undefined,
  byOrigin: Map<string, ManifestDocument>,
  disabled: ReadonlySet<string>,
): LintFinding[] {
  if (!profile || disabled.has(ID)) return [];
  const out: LintFinding[] = [];
  const seen = new Set<string>();
  for (const entry of policies) {
    const feature = FEATURE_OF_GROUP[apiGroupOf(entry.policy.apiVersion)];
    if (feature === undefined) continue;
    const id = orderedPolicyId(entry.policy);
    // A Cilium object may be read as two parts (its denies and its allows): one finding per object.
    if (seen.has(id)) continue;
    seen.add(id);
    const support = profile.support(feature);
    if (support.level === SupportLevel.ENFORCED) continue;
    const unknown = support.level === SupportLevel.UNKNOWN;
    const message = unknown
      ? `on ${profile.displayName} support for ${feature} policies is unknown: ${support.note}. If the plugin does not enforce it, ${id} does nothing, and the analysis of it does not describe the cluster.`
      : `${id} is not enforced on ${profile.displayName}: ${support.note}. Nothing applies its rules: what it denies stays allowed and what it allows is not opened, whatever the analysis of it says. `
        + 'Write the rules as NetworkPolicies (or in the dialect of the cluster\'s plugin: NetpolSettings/CalicoOutput/CiliumOutput), or lint with the profile of the plugin that runs.';
    const doc = byOrigin.get(`${entry.source.file}|${entry.source.line}`);
    const f: { [key: string]: unknown } = {
      rule: ID, severity: unknown ? Severity.WARNING : LintRules.byId(ID).severity, message, kind: entry.policy.kind, name: entry.policy.name, field: 'apiVersion',
    };
    if (entry.policy.namespace !== undefined) f.namespace = entry.policy.namespace;
    if (entry.source.file !== undefined) f.file = entry.source.file;
    const line = doc ? doc.lineOf('apiVersion') : entry.source.line;
    if (line !== undefined) f.line = line;
    out.push(f as unknown as LintFinding);
  }
  return out;
}
