import { Port } from '../model/port';
import { Protocol } from '../model/protocol';

/** Whether `general` allows everything `specific` allows (internal). */
export function portCovers(general: Port, specific: Port): boolean {
  if (general.isAllTraffic) return true;
  if (specific.isAllTraffic || general.protocol !== specific.protocol) return false;
  if (general.name === undefined && general.portNumber === undefined) return true; // every port of the protocol
  if (general.name !== undefined) return specific.name === general.name;
  if (specific.name !== undefined || specific.portNumber === undefined) return false;
  const [gs, ge] = [general.portNumber!, general.endPort ?? general.portNumber!];
  const [ss, se] = [specific.portNumber, specific.endPort ?? specific.portNumber];
  return gs <= ss && se <= ge;
}

/** Whether the port allows `protocol`/`number`, or a named port among `names` of that protocol. */
export function portAllows(port: Port, protocol: Protocol, number: number, names: readonly string[]): boolean {
  if (port.isAllTraffic) return true;
  if (port.protocol !== protocol) return false;
  if (port.name !== undefined) return names.includes(port.name);
  if (port.portNumber === undefined) return true;
  return port.portNumber <= number && number <= (port.endPort ?? port.portNumber);
}
