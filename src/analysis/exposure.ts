import { ReachabilityEngine } from './class-engine';
import { ClusterEndpoint } from './cluster-model';
import { policySelects, rulePortSet } from './policy-semantics';
import { PortSet } from './port-set';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { Peer, PeerKind } from '../model/peer';
import { PolicyRule } from '../model/policy-rule';

/** How open one endpoint is: to every pod of every namespace (present or future) and to outside the cluster. */
export interface EndpointExposure {
  readonly endpoint: ClusterEndpoint;
  /** The ports any pod of any namespace may open to it (its ingress alone decides: such pods are anywhere). */
  readonly fromAnyNamespace: PortSet;
  /** The ports it may open to any pod of any namespace (its egress alone decides). */
  readonly toAnyNamespace: PortSet;
  /** The ports every address outside the cluster may open to it. */
  readonly fromEverywhereOutside: PortSet;
  /** The ports some address outside the cluster may open to it (a superset of `fromEverywhereOutside`). */
  readonly fromSomewhereOutside: PortSet;
  /** The ports it may open to every address outside the cluster. */
  readonly toEverywhereOutside: PortSet;
  /** Whether it is exposed at all. */
  readonly exposed: boolean;
}

/**
 * Whether a peer matches every pod of every namespace, whatever their labels: a namespaceSelector
 * that selects all namespaces with no podSelector or an empty one. Such rules hold on any network
 * plugin, for pods and namespaces that do not exist yet too.
 */
export function matchesAnyPod(peer: Peer): boolean {
  if (peer.kind === PeerKind.ANYWHERE) return true;
  if (peer.kind === PeerKind.NAMESPACES) return peer.namespaceSelector!.isEmpty;
  if (peer.kind === PeerKind.PODS_IN_NAMESPACES) return peer.namespaceSelector!.isEmpty && peer.podSelector!.isEmpty;
  return false;
}

/** A rule that lets any pod of any namespace in (ingress) or out to them (egress). */
export interface AnyPodRule {
  readonly policy: NetworkPolicyModel;
  readonly ruleIndex: number;
  /** The index of the peer that matches every pod, or -1 when the rule has no peers (it allows anything). */
  readonly peerIndex: number;
  /** The ports it allows (named ports resolved on the destination, when known). */
  readonly ports: PortSet;
}

/**
 * The rules of the policies that select an endpoint for ingress that let any pod of any namespace
 * in: a rule without peers, or with a peer that matches every pod. On every network plugin, for
 * namespaces that do not exist yet too.
 */
export function anyPodIngressRules(endpoint: ClusterEndpoint, policies: readonly NetworkPolicyModel[]): AnyPodRule[] {
  const out: AnyPodRule[] = [];
  for (const policy of policies) {
    if (!policy.isolatesIngress || !policySelects(policy, endpoint)) continue;
    policy.ingress.forEach((rule, ruleIndex) => {
      const peerIndex = rule.allowsAnyPeer ? -1 : rule.peers.findIndex(matchesAnyPod);
      if (peerIndex < 0 && !rule.allowsAnyPeer) return;
      const ports = rulePortSet(rule, endpoint);
      if (!ports.isEmpty) out.push({ policy, ruleIndex, peerIndex, ports });
    });
  }
  return out;
}

/**
 * The ports a direction of an endpoint allows from (ingress) or to (egress) any pod of any
 * namespace: every port when no policy isolates it, else what the rules with a peer that matches
 * every pod allow.
 */
function anyPodPorts(
  policies: readonly NetworkPolicyModel[],
  isolated: boolean,
  rules: (p: NetworkPolicyModel) => PolicyRule[],
  destination: ClusterEndpoint | undefined,
): PortSet {
  if (!isolated) return PortSet.ALL;
  let out = PortSet.EMPTY;
  for (const policy of policies) {
    for (const rule of rules(policy)) {
      if (rule.allowsAnyPeer || rule.peers.some(matchesAnyPod)) out = out.union(rulePortSet(rule, destination));
    }
  }
  return out;
}

/**
 * The exposure of every pod and workload subject to policy, computed per class of endpoints from
 * the engine's results (outside the cluster) and the selecting policies' rules (any namespace).
 */
export function endpointExposures(engine: ReachabilityEngine): EndpointExposure[] {
  const endpoints = engine.cluster.endpoints;
  const outside = endpoints.map((e, i) => (e.external && e.addressSpace ? i : -1)).filter((i) => i >= 0);
  const byClass = new Map<number, Omit<EndpointExposure, 'endpoint'>>();
  const out: EndpointExposure[] = [];
  endpoints.forEach((endpoint, index) => {
    if (endpoint.external || endpoint.hostNetwork) return;
    const c = engine.classOf[index];
    let exposure = byClass.get(c);
    if (!exposure) {
      const cls = engine.classes[c];
      const selecting = cls.selectingPolicies.map((p) => engine.policies[p]);
      const ingressPolicies = selecting.filter((p) => p.isolatesIngress);
      const egressPolicies = selecting.filter((p) => p.isolatesEgress);
      const fromAnyNamespace = anyPodPorts(ingressPolicies, cls.ingressIsolated, (p) => p.ingress, endpoint);
      // Towards pods of namespaces not in the input, named ports cannot be resolved: numbers only.
      const toAnyNamespace = anyPodPorts(egressPolicies, cls.egressIsolated, (p) => p.egress, undefined);
      let fromEverywhereOutside = outside.length > 0 ? PortSet.ALL : PortSet.EMPTY;
      let fromSomewhereOutside = PortSet.EMPTY;
      let toEverywhereOutside = outside.length > 0 ? PortSet.ALL : PortSet.EMPTY;
      for (const x of outside) {
        const inbound = engine.allowed(x, index);
        fromEverywhereOutside = fromEverywhereOutside.intersect(inbound);
        fromSomewhereOutside = fromSomewhereOutside.union(inbound);
        toEverywhereOutside = toEverywhereOutside.intersect(engine.allowed(index, x));
      }
      const exposed = [fromAnyNamespace, toAnyNamespace, fromEverywhereOutside, toEverywhereOutside].some((s) => !s.isEmpty);
      exposure = { fromAnyNamespace, toAnyNamespace, fromEverywhereOutside, fromSomewhereOutside, toEverywhereOutside, exposed };
      byClass.set(c, exposure);
    }
    out.push({ endpoint, ...exposure });
  });
  return out;
}
