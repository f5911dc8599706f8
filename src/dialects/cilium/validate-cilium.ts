import { CiliumOptions, ResolvedCiliumOptions, resolveCiliumOptions } from './cilium-options';
import { CILIUM_API_VERSION } from './emit-cilium';
import { forbidden, invalid, notSupported, required, unknownField } from '../../model/validation/field-error';
import { childPath, indexPath } from '../../model/validation/field-path';
import { validateRequirement } from '../../model/validation/validate-label-selector';
import { validateLabels } from '../../model/validation/validate-labels';
import { ValidationError } from '../../model/validation/validation-error';

/**
 * What the API server (the release's CRD schema, strict fields) and Cilium's agent (CNP/CCNP
 * `Parse`, which runs the rule sanitizer, `pkg/policy/api/rule_validation.go`) refuse in
 * `CiliumNetworkPolicy` and `CiliumClusterwideNetworkPolicy`, with what the target release lacks
 * (`endPort`, `enableDefaultDeny` before 1.16). Checked against Cilium's own code, v1.16.0 and
 * v1.20.2, on recorded boundary objects (test/fixtures/cilium-sanitizer-verdicts).
 */
export function validateCiliumManifest(manifest: any, options: CiliumOptions = {}): ValidationError[] {
  const target = resolveCiliumOptions(options);
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return [invalid('', manifest, 'a Cilium policy must be a JSON object')];
  const errs: ValidationError[] = [];
  if (manifest.apiVersion !== CILIUM_API_VERSION) errs.push(notSupported('apiVersion', manifest.apiVersion, [CILIUM_API_VERSION]));
  const clusterwide = manifest.kind === 'CiliumClusterwideNetworkPolicy';
  if (manifest.kind !== 'CiliumNetworkPolicy' && !clusterwide) {
    errs.push(notSupported('kind', manifest.kind, ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']));
  }
  errs.push(...unknownFields(manifest, '', fieldTree(target.minor)));
  const name = manifest.metadata?.name;
  if (typeof name !== 'string' || name === '') errs.push(required('metadata.name', 'CiliumNetworkPolicy must have name'));
  // The API server's ObjectMeta check: a lowercase RFC 1123 subdomain.
  else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) errs.push(invalid('metadata.name', name, 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\''));
  // cnp_types.go Parse: `spec`, `specs`, or both, each rule sanitized.
  if (manifest.spec === undefined && manifest.specs === undefined) return [...errs, required('spec', 'a policy needs spec (or specs)')];
  if (manifest.spec !== undefined) errs.push(...validateSpec(manifest.spec, 'spec', clusterwide, true, target));
  if (manifest.specs !== undefined) {
    if (!Array.isArray(manifest.specs)) errs.push(invalid('specs', manifest.specs, 'must be a list of rules'));
    // Before 1.20, Parse checks a namespaced policy's nodeSelector in `spec` only.
    else manifest.specs.forEach((s: any, i: number) => errs.push(...validateSpec(s, indexPath('specs', i), clusterwide, target.minor >= 20, target)));
  }
  return errs;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateSpec(spec: any, at: string, clusterwide: boolean, checkNodeSelector: boolean, target: ResolvedCiliumOptions): ValidationError[] {
  const errs: ValidationError[] = [];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return [invalid(at, spec, 'a rule must be a JSON object')];
  if (spec.endpointSelector === undefined && spec.nodeSelector === undefined) errs.push(required(childPath(at, 'endpointSelector'), 'rule must have one of EndpointSelector or NodeSelector'));
  if (spec.endpointSelector !== undefined && spec.nodeSelector !== undefined) errs.push(invalid(at, 'endpointSelector, nodeSelector', 'rule cannot have both EndpointSelector and NodeSelector'));
  if (!clusterwide && checkNodeSelector && spec.nodeSelector !== undefined) errs.push(forbidden(childPath(at, 'nodeSelector'), 'Invalid CiliumNetworkPolicy spec: rule cannot have NodeSelector', 'host policies are CiliumClusterwideNetworkPolicies'));
  for (const field of ['endpointSelector', 'nodeSelector']) {
    if (spec[field] !== undefined) errs.push(...validateEndpointSelector(spec[field], childPath(at, field), target.minor));
  }
  if (spec.enableDefaultDeny !== undefined && !target.hasEndPortAndDefaultDeny) {
    errs.push(forbidden(childPath(at, 'enableDefaultDeny'), `Cilium ${target.version} has no enableDefaultDeny (from 1.16)`, 'isolate a direction with a rule list, [{}] for deny-all'));
  }
  for (const direction of ['ingress', 'egress']) {
    const v = spec.enableDefaultDeny?.[direction];
    if (v !== undefined && typeof v !== 'boolean') errs.push(invalid(childPath(childPath(at, 'enableDefaultDeny'), direction), v, 'must be of type boolean'));
  }
  // From 1.20 the sanitizer refuses a rule without rules (rule_validation.go, v1.20.2).
  const count = (f: string) => (Array.isArray(spec[f]) ? spec[f].length : 0);
  if (target.minor >= 20 && count('ingress') + count('ingressDeny') + count('egress') + count('egressDeny') === 0) {
    errs.push(required(at, 'rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny'));
  }
  const hostPolicy = spec.nodeSelector !== undefined && spec.endpointSelector === undefined;
  for (const [field, ingress, deny] of [['ingress', true, false], ['egress', false, false], ['ingressDeny', true, true], ['egressDeny', false, true]] as Array<[string, boolean, boolean]>) {
    const rules = spec[field];
    if (rules === undefined || rules === null) continue;
    if (!Array.isArray(rules)) {
      errs.push(invalid(childPath(at, field), rules, 'must be a list of rules'));
      continue;
    }
    // Deny rules are sanitized from 1.20 on (1.15 and 1.16 leave them to the CRD schema).
    const sanitize = !deny || target.minor >= 20;
    rules.forEach((r: any, i: number) => {
      errs.push(...validateRule(r, indexPath(childPath(at, field), i), { ingress, sanitize, hostPolicy, target }));
    });
  }
  return errs;
}

/**
 * `EndpointSelector.sanitize`: `ValidateLabelSelector`. Before 1.20 on the keys as Cilium holds
 * them (`k8s:app` as `k8s.app`, `app` as `any.app`); from 1.20 on the keys as written, a source
 * (letters and digits) before one `:` allowed.
 */
function validateEndpointSelector(selector: any, at: string, minor: number): ValidationError[] {
  if (typeof selector !== 'object' || selector === null || Array.isArray(selector)) return [invalid(at, selector, 'must be a label selector')];
  const errs: ValidationError[] = [];
  const keyOf = (key: string, path: string): string => {
    const colon = key.indexOf(':');
    if (minor < 20) return colon < 0 ? `any.${key}` : `${key.slice(0, colon)}.${key.slice(colon + 1)}`;
    const parts = key.split(':');
    if (parts.length > 2) errs.push(invalid(path, key, "a valid label key only support ':' character as a source separator with non empty value"));
    else if (parts.length === 2 && !/^[A-Za-z0-9]+$/.test(parts[0])) errs.push(invalid(path, key, 'label source should be a non empty string with only alphanumeric characters'));
    return parts.length === 2 ? parts[1] : parts.length > 2 ? 'x' : key;
  };
  const matchLabels: Array<[string, string]> = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => [keyOf(k, childPath(at, 'matchLabels')), String(v)]);
  errs.push(...validateLabels(matchLabels, childPath(at, 'matchLabels')));
  (selector.matchExpressions ?? []).forEach((r: any, i: number) => {
    const path = indexPath(childPath(at, 'matchExpressions'), i);
    errs.push(...validateRequirement({ key: keyOf(String(r.key ?? ''), path), operator: String(r.operator ?? ''), values: (r.values ?? []).map(String) }, path));
  });
  return errs;
}

const LIST_FIELDS = new Set(['fromCIDR', 'fromCIDRSet', 'fromEndpoints', 'fromEntities', 'fromGroups', 'fromNodes', 'fromRequires', 'toCIDR', 'toCIDRSet',
  'toEndpoints', 'toEntities', 'toGroups', 'toNodes', 'toRequires', 'toServices', 'toFQDNs', 'toPorts', 'icmps']);
/** The CRD's enum of entities (1.16.0; 1.20.2 adds cluster-mesh). `world-ipv4` and `world-ipv6` are known to the agent but not to the CRD. */
const ENTITIES = ['all', 'world', 'cluster', 'host', 'init', 'ingress', 'unmanaged', 'remote-node', 'health', 'none', 'kube-apiserver'];
const ENTITIES_120 = [...ENTITIES, 'cluster-mesh'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP', 'ANY'];
/** 1.20's IP protocols without ports (`isExtendedIPProtocol`): their port must be 0. */
const EXTENDED_PROTOCOLS = ['VRRP', 'IGMP', 'GRE', 'IPIP', 'IPV6', 'ESP', 'AH'];
const MAX_PORTS = 40;
const MAX_ICMP_FIELDS = 40;
const AUTH_MODES = ['disabled', 'required', 'test-always-fail'];
/** The CRD's patterns for DNS names and patterns (`^([-a-zA-Z0-9_]+[.]?)+$`), which the sanitizer's character sets agree with. */
const MATCH_NAME = /^([-a-zA-Z0-9_]+[.]?)+$/;
const MATCH_PATTERN = /^([-a-zA-Z0-9_*]+[.]?)+$/;
const ICMP_TYPE = /^([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5]|EchoReply|DestinationUnreachable|Redirect|Echo|RouterAdvertisement|RouterSelection|TimeExceeded|ParameterProblem|Timestamp|TimestampReply|Photuris|ExtendedEchoRequest|ExtendedEcho Reply|PacketTooBig|EchoRequest|MulticastListenerQuery|MulticastListenerReport|MulticastListenerDone|RouterSolicitation|NeighborSolicitation|NeighborAdvertisement|RedirectMessage|RouterRenumbering|ICMPNodeInformationQuery|ICMPNodeInformationResponse|InverseNeighborDiscoverySolicitation|InverseNeighborDiscoveryAdvertisement|HomeAgentAddressDiscoveryRequest|HomeAgentAddressDiscoveryReply|MobilePrefixSolicitation|MobilePrefixAdvertisement|DuplicateAddressRequestCodeSuffix|DuplicateAddressConfirmationCodeSuffix)$/;

interface RuleContext {
  readonly ingress: boolean;
  /** The sanitizer looks at this rule (deny rules only from 1.20); when false, only the CRD schema does. */
  readonly sanitize: boolean;
  /** The rule is in a host policy (nodeSelector). */
  readonly hostPolicy: boolean;
  readonly target: ResolvedCiliumOptions;
}

function validateRule(input: any, path: string, ctx: RuleContext): ValidationError[] {
  const { ingress, sanitize, target } = ctx;
  const errs: ValidationError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [invalid(path, input, 'a rule must be a JSON object')];
  // A list field written as something else is refused by the CRD; it is read as no list below.
  const rule: any = {};
  for (const [field, value] of Object.entries(input)) {
    if (LIST_FIELDS.has(field) && value !== null && !Array.isArray(value)) errs.push(invalid(childPath(path, field), value, 'must be a list'));
    else rule[field] = value;
  }
  const side = ingress ? 'from' : 'to';
  errs.push(...crdRuleChecks(rule, path, side, target));
  if (!sanitize) return errs;

  const l3 = ['CIDR', 'CIDRSet', 'Endpoints', 'Entities', 'Services', 'FQDNs', 'Groups', 'Nodes'].map((m) => `${side}${m}`).filter((m) => (rule[m] ?? []).length > 0);
  if (l3.length > 1) errs.push(invalid(path, l3, `Combining ${l3[0]} and ${l3[1]} is not supported yet`, 'write one rule per kind of peer'));
  if (target.minor < 20 && (rule.toServices ?? []).length > 0 && (rule.toPorts ?? []).length > 0) {
    errs.push(invalid(path, 'toServices, toPorts', 'Combining ToServices and ToPorts is not supported yet'));
  }
  // `enable-node-selector-labels` is off by default (the field is unknown before 1.16: said above).
  if (target.minor >= 16 && (rule[`${side}Nodes`] ?? []).length > 0) errs.push(forbidden(childPath(path, `${side}Nodes`), 'FromNodes/ToNodes rules can only be applied when the "enable-node-selector-labels" flag is set'));
  if (ingress && (rule.toFQDNs ?? []).length > 0) errs.push(forbidden(childPath(path, 'toFQDNs'), 'toFQDNs is egress only'));
  // `CIDR.sanitize` accepts a bare address, but the CRD (format cidr) does not: checked above.
  if ((rule.icmps ?? []).length > 0 && (rule.toPorts ?? []).length > 0) {
    errs.push(invalid(path, 'icmps, toPorts', 'The ICMPs block may only be present without ToPorts. Define a separate rule to use ToPorts.'));
  }
  (rule[`${side}CIDRSet`] ?? []).forEach((c: any, i: number) => {
    const at = indexPath(childPath(path, `${side}CIDRSet`), i);
    const prefix = parsePrefix(c?.cidr);
    if (prefix === undefined) return;
    (c.except ?? []).forEach((e: string, j: number) => {
      const ex = parsePrefix(e);
      // `prefix.Bits() > except.Bits() || !prefix.Contains(except.Addr())` (1.16.0 panics on a wider except).
      if (ex === undefined) errs.push(invalid(indexPath(childPath(at, 'except'), j), e, 'unable to parse CIDR'));
      else if (ex.bits < prefix.bits || !contains(prefix, ex)) errs.push(invalid(indexPath(childPath(at, 'except'), j), e, `allow CIDR prefix ${c.cidr} does not contain exclude CIDR prefix ${e}`));
    });
  });
  (rule.toPorts ?? []).forEach((pr: any, i: number) => errs.push(...sanitizePortRule(pr, indexPath(childPath(path, 'toPorts'), i), ctx)));
  return errs;
}

/** What the CRD schema refuses in a rule (deny rules included, in every release). */
function crdRuleChecks(rule: any, path: string, side: string, target: ResolvedCiliumOptions): ValidationError[] {
  const errs: ValidationError[] = [];
  const entities = target.minor >= 20 ? ENTITIES_120 : ENTITIES;
  for (const e of rule[`${side}Entities`] ?? []) {
    if (!entities.includes(e)) errs.push(notSupported(childPath(path, `${side}Entities`), e, entities));
  }
  for (const field of [`${side}Endpoints`, `${side}Nodes`]) {
    (rule[field] ?? []).forEach((s: any, i: number) => errs.push(...validateEndpointSelector(s, indexPath(childPath(path, field), i), target.minor)));
  }
  if (target.minor >= 20 && (rule[`${side}Requires`] ?? []).length > 0) errs.push(invalid(childPath(path, `${side}Requires`), rule[`${side}Requires`], 'must have at most 0 items (removed in 1.20)'));
  // format cidr: a prefix; a bare address is refused although `CIDR.sanitize` would take it.
  (rule[`${side}CIDR`] ?? []).forEach((c: any, i: number) => {
    if (parsePrefix(c) === undefined) errs.push(invalid(indexPath(childPath(path, `${side}CIDR`), i), c, 'unable to parse CIDR: the CRD wants a prefix (format cidr), not a bare address'));
  });
  (rule[`${side}CIDRSet`] ?? []).forEach((c: any, i: number) => {
    const at = indexPath(childPath(path, `${side}CIDRSet`), i);
    const kinds = ['cidr', 'cidrGroupRef', ...(target.minor >= 20 ? ['cidrGroupSelector'] : [])].filter((k) => c?.[k] !== undefined);
    if (kinds.length !== 1) {
      errs.push(invalid(at, kinds, 'exactly one of cidr, cidrGroupRef or cidrGroupSelector is required'));
      return;
    }
    if (c.cidr !== undefined && parsePrefix(c.cidr) === undefined) errs.push(invalid(childPath(at, 'cidr'), c.cidr, 'Unable to parse CIDRRule'));
  });
  if (rule.authentication?.mode !== undefined && !AUTH_MODES.includes(rule.authentication.mode)) errs.push(notSupported(childPath(path, 'authentication.mode'), rule.authentication.mode, AUTH_MODES));
  (rule.icmps ?? []).forEach((icmp: any, i: number) => {
    const at = childPath(indexPath(childPath(path, 'icmps'), i), 'fields');
    const fields: any[] = icmp?.fields ?? [];
    if (fields.length > MAX_ICMP_FIELDS) errs.push(invalid(at, fields.length, `too many types, the max is ${MAX_ICMP_FIELDS}`));
    fields.forEach((f: any, j: number) => {
      if (f?.family !== undefined && !['IPv4', 'IPv6'].includes(f.family)) errs.push(notSupported(childPath(indexPath(at, j), 'family'), f.family, ['IPv4', 'IPv6']));
      // From 1.16 int-or-string, whose pattern binds strings only (an integer is not range-checked by the CRD nor the
      // sanitizer); 1.15: an integer from 0 to 255.
      const ok = target.minor >= 16 ? Number.isInteger(f?.type) || (typeof f?.type === 'string' && ICMP_TYPE.test(f.type)) : Number.isInteger(f?.type) && f.type >= 0 && f.type <= 255;
      if (!ok) errs.push(invalid(childPath(indexPath(at, j), 'type'), f?.type, 'an ICMP type: 0 to 255 or its name'));
    });
  });
  // The CRD's oneOf (from 1.16) wants exactly one of matchName and matchPattern; 1.15's sanitizer refuses both in toFQDNs only.
  const oneOf = target.minor >= 16;
  (rule.toFQDNs ?? []).forEach((f: any, i: number) => errs.push(...validateFqdnSelector(f, indexPath(childPath(path, 'toFQDNs'), i), oneOf, true)));
  const protocols = target.minor >= 20 ? [...PROTOCOLS.slice(0, 3), ...EXTENDED_PROTOCOLS, 'ANY'] : PROTOCOLS;
  (rule.toPorts ?? []).forEach((pr: any, i: number) => {
    const at = indexPath(childPath(path, 'toPorts'), i);
    ((pr?.ports ?? []) as any[]).forEach((p: any, j: number) => {
      const pat = indexPath(childPath(at, 'ports'), j);
      if (typeof p?.port !== 'string' || p.port === '') errs.push(required(childPath(pat, 'port'), 'Port must be specified'));
      if (p?.protocol !== undefined && !protocols.includes(p.protocol)) errs.push(notSupported(childPath(pat, 'protocol'), p.protocol, protocols));
      if (p?.endPort !== undefined && !target.hasEndPortAndDefaultDeny) errs.push(forbidden(childPath(pat, 'endPort'), `Cilium ${target.version} has no endPort (from 1.16)`, 'list the ports, or target a later Cilium'));
      else if (p?.endPort !== undefined && !(Number.isInteger(p.endPort) && p.endPort >= 0 && p.endPort <= 65535)) errs.push(invalid(childPath(pat, 'endPort'), p.endPort, 'must be an integer from 0 to 65535'));
    });
    if ((pr?.serverNames ?? []).some((n: any) => typeof n !== 'string' || n === '' || (target.minor >= 20 && !MATCH_PATTERN.test(n)))) {
      errs.push(invalid(childPath(at, 'serverNames'), pr.serverNames, 'empty server name is not allowed'));
    }
    const rules = pr?.rules;
    if (rules !== undefined && rules !== null) {
      // Generic L7 rules are `l7proto` with its `l7` list: one kind.
      const kinds = Object.keys(rules).filter((k) => rules[k] !== undefined && rules[k] !== null && !(k === 'l7proto' && rules.l7 !== undefined));
      // CRD oneOf from 1.16: exactly one kind of L7 rule (an empty list counts, an empty object does not);
      // 1.15's sanitizer refuses two kinds.
      if (kinds.length > 1 || (kinds.length === 0 && target.minor >= 16)) errs.push(invalid(childPath(at, 'rules'), kinds, 'exactly one L7 protocol rule type per port rule'));
      (rules.dns ?? []).forEach((f: any, j: number) => errs.push(...validateFqdnSelector(f, indexPath(childPath(at, 'rules.dns'), j), oneOf, oneOf)));
    }
  });
  return errs;
}

/** An FQDN selector: one of matchName and matchPattern (`oneOf`: exactly one; `refuseBoth`: not both), of DNS characters, at most 255 long. */
function validateFqdnSelector(f: any, at: string, oneOf: boolean, refuseBoth: boolean): ValidationError[] {
  const errs: ValidationError[] = [];
  const written = ['matchName', 'matchPattern'].filter((k) => f?.[k] !== undefined);
  if ((written.length === 0 && oneOf) || (written.length === 2 && refuseBoth)) return [invalid(at, f, 'exactly one of MatchName or MatchPattern is required in an FQDNSelector')];
  if (f.matchName !== undefined && !(typeof f.matchName === 'string' && MATCH_NAME.test(f.matchName) && f.matchName.length <= 255)) {
    errs.push(invalid(childPath(at, 'matchName'), f.matchName, 'Only 0-9, a-z, A-Z and ., - and _ characters are allowed, at most 255'));
  }
  if (f.matchPattern !== undefined && !(typeof f.matchPattern === 'string' && MATCH_PATTERN.test(f.matchPattern) && f.matchPattern.length <= 255)) {
    errs.push(invalid(childPath(at, 'matchPattern'), f.matchPattern, 'Only 0-9, a-z, A-Z and ., -, _ and * characters are allowed, at most 255'));
  }
  return errs;
}

/** `PortRule.sanitize` (allow rules) and `PortDenyRule.sanitize` (deny rules, which have no L7 rules). */
function sanitizePortRule(pr: any, at: string, ctx: RuleContext): ValidationError[] {
  const { ingress, target } = ctx;
  const errs: ValidationError[] = [];
  const ports: any[] = pr?.ports ?? [];
  if (ports.length > MAX_PORTS) errs.push(invalid(childPath(at, 'ports'), ports.length, `too many ports, the max is ${MAX_PORTS}`));
  const rules = pr?.rules ?? {};
  const nonEmpty = (k: string) => Array.isArray(rules[k]) && rules[k].length > 0;
  // `L7Rules.IsEmpty`: a rules object whose lists are all empty is no L7 rule.
  const l7 = Object.keys(rules).some(nonEmpty);
  const dns = nonEmpty('dns');
  if (dns && ingress) errs.push(forbidden(childPath(at, 'rules.dns'), 'DNS rules are not allowed on ingress'));
  if (l7 && rules.dns !== undefined && ports.length === 0) errs.push(required(childPath(at, 'ports'), 'Port 53 must be specified for DNS rules'));
  if (l7 && ctx.hostPolicy) {
    // 1.16: no L7 rule in a host policy; 1.20: none on host ingress, DNS only on host egress.
    if (target.minor < 20 || ingress || Object.keys(rules).some((k) => k !== 'dns' && nonEmpty(k))) errs.push(forbidden(childPath(at, 'rules'), 'L7 policy is not supported in host policies (but DNS on egress from 1.20)'));
  }
  ports.forEach((p: any, j: number) => {
    const pat = indexPath(childPath(at, 'ports'), j);
    if (typeof p?.port !== 'string' || p.port === '') return;
    if (!isSvcName(p.port)) {
      if (target.minor >= 20 && EXTENDED_PROTOCOLS.includes(p.protocol) && p.port !== '0') errs.push(invalid(childPath(pat, 'port'), p.port, 'port must be empty or 0'));
      const n = /^(0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(p.port) ? Number(p.port) : NaN;
      if (!(n >= 0 && n <= 65535)) errs.push(invalid(childPath(pat, 'port'), p.port, 'Unable to parse port'));
      if (n === 0 && l7) errs.push(invalid(childPath(pat, 'port'), p.port, 'L7 rules can not be used when a port is 0'));
      if (target.minor >= 20 && dns && Number.isInteger(p.endPort) && p.endPort > n) errs.push(invalid(childPath(pat, 'endPort'), p.endPort, 'DNS rules do not support port ranges'));
    }
    if (l7 && !dns && p.protocol !== 'TCP') errs.push(invalid(childPath(pat, 'protocol'), p.protocol, 'L7 rules can only apply to TCP except for DNS rules'));
  });
  return errs;
}

/** RFC 6335 service name: 1-15 characters of a-z, A-Z, 0-9 and '-', a letter, no leading/trailing or double '-'. */
function isSvcName(s: string): boolean {
  return s.length > 0 && s.length <= 15 && /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/.test(s) && /[a-zA-Z]/.test(s);
}

interface Prefix { family: 4 | 6; bits: number; value: bigint }

/** Go's `netip.ParsePrefix`: no leading zeros in IPv4 octets, an IPv4 address not with an IPv6 length. */
function parsePrefix(text: unknown): Prefix | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const lenText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]*)$/.test(lenText)) return undefined;
  const bits = Number(lenText);
  if (addr.includes(':')) {
    const value = parseIpv6(addr);
    if (value === undefined || bits > 128) return undefined;
    return { family: 6, bits, value };
  }
  const octets = addr.split('.');
  if (octets.length !== 4 || octets.some((o) => !/^(0|[1-9][0-9]{0,2})$/.test(o) || Number(o) > 255) || bits > 32) return undefined;
  return { family: 4, bits, value: octets.reduce((acc, o) => acc * 256n + BigInt(o), 0n) };
}

function parseIpv6(addr: string): bigint | undefined {
  if (addr.includes('%')) return undefined;
  const halves = addr.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const expand = (gs: string[]): number[] | undefined => {
    const out: number[] = [];
    for (const [i, g] of gs.entries()) {
      if (g.includes('.') && i === gs.length - 1) {
        const p = parsePrefix(`${g}/32`);
        if (!p) return undefined;
        out.push(Number(p.value / 65536n), Number(p.value % 65536n));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
        out.push(parseInt(g, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const h = expand(head);
  const t = expand(tail);
  if (!h || !t) return undefined;
  const missing = 8 - h.length - t.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...h, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...t].reduce((acc, g) => acc * 65536n + BigInt(g), 0n);
}

/** `prefix.Contains(except.Addr())`. */
function contains(prefix: Prefix, inner: Prefix): boolean {
  if (prefix.family !== inner.family) return false;
  const width = prefix.family === 4 ? 32 : 128;
  const block = 2n ** BigInt(width - prefix.bits);
  return prefix.value / block === inner.value / block;
}

/** The fields of an object, as a tree: a name maps to the fields of its value (or of its list items); `true`: a value not looked into. */
interface FieldTree { readonly [field: string]: FieldTree | true }

const SELECTOR: FieldTree = { matchLabels: true, matchExpressions: { key: true, operator: true, values: true } };

/**
 * The fields of the CRD's `openAPIV3Schema` (test/fixtures/cilium: v1.15.6 for 1.15, v1.16.0 for 1.16
 * to 1.19, v1.20.2 from 1.20 on), down to the L7 rules, whose content is left to the CRD: `kubectl
 * apply` refuses unknown fields.
 */
function fieldTree(minor: number): FieldTree {
  const from116 = minor >= 16;
  const from120 = minor >= 20;
  const cidrRule: FieldTree = { cidr: true, cidrGroupRef: true, except: true, ...(from120 ? { cidrGroupSelector: SELECTOR } : {}) };
  // endPort and enableDefaultDeny are in every tree: before 1.16 they are refused by name above.
  const ports: FieldTree = { port: true, protocol: true, endPort: true };
  const fqdn: FieldTree = { matchName: true, matchPattern: true };
  const rules: FieldTree = from120 ? { dns: fqdn, http: true } : { dns: fqdn, http: true, kafka: true, l7: true, l7proto: true };
  const portRule: FieldTree = { ports, rules, listener: true, originatingTLS: true, serverNames: true, terminatingTLS: true };
  const denyPortRule: FieldTree = { ports };
  const icmps: FieldTree = { fields: { family: true, type: true } };
  const groups: FieldTree = { aws: { labels: true, region: true, securityGroupsIds: true, securityGroupsNames: true } };
  const services: FieldTree = { k8sService: { namespace: true, serviceName: true }, k8sServiceSelector: { namespace: true, selector: SELECTOR } };
  // 1.20 keeps fromRequires/toRequires as an always-empty list of strings.
  const requires: FieldTree | true = from120 ? true : SELECTOR;
  const fromCommon: FieldTree = {
    fromCIDR: true,
    fromCIDRSet: cidrRule,
    fromEndpoints: SELECTOR,
    fromEntities: true,
    fromRequires: requires,
    icmps,
    ...(from116 ? { fromGroups: groups, fromNodes: SELECTOR } : {}),
  };
  const toCommon: FieldTree = {
    toCIDR: true,
    toCIDRSet: cidrRule,
    toEndpoints: SELECTOR,
    toEntities: true,
    toGroups: groups,
    toRequires: requires,
    toServices: services,
    icmps,
    ...(from116 ? { toNodes: SELECTOR } : {}),
  };
  const spec: FieldTree = {
    description: true,
    endpointSelector: SELECTOR,
    nodeSelector: SELECTOR,
    labels: { key: true, source: true, value: true },
    ingress: { ...fromCommon, authentication: { mode: true }, toPorts: portRule },
    ingressDeny: { ...fromCommon, toPorts: denyPortRule },
    egress: { ...toCommon, authentication: { mode: true }, toFQDNs: fqdn, toPorts: portRule },
    egressDeny: { ...toCommon, toPorts: denyPortRule },
    enableDefaultDeny: { ingress: true, egress: true },
    ...(from120 ? { log: { value: true } } : {}),
  };
  return { apiVersion: true, kind: true, metadata: true, spec, specs: spec, status: true };
}

function unknownFields(value: any, at: string, tree: FieldTree): ValidationError[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownFields(v, indexPath(at, i), tree));
  if (typeof value !== 'object' || value === null) return [];
  const errs: ValidationError[] = [];
  for (const [field, v] of Object.entries(value)) {
    const sub = tree[field];
    if (sub === undefined) errs.push(unknownField(childPath(at, field), `unknown field "${childPath(at, field)}"`));
    else if (sub !== true) errs.push(...unknownFields(v, childPath(at, field), sub));
  }
  return errs;
}
