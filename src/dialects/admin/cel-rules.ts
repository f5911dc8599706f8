import { strictCidrProblem, StrictCidrProblem } from '../../model/cidr';

/**
 * The CEL rules (`x-kubernetes-validations`) of the policy CRDs, each written out by hand: the library
 * carries no CEL interpreter. A rule that is not listed here cannot be evaluated, and the validator
 * refuses the object rather than call it valid (fail closed). Internal.
 */
type Rule = (self: any) => boolean;

function has(object: unknown, field: string): boolean {
  return typeof object === 'object' && object !== null && (object as any)[field] !== undefined && (object as any)[field] !== null;
}

function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** `!(self.to.exists(peer, has(peer.<a>) || ...) && has(self.<ports>) && self.<ports>.exists(p, has(p.<named>)))`. */
function noNamedPortWith(peerFields: string[], portsField: string, namedField: string): Rule {
  return (self) => !(list(self?.to).some((peer) => peerFields.some((f) => has(peer, f)))
    && has(self, portsField) && list(self[portsField]).some((p) => has(p, namedField)));
}

const RULES: { [rule: string]: Rule } = {
  "self.metadata.name == 'default'": (self) => self?.metadata?.name === 'default',
  "self.contains(':') != self.contains('.')": (self) => String(self).includes(':') !== String(self).includes('.'),
  'isCIDR(self)': (self) => typeof self === 'string' && celIsCidr(self),
  'self.start < self.end': (self) => typeof self?.start === 'number' && typeof self?.end === 'number' && self.start < self.end,
  '!(self.to.exists(peer, has(peer.networks) || has(peer.nodes)) && has(self.ports) && self.ports.exists(port, has(port.namedPort)))':
    noNamedPortWith(['networks', 'nodes'], 'ports', 'namedPort'),
  '!(self.to.exists(peer, has(peer.networks) || has(peer.nodes) || has(peer.domainNames)) && has(self.ports) && self.ports.exists(port, has(port.namedPort)))':
    noNamedPortWith(['networks', 'nodes', 'domainNames'], 'ports', 'namedPort'),
  '!(self.to.exists(peer, has(peer.networks) || has(peer.nodes) || has(peer.domainNames)) && has(self.protocols) && self.protocols.exists(protocol, has(protocol.destinationNamedPort)))':
    noNamedPortWith(['networks', 'nodes', 'domainNames'], 'protocols', 'destinationNamedPort'),
};

/** The evaluator of a rule, or undefined when the rule is not known. */
export function celRule(rule: string): Rule | undefined {
  return RULES[rule];
}

/** CEL's `isCIDR` (Kubernetes' CEL library): `netip.ParsePrefix`, no zone, no IPv4-mapped IPv6; host bits may be set. */
export function celIsCidr(text: string): boolean {
  const problem = strictCidrProblem(text);
  return problem === undefined || problem === StrictCidrProblem.HOST_BITS;
}
