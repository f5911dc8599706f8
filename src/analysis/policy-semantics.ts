import { ipBlockCovers, ParsedIpBlock, parseIpBlock } from './address-range';
import { ClusterEndpoint, ClusterModel, DEFAULT_NAMESPACE } from './cluster-model';
import { PortSet } from './port-set';
import { IpBlock } from '../model/ip-block';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { Peer, PeerKind } from '../model/peer';
import { PolicyRule } from '../model/policy-rule';
import { Port } from '../model/port';

/**
 * The rules of NetworkPolicy evaluation, each in one place. The class engine, explain and the
 * matchers all decide through these functions, so they cannot disagree.
 */

/** Options that change how policies are evaluated. */
export interface EvaluationOptions {
  /**
   * Whether ipBlock peers match pods by their IPs (Kubernetes e2e, Calico: yes; Cilium and
   * netpol-analyzer: no).
   */
  readonly ipBlockMatchesPods: boolean;
}

/** The namespace a policy applies in (`default` when the manifest names none). */
export function policyNamespace(policy: NetworkPolicyModel): string {
  return policy.namespace ?? DEFAULT_NAMESPACE;
}

/**
 * Whether the policy selects the endpoint (its `podSelector`, in its namespace). Host-network pods
 * and external endpoints are never selected: policies do not apply to them.
 */
export function policySelects(policy: NetworkPolicyModel, endpoint: ClusterEndpoint): boolean {
  return !endpoint.hostNetwork && podSelectorMatches(policy, endpoint);
}

/**
 * Whether the policy's `podSelector`, in its namespace, matches the endpoint, whether or not the
 * policy applies to it: host-network pods are matched (and then not selected), external endpoints never.
 */
export function podSelectorMatches(policy: NetworkPolicyModel, endpoint: ClusterEndpoint): boolean {
  return !endpoint.external && endpoint.namespace === policyNamespace(policy) && policy.podSelector.matches(endpoint.labels);
}

/** Whether a pod or namespace selector can see the endpoint at all (not external, not host-network). */
export function selectableBySelectors(endpoint: ClusterEndpoint): boolean {
  return !endpoint.external && !endpoint.hostNetwork;
}

const parsedBlocks = new WeakMap<IpBlock, ParsedIpBlock | null>();
const parsedNetworkLists = new WeakMap<string[], ParsedIpBlock[]>();

/** The CIDRs of a networks peer (each valid, as the CRD checks them). */
function parsedNetworks(cidrs: string[]): ParsedIpBlock[] {
  let parsed = parsedNetworkLists.get(cidrs);
  if (parsed === undefined) {
    parsed = cidrs.map((cidr) => parsedBlock({ cidr, except: [] })).filter((b): b is ParsedIpBlock => b !== undefined);
    parsedNetworkLists.set(cidrs, parsed);
  }
  return parsed;
}

function parsedBlock(block: IpBlock): ParsedIpBlock | undefined {
  let parsed = parsedBlocks.get(block);
  if (parsed === undefined) {
    parsed = parseIpBlock(block) ?? null;
    parsedBlocks.set(block, parsed);
  }
  return parsed ?? undefined;
}

/**
 * Whether a peer of a rule of a policy in `policyNs` matches the endpoint (the source of an
 * ingress rule or the destination of an egress rule).
 */
export function peerMatches(peer: Peer, policyNs: string, endpoint: ClusterEndpoint, cluster: ClusterModel, options: EvaluationOptions): boolean {
  switch (peer.kind) {
    case PeerKind.ANYWHERE:
      return true;
    case PeerKind.IP_BLOCK: {
      if (!endpoint.external && !options.ipBlockMatchesPods) return false;
      const block = parsedBlock(peer.ipBlock!);
      return block !== undefined && endpoint.addresses.some((a) => ipBlockCovers(block, a));
    }
    case PeerKind.PODS:
      return selectableBySelectors(endpoint) && endpoint.namespace === policyNs && peer.podSelector!.matches(endpoint.labels);
    case PeerKind.NAMESPACES:
      return selectableBySelectors(endpoint) && peer.namespaceSelector!.matches(cluster.namespaceLabels(endpoint.namespace!));
    case PeerKind.PODS_IN_NAMESPACES:
      return selectableBySelectors(endpoint)
        && peer.namespaceSelector!.matches(cluster.namespaceLabels(endpoint.namespace!))
        && peer.podSelector!.matches(endpoint.labels);
    case PeerKind.NETWORKS: {
      // Admin policies' networks match by IP, pods' IPs included, whatever the ipBlock option says.
      if (endpoint.hostNetwork) return false;
      const blocks = parsedNetworks(peer.networkCidrs!);
      return endpoint.addresses.some((a) => blocks.some((b) => ipBlockCovers(b, a)));
    }
    default:
      // Nodes are not endpoints of the analysis, and domain names cannot be resolved: they match none.
      return false;
  }
}

/** Whether any peer of the rule matches the endpoint. */
export function ruleMatchesPeer(
  rule: PolicyRule, policyNs: string, endpoint: ClusterEndpoint, cluster: ClusterModel, options: EvaluationOptions,
): boolean {
  return rule.peers.some((p) => peerMatches(p, policyNs, endpoint, cluster, options));
}

/** Whether the port names a container port (and so depends on the destination). */
export function isNamedPort(port: Port): boolean {
  return port.name !== undefined;
}

/**
 * The ports one entry of a rule's `ports` allows on a destination: a number, a range (endPort
 * inclusive), every port of a protocol, every port of every protocol, or a named port resolved on
 * the destination's container ports, name and protocol both matching (nothing if none does).
 */
export function portEntrySet(port: Port, destination: ClusterEndpoint | undefined): PortSet {
  if (port.isAllTraffic) return PortSet.ALL;
  if (port.name !== undefined) {
    let out = PortSet.EMPTY;
    for (const cp of destination?.containerPorts ?? []) {
      // A named port without a protocol (admin policies) takes the container port's own protocol.
      const sameProtocol = port.protocol === undefined || cp.protocol === port.protocol;
      if (cp.name === port.name && sameProtocol) out = out.union(PortSet.single(cp.protocol, cp.port));
    }
    return out;
  }
  if (port.protocol === undefined) return PortSet.ALL;
  if (port.portNumber === undefined) return PortSet.allOf(port.protocol);
  return PortSet.range(port.protocol, port.portNumber, port.endPort ?? port.portNumber);
}

/** The ports a rule allows on a destination: the union of its port entries. */
export function rulePortSet(rule: PolicyRule, destination: ClusterEndpoint | undefined): PortSet {
  let out = PortSet.EMPTY;
  for (const p of rule.ports) out = out.union(portEntrySet(p, destination));
  return out;
}

/** The key of the named ports a destination resolves, for the names in `names` (`name/PROTO`). */
export function namedPortKey(endpoint: ClusterEndpoint, names: Set<string>): string {
  if (names.size === 0) return '';
  const parts: string[] = [];
  for (const cp of endpoint.containerPorts) {
    if (cp.name !== undefined && names.has(`${cp.name}/${cp.protocol}`)) parts.push(`${cp.name}/${cp.protocol}=${cp.port}`);
  }
  return parts.sort().join(',');
}
