import { DecodedPort } from './decoded-network-policy';
import { invalid, notSupported } from './field-error';
import { childPath } from './field-path';
import { isValidPortName, isValidPortNum } from './formats';
import { ValidationError } from './validation-error';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** `ValidateNetworkPolicyPort`: protocol, then port (number or name), then endPort. */
export function validatePort(port: DecodedPort, path: string): ValidationError[] {
  const errs: ValidationError[] = [];
  const portPath = childPath(path, 'port');
  const endPortPath = childPath(path, 'endPort');

  if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) {
    errs.push(notSupported(childPath(path, 'protocol'), port.protocol, PROTOCOLS, protocolHint(port.protocol)));
  }

  if (port.port !== undefined) {
    if (typeof port.port === 'number') {
      const p = port.port;
      for (const msg of isValidPortNum(p)) {
        errs.push(invalid(portPath, p, msg, p === 0 ? 'to allow every port of the protocol, leave `port` out' : undefined));
      }
      if (port.endPort !== undefined) {
        const e = port.endPort;
        if (e < p) {
          // Suggest the swap only where the swapped pair would itself be valid.
          const swap = isValidPortNum(e).length === 0 ? `did you mean port: ${e}, endPort: ${p}?` : undefined;
          errs.push(invalid(endPortPath, e, 'must be greater than or equal to `port`', swap));
        }
        for (const msg of isValidPortNum(e)) errs.push(invalid(endPortPath, e, msg));
      }
    } else {
      const name = port.port;
      if (port.endPort !== undefined) {
        errs.push(invalid(endPortPath, port.endPort, 'may not be specified when `port` is non-numeric', 'a port range needs a numeric `port`'));
      }
      for (const msg of isValidPortName(name)) errs.push(invalid(portPath, name, msg, portNameHint(name)));
    }
  } else if (port.endPort !== undefined) {
    errs.push(invalid(endPortPath, port.endPort, 'may not be specified when `port` is not specified', 'set `port` to the first port of the range'));
  }
  return errs;
}

function protocolHint(protocol: string): string | undefined {
  const upper = protocol.toUpperCase();
  if (PROTOCOLS.includes(upper)) return `did you mean ${JSON.stringify(upper)}?`;
  if (protocol === '') return 'leave `protocol` out for TCP';
  if (upper === 'ICMP' || upper === 'ICMPV6') return 'NetworkPolicy does not filter ICMP';
  return undefined;
}

function portNameHint(name: string): string | undefined {
  if (/^\d+$/.test(name)) return `a number must not be quoted: did you mean port: ${Number(name)}?`;
  const lower = name.toLowerCase();
  if (lower !== name && isValidPortName(lower).length === 0) return `did you mean ${JSON.stringify(lower)}?`;
  return undefined;
}
