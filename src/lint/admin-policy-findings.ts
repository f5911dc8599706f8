import { LintFinding } from './lint-finding';
import { LintRules } from './lint-rules';
import { clusterPolicyId } from '../analysis/cluster-policy-semantics';
import { InventoryClusterPolicy } from '../analysis/manifest-inventory';
import { ManifestDocument } from '../io/manifest-document';
import { PeerKind } from '../model/peer';
import { PolicyTier } from '../model/policy-tier';
import { RuleAction } from '../model/rule-action';

/**
 * The findings on cluster-wide policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
 * ClusterNetworkPolicy), where users go wrong with their precedence (internal):
 *
 * - `admin-priority-tie`: two policies of one tier with one priority: which applies first is undefined;
 * - `admin-networks-pods`: a `networks` peer of `0.0.0.0/0` or `::/0` in an Allow or Deny rule without a
 *   pod peer: it matches every pod's IP too, so it decides pod-to-pod traffic;
 * - `admin-pass-baseline`: a Pass in the Baseline tier: nothing comes after it, so it allows, as no match would;
 * - `admin-allow-final`: an Allow of the admin tier: no NetworkPolicy can narrow what it allows.
 */
export function adminPolicyFindings(
  policies: readonly InventoryClusterPolicy[], byOrigin: Map<string, ManifestDocument>, disabled: ReadonlySet<string>,
): LintFinding[] {
  const out: LintFinding[] = [];
  const finding = (rule: string, entry: InventoryClusterPolicy, field: string, message: string): void => {
    if (disabled.has(rule)) return;
    const doc = byOrigin.get(`${entry.source.file}|${entry.source.line}`);
    const f: { [key: string]: unknown } = {
      rule, severity: LintRules.byId(rule).severity, message, kind: entry.kind, name: entry.policy.name, field,
    };
    if (entry.source.file !== undefined) f.file = entry.source.file;
    const line = doc ? doc.lineOf(field) : entry.source.line;
    if (line !== undefined) f.line = line;
    out.push(f as unknown as LintFinding);
  };

  const byPriority = new Map<string, InventoryClusterPolicy[]>();
  for (const entry of policies) {
    if (entry.policy.priority === undefined) continue;
    const key = `${entry.policy.tier}|${entry.policy.priority}`;
    byPriority.set(key, [...(byPriority.get(key) ?? []), entry]);
  }
  for (const group of byPriority.values()) {
    if (group.length < 2) continue;
    for (const entry of group) {
      const others = group.filter((e) => e !== entry).map(clusterPolicyId).join(', ');
      finding('admin-priority-tie', entry, 'spec.priority',
        `${clusterPolicyId(entry)} has priority ${entry.policy.priority} in the ${entry.policy.tier} tier, as ${others}: where both match a connection, which one decides is undefined (each plugin chooses); give each policy its own priority.`);
    }
  }

  for (const entry of policies) {
    for (const direction of ['ingress', 'egress'] as const) {
      entry.policy[direction].forEach((rule, i) => {
        const field = `spec.${direction}[${i}]`;
        const everyAddress = rule.peers.findIndex((p) => p.kind === PeerKind.NETWORKS && p.networkCidrs!.some((c) => /\/0$/.test(c.trim())));
        const podPeer = rule.peers.some((p) => p.kind === PeerKind.NAMESPACES || p.kind === PeerKind.PODS_IN_NAMESPACES);
        if (everyAddress >= 0 && !podPeer && rule.action !== RuleAction.PASS) {
          finding('admin-networks-pods', entry, `${field}.${direction === 'egress' ? 'to' : 'from'}[${everyAddress}].networks`,
            `${rule.peers[everyAddress].toString()} matches every pod's IP as well, so this ${rule.action} also decides pod-to-pod traffic; if only destinations outside the cluster are meant, put a Pass rule for the pods (Peer.anyPodInCluster()) before it, or name the pods in this rule to say it is meant.`);
        }
        if (rule.action === RuleAction.PASS && entry.policy.tier === PolicyTier.BASELINE) {
          finding('admin-pass-baseline', entry, `${field}.action`,
            'Pass in the Baseline tier hands the traffic to nothing (the baseline is the last tier), so it is allowed, as if no rule matched; write Accept to say so, or Deny.');
        }
        if (rule.action === RuleAction.ALLOW && entry.policy.tier === PolicyTier.ADMIN) {
          finding('admin-allow-final', entry, `${field}.action`,
            `this Allow of the admin tier is final: no NetworkPolicy of the selected namespaces can narrow what it allows (${rule.peers.map((p) => p.toString()).join('; ')}; ${rule.ports.map((p) => p.toString()).join(', ')}); use Pass to let the namespaces decide.`);
        }
      });
    }
  }
  return out;
}
