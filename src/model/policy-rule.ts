import { Peer, PeerKind } from './peer';
import { Port } from './port';

/**
 * One ingress or egress rule: traffic with any of the peers, on any of the ports.
 *
 * Both lists are normalized: duplicates are dropped, and a list holding `Peer.anywhere()` or
 * `Port.allTraffic()` is that single entry, since it already covers the others.
 */
export class PolicyRule {
  /**
   * A rule. Both lists must be non-empty: allowing every peer or every port takes the explicit
   * `Peer.anywhere()` / `Port.allTraffic()`.
   */
  public static of(peers: Peer[], ports: Port[]): PolicyRule {
    if (peers.length === 0) throw new Error('A rule needs at least one peer; use Peer.anywhere() to allow every peer.');
    if (ports.length === 0) throw new Error('A rule needs at least one port; use Port.allTraffic() to allow every port.');
    return new PolicyRule(normalizePeers(peers), normalizePorts(ports));
  }

  /** The peers (never empty). */
  public readonly peers: Peer[];
  /** The ports (never empty). */
  public readonly ports: Port[];

  private constructor(peers: Peer[], ports: Port[]) {
    this.peers = peers;
    this.ports = ports;
  }

  /** Whether the rule allows every peer. */
  public get allowsAnyPeer(): boolean {
    return this.peers[0].kind === PeerKind.ANYWHERE;
  }

  /** Whether the rule allows every port of every protocol. */
  public get allowsAnyPort(): boolean {
    return this.ports[0].isAllTraffic;
  }

  /** A canonical string of this rule: equal rules give equal keys. */
  public toKey(): string {
    return JSON.stringify([this.peers.map((p) => p.toKey()).sort(), this.ports.map((p) => p.toKey()).sort()]);
  }
}

function normalizePeers(peers: Peer[]): Peer[] {
  if (peers.some((p) => p.kind === PeerKind.ANYWHERE)) return [Peer.anywhere()];
  return dedupe(peers, (p) => p.toKey());
}

function normalizePorts(ports: Port[]): Port[] {
  if (ports.some((p) => p.isAllTraffic)) return [Port.allTraffic()];
  return dedupe(ports, (p) => p.toKey());
}

/** The items in first-seen order, without later duplicates by key. */
export function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(item);
    }
  }
  return out;
}
