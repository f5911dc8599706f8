import { ClusterEndpoint, ClusterModel } from './cluster-model';
import { OrderedOutcome } from './ordered-tier-semantics';
import { selectableBySelectors } from './policy-semantics';
import { PortSet } from './port-set';
import { AdminPolicyRule } from '../model/admin-policy-rule';
import { ClusterNetworkPolicyModel } from '../model/cluster-network-policy-model';
import { PolicyTier } from '../model/policy-tier';
import { RuleAction } from '../model/rule-action';

/**
 * The rules of evaluating cluster-wide policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
 * ClusterNetworkPolicy) with NetworkPolicies, each in one place, for the class engine and explain:
 *
 * - each side of a connection (the source's egress, the destination's ingress) is decided on its own,
 *   and the connection is allowed iff both sides allow it;
 * - on a side, the admin tier's rules are read by policy priority (lower first) and then in rule order:
 *   the first rule that matches a port decides it (Allow, Deny) or hands it on (Pass);
 * - ports the admin tier did not decide go to the NetworkPolicies if some NetworkPolicy isolates the
 *   endpoint for that direction (they decide all of them), else to the baseline tier, read the same
 *   way (where Pass, as no match, leaves the port allowed); what no tier decides is allowed;
 * - host-network pods and addresses outside the cluster are never subjects.
 */

/** A cluster-wide policy of the input, with what explain needs to name it. */
export interface ClusterPolicyEntry {
  readonly policy: ClusterNetworkPolicyModel;
  /** `AdminNetworkPolicy`, `BaselineAdminNetworkPolicy` or `ClusterNetworkPolicy`. */
  readonly kind: string;
}

/** `Kind/name` of a cluster-wide policy. */
export function clusterPolicyId(entry: ClusterPolicyEntry): string {
  return `${entry.kind}/${entry.policy.name}`;
}

/** Whether the policy applies to the endpoint (its subject; never host-network pods or external endpoints). */
export function subjectSelects(policy: ClusterNetworkPolicyModel, endpoint: ClusterEndpoint, cluster: ClusterModel): boolean {
  if (!selectableBySelectors(endpoint)) return false;
  const subject = policy.subject;
  return subject.namespaceSelector.matches(cluster.namespaceLabels(endpoint.namespace!))
    && (subject.podSelector === undefined || subject.podSelector.matches(endpoint.labels));
}

/**
 * The policies of a tier in evaluation order: priority (lower first; a BaselineAdminNetworkPolicy,
 * which has none, first of its tier), then name, so that ties, whose order the API leaves undefined,
 * are at least read the same way every time.
 */
export function tierOrder(entries: readonly ClusterPolicyEntry[], tier: PolicyTier): ClusterPolicyEntry[] {
  return entries.filter((e) => e.policy.tier === tier)
    .sort((a, b) => (a.policy.priority ?? -1) - (b.policy.priority ?? -1)
      || (a.policy.name < b.policy.name ? -1 : a.policy.name > b.policy.name ? 1 : 0));
}

/** One rule's share of a tier's decision: the ports it decided, or passed on. */
export interface TierDecision {
  readonly entry: ClusterPolicyEntry;
  readonly direction: 'ingress' | 'egress';
  readonly ruleIndex: number;
  readonly rule: AdminPolicyRule;
  /** The ports this rule decided (those no earlier rule had). */
  readonly ports: PortSet;
}

/** What a tier decided on one side of a connection. */
export interface TierOutcome {
  readonly allowed: PortSet;
  readonly denied: PortSet;
  /** Ports handed on by Pass. */
  readonly passed: PortSet;
  /** The rules that decided something, in order. */
  readonly decisions: TierDecision[];
}

/**
 * Reads a tier's rules in order on one side. `rules` lists, in evaluation order, each rule with
 * whether its peers match the other side and the ports it names on the destination.
 */
export function walkTier(rules: Iterable<{
  entry: ClusterPolicyEntry;
  direction: 'ingress' | 'egress';
  ruleIndex: number;
  rule: AdminPolicyRule;
  matches: boolean;
  ports: PortSet;
}>, keepDecisions: boolean): TierOutcome {
  let remaining = PortSet.ALL;
  let allowed = PortSet.EMPTY;
  let denied = PortSet.EMPTY;
  let passed = PortSet.EMPTY;
  const decisions: TierDecision[] = [];
  for (const r of rules) {
    if (remaining.isEmpty) break;
    if (!r.matches) continue;
    const decided = r.ports.intersect(remaining);
    if (decided.isEmpty) continue;
    remaining = remaining.subtract(decided);
    if (r.rule.action === RuleAction.ALLOW) allowed = allowed.union(decided);
    else if (r.rule.action === RuleAction.DENY) denied = denied.union(decided);
    else passed = passed.union(decided);
    if (keepDecisions) decisions.push({ entry: r.entry, direction: r.direction, ruleIndex: r.ruleIndex, rule: r.rule, ports: decided });
  }
  return { allowed, denied, passed, decisions };
}

/**
 * What one side allows, from the admin tier's outcome, whether NetworkPolicies isolate it, what they
 * allow, and the baseline's outcome.
 */
export function sideAllowed(admin: TierOutcome, npIsolated: boolean, npAllowed: PortSet, baseline: TierOutcome): PortSet {
  const undecided = PortSet.ALL.subtract(admin.allowed).subtract(admin.denied);
  const later = npIsolated ? npAllowed : PortSet.ALL.subtract(baseline.denied);
  return admin.allowed.union(undecided.intersect(later));
}

/**
 * What one side allows where the ordered dialects (Calico v3, Cilium) take the NetworkPolicies' place:
 * the admin tier first, then the ordered tier (NetworkPolicies inside it) for what the admin tier left,
 * then the baseline tier for what the ordered tier passed on or left undecided.
 */
export function sideAllowedThroughOrdered(admin: TierOutcome, middle: OrderedOutcome, baseline: TierOutcome): PortSet {
  const undecided = PortSet.ALL.subtract(admin.allowed).subtract(admin.denied);
  return admin.allowed.union(undecided.intersect(middle.allowed.union(middle.onward.subtract(baseline.denied))));
}
