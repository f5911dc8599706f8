import { Peer } from '../model/peer';
import { Port } from '../model/port';

/**
 * A destination that egress may go to, on some ports.
 */
export interface EgressDestination {
  /** Where the traffic may go: `Peer.cidr(...)`, `Peer.namespace(...)`, `Peer.podsWithLabels(...)`, ... */
  readonly peer: Peer;
  /**
   * The ports allowed to it (at least one); `[Port.allTraffic()]` allows every port.
   */
  readonly ports: Port[];
}
