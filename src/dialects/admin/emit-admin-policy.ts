import { ADMIN_POLICY_V1ALPHA1, AdminPolicyKind, CLUSTER_POLICY_V1ALPHA2 } from './admin-api';
import { AdminPolicyExpressionError } from './admin-expression-error';
import { AdminPolicyRule } from '../../model/admin-policy-rule';
import { ClusterNetworkPolicyModel } from '../../model/cluster-network-policy-model';
import { ClusterSubject } from '../../model/cluster-subject';
import { Peer, PeerKind } from '../../model/peer';
import { PolicyTier } from '../../model/policy-tier';
import { Port } from '../../model/port';
import { RuleAction } from '../../model/rule-action';

/**
 * The policy as a `policy.networking.k8s.io/v1alpha1` AdminNetworkPolicy (tier Admin, with a
 * priority). Throws `AdminPolicyExpressionError` naming what v1alpha1 cannot express.
 */
export function emitAdminNetworkPolicy(policy: ClusterNetworkPolicyModel): any {
  return new Emitter(policy, AdminPolicyKind.ADMIN_NETWORK_POLICY).emit();
}

/**
 * The policy as the `policy.networking.k8s.io/v1alpha1` BaselineAdminNetworkPolicy (tier Baseline,
 * named `default`, no Pass). Throws `AdminPolicyExpressionError` naming what it cannot express.
 */
export function emitBaselineAdminNetworkPolicy(policy: ClusterNetworkPolicyModel): any {
  return new Emitter(policy, AdminPolicyKind.BASELINE_ADMIN_NETWORK_POLICY).emit();
}

/**
 * The policy as a `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy (either tier; Allow is
 * written `Accept`). Throws `AdminPolicyExpressionError` naming what v1alpha2 cannot express.
 */
export function emitClusterNetworkPolicy(policy: ClusterNetworkPolicyModel): any {
  return new Emitter(policy, AdminPolicyKind.CLUSTER_NETWORK_POLICY).emit();
}

/** The policy in the API of `kind`. */
export function emitAdminPolicyAs(policy: ClusterNetworkPolicyModel, kind: AdminPolicyKind): any {
  return new Emitter(policy, kind).emit();
}

class Emitter {
  private readonly v2: boolean;

  public constructor(private readonly policy: ClusterNetworkPolicyModel, private readonly kind: AdminPolicyKind) {
    this.v2 = kind === AdminPolicyKind.CLUSTER_NETWORK_POLICY;
  }

  public emit(): any {
    const p = this.policy;
    const what = `${this.kind} '${p.name}'`;
    if (this.kind === AdminPolicyKind.ADMIN_NETWORK_POLICY && p.tier !== PolicyTier.ADMIN) {
      this.refuse(`${what}: an AdminNetworkPolicy is the Admin tier; write a Baseline policy as BaselineAdminNetworkPolicy (v1alpha1) or ClusterNetworkPolicy (v1alpha2)`);
    }
    if (this.kind === AdminPolicyKind.BASELINE_ADMIN_NETWORK_POLICY && p.tier !== PolicyTier.BASELINE) {
      this.refuse(`${what}: a BaselineAdminNetworkPolicy is the Baseline tier; write an Admin policy as AdminNetworkPolicy (v1alpha1) or ClusterNetworkPolicy (v1alpha2)`);
    }
    if (this.kind === AdminPolicyKind.BASELINE_ADMIN_NETWORK_POLICY && p.priority !== undefined) {
      this.refuse(`${what}: a BaselineAdminNetworkPolicy has no priority (there is only one, named default); leave the priority out or write a ClusterNetworkPolicy`);
    }
    if (this.kind !== AdminPolicyKind.BASELINE_ADMIN_NETWORK_POLICY && p.priority === undefined) {
      this.refuse(`${what} needs a priority (0 to 1000, lower first)`);
    }
    const metadata: any = { name: p.name };
    if (Object.keys(p.labels).length > 0) metadata.labels = { ...p.labels };
    if (Object.keys(p.annotations).length > 0) metadata.annotations = { ...p.annotations };
    const spec: any = {};
    if (this.v2) spec.tier = p.tier;
    if (p.priority !== undefined) spec.priority = p.priority;
    spec.subject = this.subject(p.subject);
    if (p.ingress.length > 0) spec.ingress = p.ingress.map((r, i) => this.rule(r, 'ingress', i));
    if (p.egress.length > 0) spec.egress = p.egress.map((r, i) => this.rule(r, 'egress', i));
    return { apiVersion: this.v2 ? CLUSTER_POLICY_V1ALPHA2 : ADMIN_POLICY_V1ALPHA1, kind: this.kind, metadata, spec };
  }

  private refuse(message: string): never {
    throw new AdminPolicyExpressionError(message);
  }

  private subject(subject: ClusterSubject): any {
    if (subject.podSelector === undefined) return { namespaces: subject.namespaceSelector.toJson() };
    return { pods: { namespaceSelector: subject.namespaceSelector.toJson(), podSelector: subject.podSelector.toJson() } };
  }

  private rule(rule: AdminPolicyRule, direction: 'ingress' | 'egress', index: number): any {
    const where = `${this.kind} '${this.policy.name}' spec.${direction}[${index}]${rule.name ? ` ('${rule.name}')` : ''}`;
    if (rule.action === RuleAction.PASS && this.kind === AdminPolicyKind.BASELINE_ADMIN_NETWORK_POLICY) {
      this.refuse(`${where}: Pass cannot be written in a BaselineAdminNetworkPolicy (its actions are Allow and Deny): there is no later tier to pass to; use Allow, or a ClusterNetworkPolicy`);
    }
    const json: any = {};
    if (rule.name !== undefined) json.name = rule.name;
    json.action = this.v2 && rule.action === RuleAction.ALLOW ? 'Accept' : rule.action;
    json[direction === 'ingress' ? 'from' : 'to'] = rule.peers.map((peer) => this.peer(peer, rule, direction, where));
    const hostPeers = rule.peers.filter((p) => p.kind === PeerKind.NETWORKS || p.kind === PeerKind.NODES || p.kind === PeerKind.DOMAIN_NAMES);
    const named = rule.ports.find((p) => p.name !== undefined);
    if (named && hostPeers.length > 0) {
      this.refuse(`${where}: the named port '${named.name}' cannot be used with ${hostPeers[0].toString()}: nodes, networks and domain names have no named ports; give the port number, or put the peers in separate rules`);
    }
    if (!rule.allowsAnyPort) {
      if (this.v2) json.protocols = rule.ports.map((p) => this.protocolV2(p, where));
      else json.ports = rule.ports.map((p) => this.portV1(p, where));
    }
    return json;
  }

  private peer(peer: Peer, rule: AdminPolicyRule, direction: 'ingress' | 'egress', where: string): any {
    switch (peer.kind) {
      case PeerKind.NAMESPACES:
        return { namespaces: peer.namespaceSelector!.toJson() };
      case PeerKind.PODS_IN_NAMESPACES:
        return { pods: { namespaceSelector: peer.namespaceSelector!.toJson(), podSelector: peer.podSelector!.toJson() } };
      case PeerKind.PODS:
        return this.refuse(`${where}: ${peer.toString()} has no namespace in a cluster-wide policy; use Peer.podsIn(namespaces, pods) or Peer.podsInNamespace(name, pods)`);
      case PeerKind.ANYWHERE:
        return this.refuse(`${where}: Peer.anywhere() cannot be written in a ${this.kind} (there is no "any peer"); name them: Peer.anyPodInCluster() for every pod, Peer.networks(['0.0.0.0/0', '::/0']) for every address (pods included)`);
      case PeerKind.IP_BLOCK:
        return this.refuse(`${where}: ${peer.toString()} is an ipBlock, which ${this.kind} does not have; use Peer.networks([...]) (CIDRs without exceptions, matching pod IPs too)`);
      case PeerKind.NETWORKS:
      case PeerKind.NODES:
      case PeerKind.DOMAIN_NAMES:
        if (direction === 'ingress') {
          return this.refuse(`${where}: ${peer.toString()} cannot be an ingress peer in ${this.kind} (only namespaces and pods can); use it in an egress rule`);
        }
        if (peer.kind === PeerKind.NETWORKS) return { networks: [...peer.networkCidrs!] };
        if (peer.kind === PeerKind.NODES) return { nodes: peer.nodeSelector!.toJson() };
        if (rule.action !== RuleAction.ALLOW) {
          return this.refuse(`${where}: domain names can only be allowed (an egress Allow rule), not used in a ${rule.action} rule; deny the rest with a later rule`);
        }
        return { domainNames: [...peer.domainNameList!] };
      default:
        return this.refuse(`${where}: unknown peer ${String(peer.kind)}`);
    }
  }

  private portV1(port: Port, where: string): any {
    if (port.name !== undefined) {
      if (port.protocol !== undefined) this.refuseProtocolNamedPort(port, where, 'namedPort');
      return { namedPort: port.name };
    }
    if (port.portNumber === undefined) return { portRange: { protocol: port.protocol, start: 1, end: 65535 } };
    if (port.endPort === undefined) return { portNumber: { protocol: port.protocol, port: port.portNumber } };
    return { portRange: { protocol: port.protocol, start: port.portNumber, end: port.endPort } };
  }

  private protocolV2(port: Port, where: string): any {
    if (port.name !== undefined) {
      if (port.protocol !== undefined) this.refuseProtocolNamedPort(port, where, 'destinationNamedPort');
      return { destinationNamedPort: port.name };
    }
    const protocol = port.protocol!.toLowerCase();
    const start = port.portNumber ?? 1;
    const end = port.portNumber === undefined ? 65535 : port.endPort ?? port.portNumber;
    return { [protocol]: { destinationPort: start === end ? { number: start } : { range: { start, end } } } };
  }

  private refuseProtocolNamedPort(port: Port, where: string, field: string): never {
    return this.refuse(`${where}: the named port '${port.name}' is bound to ${port.protocol}, but ${this.kind}'s ${field} matches the container port of that name whatever its protocol; use Port.namedAnyProtocol('${port.name}'), or the port number`);
  }
}
