import { isNamedPort, portEntrySet } from '../analysis/policy-semantics';
import { PortSet } from '../analysis/port-set';
import { Port } from '../model/port';

/**
 * Whether `general` allows everything `specific` allows on every destination (internal), by the
 * analysis's `portEntrySet`. A named port resolves per destination, to any port of its protocol:
 * it is implied by the same name and protocol, or by every port of its protocol; it implies no
 * number, since a destination may not declare it.
 */
export function portCovers(general: Port, specific: Port): boolean {
  if (isNamedPort(general)) return isNamedPort(specific) && general.name === specific.name && general.protocol === specific.protocol;
  const wanted = isNamedPort(specific) ? PortSet.allOf(specific.protocol!) : portEntrySet(specific, undefined);
  return wanted.isSubsetOf(portEntrySet(general, undefined));
}
