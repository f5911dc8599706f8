import { ClusterEndpoint, ClusterModel } from './cluster-model';
import { clusterPolicyId, ClusterPolicyEntry, sideAllowed, sideAllowedThroughOrdered, subjectSelects, TierDecision, tierOrder, TierOutcome, walkTier } from './cluster-policy-semantics';
import { OrderedAction, OrderedPolicy, orderedPolicyId } from './ordered-policy';
import { OrderedDecision, orderedEntries, OrderedOutcome, testMatches, walkOrderedTier } from './ordered-tier-semantics';
import { EvaluationOptions, peerMatches, policyNamespace, policySelects, portEntrySet, rulePortSet } from './policy-semantics';
import { PortSet } from './port-set';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { PolicyTier } from '../model/policy-tier';
import { PolicyType } from '../model/policy-type';

/** Why neither side of a connection between two addresses outside the cluster is subject to policy. */
const BOTH_OUTSIDE = 'both ends are outside the cluster: the traffic does not pass a pod, so no NetworkPolicy allows it';

/** A rule whose peers match the other side and whose ports meet the ports asked about. */
export interface RuleMatch {
  readonly policy: NetworkPolicyModel;
  readonly direction: PolicyType;
  /** The index of the rule in `spec.ingress` / `spec.egress`. */
  readonly ruleIndex: number;
  /** The index of the first peer that matches, or -1 when the rule has no `from`/`to` (every peer). */
  readonly peerIndex: number;
  /** The ports the rule allows on the destination (named ports resolved). */
  readonly ports: PortSet;
}

/** Why one side (the source's egress or the destination's ingress) allows the traffic or not. */
export interface SideVerdict {
  readonly direction: PolicyType;
  readonly endpoint: ClusterEndpoint;
  /** Why policies do not apply to this side at all, if they do not: `host network`, `outside the cluster`. */
  readonly notSubject?: string;
  /** The policies that select the endpoint and list this direction in `policyTypes`. */
  readonly isolating: NetworkPolicyModel[];
  /** The rules of those policies that allow some of the ports asked about. */
  readonly allowing: RuleMatch[];
  /** The admin tier's rules that decided (or passed on) some port on this side, in order. */
  readonly admin: TierOutcome;
  /** The baseline tier's rules that decided some port on this side (read only where no NetworkPolicy isolates it). */
  readonly baseline: TierOutcome;
  /** What the ordered dialects (Calico v3, Cilium) decided on this side, with the NetworkPolicies among them; undefined when none applies. */
  readonly ordered?: OrderedOutcome;
  /** The index of the first peer of each deciding tier rule that matches the other side. */
  readonly tierPeerIndex: Map<TierDecision, number>;
  /** What this side allows between the two endpoints, all tiers together (every port when nothing restricts it). */
  readonly allowedPorts: PortSet;
  /** Whether this side allows every port asked about. */
  readonly allowed: boolean;
}

/** The verdict on traffic from one endpoint to another, with its reasons. */
export interface ConnectionVerdict {
  readonly from: ClusterEndpoint;
  readonly to: ClusterEndpoint;
  readonly requested: PortSet;
  readonly egress: SideVerdict;
  readonly ingress: SideVerdict;
  /** Whether both sides allow every port asked about (and there is a port at all). */
  readonly allowed: boolean;
}

/** What a tier decides where no cluster-wide policy applies. */
const NO_TIER_OUTCOME: TierOutcome = { allowed: PortSet.EMPTY, denied: PortSet.EMPTY, passed: PortSet.EMPTY, decisions: [] };

/**
 * Evaluates traffic from `from` to `to` on the `requested` ports directly on the two endpoints,
 * policy by policy and rule by rule (not through classes), keeping the reasons.
 */
export function explainConnection(
  cluster: ClusterModel,
  policies: readonly NetworkPolicyModel[],
  options: EvaluationOptions,
  from: ClusterEndpoint,
  to: ClusterEndpoint,
  requested: PortSet,
  clusterPolicies: readonly ClusterPolicyEntry[] = [],
  orderedPolicies: readonly OrderedPolicy[] = [],
): ConnectionVerdict {
  const tierSide = (
    tier: PolicyTier, direction: PolicyType, subject: ClusterEndpoint, other: ClusterEndpoint, peerIndex: Map<TierDecision, number>,
  ): TierOutcome => {
    const key: 'ingress' | 'egress' = direction === PolicyType.EGRESS ? 'egress' : 'ingress';
    const rules = tierOrder(clusterPolicies, tier).filter((e) => subjectSelects(e.policy, subject, cluster)).flatMap((entry) =>
      entry.policy[key].map((rule, ruleIndex) => ({
        entry,
        direction: key,
        ruleIndex,
        rule,
        peer: rule.peers.findIndex((p) => peerMatches(p, '', other, cluster, options)),
        ports: PortSet.EMPTY,
        matches: false,
      })));
    for (const r of rules) {
      r.matches = r.peer >= 0;
      for (const p of r.rule.ports) r.ports = r.ports.union(portEntrySet(p, to));
    }
    const outcome = walkTier(rules, true);
    for (const d of outcome.decisions) peerIndex.set(d, rules.find((r) => r.entry === d.entry && r.ruleIndex === d.ruleIndex)!.peer);
    return outcome;
  };
  const side = (direction: PolicyType): SideVerdict => {
    const subject = direction === PolicyType.EGRESS ? from : to;
    const other = direction === PolicyType.EGRESS ? to : from;
    const notSubject = subject.external ? 'outside the cluster' : subject.hostNetwork ? 'a host-network pod, not subject to NetworkPolicy' : undefined;
    const isolating = notSubject ? [] : policies.filter((p) =>
      (direction === PolicyType.EGRESS ? p.isolatesEgress : p.isolatesIngress) && policySelects(p, subject));
    const allowing: RuleMatch[] = [];
    let npPorts = isolating.length === 0 ? PortSet.ALL : PortSet.EMPTY;
    for (const policy of isolating) {
      const ns = policyNamespace(policy);
      const rules = direction === PolicyType.EGRESS ? policy.egress : policy.ingress;
      rules.forEach((rule, ruleIndex) => {
        const peerIndex = rule.allowsAnyPeer ? -1 : rule.peers.findIndex((peer) => peerMatches(peer, ns, other, cluster, options));
        if (peerIndex === -1 && !rule.allowsAnyPeer) return;
        const ports = rulePortSet(rule, to);
        npPorts = npPorts.union(ports);
        if (!ports.intersect(requested).isEmpty) allowing.push({ policy, direction, ruleIndex, peerIndex, ports });
      });
    }
    const tierPeerIndex = new Map<TierDecision, number>();
    const none = NO_TIER_OUTCOME;
    const admin = notSubject ? none : tierSide(PolicyTier.ADMIN, direction, subject, other, tierPeerIndex);
    const key: 'ingress' | 'egress' = direction === PolicyType.EGRESS ? 'egress' : 'ingress';
    const entries = notSubject ? [] : orderedEntries(orderedPolicies, (p) => p.subject.matches(subject, cluster), key, subject.namespace);
    let ordered: OrderedOutcome | undefined;
    let allowedPorts: PortSet;
    let baseline: TierOutcome;
    if (entries.length > 1) {
      const orderedSide = { endpoint: subject, other, destination: to, direction: key, npIsolated: isolating.length > 0, npAllowed: npPorts };
      ordered = walkOrderedTier(entries, orderedSide,
        testMatches(cluster), (rule, d) => rule.ports(d), true);
      baseline = ordered.onward.isEmpty ? none : tierSide(PolicyTier.BASELINE, direction, subject, other, tierPeerIndex);
      allowedPorts = sideAllowedThroughOrdered(admin, ordered, baseline);
    } else {
      baseline = notSubject || isolating.length > 0 ? none : tierSide(PolicyTier.BASELINE, direction, subject, other, tierPeerIndex);
      allowedPorts = sideAllowed(admin, isolating.length > 0, npPorts, baseline);
    }
    const allowed = !requested.isEmpty && requested.subtract(allowedPorts).isEmpty;
    return { direction, endpoint: subject, notSubject, isolating, allowing, admin, baseline, ordered, tierPeerIndex, allowedPorts, allowed };
  };
  if (from.external && to.external) {
    // Traffic between two addresses outside the cluster never passes a pod: no policy allows it.
    const outside = (direction: PolicyType, endpoint: ClusterEndpoint): SideVerdict => ({
      direction,
      endpoint,
      notSubject: BOTH_OUTSIDE,
      isolating: [],
      allowing: [],
      admin: NO_TIER_OUTCOME,
      baseline: NO_TIER_OUTCOME,
      tierPeerIndex: new Map<TierDecision, number>(),
      allowedPorts: PortSet.EMPTY,
      allowed: false,
    });
    return { from, to, requested, egress: outside(PolicyType.EGRESS, from), ingress: outside(PolicyType.INGRESS, to), allowed: false };
  }
  const egress = side(PolicyType.EGRESS);
  const ingress = side(PolicyType.INGRESS);
  return { from, to, requested, egress, ingress, allowed: egress.allowed && ingress.allowed };
}

/** One tier rule's decision as text: `Deny TCP 80 by AdminNetworkPolicy/guard spec.egress[0] "no-metadata" (networks 169.254.169.254/32)`. */
function describeDecision(d: TierDecision, side: SideVerdict, requested: PortSet): string {
  const peerIndex = side.tierPeerIndex.get(d) ?? -1;
  const peers = d.direction === 'egress' ? 'to' : 'from';
  const field = `spec.${d.direction}[${d.ruleIndex}]${peerIndex >= 0 ? `.${peers}[${peerIndex}]` : ''}`;
  const name = d.rule.name !== undefined ? ` "${d.rule.name}"` : '';
  const peer = peerIndex >= 0 ? d.rule.peers[peerIndex].toString() : 'any peer';
  const verb = d.rule.action === 'Pass' ? 'passed on (to the NetworkPolicies)' : d.rule.action === 'Allow' ? 'allowed' : 'denied';
  return `${d.ports.intersect(requested).toString()} ${verb} by ${clusterPolicyId(d.entry)} ${field}${name} (${d.rule.action}; ${peer})`;
}

/** The field path of a tier decision's peer. */
export function tierDecisionField(d: TierDecision, side: SideVerdict): string {
  const peerIndex = side.tierPeerIndex.get(d) ?? -1;
  return `spec.${d.direction}[${d.ruleIndex}]${peerIndex >= 0 ? `.${d.direction === 'egress' ? 'to' : 'from'}[${peerIndex}]` : ''}`;
}

/** `namespace/name` of a policy. */
export function policyId(policy: NetworkPolicyModel): string {
  return `${policyNamespace(policy)}/${policy.name}`;
}

/** The field path of a rule's peer: `spec.ingress[0].from[1]` (or the rule's, for every peer). */
export function ruleField(match: RuleMatch): string {
  const list = match.direction === PolicyType.EGRESS ? 'egress' : 'ingress';
  const peers = match.direction === PolicyType.EGRESS ? 'to' : 'from';
  return match.peerIndex < 0 ? `spec.${list}[${match.ruleIndex}]` : `spec.${list}[${match.ruleIndex}].${peers}[${match.peerIndex}]`;
}

/** The verdict as lines of text, for the CLI and for failure messages of the matchers. */
export function formatVerdict(v: ConnectionVerdict): string {
  const lines: string[] = [];
  lines.push(`${v.from.id} -> ${v.to.id} on ${v.requested.toString()}: ${v.allowed ? 'ALLOWED' : 'DENIED'}`);
  if (v.egress.notSubject === BOTH_OUTSIDE) {
    lines.push(`  ${BOTH_OUTSIDE}`);
    return lines.join('\n');
  }
  for (const side of [v.egress, v.ingress]) {
    const what = side.direction === PolicyType.EGRESS ? `egress of ${side.endpoint.id}` : `ingress of ${side.endpoint.id}`;
    if (side.notSubject) {
      lines.push(`  ${what}: not restricted (${side.notSubject})`);
      continue;
    }
    const asked = (d: TierDecision) => !d.ports.intersect(v.requested).isEmpty;
    for (const d of side.admin.decisions.filter(asked)) lines.push(`  ${what}: admin tier: ${describeDecision(d, side, v.requested)}`);
    const undecided = v.requested.subtract(side.admin.allowed).subtract(side.admin.denied);
    if (undecided.isEmpty && side.admin.decisions.some(asked)) continue;
    if (side.ordered !== undefined) {
      lines.push(...orderedLines(side, side.ordered, undecided, what));
      continue;
    }
    if (side.isolating.length === 0) {
      const baseline = side.baseline.decisions.filter(asked);
      for (const d of baseline) lines.push(`  ${what}: baseline tier (no NetworkPolicy isolates it): ${describeDecision(d, side, v.requested)}`);
      if (baseline.length === 0) lines.push(`  ${what}: not isolated (no policy selects it with ${side.direction} in policyTypes): all traffic allowed`);
      continue;
    }
    lines.push(`  ${what}: isolated by ${side.isolating.map(policyId).join(', ')}`);
    if (side.allowing.length === 0) {
      lines.push(`    no rule allows ${v.requested.toString()} ${side.direction === PolicyType.EGRESS ? `to ${v.to.id}` : `from ${v.from.id}`}`);
    }
    for (const m of side.allowing) {
      const rule = m.direction === PolicyType.EGRESS ? m.policy.egress[m.ruleIndex] : m.policy.ingress[m.ruleIndex];
      const peer = m.peerIndex < 0 ? 'any peer' : rule.peers[m.peerIndex].toString();
      lines.push(`    allowed by ${policyId(m.policy)} ${ruleField(m)} (${peer}; ${m.ports.toString()})`);
    }
    const missing = v.requested.subtract(side.allowedPorts);
    if (!missing.isEmpty && side.allowing.length > 0) lines.push(`    but not ${missing.toString()}`);
  }
  return lines.join('\n');
}

/** An ordered-dialect decision as text: `TCP 5432 denied by GlobalNetworkPolicy/deny-db spec.ingress[0] (Deny; selector role == 'db')`. */
export function describeOrderedDecision(d: OrderedDecision, requested: PortSet): string {
  const ports = d.ports.intersect(requested).toString();
  if (d.policy === undefined || d.rule === undefined) return `${ports} allowed by the NetworkPolicies (read at order 1000)`;
  const verb = d.action === OrderedAction.PASS ? 'passed on (to the next tier)' : d.action === OrderedAction.ALLOW ? 'allowed' : 'denied';
  const peer = d.rule.peer?.description ?? 'any peer';
  return `${ports} ${verb} by ${orderedPolicyId(d.policy)} ${d.rule.field} (${d.action}; ${peer}${d.rule.self ? `; own endpoint ${d.rule.self.description}` : ''})`;
}

/** The lines of a side decided through the ordered tier (Calico v3, Cilium, with the NetworkPolicies at order 1000). */
function orderedLines(side: SideVerdict, ordered: OrderedOutcome, undecided: PortSet, what: string): string[] {
  const lines: string[] = [];
  const asked = (d: OrderedDecision) => !d.ports.intersect(undecided).isEmpty;
  for (const d of ordered.decisions.filter(asked)) {
    lines.push(`  ${what}: ${describeOrderedDecision(d, undecided)}`);
    if (d.policy === undefined) {
      for (const m of side.allowing) {
        const rule = m.direction === PolicyType.EGRESS ? m.policy.egress[m.ruleIndex] : m.policy.ingress[m.ruleIndex];
        const peer = m.peerIndex < 0 ? 'any peer' : rule.peers[m.peerIndex].toString();
        lines.push(`    allowed by ${policyId(m.policy)} ${ruleField(m)} (${peer}; ${m.ports.toString()})`);
      }
    }
  }
  const byDefault = ordered.deniedByDefault.intersect(undecided);
  if (!byDefault.isEmpty) {
    lines.push(`  ${what}: ${byDefault.toString()} denied by default: policies that isolate it apply, and none of their rules matched`);
  }
  const onward = ordered.onward.intersect(undecided);
  if (!onward.isEmpty) {
    const baseline = side.baseline.decisions.filter((d) => !d.ports.intersect(onward).isEmpty);
    for (const d of baseline) lines.push(`  ${what}: baseline tier: ${describeDecision(d, side, onward)}`);
    const rest = onward.subtract(side.baseline.denied);
    if (!rest.isEmpty && baseline.length === 0) lines.push(`  ${what}: ${rest.toString()} allowed: no policy isolates it for these ports`);
  }
  return lines;
}
