import { requirePortNumber, requireProtocol, requireString } from './argument-checks';
import { Protocol } from './protocol';

/**
 * One entry of a rule's `ports`: a protocol with a port, a port range, a named port or every port.
 *
 * The protocol is always part of the port: nothing is turned into TCP unless you say so, and
 * "every port of a protocol" is spelled without a port, never as `port: 0`.
 */
export class Port {
  /**
   * Cluster DNS: UDP 53 and TCP 53 (answers too large for UDP are retried over TCP).
   * Frozen: spread it into a call, `allowEgress(peer, ...Port.DNS)`.
   */
  // Static methods exist before static fields are initialized, so Port.udp can be used here.
  public static readonly DNS: Port[] = Object.freeze([Port.udp(53), Port.tcp(53)]) as Port[];

  /** A TCP port, 1 to 65535. */
  public static tcp(port: number): Port {
    return new Port(Protocol.TCP, requirePortNumber('Port.tcp(port)', 'port', port));
  }

  /** A UDP port, 1 to 65535. */
  public static udp(port: number): Port {
    return new Port(Protocol.UDP, requirePortNumber('Port.udp(port)', 'port', port));
  }

  /** An SCTP port, 1 to 65535. */
  public static sctp(port: number): Port {
    return new Port(Protocol.SCTP, requirePortNumber('Port.sctp(port)', 'port', port));
  }

  /** A port of the given protocol. */
  public static of(protocol: Protocol, port: number): Port {
    return new Port(requireProtocol('Port.of(protocol, port)', protocol), requirePortNumber('Port.of(protocol, port)', 'port', port));
  }

  /** The TCP ports from `start` to `end`, both included (`port` with `endPort`). */
  public static tcpRange(start: number, end: number): Port {
    return Port.checkedRange('Port.tcpRange(start, end)', Protocol.TCP, start, end);
  }

  /** The UDP ports from `start` to `end`, both included. */
  public static udpRange(start: number, end: number): Port {
    return Port.checkedRange('Port.udpRange(start, end)', Protocol.UDP, start, end);
  }

  /** The SCTP ports from `start` to `end`, both included. */
  public static sctpRange(start: number, end: number): Port {
    return Port.checkedRange('Port.sctpRange(start, end)', Protocol.SCTP, start, end);
  }

  /** The ports of a protocol from `start` to `end`, both included. */
  public static range(protocol: Protocol, start: number, end: number): Port {
    return Port.checkedRange('Port.range(protocol, start, end)', requireProtocol('Port.range(protocol, start, end)', protocol), start, end);
  }

  /**
   * A named container port (`port: http`), resolved on each destination pod against its
   * container ports, where name and protocol must both match.
   *
   * @param name the container port's name (an IANA service name: at most 15 characters of a-z, 0-9 and '-')
   * @param protocol the container port's protocol
   * @default protocol Protocol.TCP
   */
  public static named(name: string, protocol: Protocol = Protocol.TCP): Port {
    return new Port(requireProtocol('Port.named(name, protocol)', protocol), undefined, undefined, requireString('Port.named(name)', 'name', name));
  }

  /**
   * A named container port of whatever protocol it declares: how AdminNetworkPolicy's `namedPort` and
   * ClusterNetworkPolicy's `destinationNamedPort` name a port (they carry no protocol). A Kubernetes
   * NetworkPolicy cannot say this; use `Port.named(name, protocol)` there.
   */
  public static namedAnyProtocol(name: string): Port {
    return new Port(undefined, undefined, undefined, requireString('Port.namedAnyProtocol(name)', 'name', name));
  }

  /** Every TCP port (`protocol: TCP` with no port). */
  public static allTcp(): Port {
    return new Port(Protocol.TCP);
  }

  /** Every UDP port. */
  public static allUdp(): Port {
    return new Port(Protocol.UDP);
  }

  /** Every SCTP port. */
  public static allSctp(): Port {
    return new Port(Protocol.SCTP);
  }

  /** Every port of one protocol. */
  public static allOf(protocol: Protocol): Port {
    return new Port(requireProtocol('Port.allOf(protocol)', protocol));
  }

  /**
   * Every port of every protocol: the rule is written without `ports`.
   * Allowing everything takes this explicit call; an empty list of ports is never read as "all".
   */
  public static allTraffic(): Port {
    return new Port(undefined);
  }

  private static checkedRange(call: string, protocol: Protocol, start: unknown, end: unknown): Port {
    return new Port(protocol, requirePortNumber(call, 'start', start), requirePortNumber(call, 'end', end));
  }


  /**
   * The protocol.
   * @default - every protocol (only for `Port.allTraffic()` and `Port.namedAnyProtocol()`)
   */
  public readonly protocol?: Protocol;
  /**
   * The port number, or the first port of a range.
   * @default - no number: a named port, or every port
   */
  public readonly portNumber?: number;
  /**
   * The last port of a range, included.
   * @default - not a range
   */
  public readonly endPort?: number;
  /**
   * The name of a container port.
   * @default - not a named port
   */
  public readonly name?: string;

  private cachedKey?: string;


  private constructor(protocol?: Protocol, port?: number, endPort?: number, name?: string) {
    this.protocol = protocol;
    this.portNumber = port;
    this.endPort = endPort;
    this.name = name;
  }

  /** Whether this is `Port.allTraffic()`: every port of every protocol. */
  public get isAllTraffic(): boolean {
    return this.protocol === undefined && this.name === undefined;
  }

  /** A canonical string of this port: equal ports give equal keys. */
  public toKey(): string {
    // The object is immutable and keys are asked for on every merge: compute once.
    if (this.cachedKey === undefined) this.cachedKey = this.computeKey();
    return this.cachedKey;
  }

  private computeKey(): string {
    if (this.protocol === undefined) return this.name === undefined ? 'all' : `any:${this.name}`;
    if (this.name !== undefined) return `${this.protocol}:${this.name}`;
    if (this.portNumber === undefined) return `${this.protocol}:*`;
    return `${this.protocol}:${this.portNumber}-${this.endPort ?? this.portNumber}`;
  }

  /** A short human form: `TCP 80`, `TCP 8000-8080`, `UDP http`, `all SCTP`, `all traffic`. */
  public toString(): string {
    if (this.protocol === undefined) return this.name === undefined ? 'all traffic' : `port ${this.name} (any protocol)`;
    if (this.name !== undefined) return `${this.protocol} ${this.name}`;
    if (this.portNumber === undefined) return `all ${this.protocol}`;
    return this.endPort === undefined ? `${this.protocol} ${this.portNumber}` : `${this.protocol} ${this.portNumber}-${this.endPort}`;
  }
}
