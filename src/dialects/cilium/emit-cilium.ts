import { CiliumOptions, ResolvedCiliumOptions, resolveCiliumOptions } from './cilium-options';
import { maskedCidrString, parseCidrSloppy } from '../../model/cidr';
import { DomainName } from '../../model/domain-name';
import { LabelSelector } from '../../model/label-selector';
import { NetworkPolicyModel } from '../../model/network-policy-model';
import { NAMESPACE_NAME_LABEL, Peer, PeerKind } from '../../model/peer';
import { PolicyRule } from '../../model/policy-rule';
import { Port } from '../../model/port';

/** The API group and version of Cilium's policies. */
export const CILIUM_API_VERSION = 'cilium.io/v2';
/** The label Cilium gives every endpoint: the name of its pod's namespace. */
export const CILIUM_NAMESPACE_LABEL = 'k8s:io.kubernetes.pod.namespace';
/** The prefix under which Cilium gives every endpoint its namespace's labels. */
export const CILIUM_NAMESPACE_LABELS_PREFIX = 'k8s:io.cilium.k8s.namespace.labels.';

/** Where the cluster DNS is, for the DNS rule of `toFQDNs`. */
export interface CiliumDnsTarget {
  /** The namespace of the DNS pods. */
  readonly namespace: string;
  /** The DNS pods. */
  readonly selector: LabelSelector;
  /** The DNS ports (UDP and TCP 53 for CoreDNS). */
  readonly ports: Port[];
}

/** CoreDNS as most distributions deploy it. */
export const KUBE_DNS: CiliumDnsTarget = { namespace: 'kube-system', selector: LabelSelector.labels({ 'k8s-app': 'kube-dns' }), ports: [...Port.DNS] };

/**
 * An endpoint selector for the pods of a peer: pod labels as written, namespace terms with
 * Cilium's namespace labels (Cilium's own v1 conversion: a namespace's labels under
 * `io.cilium.k8s.namespace.labels.`, every namespace as `io.kubernetes.pod.namespace Exists`).
 * The namespace-name label becomes `io.kubernetes.pod.namespace`, which holds the same name.
 */
export function ciliumEndpointSelector(pods: LabelSelector | undefined, namespaces: LabelSelector | undefined): any {
  const matchLabels: { [key: string]: string } = {};
  const matchExpressions: any[] = [];
  if (namespaces !== undefined) {
    const nsKey = (k: string) => (k === NAMESPACE_NAME_LABEL ? CILIUM_NAMESPACE_LABEL : `${CILIUM_NAMESPACE_LABELS_PREFIX}${k}`);
    for (const [k, v] of Object.entries(namespaces.matchLabels)) matchLabels[nsKey(k)] = v;
    for (const r of namespaces.matchExpressions) matchExpressions.push(requirement(nsKey(r.key), r.operator, r.values));
    // Cilium narrows a CiliumNetworkPolicy's selector without the namespace key to the policy's own
    // namespace (utils.getEndpointSelector): a selector of namespaces by their labels must name the key.
    const namesNamespace = CILIUM_NAMESPACE_LABEL in matchLabels || matchExpressions.some((r) => r.key === CILIUM_NAMESPACE_LABEL);
    if (!namesNamespace) matchExpressions.push({ key: CILIUM_NAMESPACE_LABEL, operator: 'Exists' });
  }
  if (pods !== undefined) {
    for (const [k, v] of Object.entries(pods.matchLabels)) matchLabels[`k8s:${k}`] = v;
    for (const r of pods.matchExpressions) matchExpressions.push(requirement(`k8s:${r.key}`, r.operator, r.values));
  }
  const out: any = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
  return out;
}

function requirement(key: string, operator: string, values: string[] | undefined): any {
  return values !== undefined && values.length > 0 ? { key, operator, values: [...values] } : { key, operator };
}

/** `toPorts` of these ports: one port rule per port, as Cilium's own v1 conversion; undefined for every port of every protocol. */
export function ciliumToPorts(ports: Port[], options: ResolvedCiliumOptions): any[] | undefined {
  if (ports.some((p) => p.isAllTraffic)) return undefined;
  return ports.map((port) => {
    const entry: any = { port: port.name ?? String(port.portNumber ?? 0), protocol: port.protocol };
    if (port.endPort !== undefined && port.endPort !== port.portNumber) {
      if (!options.hasEndPortAndDefaultDeny) {
        throw new Error(`the port range ${port.toString()}: Cilium ${options.version} has no endPort in toPorts; target Cilium 1.16 or later, or list the ports`);
      }
      entry.endPort = port.endPort;
    }
    return { ports: [entry] };
  });
}

/**
 * The rules of one model rule in one direction: one Cilium rule per peer, since Cilium cannot
 * combine endpoints, CIDRs and entities in one rule; each with the rule's ports.
 */
export function ciliumRules(rule: PolicyRule, ingress: boolean, clusterwide: boolean, options: ResolvedCiliumOptions): any[] {
  const toPorts = ciliumToPorts(rule.ports, options);
  return rule.peers.map((peer) => {
    const out: any = { ...ciliumPeer(peer, ingress, clusterwide) };
    if (toPorts !== undefined) out.toPorts = toPorts.map((p) => ({ ports: p.ports.map((x: any) => ({ ...x })) }));
    return out;
  });
}

function ciliumPeer(peer: Peer, ingress: boolean, clusterwide: boolean): any {
  const from = ingress ? 'from' : 'to';
  switch (peer.kind) {
    case PeerKind.ANYWHERE:
      // Every peer, in the cluster or not. (A wildcard endpoint selector in a CiliumNetworkPolicy is
      // narrowed to the policy's namespace and leaves the world out.)
      return { [`${from}Entities`]: ['all'] };
    case PeerKind.IP_BLOCK: {
      // Written as Go prints the network (host bits cleared, no leading zeros): what v1 means by it,
      // in the form Cilium's netip parser accepts.
      const block: any = { cidr: canonicalCidr(peer.ipBlock!.cidr) };
      if (peer.ipBlock!.except.length > 0) block.except = peer.ipBlock!.except.map(canonicalCidr);
      return { [`${from}CIDRSet`]: [block] };
    }
    case PeerKind.PODS:
      if (clusterwide) {
        throw new Error(`the peer ${peer.toString()} means pods of the policy's own namespace, and a CiliumClusterwideNetworkPolicy has none: ` +
          'name their namespaces (Peer.podsIn / Peer.podsInNamespace)');
      }
      return { [`${from}Endpoints`]: [ciliumEndpointSelector(peer.podSelector, undefined)] };
    default:
      return { [`${from}Endpoints`]: [ciliumEndpointSelector(peer.podSelector, peer.namespaceSelector)] };
  }
}

/** The egress rules that allow these names (`toFQDNs`) on these ports, and the DNS rule they need. */
export function ciliumFqdnRules(domains: DomainName[], ports: Port[], dns: CiliumDnsTarget, options: ResolvedCiliumOptions): any[] {
  const selectors = domains.map((d) => ciliumFqdnSelector(d, options));
  const rule: any = { toFQDNs: selectors };
  const toPorts = ciliumToPorts(ports, options);
  if (toPorts !== undefined) rule.toPorts = toPorts;
  return [ciliumDnsRule(dns), rule];
}

/**
 * Egress to the cluster DNS on UDP and TCP 53 with `rules.dns`: without it Cilium's DNS proxy never
 * sees the lookups, learns no address for the names, and the `toFQDNs` rule allows nothing.
 */
export function ciliumDnsRule(dns: CiliumDnsTarget): any {
  return {
    toEndpoints: [ciliumEndpointSelector(dns.selector, LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: dns.namespace }))],
    toPorts: [{ ports: dns.ports.map((p) => ({ port: p.name ?? String(p.portNumber ?? 0), protocol: p.protocol ?? 'ANY' })), rules: { dns: [{ matchPattern: '*' }] } }],
  };
}

/**
 * A domain as Cilium matches it: an exact name as `matchName`; a pattern as `matchPattern`, where
 * `*` is any characters within one label; every subdomain as `**.name` (checked in Cilium 1.20).
 */
export function ciliumFqdnSelector(domain: DomainName, options: ResolvedCiliumOptions): any {
  if (!domain.isWildcard) return { matchName: domain.name };
  if (domain.isSubdomains) {
    if (!options.hasSubdomainWildcard) {
      throw new Error(`'${domain.toString()}' (every subdomain, at any depth): Cilium ${options.version} has no '**.' wildcard, its '*' is exactly one label; ` +
        `list the depths you mean with DomainName.pattern('*.${domain.name}'), DomainName.pattern('*.*.${domain.name}'), or target Cilium 1.20 or later`);
    }
    return { matchPattern: `**.${domain.name}` };
  }
  return { matchPattern: domain.name };
}

/** The spec's isolation: an isolated direction with no rules gets `[{}]`, Cilium's deny-all (its own v1 conversion writes that). */
function directionRules(rules: any[], isolated: boolean): any[] | undefined {
  if (!isolated) return undefined;
  return rules.length > 0 ? rules : [{}];
}

/** Extra egress rules for `emitCiliumNetworkPolicy` (`toFQDNs` and its DNS rule). */
export interface CiliumExtraRules {
  readonly egress?: any[];
}

/**
 * A v1 policy as a `CiliumNetworkPolicy` with the same meaning where Cilium can say it: the same
 * pods, one rule per peer, `toEntities: [all]` for anywhere, `toCIDRSet` with `except`, ports per
 * protocol (ranges with `endPort` from Cilium 1.16), explicit isolation (`enableDefaultDeny` from 1.16,
 * and `[{}]` for an isolated direction without rules). Rules of a direction the policy does not
 * isolate are left out: Kubernetes ignores them, while Cilium would isolate that direction.
 */
export function emitCiliumNetworkPolicy(model: NetworkPolicyModel, options: CiliumOptions = {}, extra: CiliumExtraRules = {}): any {
  const resolved = resolveCiliumOptions(options);
  const spec: any = { endpointSelector: ciliumEndpointSelector(model.podSelector, undefined) };
  if (resolved.hasEndPortAndDefaultDeny) spec.enableDefaultDeny = { ingress: model.isolatesIngress, egress: model.isolatesEgress };
  const ingress = directionRules(model.ingress.flatMap((r) => ciliumRules(r, true, false, resolved)), model.isolatesIngress);
  const egressRules = model.egress.flatMap((r) => ciliumRules(r, false, false, resolved));
  const egress = directionRules([...egressRules, ...(extra.egress ?? [])], model.isolatesEgress);
  if (ingress) spec.ingress = ingress;
  if (egress) spec.egress = egress;
  const metadata: any = { name: model.name };
  if (model.namespace !== undefined) metadata.namespace = model.namespace;
  if (Object.keys(model.labels).length > 0) metadata.labels = { ...model.labels };
  if (Object.keys(model.annotations).length > 0) metadata.annotations = { ...model.annotations };
  return { apiVersion: CILIUM_API_VERSION, kind: 'CiliumNetworkPolicy', metadata, spec };
}

/** The spec of a cluster-wide Cilium policy. Internal. */
export interface CiliumClusterwideSpec {
  readonly name: string;
  readonly namespaceSelector?: LabelSelector;
  readonly podSelector?: LabelSelector;
  readonly isolateIngress: boolean;
  readonly isolateEgress: boolean;
  readonly ingress?: PolicyRule[];
  readonly egress?: PolicyRule[];
  readonly extraEgress?: any[];
  readonly labels?: { [key: string]: string };
}

/** A `CiliumClusterwideNetworkPolicy`: pods of the selected namespaces (every namespace by default). */
export function emitCiliumClusterwideNetworkPolicy(policy: CiliumClusterwideSpec, options: CiliumOptions = {}): any {
  const resolved = resolveCiliumOptions(options);
  const endpointSelector = ciliumEndpointSelector(policy.podSelector ?? LabelSelector.all(), policy.namespaceSelector ?? LabelSelector.all());
  const spec: any = { endpointSelector };
  if (resolved.hasEndPortAndDefaultDeny) spec.enableDefaultDeny = { ingress: policy.isolateIngress, egress: policy.isolateEgress };
  const ingress = directionRules((policy.ingress ?? []).flatMap((r) => ciliumRules(r, true, true, resolved)), policy.isolateIngress);
  const egressRules = (policy.egress ?? []).flatMap((r) => ciliumRules(r, false, true, resolved));
  const egress = directionRules([...egressRules, ...(policy.extraEgress ?? [])], policy.isolateEgress);
  if (ingress) spec.ingress = ingress;
  if (egress) spec.egress = egress;
  const metadata: any = { name: policy.name };
  if (policy.labels && Object.keys(policy.labels).length > 0) metadata.labels = { ...policy.labels };
  return { apiVersion: CILIUM_API_VERSION, kind: 'CiliumClusterwideNetworkPolicy', metadata, spec };
}

function canonicalCidr(cidr: string): string {
  const parsed = parseCidrSloppy(cidr);
  if (parsed === undefined) throw new Error(`'${cidr}' is not a CIDR, so Cilium cannot write it in toCIDRSet`);
  return maskedCidrString(parsed);
}
