import { parseIpBlock } from './address-range';
import { ClusterEndpoint, ClusterModel } from './cluster-model';
import { ClusterPolicyEntry, sideAllowed, sideAllowedThroughOrdered, subjectSelects, tierOrder, TierOutcome, walkTier } from './cluster-policy-semantics';
import { EndpointTest, OrderedPolicy, OrderedRule } from './ordered-policy';
import { orderedEntries, walkOrderedTier } from './ordered-tier-semantics';
import {
  EvaluationOptions, isNamedPort, namedPortKey, peerMatches, policyNamespace, policySelects, portEntrySet, rulePortSet, selectableBySelectors,
} from './policy-semantics';
import { PortSet } from './port-set';
import { PortSetTable } from './port-set-table';
import { AdminPolicyRule } from '../model/admin-policy-rule';
import { LabelSelector, SelectorOperator } from '../model/label-selector';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { Peer, PeerKind } from '../model/peer';
import { PolicyRule } from '../model/policy-rule';
import { PolicyTier } from '../model/policy-tier';
import { ALL_PROTOCOLS } from '../model/protocol';

/** A set of endpoints that no selector, ipBlock or named port of the policies can tell apart. */
export interface EndpointClass {
  readonly index: number;
  /** Indexes into `cluster.endpoints`. */
  readonly members: number[];
  /** One member: every member is treated as it is. */
  readonly representative: ClusterEndpoint;
  /** Indexes of the policies that select the members. */
  readonly selectingPolicies: number[];
  readonly ingressIsolated: boolean;
  readonly egressIsolated: boolean;
}

/** One rule of one policy, in the engine's flat list of rules. */
interface FlatRule {
  readonly rule: PolicyRule;
  /** The classes any peer of the rule matches; undefined when a peer is `anywhere`. */
  classes?: Int32Array;
  /** The port set id when the rule has no named port. */
  fixedPorts?: number;
  /** Port set ids per destination class, for rules with named ports. */
  readonly portsByClass: Map<number, number>;
}

/**
 * The equivalence-class engine. Endpoints are grouped by a signature (the policies that select
 * them, the peers that match them, the named ports they resolve); each class pair is then
 * evaluated once, with port sets interned in a table.
 *
 * The result is a K x K matrix of port set ids (K classes), indexed `[to * K + from]`.
 */
export class ReachabilityEngine {
  public readonly classes: EndpointClass[] = [];
  /** The class of each endpoint (by index into `cluster.endpoints`). */
  public readonly classOf: Int32Array;
  public readonly table = new PortSetTable();
  private readonly matrix: Uint32Array;
  private readonly indexById = new Map<string, number>();

  public constructor(
    public readonly cluster: ClusterModel,
    public readonly policies: NetworkPolicyModel[],
    public readonly options: EvaluationOptions,
    public readonly clusterPolicies: readonly ClusterPolicyEntry[] = [],
    public readonly orderedPolicies: readonly OrderedPolicy[] = [],
  ) {
    const endpoints = cluster.endpoints;
    endpoints.forEach((e, i) => this.indexById.set(e.id, i));
    this.classOf = new Int32Array(endpoints.length);

    const index = new SelectorIndex(cluster);
    const features: number[][] = endpoints.map(() => []);

    // 1. The policies that select each endpoint.
    policies.forEach((policy, p) => {
      for (const e of index.candidates(policyNamespace(policy), policy.podSelector)) {
        if (policySelects(policy, endpoints[e])) features[e].push(p);
      }
    });

    // 1b. The cluster-wide policies whose subject is each endpoint (negative features).
    clusterPolicies.forEach((entry, c) => {
      endpoints.forEach((e, i) => {
        if (subjectSelects(entry.policy, e, cluster)) features[i].push(-(c + 1));
      });
    });

    // 1c. The tests of the ordered dialects (subjects, rule peers): one feature per distinct test.
    const orderedFeatures: number[][] = endpoints.map(() => []);
    const testIds = new Map<string, number>();
    const registerTest = (test: EndpointTest | undefined): void => {
      if (test === undefined || testIds.has(test.key)) return;
      const id = testIds.size;
      testIds.set(test.key, id);
      endpoints.forEach((e, i) => { if (test.matches(e, cluster)) orderedFeatures[i].push(id); });
    };
    for (const policy of orderedPolicies) {
      registerTest(policy.subject);
      for (const rule of [...policy.ingress ?? [], ...policy.egress ?? []]) {
        registerTest(rule.peer);
        registerTest(rule.self);
      }
    }

    // 2. The distinct peers, and the endpoints each matches.
    const peerIds = new Map<string, number>();
    const peerMembers: number[][] = [];
    const registerIn = (ns: string, peer: Peer): void => {
      if (peer.kind === PeerKind.ANYWHERE) return;
      const key = peer.kind === PeerKind.PODS ? `${ns}#${peer.toKey()}` : peer.toKey();
      if (peerIds.has(key)) return;
      const id = peerMembers.length;
      peerIds.set(key, id);
      const members: number[] = [];
      for (const e of index.peerCandidates(peer, ns)) {
        if (peerMatches(peer, ns, endpoints[e], cluster, options)) members.push(e);
      }
      peerMembers.push(members);
      for (const e of members) features[e].push(policies.length + id);
    };
    for (const entry of clusterPolicies) {
      for (const rule of [...entry.policy.ingress, ...entry.policy.egress]) rule.peers.forEach((peer) => registerIn('', peer));
    }
    const flat: FlatRule[][][] = policies.map((policy) => {
      const ns = policyNamespace(policy);
      const register = (peer: Peer): void => registerIn(ns, peer);
      const rules = (list: PolicyRule[]): FlatRule[] => list.map((rule) => {
        rule.peers.forEach(register);
        return { rule, portsByClass: new Map() };
      });
      return [rules(policy.ingress), rules(policy.egress)];
    });

    // 3. Named ports used anywhere, resolved per endpoint.
    const names = new Set<string>();
    for (const policy of policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const port of rule.ports) if (isNamedPort(port)) names.add(`${port.name}/${port.protocol}`);
      }
    }
    for (const entry of clusterPolicies) {
      for (const rule of [...entry.policy.ingress, ...entry.policy.egress]) {
        for (const port of rule.ports) {
          if (!isNamedPort(port)) continue;
          for (const protocol of port.protocol === undefined ? ALL_PROTOCOLS : [port.protocol]) names.add(`${port.name}/${protocol}`);
        }
      }
    }

    for (const policy of orderedPolicies) {
      for (const rule of [...policy.ingress ?? [], ...policy.egress ?? []]) for (const name of rule.namedPorts) names.add(name);
    }

    // 4. Classes by signature.
    const bySignature = new Map<string, number>();
    endpoints.forEach((e, i) => {
      const signature = `${e.external ? 'x' : e.hostNetwork ? 'h' : 'p'}|${features[i].join(',')}|${namedPortKey(e, names)}|${orderedFeatures[i].join(',')}`;
      let c = bySignature.get(signature);
      if (c === undefined) {
        c = this.classes.length;
        bySignature.set(signature, c);
        const selecting = features[i].filter((f) => f >= 0 && f < policies.length);
        this.classes.push({
          index: c,
          members: [],
          representative: e,
          selectingPolicies: selecting,
          ingressIsolated: selecting.some((p) => policies[p].isolatesIngress),
          egressIsolated: selecting.some((p) => policies[p].isolatesEgress),
        });
      }
      this.classes[c].members.push(i);
      this.classOf[i] = c;
    });
    const k = this.classes.length;

    // 5. The classes each rule's peers match.
    const peerClassCache = new Map<number, Int32Array>();
    const peerClasses = (id: number): Int32Array => {
      let out = peerClassCache.get(id);
      if (!out) {
        out = Int32Array.from(new Set(peerMembers[id].map((e) => this.classOf[e]))).sort();
        peerClassCache.set(id, out);
      }
      return out;
    };
    const mark = new Uint8Array(k);
    policies.forEach((policy, p) => {
      const ns = policyNamespace(policy);
      for (const rules of flat[p]) {
        for (const fr of rules) {
          if (!fr.rule.ports.some(isNamedPort)) fr.fixedPorts = this.table.intern(rulePortSet(fr.rule, undefined));
          if (fr.rule.peers.some((peer) => peer.kind === PeerKind.ANYWHERE)) continue;
          const lists = fr.rule.peers.map((peer) => peerClasses(peerIds.get(peer.kind === PeerKind.PODS ? `${ns}#${peer.toKey()}` : peer.toKey())!));
          if (lists.length === 1) {
            fr.classes = lists[0];
          } else {
            const out: number[] = [];
            for (const list of lists) for (const c of list) if (!mark[c]) { mark[c] = 1; out.push(c); }
            for (const c of out) mark[c] = 0;
            fr.classes = Int32Array.from(out);
          }
        }
      }
    });

    const portsOn = (fr: FlatRule, destination: number): number => {
      if (fr.fixedPorts !== undefined) return fr.fixedPorts;
      let id = fr.portsByClass.get(destination);
      if (id === undefined) {
        id = this.table.intern(rulePortSet(fr.rule, this.classes[destination].representative));
        fr.portsByClass.set(destination, id);
      }
      return id;
    };
    const applicable = (cls: EndpointClass, direction: 0 | 1): FlatRule[] => {
      const out: FlatRule[] = [];
      for (const p of cls.selectingPolicies) {
        if (direction === 0 ? policies[p].isolatesIngress : policies[p].isolatesEgress) out.push(...flat[p][direction]);
      }
      return out;
    };

    // 6. Ingress of each destination class, as a column of the matrix.
    const table = this.table;
    const m = new Uint32Array(k * k);
    this.matrix = m;
    for (let d = 0; d < k; d++) {
      const cls = this.classes[d];
      const base = d * k;
      if (!cls.ingressIsolated) {
        m.fill(PortSetTable.ALL, base, base + k);
        continue;
      }
      for (const fr of applicable(cls, 0)) {
        const ports = portsOn(fr, d);
        if (ports === PortSetTable.EMPTY) continue;
        if (fr.classes === undefined) {
          for (let s = 0; s < k; s++) m[base + s] = table.union(m[base + s], ports);
        } else {
          for (const s of fr.classes) m[base + s] = table.union(m[base + s], ports);
        }
      }
    }

    // 7. Egress of each source class, intersected into the matrix.
    const tiers = clusterPolicies.length > 0 || orderedPolicies.length > 0;
    const ingressNp = tiers ? m.slice() : undefined;
    const egressNp = tiers ? new Uint32Array(k * k).fill(PortSetTable.ALL) : undefined;
    const row = new Uint32Array(k);
    for (let s = 0; s < k; s++) {
      const cls = this.classes[s];
      if (!cls.egressIsolated) continue;
      row.fill(PortSetTable.EMPTY);
      for (const fr of applicable(cls, 1)) {
        if (fr.classes === undefined) {
          for (let d = 0; d < k; d++) row[d] = table.union(row[d], portsOn(fr, d));
        } else {
          for (const d of fr.classes) row[d] = table.union(row[d], portsOn(fr, d));
        }
      }
      for (let d = 0; d < k; d++) m[d * k + s] = table.intersect(row[d], m[d * k + s]);
      if (egressNp) for (let d = 0; d < k; d++) egressNp[d * k + s] = row[d];
    }

    // 8. The admin and baseline tiers, side by side with the NetworkPolicies.
    if (tiers) this.applyTiers(peerIds, peerClasses, ingressNp!, egressNp!);

    // 9. Traffic between two addresses outside the cluster never passes a pod: no policy allows it.
    const outside = this.classes.filter((c) => c.representative.external).map((c) => c.index);
    for (const d of outside) for (const s of outside) this.matrix[d * k + s] = PortSetTable.EMPTY;
  }

  /**
   * Each side of each class pair through the tiers (cluster-policy-semantics): admin rules in order,
   * then the NetworkPolicies where they isolate the endpoint, else the baseline rules.
   */
  private applyTiers(peerIds: Map<string, number>, peerClasses: (id: number) => Int32Array, ingressNp: Uint32Array, egressNp: Uint32Array): void {
    const k = this.classes.length;
    const classesOfRule = new Map<AdminPolicyRule, Uint8Array>();
    const matchedClasses = (rule: AdminPolicyRule): Uint8Array => {
      let out = classesOfRule.get(rule);
      if (!out) {
        out = new Uint8Array(k);
        for (const peer of rule.peers) {
          const id = peerIds.get(peer.toKey());
          if (id !== undefined) for (const c of peerClasses(id)) out[c] = 1;
        }
        classesOfRule.set(rule, out);
      }
      return out;
    };
    const portsCache = new Map<AdminPolicyRule, PortSet[]>();
    const portsOn = (rule: AdminPolicyRule, destination: number): PortSet => {
      let list = portsCache.get(rule);
      if (!list) portsCache.set(rule, (list = []));
      let set = list[destination];
      if (set === undefined) {
        let out = PortSet.EMPTY;
        for (const p of rule.ports) out = out.union(portEntrySet(p, this.classes[destination].representative));
        set = list[destination] = out;
      }
      return set;
    };
    const selects = (cls: EndpointClass, c: number): boolean => {
      const rep = this.classes[cls.index].representative;
      return subjectSelects(this.clusterPolicies[c].policy, rep, this.cluster);
    };
    const ordered = (tier: PolicyTier) => tierOrder(this.clusterPolicies, tier)
      .map((entry) => ({ entry, index: this.clusterPolicies.indexOf(entry) }));
    const admin = ordered(PolicyTier.ADMIN);
    const baseline = ordered(PolicyTier.BASELINE);
    // The tier rules that apply to each class, per direction, in order.
    const applicable = (list: typeof admin, cls: EndpointClass, direction: 'ingress' | 'egress') => list
      .filter(({ index }) => selects(cls, index))
      .flatMap(({ entry }) => entry.policy[direction].map((rule, ruleIndex) => ({ entry, direction, ruleIndex, rule })));
    const rulesOf = this.classes.map((cls) => ({
      adminIn: applicable(admin, cls, 'ingress'),
      adminOut: applicable(admin, cls, 'egress'),
      baseIn: applicable(baseline, cls, 'ingress'),
      baseOut: applicable(baseline, cls, 'egress'),
    }));
    const side = (rules: ReturnType<typeof applicable>, other: number, destination: number) => walkTier(rules.map((r) => ({
      ...r, matches: matchedClasses(r.rule)[other] === 1, ports: portsOn(r.rule, destination),
    })), false);

    // The ordered dialects: the tests each class passes, the policies that apply to it, each rule's ports per destination.
    const testClasses = new Map<string, Uint8Array>();
    const classMatches = (test: EndpointTest, cls: number): boolean => {
      let out = testClasses.get(test.key);
      if (!out) {
        out = new Uint8Array(k);
        for (let c = 0; c < k; c++) out[c] = test.matches(this.classes[c].representative, this.cluster) ? 1 : 0;
        testClasses.set(test.key, out);
      }
      return out[cls] === 1;
    };
    const orderedPortsCache = new Map<OrderedRule, PortSet[]>();
    const orderedPortsOn = (rule: OrderedRule, destination: number): PortSet => {
      let list = orderedPortsCache.get(rule);
      if (!list) orderedPortsCache.set(rule, (list = []));
      if (!rule.namedPorts.length) destination = 0;
      return list[destination] ?? (list[destination] = rule.ports(this.classes[destination].representative));
    };
    const dialectPolicies = this.orderedPolicies;
    const orderedOf = this.classes.map((cls) => {
      const applies = (p: OrderedPolicy) => selectableBySelectors(cls.representative) && classMatches(p.subject, cls.index);
      const some = dialectPolicies.some(applies);
      return {
        in: some ? orderedEntries(dialectPolicies, applies, 'ingress', cls.representative.namespace) : undefined,
        out: some ? orderedEntries(dialectPolicies, applies, 'egress', cls.representative.namespace) : undefined,
      };
    });
    const classOfEndpoint = new Map<ClusterEndpoint, number>(this.classes.map((c) => [c.representative, c.index]));
    const middle = (entries: ReturnType<typeof orderedEntries> | undefined, direction: 'ingress' | 'egress', self: number, other: number, destination: number, npIsolated: boolean, npAllowed: PortSet) => {
      if (entries === undefined || entries.length === 1) return undefined;
      return walkOrderedTier(entries, {
        endpoint: this.classes[self].representative,
        other: this.classes[other].representative,
        destination: this.classes[destination].representative,
        direction,
        npIsolated,
        npAllowed,
      }, (test, endpoint) => classMatches(test, classOfEndpoint.get(endpoint)!), (rule, d) => orderedPortsOn(rule, classOfEndpoint.get(d)!), false);
    };
    const sideWith = (adminOutcome: TierOutcome, self: number, other: number, destination: number, direction: 'ingress' | 'egress', npAllowed: PortSet, baselineOutcome: TierOutcome): PortSet => {
      const isolated = direction === 'ingress' ? this.classes[self].ingressIsolated : this.classes[self].egressIsolated;
      const entries = direction === 'ingress' ? orderedOf[self].in : orderedOf[self].out;
      const outcome = middle(entries, direction, self, other, destination, isolated, npAllowed);
      if (outcome === undefined) return sideAllowed(adminOutcome, isolated, npAllowed, baselineOutcome);
      return sideAllowedThroughOrdered(adminOutcome, outcome, baselineOutcome);
    };
    for (let d = 0; d < k; d++) {
      for (let s = 0; s < k; s++) {
        const src = rulesOf[s];
        const dst = rulesOf[d];
        const orderedHere = (orderedOf[d].in?.length ?? 0) > 1 || (orderedOf[s].out?.length ?? 0) > 1;
        if (!orderedHere && src.adminOut.length + src.baseOut.length + dst.adminIn.length + dst.baseIn.length === 0) continue;
        const ingress = sideWith(side(dst.adminIn, s, d), d, s, d, 'ingress', this.table.get(ingressNp[d * k + s]), side(dst.baseIn, s, d));
        const egress = sideWith(side(src.adminOut, d, d), s, d, d, 'egress', this.table.get(egressNp[d * k + s]), side(src.baseOut, d, d));
        this.matrix[d * k + s] = this.table.intern(ingress.intersect(egress));
      }
    }
  }

  /** The index of the endpoint with this id, or -1. */
  public indexOf(id: string): number {
    return this.indexById.get(id) ?? -1;
  }

  /** The port set id allowed from one endpoint to another (by index). */
  public allowedId(from: number, to: number): number {
    const k = this.classes.length;
    return this.matrix[this.classOf[to] * k + this.classOf[from]];
  }

  /** The port set id allowed from one class to another. */
  public allowedClassId(fromClass: number, toClass: number): number {
    return this.matrix[toClass * this.classes.length + fromClass];
  }

  /** The ports allowed from one endpoint to another (by index). */
  public allowed(from: number, to: number): PortSet {
    return this.table.get(this.allowedId(from, to));
  }
}

/**
 * Candidate endpoints for a selector: a superset of those it can match, found through an index
 * of labels, so that `LabelSelector.matches` (which decides) runs on few endpoints.
 */
class SelectorIndex {
  private readonly byNamespace = new Map<string, number[]>();
  private readonly byLabel = new Map<string, Map<string, number[]>>();
  /** Per family, every address range of an endpoint (a pod IP, an external range) by its first address. */
  private readonly byAddress: { [family: number]: Array<{ first: bigint; endpoint: number }> } = { 4: [], 6: [] };
  private sorted = false;
  private readonly all: number[];

  public constructor(private readonly cluster: ClusterModel) {
    const endpoints = cluster.endpoints;
    this.all = endpoints.map((_, i) => i);
    endpoints.forEach((e, i) => {
      for (const a of e.addresses) this.byAddress[a.family].push({ first: a.first, endpoint: i });
      if (!selectableBySelectors(e)) return;
      const ns = e.namespace!;
      push(this.byNamespace, ns, i);
      let labels = this.byLabel.get(ns);
      if (!labels) this.byLabel.set(ns, (labels = new Map()));
      for (const [key, value] of Object.entries(e.labels)) push(labels, `${key}=${value}`, i);
    });
  }

  /** Endpoints of the namespace that the selector may match. */
  public candidates(namespace: string, selector: LabelSelector): number[] {
    const inNamespace = this.byNamespace.get(namespace) ?? [];
    const labels = this.byLabel.get(namespace);
    if (!labels) return inNamespace;
    let best: number[] = inNamespace;
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      const list = labels.get(`${key}=${value}`) ?? [];
      if (list.length < best.length) best = list;
    }
    for (const r of selector.matchExpressions) {
      if (r.operator !== SelectorOperator.IN) continue;
      const lists = [...new Set(r.values ?? [])].map((v) => labels.get(`${r.key}=${v}`) ?? []);
      const size = lists.reduce((n, l) => n + l.length, 0);
      if (size < best.length) best = lists.length === 1 ? lists[0] : lists.flat();
    }
    return best;
  }

  /**
   * Endpoints with an address range that starts inside the ipBlock's CIDR: an ipBlock matches only
   * ranges wholly inside its CIDR, so the others need no look (binary search, not a scan: the
   * address space may be cut into thousands of ranges).
   */
  private addressCandidates(peer: Peer): number[] {
    const block = peer.ipBlock ? parseIpBlock(peer.ipBlock) : undefined;
    if (!block) return [];
    if (!this.sorted) {
      for (const list of Object.values(this.byAddress)) list.sort((x, y) => (x.first < y.first ? -1 : x.first > y.first ? 1 : 0));
      this.sorted = true;
    }
    const list = this.byAddress[block.cidr.family];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1; // eslint-disable-line no-bitwise
      if (list[mid].first < block.cidr.first) lo = mid + 1;
      else hi = mid;
    }
    const out = new Set<number>();
    for (let i = lo; i < list.length && list[i].first <= block.cidr.last; i++) out.add(list[i].endpoint);
    return [...out];
  }

  /** Endpoints that the peer may match. */
  public peerCandidates(peer: Peer, policyNs: string): number[] {
    switch (peer.kind) {
      case PeerKind.IP_BLOCK:
        return this.addressCandidates(peer);
      case PeerKind.PODS:
        return this.candidates(policyNs, peer.podSelector!);
      case PeerKind.NAMESPACES:
      case PeerKind.PODS_IN_NAMESPACES: {
        const out: number[] = [];
        for (const ns of this.byNamespace.keys()) {
          if (!peer.namespaceSelector!.matches(this.cluster.namespaceLabels(ns))) continue;
          const list = peer.podSelector ? this.candidates(ns, peer.podSelector) : this.byNamespace.get(ns)!;
          for (const e of list) out.push(e);
        }
        return out;
      }
      default:
        return this.all;
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The port set of a class pair, for callers holding an engine. */
export function classPairPorts(engine: ReachabilityEngine, fromClass: number, toClass: number): PortSet {
  return engine.table.get(engine.allowedClassId(fromClass, toClass));
}
