import { KUBERNETES_POLICY_ORDER } from './calico-options';
import { parseCalicoSelector } from './calico-selector-parser';
import { validateCalicoManifest } from './validate-calico';
import { AddressRange, parseAddressRange, rangeWithin } from '../../analysis/address-range';
import { ClusterEndpoint, ClusterModel } from '../../analysis/cluster-model';
import { EndpointTest, OrderedAction, OrderedPolicy, OrderedRule } from '../../analysis/ordered-policy';
import { portEntrySet } from '../../analysis/policy-semantics';
import { PortSet } from '../../analysis/port-set';
import { Port } from '../../model/port';
import { ALL_PROTOCOLS, Protocol } from '../../model/protocol';

/**
 * Reads Calico v3 policies (`projectcalico.org/v3`, or `crd.projectcalico.org/v1` as stored by the
 * Kubernetes datastore) into the analysis' ordered form, as Felix v3.27 enforces them:
 *
 * - a `NetworkPolicy` applies to the endpoints of its namespace that `spec.selector` selects; a
 *   `GlobalNetworkPolicy` to those of every namespace (narrowed by `spec.namespaceSelector`);
 * - `types` defaults as Calico's API server does (Ingress, plus Egress when there are egress rules
 *   and no ingress rules, or both);
 * - an entity's `selector` and `namespaceSelector` select pods and network sets, whose nets then match
 *   by address (Felix matches IP sets); in a namespaced policy a selector without a namespaceSelector
 *   stays in the policy's namespace, and `namespaceSelector: global()` selects only GlobalNetworkSets;
 * - pods carry their labels plus `projectcalico.org/namespace`, `projectcalico.org/orchestrator: k8s`
 *   and their namespace's labels as `pcns.<key>` (Calico's namespace profile);
 * - what the analysis cannot model (service accounts, services, source ports, ipVersion, HTTP
 *   matches, tiers other than `default`, host-endpoint options) is an error: the object is then left
 *   out and the answer says it is incomplete.
 */

/** The API versions a Calico object may be written in. */
export const CALICO_API_VERSIONS = ['projectcalico.org/v3', 'crd.projectcalico.org/v1'];
/** The Calico kinds the analysis reads. */
export const CALICO_READ_KINDS = ['NetworkPolicy', 'GlobalNetworkPolicy', 'NetworkSet', 'GlobalNetworkSet'];

/** A NetworkSet or GlobalNetworkSet: labelled nets that selectors of policies match. */
export interface CalicoNetworkSet {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly nets: AddressRange[];
}

/** The network sets of the input, filled while reading and read when the analysis evaluates. */
export class CalicoNetworkSets {
  public readonly sets: CalicoNetworkSet[] = [];

  /** The ranges every network set names, so that the address space is cut at their bounds. */
  public get bounds(): AddressRange[] {
    return this.sets.flatMap((s) => s.nets);
  }
}

/** What reading one Calico object gives. */
export interface CalicoReadResult {
  readonly policy?: OrderedPolicy;
  readonly networkSet?: CalicoNetworkSet;
  readonly errors: Array<{ field: string; message: string }>;
}

/** Whether the object is a Calico object the analysis reads. */
export function isCalicoReadKind(apiVersion: unknown, kind: unknown): boolean {
  return typeof apiVersion === 'string' && CALICO_API_VERSIONS.includes(apiVersion) && typeof kind === 'string' && CALICO_READ_KINDS.includes(kind);
}

const POLICY_SPEC_FIELDS = ['order', 'tier', 'selector', 'namespaceSelector', 'serviceAccountSelector', 'types', 'ingress', 'egress',
  'doNotTrack', 'preDNAT', 'applyOnForward', 'performanceHints'];
const RULE_FIELDS = ['action', 'protocol', 'notProtocol', 'icmp', 'notICMP', 'ipVersion', 'source', 'destination', 'http', 'metadata'];
const ENTITY_FIELDS = ['nets', 'notNets', 'selector', 'notSelector', 'namespaceSelector', 'ports', 'notPorts', 'serviceAccounts', 'services', 'domains'];
const NOT_MODELLED = 'is not modelled by the analysis, so the answer would be incomplete without saying so';

/**
 * Reads one Calico object (policy or network set), validated as Calico's API server would;
 * `networkSets` is where network sets are collected and where selectors look them up.
 */
export function readCalicoObject(object: any, networkSets: CalicoNetworkSets): CalicoReadResult {
  const kind = object.kind;
  const metadata = object.metadata ?? {};
  const spec = object.spec ?? {};
  // Tier-prefixed names are valid from 3.29; the tier itself is refused below as not modelled.
  const errors = validateCalicoObject(object, '3.29');
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (typeof spec !== 'object' || Array.isArray(spec)) return { errors };

  if (kind === 'NetworkSet' || kind === 'GlobalNetworkSet') {
    if (errors.length > 0) return { errors };
    const set: CalicoNetworkSet = {
      kind,
      namespace: kind === 'NetworkSet' ? metadata.namespace ?? 'default' : undefined,
      name: metadata.name,
      labels: { ...(metadata.labels ?? {}) },
      nets: (spec.nets ?? []).map((n: string) => parseAddressRange(n)!),
    };
    networkSets.sets.push(set);
    return { networkSet: set, errors };
  }

  if (spec.tier !== undefined && spec.tier !== 'default') fail('spec.tier', `policies of tier ${JSON.stringify(spec.tier)}: tiers other than default ${NOT_MODELLED}`);
  if (spec.serviceAccountSelector !== undefined && spec.serviceAccountSelector !== '') fail('spec.serviceAccountSelector', `service accounts ${NOT_MODELLED}`);
  for (const field of ['doNotTrack', 'preDNAT', 'applyOnForward']) {
    if (spec[field] === true) fail(`spec.${field}`, `applies to host endpoints, which the analysis does not model (${NOT_MODELLED})`);
  }
  const global = kind === 'GlobalNetworkPolicy';
  const namespace: string | undefined = global ? undefined : metadata.namespace ?? 'default';
  const ingressRules: any[] = Array.isArray(spec.ingress) ? spec.ingress : [];
  const egressRules: any[] = Array.isArray(spec.egress) ? spec.egress : [];
  const types: string[] = Array.isArray(spec.types) && spec.types.length > 0
    ? spec.types
    : egressRules.length > 0 && ingressRules.length === 0 ? ['Egress'] : egressRules.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];

  const scope: PolicyScope = { namespace, networkSets };
  const subject = subjectTest(spec.selector, global ? spec.namespaceSelector : undefined, namespace, fail);
  const readRules = (rules: any[], direction: 'ingress' | 'egress'): OrderedRule[] => rules.map((rule, i) => readRule(rule, `spec.${direction}[${i}]`, i, direction, scope, fail));
  const ingress = types.includes('Ingress') ? readRules(ingressRules, 'ingress') : undefined;
  const egress = types.includes('Egress') ? readRules(egressRules, 'egress') : undefined;
  if (errors.length > 0) return { errors };
  const name = String(metadata.name);
  return {
    policy: {
      kind,
      apiVersion: String(object.apiVersion),
      namespace,
      name,
      // No order: after every ordered policy (Calico reads an unset order as infinite).
      order: typeof spec.order === 'number' ? spec.order : Number.POSITIVE_INFINITY,
      // As Calico stores it (default tier): ties of order go by this name, Kubernetes' policies being `<ns>/knp.default.<name>`.
      sortName: `${namespace !== undefined ? `${namespace}/` : ''}default.${name}`,
      subject,
      ingress,
      egress,
      isolatesIngress: true,
      isolatesEgress: true,
      notes: [],
    },
    errors,
  };
}

/**
 * Whether Calico's API server would accept the object: its validator (validate-calico.ts) and strict
 * decoding (a field the kind does not have is an error, as with `kubectl apply`). `version` is the
 * Calico release (`3.27`, the article's, by default).
 */
export function validateCalicoObject(object: any, version = '3.27'): Array<{ field: string; message: string }> {
  const errors: Array<{ field: string; message: string }> = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const kind = object?.kind;
  const spec = object?.spec ?? {};
  if (typeof spec !== 'object' || Array.isArray(spec)) return [{ field: 'spec', message: 'spec: Invalid value: must be an object' }];
  const unknown = (path: string) => fail(path, `${path}: Unknown field: the ${kind} has no such field`);
  if (kind === 'NetworkSet' || kind === 'GlobalNetworkSet') {
    for (const key of Object.keys(spec)) if (key !== 'nets') unknown(`spec.${key}`);
    if (spec.nets !== undefined && !Array.isArray(spec.nets)) fail('spec.nets', 'spec.nets: Invalid value: must be a list of CIDRs');
    // A NetworkSet has the GlobalNetworkSet's rules, and a namespace.
    const asGlobal = { ...object, apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { ...(object.metadata ?? {}), namespace: undefined } };
    for (const e of validateCalicoManifest(asGlobal, { version })) fail(e.field, e.message.replace('GlobalNetworkSet', kind));
    return errors;
  }
  for (const e of validateCalicoManifest({ ...object, apiVersion: 'projectcalico.org/v3' }, { version })) fail(e.field, e.message);
  for (const key of Object.keys(spec)) if (!POLICY_SPEC_FIELDS.includes(key)) unknown(`spec.${key}`);
  for (const direction of ['ingress', 'egress']) {
    const rules = spec[direction];
    if (rules === undefined) continue;
    if (!Array.isArray(rules)) {
      fail(`spec.${direction}`, `spec.${direction}: Invalid value: must be a list of rules`);
      continue;
    }
    rules.forEach((rule: any, i: number) => {
      const path = `spec.${direction}[${i}]`;
      if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
        fail(path, `${path}: Invalid value: a rule is an object`);
        return;
      }
      for (const key of Object.keys(rule)) if (!RULE_FIELDS.includes(key)) unknown(`${path}.${key}`);
      for (const side of ['source', 'destination']) {
        const entity = rule[side];
        if (entity === undefined) continue;
        if (typeof entity !== 'object' || entity === null || Array.isArray(entity)) fail(`${path}.${side}`, `${path}.${side}: Invalid value: must be an object`);
        else for (const key of Object.keys(entity)) if (!ENTITY_FIELDS.includes(key)) unknown(`${path}.${side}.${key}`);
      }
    });
  }
  return errors;
}

interface PolicyScope {
  /** The policy's namespace; undefined for a GlobalNetworkPolicy. */
  readonly namespace?: string;
  readonly networkSets: CalicoNetworkSets;
}

/** A pod's labels as Calico's selectors see them. */
export function calicoEndpointLabels(endpoint: ClusterEndpoint, cluster: ClusterModel): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(cluster.namespaceLabels(endpoint.namespace!))) out[`pcns.${k}`] = v;
  out['pcns.projectcalico.org/name'] = endpoint.namespace!;
  Object.assign(out, endpoint.labels);
  out['projectcalico.org/namespace'] = endpoint.namespace!;
  out['projectcalico.org/orchestrator'] = 'k8s';
  return out;
}

/** A namespace's labels as a namespaceSelector sees them. */
function namespaceSelectorLabels(namespace: string, cluster: ClusterModel): { [key: string]: string } {
  return { ...cluster.namespaceLabels(namespace), 'projectcalico.org/name': namespace };
}

type Fail = (field: string, message: string) => void;

function selectorNode(text: unknown, field: string, fail: Fail): ((labels: { [key: string]: string }) => boolean) | undefined {
  if (text === undefined || text === '') return undefined;
  if (typeof text !== 'string') return undefined; // the validator has said so
  if (/projectcalico\.org\/serviceaccount|pcsa\./.test(text)) {
    fail(field, `selects by service account: service accounts ${NOT_MODELLED}`);
    return undefined;
  }
  try {
    return parseCalicoSelector(text);
  } catch {
    return undefined; // the validator has said so
  }
}

function subjectTest(selector: unknown, namespaceSelector: unknown, namespace: string | undefined, fail: Fail): EndpointTest {
  const pods = selectorNode(selector, 'spec.selector', fail) ?? (() => true);
  const namespaces = selectorNode(namespaceSelector, 'spec.namespaceSelector', fail);
  const key = `calico-subject|${namespace ?? '*'}|${String(selector ?? 'all()')}|${String(namespaceSelector ?? '')}`;
  const where = namespace !== undefined ? `in namespace ${namespace}` : namespaceSelector ? `in namespaces ${String(namespaceSelector)}` : 'in every namespace';
  return {
    key,
    description: `endpoints ${String(selector || 'all()')} ${where}`,
    bounds: [],
    matches: (e, cluster) => {
      if (e.external || e.hostNetwork || e.namespace === undefined) return false;
      if (namespace !== undefined && e.namespace !== namespace) return false;
      if (namespaces && !namespaces(namespaceSelectorLabels(e.namespace, cluster))) return false;
      return pods(calicoEndpointLabels(e, cluster));
    },
  };
}

function readRule(rule: any, path: string, index: number, direction: 'ingress' | 'egress', scope: PolicyScope, fail: (field: string, message: string) => void): OrderedRule {
  if (typeof rule !== 'object' || rule === null) return emptyRule(index, path);
  if (rule.ipVersion !== undefined) fail(`${path}.ipVersion`, `matching one IP version ${NOT_MODELLED}`);
  if (rule.http !== undefined) fail(`${path}.http`, `HTTP matches (application layer policy) ${NOT_MODELLED}`);
  const source = rule.source ?? {};
  const destination = rule.destination ?? {};
  for (const [side, entity] of [['source', source], ['destination', destination]] as const) {
    for (const field of ['serviceAccounts', 'services']) {
      if (entity[field] !== undefined) fail(`${path}.${side}.${field}`, `${field === 'services' ? 'Kubernetes services' : 'service accounts'} ${NOT_MODELLED}`);
    }
    if (entity.domains !== undefined) fail(`${path}.${side}.domains`, `domain names depend on DNS answers: ${NOT_MODELLED}`);
  }
  for (const field of ['ports', 'notPorts']) {
    if (source[field] !== undefined) fail(`${path}.source.${field}`, `source ports ${NOT_MODELLED}`);
  }
  const peerEntity = direction === 'ingress' ? source : destination;
  const selfEntity = direction === 'ingress' ? destination : source;
  const peer = entityTest(peerEntity, `${path}.${direction === 'ingress' ? 'source' : 'destination'}`, scope, fail);
  const self = entityTest(selfEntity, `${path}.${direction === 'ingress' ? 'destination' : 'source'}`, scope, fail);
  const protocols = ruleProtocols(rule.protocol, rule.notProtocol);
  const ports = portList(destination.ports, protocols);
  const notPorts = portList(destination.notPorts, protocols);
  const named = [...(ports ?? []), ...(notPorts ?? [])].filter((p) => p.name !== undefined).flatMap((p) => protocols.map((proto) => `${p.name}/${proto}`));
  const allOfProtocols = protocols.reduce((set, p) => set.union(PortSet.allOf(p)), PortSet.EMPTY);
  return {
    action: actionOf(rule.action),
    index,
    field: path,
    peer,
    self,
    namedPorts: [...new Set(named)],
    ports: (dest) => {
      let set = ports === undefined ? allOfProtocols : ports.reduce((s, p) => s.union(portEntrySet(p, dest)), PortSet.EMPTY);
      if (notPorts !== undefined) set = set.subtract(notPorts.reduce((s, p) => s.union(portEntrySet(p, dest)), PortSet.EMPTY));
      return set;
    },
  };
}

function emptyRule(index: number, path: string): OrderedRule {
  return { action: OrderedAction.LOG, index, field: path, namedPorts: [], ports: () => PortSet.EMPTY };
}

function actionOf(action: unknown): OrderedAction {
  switch (action) {
    case 'Allow': return OrderedAction.ALLOW;
    case 'Deny': return OrderedAction.DENY;
    case 'Pass': return OrderedAction.PASS;
    default: return OrderedAction.LOG;
  }
}

const PROTOCOL_NUMBERS: { [n: number]: Protocol } = { 6: Protocol.TCP, 17: Protocol.UDP, 132: Protocol.SCTP };

function protocolOf(value: unknown): Protocol | 'other' | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return PROTOCOL_NUMBERS[value] ?? 'other';
  if (value === 'TCP' || value === 'UDP' || value === 'SCTP') return value as Protocol;
  return 'other'; // ICMP, ICMPv6, UDPLite: not among the protocols the analysis models
}

/** The modelled protocols a rule matches (empty: only protocols the analysis does not model). */
function ruleProtocols(protocol: unknown, notProtocol: unknown): Protocol[] {
  const only = protocolOf(protocol);
  const not = protocolOf(notProtocol);
  const list = only === undefined ? [...ALL_PROTOCOLS] : only === 'other' ? [] : [only];
  return list.filter((p) => p !== not);
}

/** The port entries of a list (numbers, `min:max`, names) for each of the protocols; undefined when no list is given. */
function portList(list: unknown, protocols: Protocol[]): Port[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const out: Port[] = [];
  for (const protocol of protocols) {
    for (const p of list) {
      if (typeof p === 'number') {out.push(Port.of(protocol, p));} else if (typeof p === 'string' && /^\d+$/.test(p)) {out.push(Port.of(protocol, Number(p)));} else if (typeof p === 'string' && /^(\d+):(\d+)$/.test(p)) {
        const [first, last] = p.split(':').map(Number);
        out.push(first === last ? Port.of(protocol, first) : Port.range(protocol, first, last));
      } else if (typeof p === 'string') {out.push(Port.named(p, protocol));}
    }
  }
  return out;
}

/** The test of an entity rule (`source` / `destination`) without its ports; undefined when it names no endpoint condition. */
function entityTest(entity: any, path: string, scope: PolicyScope, fail: (field: string, message: string) => void): EndpointTest | undefined {
  const nets = rangesOf(entity.nets);
  const notNets = rangesOf(entity.notNets);
  const selector = selectorNode(entity.selector, `${path}.selector`, fail);
  const notSelector = selectorNode(entity.notSelector, `${path}.notSelector`, fail);
  const nsText: string | undefined = typeof entity.namespaceSelector === 'string' && entity.namespaceSelector !== '' ? entity.namespaceSelector : undefined;
  const globalOnly = nsText !== undefined && nsText.trim() === 'global()';
  const namespaces = nsText !== undefined && !globalOnly ? selectorNode(nsText, `${path}.namespaceSelector`, fail) : undefined;
  const hasSelection = selector !== undefined || nsText !== undefined;
  if (nets === undefined && notNets === undefined && !hasSelection && notSelector === undefined) return undefined;

  const { namespace, networkSets } = scope;
  // Whether a pod or network set of namespace `ns` (undefined: a GlobalNetworkSet) is in the scope of the entity's selectors.
  const inScope = (ns: string | undefined, cluster: ClusterModel): boolean => {
    if (globalOnly) return ns === undefined;
    if (namespaces) return ns !== undefined && namespaces(namespaceSelectorLabels(ns, cluster));
    if (namespace !== undefined) return ns === namespace;
    return true;
  };
  // Whether the endpoint is in the IP set of a selector: a pod it selects, or an address inside a network set it selects.
  const inSetOf = (select: (labels: { [key: string]: string }) => boolean, e: ClusterEndpoint, cluster: ClusterModel): boolean => {
    const pod = !e.external && !e.hostNetwork && e.namespace !== undefined;
    if (pod && inScope(e.namespace, cluster) && select(calicoEndpointLabels(e, cluster))) return true;
    return networkSets.sets.some((set) => {
      if (!inScope(set.namespace, cluster)) return false;
      const labels = set.namespace !== undefined ? { ...set.labels, 'projectcalico.org/namespace': set.namespace } : set.labels;
      return select(labels) && e.addresses.some((a) => set.nets.some((n) => rangeWithin(a, n)));
    });
  };
  const all = () => true;
  const parts: string[] = [];
  if (nets) parts.push(`nets ${entity.nets.join(', ')}`);
  if (notNets) parts.push(`notNets ${entity.notNets.join(', ')}`);
  if (entity.selector) parts.push(`selector ${entity.selector}`);
  if (entity.notSelector) parts.push(`notSelector ${entity.notSelector}`);
  if (nsText) parts.push(`namespaceSelector ${nsText}`);
  else if (namespace !== undefined && (selector || notSelector)) parts.push(`in namespace ${namespace}`);
  return {
    key: `calico-entity|${namespace ?? '*'}|${JSON.stringify([entity.nets, entity.notNets, entity.selector, entity.notSelector, nsText])}`,
    description: parts.join(', '),
    bounds: [...nets ?? [], ...notNets ?? []],
    matches: (e, cluster) => {
      if (nets && !e.addresses.some((a) => nets.some((n) => rangeWithin(a, n)))) return false;
      if (notNets && e.addresses.some((a) => notNets.some((n) => rangeWithin(a, n)))) return false;
      if (hasSelection && !inSetOf(selector ?? all, e, cluster)) return false;
      if (notSelector && inSetOf(notSelector, e, cluster)) return false;
      return true;
    },
  };
}

function rangesOf(list: unknown): AddressRange[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((n) => (typeof n === 'string' ? parseAddressRange(n) : undefined)).filter((r): r is AddressRange => r !== undefined);
}

/** The order Calico gives the Kubernetes NetworkPolicies it converts (they sit among Calico's own policies). */
export const CALICO_KUBERNETES_ORDER = KUBERNETES_POLICY_ORDER;
