import { LintFinding } from './lint-finding';
import { LintRules } from './lint-rules';
import { Severity } from './severity';
import { clusterPolicyId } from '../analysis/cluster-policy-semantics';
import { InventoryClusterPolicy } from '../analysis/manifest-inventory';
import { ManifestDocument } from '../io/manifest-document';
import { CniProfile } from '../profiles/cni-profile';
import { Feature } from '../profiles/feature';
import { SupportLevel } from '../profiles/support-level';

const ID = 'cni-admin-policy';

/** The profile feature of each cluster-wide policy kind. */
const FEATURE_OF_KIND: { [kind: string]: Feature } = {
  AdminNetworkPolicy: Feature.ADMIN_NETWORK_POLICY,
  BaselineAdminNetworkPolicy: Feature.BASELINE_ADMIN_NETWORK_POLICY,
  ClusterNetworkPolicy: Feature.CLUSTER_NETWORK_POLICY,
};

/**
 * `cni-admin-policy` (internal): a cluster-wide policy of an API that the plugin does not enforce
 * (error), or may not (warning, where the profile says support is unknown). Such an object is
 * accepted by the API server and ignored by the dataplane, so what it denies stays open although
 * the analysis of the manifests counts it.
 */
export function cniAdminPolicyFindings(
  policies: readonly InventoryClusterPolicy[],
  profile: CniProfile | undefined,
  byOrigin: Map<string, ManifestDocument>,
  disabled: ReadonlySet<string>,
): LintFinding[] {
  if (!profile || disabled.has(ID)) return [];
  const out: LintFinding[] = [];
  for (const entry of policies) {
    const feature = FEATURE_OF_KIND[entry.kind];
    if (feature === undefined) continue;
    const support = profile.support(feature);
    if (support.level === SupportLevel.ENFORCED) continue;
    const unknown = support.level === SupportLevel.UNKNOWN;
    const what = clusterPolicyId(entry);
    const message = unknown
      ? `on ${profile.displayName} support for ${entry.kind} is unknown: ${support.note}. If the plugin does not enforce it, ${what} is ignored and none of its rules apply, so the cluster is more open than the analysis of this object says; check the plugin before relying on it.`
      : `${what} is not enforced on ${profile.displayName}: ${support.note}. The API server accepts it and nothing applies its rules: what it denies stays allowed (unless a NetworkPolicy denies it), so the cluster is more open than the analysis of this object says. ` +
        'Use a plugin (or version) that enforces this API and lint with its profile, or write the rules as NetworkPolicies or as the plugin\'s own cluster-wide policy.';
    const doc = byOrigin.get(`${entry.source.file}|${entry.source.line}`);
    const f: { [key: string]: unknown } = {
      rule: ID, severity: unknown ? Severity.WARNING : LintRules.byId(ID).severity, message, kind: entry.kind, name: entry.policy.name, field: 'kind',
    };
    if (entry.source.file !== undefined) f.file = entry.source.file;
    const line = doc ? doc.lineOf('kind') : entry.source.line;
    if (line !== undefined) f.line = line;
    out.push(f as unknown as LintFinding);
  }
  return out;
}
