import { calicoEditionName, CalicoNamespaceLabel, CalicoOptions, ResolvedCalicoOptions, resolveCalicoOptions } from './calico-options';
import { calicoLabelsSelector, calicoSelector, CalicoSelectorKind, calicoString } from './calico-selector';
import { maskedCidrString, parseCidrSloppy } from '../../model/cidr';
import { DomainName } from '../../model/domain-name';
import { LabelSelector, LabelSelectorRequirement } from '../../model/label-selector';
import { NetworkPolicyModel } from '../../model/network-policy-model';
import { NAMESPACE_NAME_LABEL, Peer, PeerKind } from '../../model/peer';
import { PolicyRule } from '../../model/policy-rule';
import { PolicyType } from '../../model/policy-type';
import { Port } from '../../model/port';

/** The API group and version of Calico's policy resources. */
export const CALICO_API_VERSION = 'projectcalico.org/v3';

/** The label a `CalicoNetworkSet` carries, so that a rule can select it and nothing else. */
export const CALICO_NETWORK_SET_LABEL = 'netpol.cdk8s.io/network-set';

/** The fields of a Calico `EntityRule` that the emitters write. */
export interface CalicoEntity {
  readonly selector?: string;
  readonly namespaceSelector?: string;
  readonly nets?: string[];
  readonly notNets?: string[];
  readonly domains?: string[];
}

/** What a rule allows: entities (one rule each), on ports. Internal. */
export interface CalicoRuleInput {
  readonly entities: CalicoEntity[];
  readonly ports: Port[];
}

/** Where a peer is read: a namespaced NetworkPolicy (pods peers are of its namespace) or a GlobalNetworkPolicy. */
export enum CalicoScope {
  NAMESPACED = 'namespaced',
  GLOBAL = 'global',
}

/**
 * The Calico entity of a model peer, as libcalico-go's `k8sPeerToCalicoFields` writes it: an ipBlock
 * as `nets`/`notNets` (masked, as Calico parses them), pods with the orchestrator term, a namespace
 * selector as `namespaceSelector` (`all()` for every namespace), and nothing for anywhere.
 */
export function calicoEntityOfPeer(peer: Peer, scope: CalicoScope, options: ResolvedCalicoOptions): CalicoEntity {
  switch (peer.kind) {
    case PeerKind.ANYWHERE:
      return {};
    case PeerKind.IP_BLOCK: {
      const block = peer.ipBlock!;
      const notNets = block.except.map((e) => maskedCidr(e));
      return notNets.length > 0 ? { nets: [maskedCidr(block.cidr)], notNets } : { nets: [maskedCidr(block.cidr)] };
    }
    case PeerKind.PODS:
      if (scope === CalicoScope.GLOBAL) {
        throw new Error(`the peer ${peer.toString()} means pods of the policy's own namespace, and a GlobalNetworkPolicy has none: ` +
          'name their namespaces (Peer.podsIn / Peer.podsInNamespace)');
      }
      return { selector: calicoSelector(peer.podSelector!, CalicoSelectorKind.PODS) };
    case PeerKind.NAMESPACES:
      return {
        selector: calicoSelector(LabelSelector.all(), CalicoSelectorKind.PODS),
        namespaceSelector: calicoSelector(namespaceSelector(peer.namespaceSelector!, options), CalicoSelectorKind.NAMESPACES),
      };
    default:
      return {
        selector: calicoSelector(peer.podSelector!, CalicoSelectorKind.PODS),
        namespaceSelector: calicoSelector(namespaceSelector(peer.namespaceSelector!, options), CalicoSelectorKind.NAMESPACES),
      };
  }
}

/** The entity of a `GlobalNetworkSet` with this name: its label, among non-namespaced endpoints only (`global()`). */
export function calicoEntityOfNetworkSet(name: string): CalicoEntity {
  return { selector: `${CALICO_NETWORK_SET_LABEL} == ${calicoString(name)}`, namespaceSelector: 'global()' };
}

/** The entity of domain names (`destination.domains`, Calico Enterprise and Cloud only). */
export function calicoEntityOfDomains(domains: DomainName[], options: ResolvedCalicoOptions): CalicoEntity {
  if (!options.enterprise) {
    throw new Error(`domain names (${domains.map((d) => d.name).join(', ')}): ${calicoEditionName(options)} has no 'domains' in policy rules ` +
      '(Calico Enterprise and Calico Cloud only); allow the addresses instead (RestrictEgressToCidr with the provider\'s published ranges), or target Calico Enterprise');
  }
  for (const d of domains) {
    if (d.isWildcard && !d.isSubdomains) {
      throw new Error(`domain pattern '${d.name}': in Calico '*' stands for one or more whole labels, not for characters within one label; ` +
        'use DomainName.subdomains(\'example.com\') for every name below a domain, or list the names with DomainName.exact');
    }
  }
  return { domains: domains.map((d) => (d.isSubdomains ? `*.${d.name}` : d.name)) };
}

/**
 * The Calico rules of one v1 rule, as libcalico-go's `k8sRuleToCalico` builds them: one rule per
 * protocol (in sorted order; none when every protocol is allowed), and within it one rule per peer,
 * each with action Allow. Every port of a protocol wins over that protocol's single ports.
 */
export function calicoRules(input: CalicoRuleInput, direction: PolicyType): any[] {
  const byProtocol = new Map<string, Array<number | string> | undefined>();
  for (const port of input.ports) {
    if (port.isAllTraffic) {
      byProtocol.clear();
      byProtocol.set('', undefined);
      break;
    }
    const protocol = port.protocol!;
    const value = calicoPort(port);
    if (value === undefined) {
      byProtocol.set(protocol, undefined);
      continue;
    }
    // Every port of the protocol already allowed: its single ports add nothing.
    if (byProtocol.has(protocol) && byProtocol.get(protocol) === undefined) continue;
    const list = byProtocol.get(protocol) ?? [];
    if (!list.some((v) => String(v) === String(value))) list.push(value);
    byProtocol.set(protocol, list);
  }
  const rules: any[] = [];
  for (const protocol of [...byProtocol.keys()].sort()) {
    const ports = byProtocol.get(protocol);
    for (const entity of input.entities) {
      const rule: any = { action: 'Allow' };
      if (protocol !== '') rule.protocol = protocol;
      if (direction === PolicyType.INGRESS) {
        if (!isEmpty(entity)) rule.source = { ...entity };
        if (ports !== undefined) rule.destination = { ports: [...ports] };
      } else {
        const destination: any = { ...entity };
        if (ports !== undefined) destination.ports = [...ports];
        if (!isEmpty(destination)) rule.destination = destination;
      }
      rules.push(rule);
    }
  }
  return rules;
}

/** A port as Calico writes it: a number, `"a:b"` for a range, a name; undefined for every port of the protocol. */
function calicoPort(port: Port): any {
  if (port.name !== undefined) return port.name;
  if (port.portNumber === undefined) return undefined;
  return port.endPort === undefined ? port.portNumber : `${port.portNumber}:${port.endPort}`;
}

/** The Calico rules of a model rule, in a namespaced policy or a global one. */
export function calicoRulesOfModelRule(rule: PolicyRule, direction: PolicyType, scope: CalicoScope, options: ResolvedCalicoOptions): any[] {
  return calicoRules({ entities: rule.peers.map((p) => calicoEntityOfPeer(p, scope, options)), ports: rule.ports }, direction);
}

/** The policy name as Calico requires it in a tier: `<tier>.<name>`. */
export function calicoPolicyName(name: string, options: ResolvedCalicoOptions): string {
  if (options.tier === undefined || name.startsWith(`${options.tier}.`)) return name;
  return `${options.tier}.${name}`;
}

/**
 * A v1 NetworkPolicy as a Calico `projectcalico.org/v3` NetworkPolicy with the same meaning: the
 * same pods, the same allowed traffic, explicit `types`, at order 1000 unless told (where Calico
 * places converted v1 policies). Throws naming what the target Calico cannot express.
 */
export function emitCalicoNetworkPolicy(model: NetworkPolicyModel, options: CalicoOptions = {}): any {
  const resolved = resolveCalicoOptions(options);
  const spec: any = { order: resolved.order };
  if (resolved.tier !== undefined) spec.tier = resolved.tier;
  spec.selector = calicoSelector(model.podSelector, CalicoSelectorKind.PODS);
  spec.types = [...model.policyTypes];
  const ingress = model.ingress.flatMap((r) => calicoRulesOfModelRule(r, PolicyType.INGRESS, CalicoScope.NAMESPACED, resolved));
  const egress = model.egress.flatMap((r) => calicoRulesOfModelRule(r, PolicyType.EGRESS, CalicoScope.NAMESPACED, resolved));
  if (ingress.length > 0) spec.ingress = ingress;
  if (egress.length > 0) spec.egress = egress;
  return {
    apiVersion: CALICO_API_VERSION,
    kind: 'NetworkPolicy',
    metadata: metadataOf(calicoPolicyName(model.name, resolved), model.namespace, model.labels, model.annotations),
    spec,
  };
}

/**
 * A cluster-wide policy: the pods matching `podSelector` in the namespaces matching
 * `namespaceSelector`, with ordered Allow rules.
 */
export interface CalicoGlobalPolicySpec {
  /** `metadata.name`. */
  readonly name: string;
  /**
   * The namespaces whose pods are selected.
   * @default - every namespace
   */
  readonly namespaceSelector?: string;
  /**
   * The pods selected in those namespaces.
   * @default - every pod
   */
  readonly podSelector?: LabelSelector;
  /** The directions isolated (`spec.types`), never empty. */
  readonly policyTypes: PolicyType[];
  /**
   * Ingress rules, in order.
   * @default - none
   */
  readonly ingress?: CalicoRuleInput[];
  /**
   * Egress rules, in order.
   * @default - none
   */
  readonly egress?: CalicoRuleInput[];
  /**
   * `metadata.labels`.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * `metadata.annotations`.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** A `GlobalNetworkPolicy`. Internal: the constructs build its input. */
export function emitCalicoGlobalNetworkPolicy(policy: CalicoGlobalPolicySpec, options: CalicoOptions = {}): any {
  const resolved = resolveCalicoOptions(options);
  if (policy.policyTypes.length === 0) throw new Error(`GlobalNetworkPolicy '${policy.name}' has no types; say which directions it isolates`);
  const spec: any = { order: resolved.order };
  if (resolved.tier !== undefined) spec.tier = resolved.tier;
  spec.selector = calicoSelector(policy.podSelector ?? LabelSelector.all(), CalicoSelectorKind.PODS);
  if (policy.namespaceSelector !== undefined) spec.namespaceSelector = policy.namespaceSelector;
  spec.types = [...new Set(policy.policyTypes)];
  const ingress = (policy.ingress ?? []).flatMap((r) => calicoRules(r, PolicyType.INGRESS));
  const egress = (policy.egress ?? []).flatMap((r) => calicoRules(r, PolicyType.EGRESS));
  if (ingress.length > 0) spec.ingress = ingress;
  if (egress.length > 0) spec.egress = egress;
  return {
    apiVersion: CALICO_API_VERSION,
    kind: 'GlobalNetworkPolicy',
    metadata: metadataOf(calicoPolicyName(policy.name, resolved), undefined, policy.labels ?? {}, policy.annotations ?? {}),
    spec,
  };
}

/** A `GlobalNetworkSet` of these CIDRs (masked), labelled so that `calicoEntityOfNetworkSet(name)` selects it. */
export function emitCalicoGlobalNetworkSet(name: string, nets: string[], labels: { [key: string]: string } = {}): any {
  return {
    apiVersion: CALICO_API_VERSION,
    kind: 'GlobalNetworkSet',
    metadata: { name, labels: { ...labels, [CALICO_NETWORK_SET_LABEL]: name } },
    spec: { nets: nets.map((n) => maskedCidr(n.includes('/') ? n : `${n}/${n.includes(':') ? 128 : 32}`)) },
  };
}

/** The selector, in Calico's language, of namespaces with these names (`in {}`, or one `==`). */
export function calicoNamespaceNamesSelector(names: string[], options: CalicoOptions = {}, negate = false): string {
  const label = resolveCalicoOptions(options).namespaceLabel;
  if (names.length === 0) return negate ? 'all()' : '!all()';
  if (names.length === 1 && !negate) return calicoLabelsSelector({ [label]: names[0] });
  return `${label} ${negate ? 'not in' : 'in'} { ${names.map(calicoString).join(', ')} }`;
}

function namespaceSelector(selector: LabelSelector, options: ResolvedCalicoOptions): LabelSelector {
  if (options.namespaceLabel === CalicoNamespaceLabel.KUBERNETES) return selector;
  const rename = (k: string): string => (k === NAMESPACE_NAME_LABEL ? options.namespaceLabel : k);
  const labels: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(selector.matchLabels)) labels[rename(k)] = v;
  const expressions: LabelSelectorRequirement[] = selector.matchExpressions.map((r) => ({ ...r, key: rename(r.key) }));
  return LabelSelector.of({ labels, expressions });
}

function maskedCidr(cidr: string): string {
  const parsed = parseCidrSloppy(cidr);
  if (parsed === undefined) throw new Error(`'${cidr}' is not a CIDR, so Calico cannot write it as nets`);
  return maskedCidrString(parsed);
}

function isEmpty(entity: object): boolean {
  return Object.keys(entity).length === 0;
}

function metadataOf(name: string, namespace: string | undefined, labels: { [key: string]: string }, annotations: { [key: string]: string }): any {
  const metadata: any = { name };
  if (namespace !== undefined) metadata.namespace = namespace;
  if (Object.keys(labels).length > 0) metadata.labels = { ...labels };
  if (Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
  return metadata;
}
