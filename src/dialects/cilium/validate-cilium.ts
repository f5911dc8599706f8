import { CiliumOptions, ResolvedCiliumOptions, resolveCiliumOptions } from './cilium-options';
import { CILIUM_API_VERSION } from './emit-cilium';
import { forbidden, invalid, notSupported, required, unknownField } from '../../model/validation/field-error';
import { childPath, indexPath } from '../../model/validation/field-path';
import { validateRequirement } from '../../model/validation/validate-label-selector';
import { validateLabels } from '../../model/validation/validate-labels';
import { ValidationError } from '../../model/validation/validation-error';

/**
 * The rules Cilium's rule sanitizer (`pkg/policy/api/rule_validation.go`, `fqdn.go`, v1.15.6)
 * enforces for the fields this library writes in `CiliumNetworkPolicy` and
 * `CiliumClusterwideNetworkPolicy`, with what the target release lacks (`endPort`,
 * `enableDefaultDeny` before 1.16). The CRD schema itself is checked in the tests against the
 * release's CRD YAML.
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
  if (typeof manifest.metadata?.name !== 'string' || manifest.metadata.name === '') errs.push(required('metadata.name', 'CiliumNetworkPolicy must have name'));
  // cnp_types.go Parse: `spec`, `specs`, or both, each rule sanitized.
  if (manifest.spec === undefined && manifest.specs === undefined) return [...errs, required('spec', 'a policy needs spec (or specs)')];
  if (manifest.spec !== undefined) errs.push(...validateSpec(manifest.spec, 'spec', clusterwide, target));
  if (manifest.specs !== undefined) {
    if (!Array.isArray(manifest.specs)) errs.push(invalid('specs', manifest.specs, 'must be a list of rules'));
    else manifest.specs.forEach((s: any, i: number) => errs.push(...validateSpec(s, indexPath('specs', i), clusterwide, target)));
  }
  return errs;
}

function validateSpec(spec: any, at: string, clusterwide: boolean, target: ResolvedCiliumOptions): ValidationError[] {
  const errs: ValidationError[] = [];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return [invalid(at, spec, 'a rule must be a JSON object')];
  if (spec.endpointSelector === undefined && spec.nodeSelector === undefined) errs.push(required(childPath(at, 'endpointSelector'), 'rule must have one of EndpointSelector or NodeSelector'));
  if (spec.endpointSelector !== undefined && spec.nodeSelector !== undefined) errs.push(invalid(at, 'endpointSelector, nodeSelector', 'rule cannot have both EndpointSelector and NodeSelector'));
  if (!clusterwide && spec.nodeSelector !== undefined) errs.push(forbidden(childPath(at, 'nodeSelector'), 'Invalid CiliumNetworkPolicy spec: rule cannot have NodeSelector', 'host policies are CiliumClusterwideNetworkPolicies'));
  for (const field of ['endpointSelector', 'nodeSelector']) {
    if (spec[field] !== undefined) errs.push(...validateEndpointSelector(spec[field], childPath(at, field)));
  }
  if (spec.enableDefaultDeny !== undefined && !target.hasEndPortAndDefaultDeny) {
    errs.push(forbidden(childPath(at, 'enableDefaultDeny'), `Cilium ${target.version} has no enableDefaultDeny (from 1.16)`, 'isolate a direction with a rule list, [{}] for deny-all'));
  }
  // From 1.20 the sanitizer refuses a rule without rules (rule_validation.go, v1.20.2).
  const count = (f: string) => (Array.isArray(spec[f]) ? spec[f].length : 0);
  if (target.minor >= 20 && count('ingress') + count('ingressDeny') + count('egress') + count('egressDeny') === 0) {
    errs.push(required(at, 'rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny'));
  }
  for (const [field, ingress, deny] of [['ingress', true, false], ['egress', false, false], ['ingressDeny', true, true], ['egressDeny', false, true]] as Array<[string, boolean, boolean]>) {
    const rules = spec[field];
    if (rules === undefined || rules === null) continue;
    if (!Array.isArray(rules)) {
      errs.push(invalid(childPath(at, field), rules, 'must be a list of rules'));
      continue;
    }
    // Deny rules are sanitized from 1.20 on (1.15 and 1.16 leave them unchecked).
    if (deny && target.minor < 20) continue;
    rules.forEach((r: any, i: number) => {
      errs.push(...validateRule(r, indexPath(childPath(at, field), i), ingress, target.hasEndPortAndDefaultDeny, target.version));
    });
  }
  return errs;
}

/** `EndpointSelector.sanitize`: `ValidateLabelSelector` on the keys as Cilium holds them (`k8s:app` as `k8s.app`, `app` as `any.app`). */
function validateEndpointSelector(selector: any, at: string): ValidationError[] {
  if (typeof selector !== 'object' || selector === null || Array.isArray(selector)) return [invalid(at, selector, 'must be a label selector')];
  const errs: ValidationError[] = [];
  const extended = (key: string) => {
    const colon = key.indexOf(':');
    return colon < 0 ? `any.${key}` : `${key.slice(0, colon)}.${key.slice(colon + 1)}`;
  };
  const matchLabels: Array<[string, string]> = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => [extended(k), String(v)]);
  errs.push(...validateLabels(matchLabels, childPath(at, 'matchLabels')));
  (selector.matchExpressions ?? []).forEach((r: any, i: number) => {
    errs.push(...validateRequirement({ key: extended(String(r.key ?? '')), operator: String(r.operator ?? ''), values: (r.values ?? []).map(String) }, indexPath(childPath(at, 'matchExpressions'), i)));
  });
  return errs;
}

const ENTITIES = ['all', 'world', 'world-ipv4', 'world-ipv6', 'cluster', 'host', 'init', 'ingress', 'unmanaged', 'remote-node', 'health', 'none', 'kube-apiserver'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP', 'ANY'];
const MAX_PORTS = 40;
const MATCH_NAME = /^[-a-zA-Z0-9_.]+$/;
const MATCH_PATTERN = /^[-a-zA-Z0-9_.*]+$/;

function validateRule(rule: any, path: string, ingress: boolean, hasEndPort: boolean, version: string): ValidationError[] {
  const errs: ValidationError[] = [];
  const side = ingress ? 'from' : 'to';
  const l3 = ['CIDR', 'CIDRSet', 'Endpoints', 'Entities', 'Services', 'FQDNs', 'Groups'].map((m) => `${side}${m}`).filter((m) => (rule[m] ?? []).length > 0);
  if (l3.length > 1) errs.push(invalid(path, l3, `Combining ${l3[0]} and ${l3[1]} is not supported yet`, 'write one rule per kind of peer'));
  if (ingress && (rule.toFQDNs ?? []).length > 0) errs.push(forbidden(childPath(path, 'toFQDNs'), 'toFQDNs is egress only'));
  for (const e of rule[`${side}Entities`] ?? []) {
    if (!ENTITIES.includes(e)) errs.push(notSupported(childPath(path, `${side}Entities`), e, ENTITIES));
  }
  (rule[`${side}Endpoints`] ?? []).forEach((s: any, i: number) => errs.push(...validateEndpointSelector(s, indexPath(childPath(path, `${side}Endpoints`), i))));
  // `CIDR.sanitize`: a prefix, or a bare address.
  (rule[`${side}CIDR`] ?? []).forEach((c: any, i: number) => {
    if (parsePrefix(c) === undefined && parsePrefix(`${c}/${String(c).includes(':') ? 128 : 32}`) === undefined) {
      errs.push(invalid(indexPath(childPath(path, `${side}CIDR`), i), c, 'unable to parse CIDR'));
    }
  });
  if ((rule.icmps ?? []).length > 0 && (rule.toPorts ?? []).length > 0) {
    errs.push(invalid(path, 'icmps, toPorts', 'The ICMPs block may only be present without ToPorts. Define a separate rule to use ToPorts.'));
  }
  (rule[`${side}CIDRSet`] ?? []).forEach((c: any, i: number) => {
    const at = indexPath(childPath(path, `${side}CIDRSet`), i);
    // A CIDR group stands for its CIDRs (read elsewhere); only a written cidr is parsed.
    if (c.cidr === undefined && (c.cidrGroupRef !== undefined || c.cidrGroupSelector !== undefined)) return;
    const prefix = parsePrefix(c.cidr);
    if (prefix === undefined) {
      errs.push(invalid(childPath(at, 'cidr'), c.cidr, 'Unable to parse CIDRRule'));
      return;
    }
    (c.except ?? []).forEach((e: string, j: number) => {
      const ex = parsePrefix(e);
      if (ex === undefined) errs.push(invalid(indexPath(childPath(at, 'except'), j), e, 'unable to parse CIDR'));
      else if (!contains(prefix, ex)) errs.push(invalid(indexPath(childPath(at, 'except'), j), e, `allow CIDR prefix ${c.cidr} does not contain exclude CIDR prefix ${e}`));
    });
  });
  (rule.toFQDNs ?? []).forEach((f: any, i: number) => {
    const at = indexPath(childPath(path, 'toFQDNs'), i);
    if (f.matchName && f.matchPattern) errs.push(invalid(at, f, 'only one of MatchName or MatchPattern is allowed in an FQDNSelector'));
    if (f.matchName !== undefined && !MATCH_NAME.test(f.matchName)) errs.push(invalid(childPath(at, 'matchName'), f.matchName, 'Only 0-9, a-z, A-Z and . and - characters are allowed'));
    if (f.matchPattern !== undefined && !MATCH_PATTERN.test(f.matchPattern)) errs.push(invalid(childPath(at, 'matchPattern'), f.matchPattern, 'Only 0-9, a-z, A-Z and ., - and * characters are allowed'));
  });
  (rule.toPorts ?? []).forEach((pr: any, i: number) => {
    const at = indexPath(childPath(path, 'toPorts'), i);
    const ports: any[] = pr.ports ?? [];
    if (ports.length > MAX_PORTS) errs.push(invalid(childPath(at, 'ports'), ports.length, `too many ports, the max is ${MAX_PORTS}`));
    const dns = (pr.rules?.dns ?? []).length > 0;
    if (dns && ingress) errs.push(forbidden(childPath(at, 'rules.dns'), 'DNS rules are not allowed on ingress'));
    if (pr.rules?.dns !== undefined && ports.length === 0) errs.push(required(childPath(at, 'ports'), 'Port 53 must be specified for DNS rules'));
    ports.forEach((p: any, j: number) => {
      const pat = indexPath(childPath(at, 'ports'), j);
      if (typeof p.port !== 'string' || p.port === '') {
        errs.push(required(childPath(pat, 'port'), 'Port must be specified'));
      } else if (!isSvcName(p.port)) {
        const n = /^(0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(p.port) ? Number(p.port) : NaN;
        if (!(n >= 0 && n <= 65535)) errs.push(invalid(childPath(pat, 'port'), p.port, 'Unable to parse port'));
        if (n === 0 && pr.rules !== undefined) errs.push(invalid(childPath(pat, 'port'), p.port, 'L7 rules can not be used when a port is 0'));
      }
      if (p.protocol !== undefined && !PROTOCOLS.includes(String(p.protocol).toUpperCase())) errs.push(notSupported(childPath(pat, 'protocol'), p.protocol, PROTOCOLS));
      if (pr.rules !== undefined && !dns && p.protocol !== 'TCP') errs.push(invalid(childPath(pat, 'protocol'), p.protocol, 'L7 rules can only apply to TCP except for DNS rules'));
      if (p.endPort !== undefined) {
        if (!hasEndPort) errs.push(forbidden(childPath(pat, 'endPort'), `Cilium ${version} has no endPort (from 1.16)`, 'list the ports, or target a later Cilium'));
        else if (!(Number.isInteger(p.endPort) && p.endPort >= Number(p.port) && p.endPort <= 65535)) errs.push(invalid(childPath(pat, 'endPort'), p.endPort, 'must be a port at or above port'));
        else if (dns && p.endPort > Number(p.port)) errs.push(invalid(childPath(pat, 'endPort'), p.endPort, 'DNS rules do not support port ranges'));
      }
    });
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
