import { ALL_PROTOCOLS, Protocol } from '../model/protocol';

/** The lowest port a NetworkPolicy can name. */
export const MIN_PORT = 1;
/** The highest port a NetworkPolicy can name. */
export const MAX_PORT = 65535;

/** A closed interval of ports `[first, last]`. */
export type PortInterval = [number, number];

/**
 * A set of (protocol, port) pairs, held per protocol as sorted, disjoint, non-adjacent closed
 * intervals. Immutable: every operation returns a new set.
 *
 * Internal to the analysis engine (not part of the jsii surface).
 */
export class PortSet {
  /** The empty set. */
  public static readonly EMPTY = new PortSet([[], [], []]);
  /** Every port of every protocol. */
  public static readonly ALL = new PortSet([[[MIN_PORT, MAX_PORT]], [[MIN_PORT, MAX_PORT]], [[MIN_PORT, MAX_PORT]]]);

  /** Every port of one protocol. */
  public static allOf(protocol: Protocol): PortSet {
    return PortSet.range(protocol, MIN_PORT, MAX_PORT);
  }

  /** The ports `first..last` (inclusive) of one protocol; empty when `last < first`. */
  public static range(protocol: Protocol, first: number, last: number): PortSet {
    const lo = Math.max(MIN_PORT, first);
    const hi = Math.min(MAX_PORT, last);
    const parts: PortInterval[][] = [[], [], []];
    if (lo <= hi) parts[protocolIndex(protocol)] = [[lo, hi]];
    return new PortSet(parts);
  }

  /** One port of one protocol. */
  public static single(protocol: Protocol, port: number): PortSet {
    return PortSet.range(protocol, port, port);
  }

  /** A set from intervals per protocol (in any order, possibly overlapping). */
  public static fromIntervals(intervals: { [protocol: string]: PortInterval[] }): PortSet {
    const parts = ALL_PROTOCOLS.map((p) => normalize((intervals[p] ?? []).map(([a, b]) => [a, b] as PortInterval)));
    return new PortSet(parts);
  }

  private readonly parts: PortInterval[][];

  private constructor(parts: PortInterval[][]) {
    this.parts = parts;
  }

  /** The intervals of one protocol, sorted. */
  public intervals(protocol: Protocol): PortInterval[] {
    return this.parts[protocolIndex(protocol)].map(([a, b]) => [a, b] as PortInterval);
  }

  /** Whether no port of any protocol is in the set. */
  public get isEmpty(): boolean {
    return this.parts.every((p) => p.length === 0);
  }

  /** Whether every port of every protocol is in the set. */
  public get isAll(): boolean {
    return this.parts.every(isFull);
  }

  /** Whether one port is in the set. */
  public has(protocol: Protocol, port: number): boolean {
    return this.parts[protocolIndex(protocol)].some(([a, b]) => a <= port && port <= b);
  }

  /** Whether every port of `first..last` of the protocol is in the set. */
  public hasRange(protocol: Protocol, first: number, last: number): boolean {
    return this.parts[protocolIndex(protocol)].some(([a, b]) => a <= first && last <= b);
  }

  /** The ports in either set. */
  public union(other: PortSet): PortSet {
    if (other.isEmpty || this === other) return this;
    if (this.isEmpty) return other;
    return new PortSet(this.parts.map((p, i) => normalize([...p, ...other.parts[i]])));
  }

  /** The ports in both sets. */
  public intersect(other: PortSet): PortSet {
    return new PortSet(this.parts.map((p, i) => intersectIntervals(p, other.parts[i])));
  }

  /** The ports in this set and not in `other`. */
  public subtract(other: PortSet): PortSet {
    return new PortSet(this.parts.map((p, i) => intersectIntervals(p, complement(other.parts[i]))));
  }

  /** Whether every port of this set is in `other`. */
  public isSubsetOf(other: PortSet): boolean {
    return this.subtract(other).isEmpty;
  }

  /** Whether both sets hold the same ports. */
  public equals(other: PortSet): boolean {
    return this.toKey() === other.toKey();
  }

  /** A canonical string: equal sets give equal keys. */
  public toKey(): string {
    return this.parts.map((p) => p.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')).join('|');
  }

  /** The set as JSON: `{"TCP": [[80, 80], [8000, 8080]], "UDP": [[53, 53]], "SCTP": []}`. */
  public toJson(): { [protocol: string]: PortInterval[] } {
    const out: { [protocol: string]: PortInterval[] } = {};
    ALL_PROTOCOLS.forEach((p, i) => (out[p] = this.parts[i].map(([a, b]) => [a, b] as PortInterval)));
    return out;
  }

  /** A short human form: `TCP 80, TCP 8000-8080, UDP 53, all SCTP`; `all traffic`; `nothing`. */
  public toString(): string {
    if (this.isAll) return 'all traffic';
    if (this.isEmpty) return 'nothing';
    const out: string[] = [];
    ALL_PROTOCOLS.forEach((p, i) => {
      const part = this.parts[i];
      if (isFull(part)) out.push(`all ${p}`);
      else for (const [a, b] of part) out.push(a === b ? `${p} ${a}` : `${p} ${a}-${b}`);
    });
    return out.join(', ');
  }
}

/** The index of a protocol in `ALL_PROTOCOLS`. */
export function protocolIndex(protocol: Protocol): number {
  switch (protocol) {
    case Protocol.TCP: return 0;
    case Protocol.UDP: return 1;
    case Protocol.SCTP: return 2;
    default: throw new Error(`Unknown protocol: ${protocol}`);
  }
}

function isFull(part: PortInterval[]): boolean {
  return part.length === 1 && part[0][0] <= MIN_PORT && part[0][1] >= MAX_PORT;
}

function normalize(intervals: PortInterval[]): PortInterval[] {
  const sorted = intervals
    .map(([a, b]) => [Math.max(MIN_PORT, a), Math.min(MAX_PORT, b)] as PortInterval)
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: PortInterval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function intersectIntervals(x: PortInterval[], y: PortInterval[]): PortInterval[] {
  const out: PortInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const lo = Math.max(x[i][0], y[j][0]);
    const hi = Math.min(x[i][1], y[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (x[i][1] < y[j][1]) i++;
    else j++;
  }
  return out;
}

function complement(x: PortInterval[]): PortInterval[] {
  const out: PortInterval[] = [];
  let next = MIN_PORT;
  for (const [a, b] of x) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_PORT) out.push([next, MAX_PORT]);
  return out;
}
