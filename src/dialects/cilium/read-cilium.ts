import { CiliumOptions, resolveCiliumOptions } from './cilium-options';
import { validateCiliumManifest } from './validate-cilium';
import { AddressRange, formatAddressRange, ipBlockCovers, ParsedIpBlock, parseAddressRange } from '../../analysis/address-range';
import { ClusterEndpoint, ClusterModel, DEFAULT_NAMESPACE } from '../../analysis/cluster-model';
import { EndpointTest, OrderedAction, OrderedPolicy, OrderedRule } from '../../analysis/ordered-policy';
import { NETWORK_POLICY_ORDER } from '../../analysis/ordered-tier-semantics';
import { PortSet } from '../../analysis/port-set';
import { Protocol } from '../../model/protocol';

/**
 * Reads a `cilium.io/v2` CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy into the ordered form
 * (src/analysis/ordered-policy.ts): its L3/L4 meaning as Cilium enforces it, from Cilium's source
 * (v1.15.6, v1.16.0, v1.20.2): `pkg/k8s/apis/cilium.io/utils/utils.go` (namespaces added to selectors),
 * `pkg/policy/api/selector.go` and `pkg/labels` (label sources), `pkg/policy/api/entity.go` (entities),
 * `pkg/policy/rule.go` (rules without peers or ports), `pkg/policy/repository.go` (default deny),
 * `pkg/labelsfilter/filter.go` (the labels identities keep). Internal to the analysis.
 *
 * Cilium's allows are a union and its denies win over every allow: each rule of the object becomes
 * a deny-only policy read first (`CILIUM_DENY_ORDER`) and an allow policy at the NetworkPolicies'
 * order, sharing the object's name.
 */

/** The order of the policies holding Cilium's deny rules: before every other policy of the tier. */
export const CILIUM_DENY_ORDER = -Number.MAX_VALUE;
/** The order of Cilium's allow rules: with the NetworkPolicies, which Cilium unions with them. */
export const CILIUM_ALLOW_ORDER = NETWORK_POLICY_ORDER;
/** The release read when none is given: the newest this library knows (its fields are a superset). */
export const CILIUM_READ_DEFAULT_VERSION = '1.20';

/** What reading one object gives: its policies, or the errors that leave it out. */
export interface CiliumReadResult {
  readonly policies: OrderedPolicy[];
  readonly errors: Array<{ field: string; message: string }>;
}

const NOT_MODELLED = 'is not modelled by the analysis; the answer would be incomplete';
const NS_LABEL = 'io.kubernetes.pod.namespace';
const NS_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
const POLICY_LABELS_PREFIX = 'io.cilium.k8s.policy.';

/**
 * The object's policies (one deny and one allow policy per rule of `spec`/`specs`), or, when the
 * object is invalid or uses what the analysis does not model, no policy and the errors.
 */
export function readCiliumPolicy(object: any, options: CiliumOptions = {}): CiliumReadResult {
  const target = resolveCiliumOptions({ version: options.version ?? CILIUM_READ_DEFAULT_VERSION });
  const invalid = validateCiliumManifest(object, { version: target.version });
  if (invalid.length > 0) return { policies: [], errors: invalid.map((e) => ({ field: e.field, message: e.message })) };
  const reader = new RuleReader(object, target.minor);
  const specs: Array<[any, string]> = [];
  if (object.spec !== undefined && object.spec !== null) specs.push([object.spec, 'spec']);
  (object.specs ?? []).forEach((s: any, i: number) => specs.push([s, `specs[${i}]`]));
  const policies = specs.flatMap(([spec, at]) => reader.read(spec, at));
  if (reader.errors.length > 0) return { policies: [], errors: reader.errors };
  return { policies, errors: [] };
}

type Direction = 'ingress' | 'egress';

class RuleReader {
  public readonly errors: Array<{ field: string; message: string }> = [];
  private readonly kind: string;
  private readonly name: string;
  /** The policy's namespace; undefined for a cluster-wide policy. */
  private readonly namespace?: string;

  public constructor(object: any, private readonly minor: number) {
    this.kind = object.kind;
    this.name = object.metadata.name;
    this.namespace = this.kind === 'CiliumClusterwideNetworkPolicy' ? undefined : object.metadata.namespace ?? DEFAULT_NAMESPACE;
  }

  public read(spec: any, at: string): OrderedPolicy[] {
    if (spec.nodeSelector !== undefined) {
      this.fail(`${at}.nodeSelector`, `a host policy (nodeSelector: the nodes' own traffic) ${NOT_MODELLED}`);
      return [];
    }
    const subject = this.subject(spec.endpointSelector, `${at}.endpointSelector`);
    const notes: string[] = [];
    const sides = (['ingress', 'egress'] as Direction[]).map((direction) => {
      const allowField = direction;
      const denyField = `${direction}Deny`;
      const allows: any[] = spec[allowField] ?? [];
      const denies: any[] = spec[denyField] ?? [];
      // repository.go: a rule applies to a direction when it has rules for it, allow or deny; it
      // isolates that direction unless `enableDefaultDeny` says false (from 1.16).
      const applies = allows.length > 0 || denies.length > 0;
      const isolates = applies && (this.minor < 16 || spec.enableDefaultDeny?.[direction] !== false);
      return {
        applies,
        isolates,
        allow: allows.map((r, i) => this.rule(r, i, `${at}.${allowField}[${i}]`, direction, OrderedAction.ALLOW, notes)),
        deny: denies.map((r, i) => this.rule(r, i, `${at}.${denyField}[${i}]`, direction, OrderedAction.DENY, notes)),
      };
    });
    const [ingress, egress] = sides;
    const base = {
      kind: this.kind,
      apiVersion: 'cilium.io/v2',
      namespace: this.namespace,
      name: this.name,
      subject,
      isolatesIngress: ingress.isolates,
      isolatesEgress: egress.isolates,
    };
    const out: OrderedPolicy[] = [];
    if (ingress.deny.length > 0 || egress.deny.length > 0) {
      // The notes of the whole rule go with its allow policy (always there), so that they are said once.
      out.push({
        ...base,
        notes: [],
        order: CILIUM_DENY_ORDER,
        ingress: ingress.deny.length > 0 ? ingress.deny : undefined,
        egress: egress.deny.length > 0 ? egress.deny : undefined,
      });
    }
    out.push({
      ...base,
      notes,
      order: CILIUM_ALLOW_ORDER,
      ingress: ingress.applies ? ingress.allow : undefined,
      egress: egress.applies ? egress.allow : undefined,
    });
    return out;
  }

  /** The endpoint selector of the rule: in a CiliumNetworkPolicy, always narrowed to its namespace (utils.ParseToCiliumRule). */
  private subject(selector: any, at: string): EndpointTest {
    const reqs = this.requirements(selector, at);
    if (reqs.some((r) => r.source === 'reserved')) {
      this.fail(at, `a policy for reserved identities (host, health, init...) ${NOT_MODELLED}`);
    }
    if (this.namespace === undefined) return selectorTest(reqs);
    const others = reqs.filter((r) => !(r.source === 'k8s' && r.key === NS_LABEL && r.fromMatchLabels));
    return selectorTest([...others, { source: 'k8s', key: NS_LABEL, operator: 'In', values: [this.namespace], fromMatchLabels: true }]);
  }

  /** A selector of peers, with the namespace Cilium adds to it (utils.getEndpointSelector). */
  private peerSelector(selector: any, at: string): EndpointTest {
    const reqs = this.requirements(selector, at);
    if (reqs.some((r) => r.source === 'reserved')) {
      this.fail(at, `a selector of reserved identities ${NOT_MODELLED}: write the entity (fromEntities/toEntities)`);
      return NOTHING;
    }
    const namesNamespace = reqs.some((r) => (r.source === 'k8s' || r.source === 'any') && r.key === NS_LABEL);
    if (namesNamespace) return selectorTest(reqs);
    if (this.namespace === undefined) {
      // A cluster-wide policy: any endpoint with a namespace, that is any pod.
      return selectorTest([...reqs, { source: 'k8s', key: NS_LABEL, operator: 'Exists', values: [] }]);
    }
    // From 1.16 a selector of namespace labels is not narrowed to the policy's namespace.
    const namesNamespaceLabels = reqs.some((r) => (r.source === 'k8s' || r.source === 'any') && r.key.startsWith(NS_LABELS_PREFIX));
    if (this.minor >= 16 && namesNamespaceLabels) return selectorTest(reqs);
    return selectorTest([...reqs, { source: 'k8s', key: NS_LABEL, operator: 'In', values: [this.namespace], fromMatchLabels: true }]);
  }

  /** The requirements of a selector, keys with their source (`app` is `any:app`, selector.go UnmarshalJSON). */
  private requirements(selector: any, at: string): Requirement[] {
    const out: Requirement[] = [];
    for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) out.push({ ...sourced(k), operator: 'In', values: [String(v)], fromMatchLabels: true });
    for (const e of selector?.matchExpressions ?? []) {
      out.push({ ...sourced(String(e.key)), operator: e.operator, values: (e.values ?? []).map(String) });
    }
    for (const r of out) {
      if ((r.source === 'k8s' || r.source === 'any') && r.key.startsWith(POLICY_LABELS_PREFIX)) {
        this.fail(at, `the label ${r.source}:${r.key} (service account, cluster) ${NOT_MODELLED}`);
      } else if (r.source !== 'k8s' && r.source !== 'any' && r.source !== 'reserved') {
        this.fail(at, `labels of source ${r.source} (${r.source}:${r.key}) ${NOT_MODELLED}`);
      }
    }
    return out;
  }

  private rule(rule: any, index: number, field: string, direction: Direction, action: OrderedAction, notes: string[]): OrderedRule {
    const side = direction === 'ingress' ? 'from' : 'to';
    for (const unmodelled of ['Requires', 'Services', 'Groups', 'Nodes']) {
      if ((rule[`${side}${unmodelled}`] ?? []).length > 0) this.fail(`${field}.${side}${unmodelled}`, `${side}${unmodelled} ${NOT_MODELLED}`);
    }
    if (rule.authentication !== undefined) this.fail(`${field}.authentication`, `mutual authentication ${NOT_MODELLED}`);
    const tests: EndpointTest[] = [];
    (rule[`${side}Endpoints`] ?? []).forEach((s: any, i: number) => tests.push(this.peerSelector(s, `${field}.${side}Endpoints[${i}]`)));
    (rule[`${side}CIDR`] ?? []).forEach((c: string, i: number) => tests.push(this.cidr(c, [], `${field}.${side}CIDR[${i}]`)));
    (rule[`${side}CIDRSet`] ?? []).forEach((c: any, i: number) => {
      const at = `${field}.${side}CIDRSet[${i}]`;
      if (c.cidrGroupRef !== undefined || c.cidrGroupSelector !== undefined) {
        this.fail(at, `a CIDR group (cidrGroupRef, cidrGroupSelector: CiliumCIDRGroup objects) ${NOT_MODELLED}`);
      } else {
        tests.push(this.cidr(c.cidr, c.except ?? [], at));
      }
    });
    (rule[`${side}Entities`] ?? []).forEach((e: string, i: number) => tests.push(this.entity(e, `${field}.${side}Entities[${i}]`, notes)));
    const fqdns: any[] = rule.toFQDNs ?? [];
    if (fqdns.length > 0) tests.push(NOTHING);
    const portRules: any[] = rule.toPorts ?? [];
    const icmps: any[] = rule.icmps ?? [];
    const hasPeers = tests.length > 0;
    const named = new Set<string>();
    const entries: PortEntry[] = [];
    portRules.forEach((pr: any, i: number) => {
      for (const p of pr.ports ?? []) {
        const entry = portEntry(p);
        entries.push(entry);
        if (entry.name !== undefined) for (const proto of entry.protocols) named.add(`${entry.name}/${proto}`);
      }
      const l7 = Object.keys(pr.rules ?? {}).filter((k) => (Array.isArray(pr.rules[k]) ? pr.rules[k].length > 0 : pr.rules[k] !== undefined));
      if (l7.includes('dns')) notes.push(`${field}.toPorts[${i}]: DNS requests on these ports go through Cilium's DNS proxy, which answers only the names its dns rules allow; the analysis models the ports, not the names`);
      const others = l7.filter((k) => k !== 'dns');
      if (others.length > 0) notes.push(`${field}.toPorts[${i}]: the L7 rules (${others.join(', ')}) are not modelled; the analysis counts every request on these ports as allowed`);
      for (const tls of ['terminatingTLS', 'originatingTLS', 'serverNames', 'listener']) {
        if (pr[tls] !== undefined) notes.push(`${field}.toPorts[${i}].${tls} is not modelled; the analysis counts these ports as allowed whatever it decides`);
      }
    });
    if (icmps.length > 0) notes.push(`${field}.icmps: ICMP is not modelled (the analysis has TCP, UDP and SCTP ports); the rule decides nothing here`);
    if (fqdns.length > 0) {
      const names = fqdns.map((f) => f.matchName ?? f.matchPattern).join(', ');
      const ports = portRules.length > 0 ? entries.map(describeEntry).join(', ') || 'no port' : 'all ports';
      notes.push(`${field}: allowed to ${names} on ${ports}, by the addresses DNS gives for these names; the analysis does not resolve names, so this rule matches no endpoint here`);
    }
    // rule.go mergeIngress/mergeEgress: a rule with peers and no ports or ICMP allows every port; a
    // rule with ports and no peers allows them from/to every peer (the wildcard selector); a rule
    // with neither allows nothing; ICMP rules allow no TCP/UDP/SCTP port.
    let peer: EndpointTest | undefined = hasPeers ? unionTest(tests) : undefined;
    // From 1.16 an L3 list written empty (`fromEndpoints: []`) selects no one, ports or not (ingress.go,
    // egress.go: "explicitly check for empty non-nil slices"); 1.15 reads it as absent.
    const writtenEmpty = ['Endpoints', 'Nodes', 'Entities', 'CIDR', 'CIDRSet'].some((f) => Array.isArray(rule[`${side}${f}`]) && rule[`${side}${f}`].length === 0);
    if (this.minor >= 16 && writtenEmpty) peer = NOTHING;
    let ports: (destination: ClusterEndpoint) => PortSet;
    if (portRules.length === 0 && icmps.length === 0) {
      if (!hasPeers) peer = NOTHING;
      ports = () => PortSet.ALL;
    } else if (portRules.length === 0) {
      ports = () => PortSet.EMPTY;
    } else {
      ports = (destination) => entries.reduce((set, e) => set.union(entryPorts(e, destination)), PortSet.EMPTY);
    }
    return { action, index, field, peer, ports, namedPorts: [...named].sort() };
  }

  private cidr(text: string, except: string[], at: string): EndpointTest {
    const range = parseCiliumCidr(text);
    const excepts = except.map((e) => parseAddressRange(e));
    if (range === undefined || excepts.some((e) => e === undefined)) {
      this.fail(at, `the CIDR ${JSON.stringify(text)} (except ${JSON.stringify(except)}) cannot be read`);
      return NOTHING;
    }
    return cidrTest({ cidr: range, except: excepts as AddressRange[] });
  }

  private entity(name: string, at: string, notes: string[]): EndpointTest {
    switch (name) {
      case 'all': return ENTITY_ALL;
      case 'world': return ENTITY_WORLD;
      case 'cluster': return ENTITY_CLUSTER;
      case 'none': return NOTHING;
      case 'world-ipv4':
      case 'world-ipv6':
        this.fail(at, `the entity ${name} selects outside addresses only in a dual-stack cluster (elsewhere they are world); which one this is ${NOT_MODELLED}`);
        return NOTHING;
      default: {
        const why = ENTITY_NOTES[name];
        if (why === undefined) {
          this.fail(at, `the entity ${JSON.stringify(name)} is unknown`);
          return NOTHING;
        }
        notes.push(`${at}: the entity ${name} ${why}; the rule matches none of the analysis' endpoints`);
        return entityNone(name);
      }
    }
  }

  private fail(field: string, message: string): void {
    const full = `${field}: ${message}`;
    if (!this.errors.some((e) => e.message === full)) this.errors.push({ field, message: full });
  }
}

/** Why an entity matches none of the analysis' endpoints. */
const ENTITY_NOTES: { [entity: string]: string } = {
  'host': 'is the local node and the pods on its network: the analysis has no nodes and does not know where pods run',
  'remote-node': 'is the other nodes and the pods on their network: the analysis has no nodes and does not know where pods run',
  'kube-apiserver': 'is the API server, which is not an endpoint of the analysis',
  'health': "is Cilium's health endpoints, which are not endpoints of the analysis",
  'init': 'is the endpoints whose identity Cilium does not know yet, which the analysis does not model',
  'ingress': "is Cilium's ingress proxy, which is not an endpoint of the analysis",
  'unmanaged': 'is the pods Cilium does not manage; the analysis takes every pod as managed',
};

// ---- selectors ----

interface Requirement {
  /** `k8s`, `any`, `reserved`, ... */
  readonly source: string;
  readonly key: string;
  readonly operator: string;
  readonly values: string[];
  /** Whether it came from matchLabels (Cilium's AddMatch replaces such an entry). */
  readonly fromMatchLabels?: boolean;
}

/** `labels.GetExtendedKeyFrom`: a key without a source is of any source; `$host` is `reserved:host`. */
function sourced(key: string): { source: string; key: string } {
  if (key.startsWith('$')) return { source: 'reserved', key: key.slice(1) };
  const colon = key.indexOf(':');
  if (colon < 0) return { source: 'any', key };
  return { source: key.slice(0, colon), key: key.slice(colon + 1) };
}

/**
 * The labels Cilium's identities keep (labelsfilter defaults): pod labels but those of Kubernetes'
 * own machinery (`pod-template-hash`, `kubernetes.io/...`, ...). A selector on a dropped label never
 * finds it.
 */
const LABEL_INCLUDES = [NS_LABEL, 'io.cilium.k8s.namespace.labels', 'app.kubernetes.io'];
const LABEL_IGNORES = [
  /^io\.kubernetes/, /^kubernetes\.io/, /^statefulset\.kubernetes\.io\/pod-name/, /^apps\.kubernetes\.io\/pod-index/,
  /^batch\.kubernetes\.io\/job-completion-index/, /^batch\.kubernetes\.io\/controller-uid/, /^.*beta\.kubernetes\.io/, /^k8s\.io/,
  /^pod-template-generation/, /^pod-template-hash/, /^controller-revision-hash/, /^controller-uid/, /^annotation.*/, /^etcd_node/,
];

function isIdentityLabel(key: string): boolean {
  let included = 0;
  let ignored = 0;
  for (const p of LABEL_INCLUDES) if (key.startsWith(p) && p.length > included) included = p.length;
  for (const re of LABEL_IGNORES) {
    const m = re.exec(key);
    if (m && (ignored === 0 || m[0].length < ignored)) ignored = m[0].length;
  }
  return ignored === 0 || included > ignored;
}

/** An endpoint's identity labels, by source then key: pods' Kubernetes labels, outside addresses `reserved:world`, node-network pods `reserved:host`. */
function identityLabels(endpoint: ClusterEndpoint, cluster: ClusterModel): Map<string, Map<string, string>> {
  if (endpoint.external) return new Map([['reserved', new Map([['world', '']])]]);
  if (endpoint.hostNetwork) return new Map([['reserved', new Map([['host', '']])]]);
  const k8s = new Map<string, string>();
  for (const [k, v] of Object.entries(endpoint.labels)) if (isIdentityLabel(k)) k8s.set(k, v);
  k8s.set(NS_LABEL, endpoint.namespace!);
  for (const [k, v] of Object.entries(cluster.namespaceLabels(endpoint.namespace!))) k8s.set(`${NS_LABELS_PREFIX}${k}`, v);
  return new Map([['k8s', k8s]]);
}

function lookup(labels: Map<string, Map<string, string>>, source: string, key: string): string | undefined {
  if (source !== 'any') return labels.get(source)?.get(key);
  for (const bySource of labels.values()) {
    const v = bySource.get(key);
    if (v !== undefined) return v;
  }
  return undefined;
}

function requirementHolds(r: Requirement, labels: Map<string, Map<string, string>>): boolean {
  const v = lookup(labels, r.source, r.key);
  switch (r.operator) {
    case 'In': return v !== undefined && r.values.includes(v);
    case 'NotIn': return v === undefined || !r.values.includes(v);
    case 'Exists': return v !== undefined;
    case 'DoesNotExist': return v === undefined;
    default: return false;
  }
}

function selectorTest(reqs: Requirement[]): EndpointTest {
  const canonical = reqs
    .map((r) => ({ k: `${r.source}:${r.key}`, o: r.operator, v: [...new Set(r.values)].sort() }))
    .sort((a, b) => (a.k + a.o < b.k + b.o ? -1 : a.k + a.o > b.k + b.o ? 1 : 0));
  const unique = canonical.filter((c, i) => i === 0 || JSON.stringify(c) !== JSON.stringify(canonical[i - 1]));
  const key = `cilium-selector:${JSON.stringify(unique)}`;
  return {
    key,
    description: describeSelector(unique),
    bounds: [],
    matches(endpoint, cluster) {
      const labels = identityLabels(endpoint, cluster);
      return reqs.every((r) => requirementHolds(r, labels));
    },
  };
}

function describeSelector(reqs: Array<{ k: string; o: string; v: string[] }>): string {
  const nsKey = `k8s:${NS_LABEL}`;
  const ns = reqs.find((r) => r.k === nsKey && r.o === 'In');
  const anyNs = reqs.find((r) => r.k === nsKey && r.o === 'Exists');
  const rest = reqs.filter((r) => r !== ns && r !== anyNs).map((r) => {
    switch (r.o) {
      case 'In': return r.v.length === 1 ? `${r.k}=${r.v[0]}` : `${r.k} in (${r.v.join(', ')})`;
      case 'NotIn': return `${r.k} notin (${r.v.join(', ')})`;
      case 'Exists': return r.k;
      default: return `!${r.k}`;
    }
  });
  const what = rest.length > 0 ? `endpoints ${rest.join(', ')}` : 'all endpoints';
  if (ns) return `${what} in namespace${ns.v.length > 1 ? 's' : ''} ${ns.v.join(', ')}`;
  if (anyNs) return `${what} in any namespace`;
  return what;
}

// ---- CIDRs and entities ----

/** A `fromCIDR`/`toCIDR` entry: a prefix, or a bare address (CIDR.sanitize). */
function parseCiliumCidr(text: string): AddressRange | undefined {
  return typeof text === 'string' ? parseAddressRange(text) : undefined;
}

/** Cilium's CIDR peers match addresses outside the cluster only, never pods or nodes, whatever their IPs. */
function cidrTest(block: ParsedIpBlock): EndpointTest {
  const cidr = formatAddressRange(block.cidr);
  const except = block.except.map(formatAddressRange);
  const text = except.length > 0 ? `CIDR ${cidr} except ${except.join(', ')}` : `CIDR ${cidr}`;
  return {
    key: `cilium-cidr:${cidr}${except.length > 0 ? `-${[...except].sort().join(',')}` : ''}`,
    description: text,
    bounds: [block.cidr, ...block.except],
    matches: (endpoint) => endpoint.external && endpoint.addresses.some((a) => ipBlockCovers(block, a)),
  };
}

const NOTHING: EndpointTest = { key: 'cilium-nothing', description: 'nothing', bounds: [], matches: () => false };
const ENTITY_ALL: EndpointTest = { key: 'cilium-entity:all', description: 'entity all', bounds: [], matches: () => true };
const ENTITY_WORLD: EndpointTest = { key: 'cilium-entity:world', description: 'entity world', bounds: [], matches: (e) => e.external };
/** Every pod of the cluster (node-network pods included: they are host or remote-node, which cluster holds). */
const ENTITY_CLUSTER: EndpointTest = { key: 'cilium-entity:cluster', description: 'entity cluster', bounds: [], matches: (e) => !e.external };

function entityNone(name: string): EndpointTest {
  return { key: `cilium-entity:${name}`, description: `entity ${name} (not modelled: matches none)`, bounds: [], matches: () => false };
}

function unionTest(tests: EndpointTest[]): EndpointTest {
  const unique = new Map<string, EndpointTest>();
  for (const t of tests) unique.set(t.key, t);
  const list = [...unique.values()].filter((t) => t !== NOTHING || unique.size === 1);
  if (list.length === 1) return list[0];
  const sorted = [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    key: `cilium-any:[${sorted.map((t) => t.key).join('|')}]`,
    description: list.map((t) => t.description).join(' or '),
    bounds: list.flatMap((t) => t.bounds),
    matches: (endpoint, cluster) => list.some((t) => t.matches(endpoint, cluster)),
  };
}

// ---- ports ----

interface PortEntry {
  readonly protocols: Protocol[];
  /** Undefined: every port (port 0). */
  readonly first?: number;
  readonly last?: number;
  readonly name?: string;
}

const ANY_PROTOCOLS = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

/** A `ports` entry: number (`0`: every port), `endPort` range, or name (lower-cased, endPort ignored); protocol ANY is TCP, UDP and SCTP (rule.go). */
function portEntry(p: any): PortEntry {
  const proto = String(p.protocol ?? 'ANY').toUpperCase();
  const protocols = proto === 'ANY' ? ANY_PROTOCOLS : [proto as Protocol];
  const text = String(p.port);
  if (/[a-zA-Z]/.test(text)) return { protocols, name: text.toLowerCase() };
  const n = text.startsWith('0') && text.length > 1 ? parseInt(text, 8) : Number(text);
  if (n === 0) return { protocols };
  return { protocols, first: n, last: typeof p.endPort === 'number' && p.endPort > n ? p.endPort : n };
}

function entryPorts(e: PortEntry, destination: ClusterEndpoint): PortSet {
  let out = PortSet.EMPTY;
  if (e.name !== undefined) {
    for (const cp of destination.containerPorts) {
      const sameName = cp.name !== undefined && cp.name.toLowerCase() === e.name;
      if (sameName && e.protocols.includes(cp.protocol)) out = out.union(PortSet.single(cp.protocol, cp.port));
    }
    return out;
  }
  for (const p of e.protocols) out = out.union(e.first === undefined ? PortSet.allOf(p) : PortSet.range(p, e.first, e.last!));
  return out;
}

function describeEntry(e: PortEntry): string {
  const proto = e.protocols.length === 3 ? 'any protocol' : e.protocols.join('/');
  if (e.name !== undefined) return `${proto} port ${e.name}`;
  if (e.first === undefined) return `all ${proto} ports`;
  return e.first === e.last ? `${proto} ${e.first}` : `${proto} ${e.first}-${e.last}`;
}

/** The Cilium kinds the analysis reads. */
export const CILIUM_READ_KINDS = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];

/** Whether the object is a Cilium policy the analysis reads (`cilium.io/v2`). */
export function isCiliumReadKind(apiVersion: unknown, kind: unknown): boolean {
  return apiVersion === 'cilium.io/v2' && typeof kind === 'string' && CILIUM_READ_KINDS.includes(kind);
}
