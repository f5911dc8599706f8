import { Pods } from '../constructs/pods';
import { Peer } from '../model/peer';
import { Port } from '../model/port';

/**
 * A tier of a `Microsegmentation`: a named group of pods and the ports they serve on.
 */
export interface Tier {
  /** The tier's name: a DNS label (`web`, `api`, `db`), used in flows and in its policy's name. */
  readonly name: string;
  /** The tier's pods: `Pods.of(workload)` or `Pods.labels({...})`; `Pods.all()` is refused (tiers must not overlap). */
  readonly pods: Pods;
  /**
   * The ports the tier serves on: the default ports of flows to it.
   * @default - the container ports of `pods` when chosen with `Pods.of(workload)`; otherwise every flow to the tier must give its ports
   */
  readonly ports?: Port[];
}

/**
 * A flow between two tiers of a `Microsegmentation`: `fromTier` may connect to `toTier`.
 */
export interface TierFlow {
  /** The tier that connects. */
  readonly fromTier: string;
  /** The tier connected to. */
  readonly toTier: string;
  /**
   * The ports (at least one).
   * @default - the ports of `toTier`
   */
  readonly ports?: Port[];
}

/**
 * Traffic from outside the tiers (another namespace, a CIDR) to a tier of a `Microsegmentation`.
 */
export interface TierIngress {
  /** Where the traffic comes from: `Peer.namespace('frontend')`, `Peer.cidr(...)`, ... */
  readonly peer: Peer;
  /** The tier it may reach. */
  readonly toTier: string;
  /**
   * The ports (at least one).
   * @default - the ports of `toTier`
   */
  readonly ports?: Port[];
}

/**
 * Traffic from a tier of a `Microsegmentation` to outside the tiers (a CIDR, another namespace).
 */
export interface TierEgress {
  /** The tier that connects. */
  readonly fromTier: string;
  /** Where it may connect: `Peer.cidr('203.0.113.0/24')`, `Peer.namespace('monitoring')`, ... */
  readonly peer: Peer;
  /** The ports (at least one; `Port.allTraffic()` for every port). */
  readonly ports: Port[];
}
