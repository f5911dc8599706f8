import { ClusterEndpoint, ClusterModel } from './cluster-model';
import { OrderedAction, OrderedPolicy, OrderedRule } from './ordered-policy';
import { PortSet } from './port-set';

/**
 * The rules of evaluating the ordered dialects (Calico v3, Cilium) together with NetworkPolicies, in
 * one place for the class engine and explain. They form the tier between the admin and baseline tiers:
 *
 * - On one side of a connection, the policies that apply to the endpoint in that direction are read
 *   by order (lower first; no order is last), then name. NetworkPolicies sit at order 1000 (Calico
 *   converts each to an order-1000 policy of its default tier; Cilium's allows are unordered and its
 *   denies, read first, win over them).
 * - In each policy, rules are read in order: the first rule whose peer matches the other side decides
 *   the ports it names that no earlier rule decided (Allow, Deny), hands them to the next tier
 *   (Pass), or decides nothing (Log).
 * - What no rule decided is denied if a policy that isolates the endpoint in this direction applies
 *   (Calico: any; Cilium: with `enableDefaultDeny`; a NetworkPolicy: any), and goes on to the next
 *   tier otherwise.
 */

/** The order at which NetworkPolicies are read (Calico's order for converted Kubernetes policies). */
export const NETWORK_POLICY_ORDER = 1000;
/**
 * The name by which the NetworkPolicies of a namespace sort among policies of their order: Calico
 * stores them as `<namespace>/knp.default.<name>` and breaks ties of order by that name, so that a
 * Calico policy of order 1000 (`<namespace>/default.<name>`) comes first (measured with Felix v3.27.3).
 */
function networkPolicySortName(namespace: string | undefined): string {
  return `${namespace ?? ''}/knp.default.`;
}

/**
 * The policies that apply to an endpoint (of `namespace`) in one direction, in evaluation order,
 * NetworkPolicies' place marked by `undefined`.
 */
export function orderedEntries(
  policies: readonly OrderedPolicy[], applies: (policy: OrderedPolicy) => boolean, direction: 'ingress' | 'egress', namespace?: string,
): Array<OrderedPolicy | undefined> {
  const list = policies.filter((p) => p[direction] !== undefined && applies(p));
  const sorted: Array<{ order: number; name: string; policy?: OrderedPolicy }> = list
    .map((policy) => ({ order: policy.order, name: policy.sortName ?? policy.name, policy }));
  sorted.push({ order: NETWORK_POLICY_ORDER, name: networkPolicySortName(namespace) });
  sorted.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.map((s) => s.policy);
}

/** One rule's share of the ordered tier's decision. */
export interface OrderedDecision {
  /** The policy, or undefined for the NetworkPolicies (at their order). */
  readonly policy?: OrderedPolicy;
  readonly rule?: OrderedRule;
  /** Allow, Deny or Pass (NetworkPolicies: Allow). */
  readonly action: OrderedAction;
  readonly ports: PortSet;
}

/** What the ordered tier decided on one side of a connection. */
export interface OrderedOutcome {
  readonly allowed: PortSet;
  readonly denied: PortSet;
  /** Ports handed to the next tier by Pass, or left undecided where nothing isolates the endpoint. */
  readonly onward: PortSet;
  /** Whether something (a policy of the tier, a NetworkPolicy) isolates the endpoint in this direction. */
  readonly isolated: boolean;
  /** The rules that decided something, in order (kept only when asked). */
  readonly decisions: OrderedDecision[];
  /** The isolating policies that denied what no rule decided (the end of the tier). */
  readonly deniedByDefault: PortSet;
}

/** What one side needs to be walked. */
export interface OrderedSide {
  /** The endpoint whose policies these are (the destination of ingress, the source of egress). */
  readonly endpoint: ClusterEndpoint;
  /** The other side of the connection. */
  readonly other: ClusterEndpoint;
  /** The destination (where ports and named ports are). */
  readonly destination: ClusterEndpoint;
  readonly direction: 'ingress' | 'egress';
  /** Whether a NetworkPolicy isolates the endpoint in this direction, and what the NetworkPolicies allow. */
  readonly npIsolated: boolean;
  readonly npAllowed: PortSet;
}

/**
 * Walks the ordered tier on one side. `entries` is `orderedEntries(...)` for the endpoint; `matches`
 * says whether an endpoint test passes (the engine answers from its classes, explain by evaluating).
 */
export function walkOrderedTier(
  entries: ReadonlyArray<OrderedPolicy | undefined>,
  side: OrderedSide,
  matches: (test: NonNullable<OrderedRule['peer']>, endpoint: ClusterEndpoint) => boolean,
  ports: (rule: OrderedRule, destination: ClusterEndpoint) => PortSet,
  keepDecisions: boolean,
): OrderedOutcome {
  let remaining = PortSet.ALL;
  let allowed = PortSet.EMPTY;
  let denied = PortSet.EMPTY;
  let passed = PortSet.EMPTY;
  let isolated = side.npIsolated;
  const decisions: OrderedDecision[] = [];
  for (const policy of entries) {
    if (policy === undefined) {
      if (!side.npIsolated) continue;
      const decided = side.npAllowed.intersect(remaining);
      if (decided.isEmpty) continue;
      remaining = remaining.subtract(decided);
      allowed = allowed.union(decided);
      if (keepDecisions) decisions.push({ action: OrderedAction.ALLOW, ports: decided });
      continue;
    }
    if (side.direction === 'ingress' ? policy.isolatesIngress : policy.isolatesEgress) isolated = true;
    for (const rule of policy[side.direction] ?? []) {
      if (remaining.isEmpty) break;
      if (rule.action === OrderedAction.LOG) continue;
      if (rule.peer !== undefined && !matches(rule.peer, side.other)) continue;
      if (rule.self !== undefined && !matches(rule.self, side.endpoint)) continue;
      const decided = ports(rule, side.destination).intersect(remaining);
      if (decided.isEmpty) continue;
      remaining = remaining.subtract(decided);
      if (rule.action === OrderedAction.ALLOW) allowed = allowed.union(decided);
      else if (rule.action === OrderedAction.DENY) denied = denied.union(decided);
      else passed = passed.union(decided);
      if (keepDecisions) decisions.push({ policy, rule, action: rule.action, ports: decided });
    }
  }
  const deniedByDefault = isolated ? remaining : PortSet.EMPTY;
  return {
    allowed,
    denied: denied.union(deniedByDefault),
    onward: isolated ? passed : passed.union(remaining),
    isolated,
    decisions,
    deniedByDefault,
  };
}

/** Whether an endpoint test passes for an endpoint (by evaluation). */
export function testMatches(cluster: ClusterModel): (test: NonNullable<OrderedRule['peer']>, endpoint: ClusterEndpoint) => boolean {
  return (test, endpoint) => test.matches(endpoint, cluster);
}
