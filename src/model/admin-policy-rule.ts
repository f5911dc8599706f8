import { Peer, PeerKind } from './peer';
import { dedupe } from './policy-rule';
import { Port } from './port';
import { RuleAction } from './rule-action';

/**
 * Options of a rule of a cluster-wide policy.
 */
export interface AdminPolicyRuleOptions {
  /**
   * The rule's name (`name`, at most 100 characters), shown by plugins and by `explain`.
   * @default - no name
   */
  readonly name?: string;
}

/**
 * One ingress or egress rule of a cluster-wide policy (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
 * ClusterNetworkPolicy): an action for traffic with any of the peers on any of the ports. Unlike a
 * NetworkPolicy rule it can deny, and its order matters.
 */
export class AdminPolicyRule {
  /**
   * A rule. Peers must be non-empty and cannot be `Peer.anywhere()` (these APIs have no "any peer":
   * name the namespaces or networks); ports must be non-empty (`Port.allTraffic()` for every port).
   */
  public static of(action: RuleAction, peers: Peer[], ports: Port[], options: AdminPolicyRuleOptions = {}): AdminPolicyRule {
    if (!Object.values(RuleAction).includes(action)) throw new TypeError(`AdminPolicyRule.of: action must be one of ${Object.values(RuleAction).join(', ')}, got ${String(action)}`);
    if (!Array.isArray(peers) || peers.length === 0) throw new Error('An admin policy rule needs at least one peer: Peer.anyPodInCluster(), Peer.namespaces(...), Peer.networks([...]), ...');
    if (!Array.isArray(ports) || ports.length === 0) throw new Error('An admin policy rule needs at least one port; use Port.allTraffic() for every port.');
    peers.forEach((p, i) => {
      if (!(p instanceof Peer)) throw new TypeError(`AdminPolicyRule.of: peer ${i + 1} must be a Peer`);
    });
    ports.forEach((p, i) => {
      if (!(p instanceof Port)) throw new TypeError(`AdminPolicyRule.of: port ${i + 1} must be a Port`);
    });
    const normalizedPorts = ports.some((p) => p.isAllTraffic) ? [Port.allTraffic()] : dedupe(ports, (p) => p.toKey());
    return new AdminPolicyRule(action, dedupe(peers, (p) => p.toKey()), normalizedPorts, options.name);
  }

  /** What the rule does with matching traffic. */
  public readonly action: RuleAction;
  /** The peers (never empty). */
  public readonly peers: Peer[];
  /** The ports (never empty). */
  public readonly ports: Port[];
  /**
   * The rule's name.
   * @default - no name
   */
  public readonly name?: string;

  private constructor(action: RuleAction, peers: Peer[], ports: Port[], name?: string) {
    this.action = action;
    this.peers = peers;
    this.ports = ports;
    this.name = name;
  }

  /** Whether the rule matches every port of every protocol. */
  public get allowsAnyPort(): boolean {
    return this.ports[0].isAllTraffic;
  }

  /** Whether some peer is of this kind. */
  public hasPeerKind(kind: PeerKind): boolean {
    return this.peers.some((p) => p.kind === kind);
  }

  /** A canonical string: equal rules give equal keys. */
  public toKey(): string {
    return JSON.stringify([this.action, this.name ?? null, this.peers.map((p) => p.toKey()).sort(), this.ports.map((p) => p.toKey()).sort()]);
  }
}
