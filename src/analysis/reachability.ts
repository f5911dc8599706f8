import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { parseAddressRange } from './address-range';
import { addressSpaceEndpoint, cutAddressSpace, ipBlockBounds, rangeCidrs } from './address-space';
import { classPairPorts, ReachabilityEngine } from './class-engine';
import { ClusterEndpoint, EXTERNAL_KIND, SourceLocation } from './cluster-model';
import { clusterPolicyId, TierDecision, tierOrder } from './cluster-policy-semantics';
import { findEndpoint, resolveEndpoint } from './endpoint-reference';
import { ConnectionVerdict, explainConnection, formatVerdict, policyId, ruleField, SideVerdict, tierDecisionField } from './explain';
import { EndpointExposure, endpointExposures } from './exposure';
import { Focus, inFocus } from './focus';
import { Inventory, InventoryInput, InventoryObjectNote, readInventory } from './manifest-inventory';
import { OrderedPolicy, orderedPolicyId } from './ordered-policy';
import { portEntrySet } from './policy-semantics';
import { PortSet } from './port-set';
import { diffEngines, PairChange } from './reachability-diff';
import {
  AllowedConnection, AnalysisNote, AnalysisProblem, ClassConnection, ConnectionChange, ConnectionExplanation, DirectionExplanation,
  EndpointClassInfo, EndpointExposureInfo, EndpointInfo,
  DialectRuleReference, LeftOutReason, PortRange, ReachabilityOptions, TierRuleReference,
} from './reachability-types';
import { adminPolicyKindOf } from '../dialects/admin/admin-api';
import { readManifests } from '../io';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { PolicyTier } from '../model/policy-tier';
import { PolicyType } from '../model/policy-type';
import { Port } from '../model/port';
import { ALL_PROTOCOLS } from '../model/protocol';
import { GraphOptions } from '../report/graph-options';
import { analysisGraph } from '../report/render-graph';

/** One ordered pair of endpoints and what it allows. Internal to the analysis and its outputs. */
export interface EndpointPair {
  readonly from: ClusterEndpoint;
  readonly to: ClusterEndpoint;
  readonly fromIndex: number;
  readonly toIndex: number;
  readonly allowed: PortSet;
}

/**
 * What a set of NetworkPolicies allows: every ordered pair of endpoints (pods, workloads' pod
 * templates, external IPs/CIDRs) with the protocols and ports allowed between them, computed over
 * all ports with Kubernetes semantics; why a connection is allowed or not; and what a change opens
 * and closes.
 *
 * @example
 * const r = Reachability.of(chart);
 * r.isAllowed('web', 'db', Port.tcp(5432));
 */
export class Reachability {
  /**
   * The analysis of the manifests a cdk8s App or Chart synthesizes (every chart under the scope).
   */
  public static of(scope: IConstruct, options: ReachabilityOptions = {}): Reachability {
    const charts: Chart[] = scope instanceof App
      ? scope.charts
      : scope.node.findAll().filter((c): c is Chart => Chart.isChart(c));
    const inputs = charts.flatMap((chart) => {
      // Name each object by its construct path, so that reports point at the code that wrote it.
      const paths = new Map<string, string>();
      for (const o of chart.node.findAll().filter(ApiObject.isApiObject)) {
        // Cluster-wide policies carry no namespace in their manifest, whatever the chart's.
        const namespace = adminPolicyKindOf(o.apiVersion, o.kind) === undefined ? o.metadata.namespace : undefined;
        paths.set(objectKeyOf(o.apiVersion, o.kind, namespace, o.name), o.node.path);
      }
      return chart.toJson().map((object: any) => ({
        object,
        constructPath: paths.get(objectKeyOf(object?.apiVersion, object?.kind, object?.metadata?.namespace, object?.metadata?.name)),
      }));
    });
    return new Reachability(inputs, options);
  }

  /**
   * The analysis of Kubernetes objects given as plain JSON (as decoded from YAML). Kinds that say
   * nothing about traffic are ignored; an object that cannot be read throws (see `skipInvalid`).
   */
  public static fromManifests(manifests: any[], options: ReachabilityOptions = {}): Reachability {
    return new Reachability(manifests.map((object) => ({ object })), options);
  }

  /**
   * The analysis of manifest files and directories (YAML, multi-document, JSON, List objects).
   * Throws when a path cannot be read, a file has a syntax error, or an object cannot be read (see
   * `skipInvalid`).
   */
  public static fromFiles(paths: string[], options: ReachabilityOptions = {}): Reachability {
    return new Reachability(readManifests(paths), options);
  }

  /** The analysis of decoded inputs with their origins (the CLI's entry). @internal */
  public static _fromInputs(inputs: readonly InventoryInput[], options: ReachabilityOptions = {}): Reachability {
    return new Reachability(inputs, options);
  }

  /** @internal */
  public readonly _inventory: Inventory;
  /** @internal */
  public readonly _engine: ReachabilityEngine;
  private readonly policyModels: NetworkPolicyModel[];
  private readonly orderedModels: OrderedPolicy[];

  private constructor(inputs: readonly InventoryInput[], options: ReachabilityOptions) {
    this._inventory = readInventory(inputs, { externals: options.externals, podIps: options.podIps });
    if (this._inventory.problems.length > 0 && options.skipInvalid !== true) {
      throw new Error(`cannot analyse: ${describeProblems(this.problems)}\nFix them, or pass skipInvalid: true to analyse without them (the answer then says it is incomplete).`);
    }
    this.policyModels = this._inventory.policies.map((p) => p.policy);
    this.orderedModels = this._inventory.orderedPolicies.map((p) => p.policy);
    if (options.externalsFromPolicies !== false) {
      const cluster = this._inventory.cluster;
      const given = cluster.endpoints.filter((e) => e.external).map((e) => e.addresses[0]);
      const dialectBounds = [
        ...this._inventory.calicoNetworkSets.bounds,
        ...this.orderedModels
          .flatMap((p) => [p.subject, ...[...p.ingress ?? [], ...p.egress ?? []].flatMap((r) => [r.peer, r.self])])
          .flatMap((t) => t?.bounds ?? []),
      ];
      cluster.addAddressSpace(cutAddressSpace([...ipBlockBounds(this.policyModels), ...dialectBounds, ...given]), addressSpaceEndpoint);
    }
    this._engine = new ReachabilityEngine(this._inventory.cluster, this.policyModels, {
      ipBlockMatchesPods: options.ipBlockMatchesPods ?? true,
    }, this._inventory.clusterPolicies, this.orderedModels);
  }

  /** The endpoints, in input order (externals last). */
  public get endpoints(): EndpointInfo[] {
    return this._inventory.cluster.endpoints.map((e, i) => this.endpointInfo(e, i));
  }

  /** The number of classes of endpoints that no selector, ipBlock or named port tells apart. */
  public get endpointClassCount(): number {
    return this._engine.classes.length;
  }

  /** The objects of the input that cannot be read, left out (only with `skipInvalid`; otherwise they throw). */
  public get problems(): AnalysisProblem[] {
    return this._inventory.problems.map((p) => ({ ...origin(p), field: p.field, message: p.message, reason: LeftOutReason.UNREADABLE }));
  }

  /**
   * Everything of the input that the answer does not take into account: objects that cannot be
   * read (with `skipInvalid`) and policies of other APIs (Antrea, Istio, Calico's staged policies,
   * ...), which can deny, or allow, what the NetworkPolicies decide. AdminNetworkPolicy,
   * BaselineAdminNetworkPolicy (v1alpha1), ClusterNetworkPolicy (v1alpha2), Calico v3 policies and
   * network sets, and Cilium policies are read and part of the answer.
   */
  public get leftOut(): AnalysisProblem[] {
    const otherApis = this._inventory.otherApis.map((p) => ({ ...origin(p), field: '', message: p.message, reason: LeftOutReason.OTHER_API }));
    return [...this.problems, ...otherApis];
  }

  /** Whether the answer takes every object of the input into account (`leftOut` is empty). */
  public get complete(): boolean {
    return this._inventory.problems.length === 0 && this._inventory.otherApis.length === 0;
  }

  /**
   * What to know about the input that does not change the answer: objects defined twice (the later
   * one is analysed, as `kubectl apply` would keep it) and fields of a cluster dump that were ignored.
   */
  public get notes(): AnalysisNote[] {
    const read = [...this._inventory.duplicates, ...this._inventory.serverFields].map((n) => ({ ...origin(n), message: n.message }));
    return [...read, ...this.notModelled];
  }

  /**
   * What policies of the input allow or do that the answer cannot show as connections between its
   * endpoints, said instead: egress to domain names (it depends on DNS answers), L7 rules, peers that
   * are not endpoints of the analysis (nodes, the API server).
   */
  public get notModelled(): AnalysisNote[] {
    return this._inventory.orderedPolicies.flatMap((p) => p.policy.notes.map((message) => ({
      ...sourceOrigin(p.source), object: orderedPolicyId(p.policy), message,
    })));
  }

  /**
   * The ids (`Kind/namespace/name`) of the policies of the ordered dialects read (Calico v3
   * NetworkPolicy and GlobalNetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy), in
   * evaluation order (by order, then name; the NetworkPolicies sit at order 1000).
   */
  public get dialectPolicies(): string[] {
    const ids = [...this.orderedModels].sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(orderedPolicyId);
    return [...new Set(ids)];
  }

  /** The ids (`namespace/name`) of the NetworkPolicies read. */
  public get policies(): string[] {
    return this.policyModels.map(policyId);
  }

  /**
   * The ids (`Kind/name`) of the cluster-wide policies read (AdminNetworkPolicy,
   * BaselineAdminNetworkPolicy, ClusterNetworkPolicy), in evaluation order: the admin tier by
   * priority, then the baseline tier.
   */
  public get clusterPolicies(): string[] {
    const entries = this._inventory.clusterPolicies;
    return [...tierOrder(entries, PolicyTier.ADMIN), ...tierOrder(entries, PolicyTier.BASELINE)].map(clusterPolicyId);
  }

  /**
   * The id of the endpoint a reference names: an id (`shop/shop-web-c81100ac[Deployment]`),
   * `namespace/name`, `name`, the name without cdk8s's hash suffix (`shop-web`) or its last words
   * (`web`), a pod's IP, or any IP or CIDR (an address outside the cluster when no pod has it).
   * Throws when it names none (listing the nearest ids) or several (listing them).
   */
  public findEndpoint(ref: string): string {
    return this.resolve(ref).id;
  }

  /** The ports allowed from one endpoint to another (references as for `findEndpoint`). */
  public allowedPorts(from: string, to: string): PortRange[] {
    return portRanges(this.allowedSet(from, to));
  }

  /**
   * Whether traffic from one endpoint to another is allowed on the port: every port of a range or
   * protocol, a named port resolved on the destination's container ports (false when it resolves
   * to none).
   */
  public isAllowed(from: string, to: string, port: Port): boolean {
    const source = this.resolve(from);
    const destination = this.resolve(to);
    const requested = portEntrySet(port, destination);
    if (requested.isEmpty) return false;
    return requested.subtract(this.allowedBetween(source, destination)).isEmpty;
  }

  /**
   * The connections of every ordered pair of endpoints, self pairs included, in endpoint order.
   *
   * @param includeDenied also list the pairs between which nothing is allowed
   * @default includeDenied false
   */
  public connections(includeDenied?: boolean): AllowedConnection[] {
    const out: AllowedConnection[] = [];
    for (const pair of this._pairs(includeDenied === true)) {
      out.push({ from: pair.from.id, to: pair.to.id, ports: portRanges(pair.allowed), description: pair.allowed.toString() });
    }
    return out;
  }

  /**
   * The classes of endpoints that no selector, ipBlock or named port of the policies tells apart:
   * every member of a class is allowed the same as every other, towards every endpoint and from
   * every endpoint. A large cluster has few classes, so what they allow is a short answer.
   */
  public endpointClasses(): EndpointClassInfo[] {
    const endpoints = this._inventory.cluster.endpoints;
    return this._engine.classes.map((c) => ({
      index: c.index,
      members: c.members.map((m) => endpoints[m].id),
      ingressIsolated: c.ingressIsolated,
      egressIsolated: c.egressIsolated,
    }));
  }

  /**
   * What each class of endpoints (see `endpointClasses`) allows towards each class, self pairs
   * included, in class order: what any member of the one allows to any member of the other.
   *
   * @param includeDenied also list the pairs of classes between which nothing is allowed
   * @default includeDenied false
   */
  public classConnections(includeDenied?: boolean): ClassConnection[] {
    const out: ClassConnection[] = [];
    for (const c of this._classPairs(includeDenied === true)) {
      out.push({ fromClass: c.fromClass, toClass: c.toClass, ports: portRanges(c.allowed), description: c.allowed.toString() });
    }
    return out;
  }

  /** The pairs of classes of `classConnections`, one at a time. @internal */
  public *_classPairs(includeDenied: boolean): Generator<{ fromClass: number; toClass: number; allowed: PortSet }> {
    const k = this._engine.classes.length;
    for (let f = 0; f < k; f++) {
      for (let t = 0; t < k; t++) {
        const allowed = classPairPorts(this._engine, f, t);
        if (!includeDenied && allowed.isEmpty) continue;
        yield { fromClass: f, toClass: t, allowed };
      }
    }
  }

  /**
   * Every ordered pair of endpoints (or those that allow something), in endpoint order, one at a
   * time: an answer of any size without holding it. @internal
   */
  public *_pairs(includeDenied: boolean, focus?: Focus): Generator<EndpointPair> {
    const endpoints = this._inventory.cluster.endpoints;
    const focused = focus ? this._engine.indexOf(focus.endpoint) : -1;
    if (focus && focused < 0) return; // an address no endpoint stands for has no connections here
    for (let f = 0; f < endpoints.length; f++) {
      // With a focus, only the focused endpoint's row and column are read.
      const tos = focus === undefined || f === focused ? undefined : [focused];
      const count = tos ? tos.length : endpoints.length;
      for (let i = 0; i < count; i++) {
        const t = tos ? tos[i] : i;
        if (focus && !inFocus(focus, endpoints[f].id, endpoints[t].id)) continue;
        const allowed = this._engine.allowed(f, t);
        if (!includeDenied && allowed.isEmpty) continue;
        yield { from: endpoints[f], to: endpoints[t], fromIndex: f, toIndex: t, allowed };
      }
    }
  }

  /**
   * The focus on one endpoint's connections, its references resolved as for `findEndpoint`
   * (throws when one names no endpoint, or several). @internal
   */
  public _focus(endpoint: string, peer?: string, direction?: 'ingress' | 'egress'): Focus {
    return { endpoint: this.resolve(endpoint).id, peer: peer === undefined ? undefined : this.resolve(peer).id, direction };
  }

  /**
   * Every pair that allows something (within the focus), with the verdict that says which rules
   * allow it: computed once per pair of classes, so an answer for every pair costs what the
   * classes cost. @internal
   */
  public *_explanations(focus?: Focus): Generator<{ pair: EndpointPair; verdict: ConnectionVerdict }> {
    const cache = new Map<number, ConnectionVerdict>();
    const k = this._engine.classes.length;
    for (const pair of this._pairs(false, focus)) {
      const key = this._engine.classOf[pair.fromIndex] * k + this._engine.classOf[pair.toIndex];
      let verdict = cache.get(key);
      if (!verdict) {
        verdict = this.verdict(pair.from, pair.to, pair.allowed);
        cache.set(key, verdict);
      }
      yield { pair, verdict };
    }
  }

  /**
   * How exposed each pod and workload is: the ports any pod of any namespace (present or not) may
   * open to it and it may open to them, which its own policies alone decide on any network plugin;
   * and the ports every (or some) address outside the cluster may open to it, and it to every
   * address outside. Host-network pods are left out (not subject to policy).
   */
  public exposure(): EndpointExposureInfo[] {
    return this._exposures().map((x) => ({
      endpoint: x.endpoint.id,
      exposed: x.exposed,
      fromAnyNamespace: x.fromAnyNamespace.toString(),
      toAnyNamespace: x.toAnyNamespace.toString(),
      fromEverywhereOutside: x.fromEverywhereOutside.toString(),
      fromSomewhereOutside: x.fromSomewhereOutside.toString(),
      toEverywhereOutside: x.toEverywhereOutside.toString(),
    }));
  }

  /** The exposures with their port sets. @internal */
  public _exposures(): EndpointExposure[] {
    return endpointExposures(this._engine);
  }

  /**
   * Why traffic from one endpoint to another on a port is allowed or not: the policies that isolate
   * each side, and the rules that allow it (or that none does).
   */
  public explain(from: string, to: string, port: Port): ConnectionExplanation {
    const source = this.resolve(from);
    const destination = this.resolve(to);
    return toExplanation(this.verdict(source, destination, portEntrySet(port, destination)));
  }

  /**
   * What changes from this analysis (before) to another (after): for every ordered pair of endpoint
   * ids of either, the ports opened and closed. Pairs without change are left out.
   */
  public diff(after: Reachability): ConnectionChange[] {
    const out: ConnectionChange[] = [];
    for (const c of this._diff(after)) {
      out.push({
        from: c.from,
        to: c.to,
        opened: portRanges(c.opened),
        closed: portRanges(c.closed),
        openedDescription: c.opened.toString(),
        closedDescription: c.closed.toString(),
      });
    }
    return out;
  }

  /** The changes of `diff`, one at a time, in pair order. @internal */
  public _diff(after: Reachability): Generator<PairChange> {
    return diffEngines(this._engine, after._engine);
  }

  /**
   * The analysis as JSON: `{"endpoints": [{id, kind, namespace, name, labels}], "connections":
   * [{from, to, allowed: {"TCP": [[80, 80]], "UDP": [], "SCTP": []}}]}`, every ordered pair listed.
   */
  public toJson(): any {
    const out: any = { endpoints: [], connections: [] };
    writeAnalysisJson(this, (chunk) => out.connections.push(...chunk), (e) => out.endpoints.push(...e));
    return out;
  }

  /**
   * The connectivity graph in Graphviz DOT: one cluster per namespace, one box per class of
   * endpoints the policies treat alike (with how many), external ranges as ellipses, edges labelled
   * with the allowed ports (`TCP 80, 443; UDP 53`, `all`). Large graphs fold and say so.
   */
  public toDot(options?: GraphOptions): string {
    return analysisGraph(this, 'dot', options);
  }

  /**
   * The connectivity graph as Mermaid (`flowchart LR`), kept within the size that GitHub renders
   * in a Markdown file or a pull request comment (folding more when needed).
   */
  public toMermaid(options?: GraphOptions): string {
    return analysisGraph(this, 'mermaid', options);
  }

  /** @internal */
  public _allowedSetByIndex(from: number, to: number): PortSet {
    return this._engine.allowed(from, to);
  }

  /** @internal */
  public _verdict(from: string, to: string, requested: PortSet): ConnectionVerdict {
    return this.verdict(this.resolve(from), this.resolve(to), requested);
  }

  private verdict(source: ClusterEndpoint, destination: ClusterEndpoint, requested: PortSet): ConnectionVerdict {
    const inventory = this._inventory;
    return explainConnection(inventory.cluster, this.policyModels, this._engine.options, source, destination, requested,
      inventory.clusterPolicies, this.orderedModels);
  }

  private allowedSet(from: string, to: string): PortSet {
    return this.allowedBetween(this.resolve(from), this.resolve(to));
  }

  /** Through the classes for endpoints of the analysis; rule by rule for an address given only in a question. */
  private allowedBetween(source: ClusterEndpoint, destination: ClusterEndpoint): PortSet {
    const f = this._engine.indexOf(source.id);
    const t = this._engine.indexOf(destination.id);
    if (f >= 0 && t >= 0) return this._engine.allowed(f, t);
    const v = this.verdict(source, destination, PortSet.ALL);
    return v.egress.allowedPorts.intersect(v.ingress.allowedPorts);
  }

  private resolve(ref: string): ClusterEndpoint {
    const cluster = this._inventory.cluster;
    if (findEndpoint(cluster, ref) === undefined && parseAddressRange(ref.trim())) return externalEndpoint(ref.trim());
    return resolveEndpoint(cluster, ref);
  }

  /** Whether a Calico or Cilium policy that isolates the endpoint in this direction applies to it. */
  private orderedIsolates(e: ClusterEndpoint, direction: 'ingress' | 'egress'): boolean {
    if (e.external || e.hostNetwork) return false;
    const cluster = this._inventory.cluster;
    return this.orderedModels.some((p) => p[direction] !== undefined
      && (direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress) && p.subject.matches(e, cluster));
  }

  private endpointInfo(e: ClusterEndpoint, index: number): EndpointInfo {
    const cls = this._engine.classes[this._engine.classOf[index]];
    return {
      id: e.id,
      kind: e.kind,
      namespace: e.namespace,
      name: e.name,
      labels: { ...e.labels },
      hostNetwork: e.hostNetwork,
      external: e.external,
      cidrs: e.external ? rangeCidrs(e.addresses[0]) : [],
      ingressIsolated: cls.ingressIsolated || this.orderedIsolates(cls.representative, 'ingress'),
      egressIsolated: cls.egressIsolated || this.orderedIsolates(cls.representative, 'egress'),
    };
  }
}

/** The ranges of a port set, by protocol. */
export function portRanges(set: PortSet): PortRange[] {
  const out: PortRange[] = [];
  for (const protocol of ALL_PROTOCOLS) {
    for (const [first, last] of set.intervals(protocol)) out.push({ protocol, first, last });
  }
  return out;
}

/** The JSON of an endpoint, as the analysis JSON lists it. Internal: used by `toJson` and the CLI. */
export function endpointJson(e: ClusterEndpoint): any {
  const json: any = { id: e.id, kind: e.kind, namespace: e.namespace ?? null, name: e.name, labels: { ...e.labels } };
  if (e.hostNetwork) json.hostNetwork = true;
  if (e.external) json.cidrs = rangeCidrs(e.addresses[0]);
  return json;
}

/**
 * Writes the analysis JSON's parts: the endpoints, then the connections in chunks (so that a large
 * analysis can be streamed). Internal: used by `toJson`.
 */
export function writeAnalysisJson(
  r: Reachability,
  connections: (chunk: any[]) => void,
  endpoints: (list: any[]) => void,
): void {
  endpoints(r._inventory.cluster.endpoints.map(endpointJson));
  let chunk: any[] = [];
  for (const pair of r._pairs(true)) {
    chunk.push({ from: pair.from.id, to: pair.to.id, allowed: pair.allowed.toJson() });
    if (chunk.length >= 10000) {
      connections(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) connections(chunk);
}

function toExplanation(v: ConnectionVerdict): ConnectionExplanation {
  return {
    from: v.from.id,
    to: v.to.id,
    ports: v.requested.toString(),
    allowed: v.allowed,
    egress: toDirection(v.egress, v.requested),
    ingress: toDirection(v.ingress, v.requested),
    text: formatVerdict(v),
  };
}

function toDirection(side: SideVerdict, requested: PortSet): DirectionExplanation {
  const asked = (d: TierDecision): boolean => !d.ports.intersect(requested).isEmpty;
  const tierRule = (tier: PolicyTier) => (d: TierDecision): TierRuleReference => {
    const peerIndex = side.tierPeerIndex.get(d) ?? -1;
    const reference: { -readonly [K in keyof TierRuleReference]: TierRuleReference[K] } = {
      tier,
      policy: clusterPolicyId(d.entry),
      kind: d.entry.kind,
      action: d.rule.action,
      ruleIndex: d.ruleIndex,
      peerIndex,
      field: tierDecisionField(d, side),
      peer: peerIndex < 0 ? 'any peer' : d.rule.peers[peerIndex].toString(),
      ports: d.ports.intersect(requested).toString(),
    };
    if (d.rule.name !== undefined) reference.ruleName = d.rule.name;
    return reference;
  };
  const dialectRules: DialectRuleReference[] = [];
  if (side.ordered) {
    for (const d of side.ordered.decisions) {
      const ports = d.ports.intersect(requested);
      if (ports.isEmpty) continue;
      const reference: { -readonly [K in keyof DialectRuleReference]: DialectRuleReference[K] } = d.policy === undefined || d.rule === undefined
        ? { policy: 'NetworkPolicies', action: d.action, peer: 'their rules (see allowingRules)', ports: ports.toString() }
        : { policy: orderedPolicyId(d.policy), action: d.action, field: d.rule.field, peer: d.rule.peer?.description ?? 'any peer', ports: ports.toString() };
      dialectRules.push(reference);
    }
    const byDefault = side.ordered.deniedByDefault.intersect(requested);
    if (!byDefault.isEmpty) dialectRules.push({ policy: '', action: 'Default deny', peer: 'any peer', ports: byDefault.toString() });
  }
  return {
    tierRules: [
      ...side.admin.decisions.filter(asked).map(tierRule(PolicyTier.ADMIN)),
      ...side.baseline.decisions.filter(asked).map(tierRule(PolicyTier.BASELINE)),
    ],
    dialectRules,
    direction: side.direction,
    endpoint: side.endpoint.id,
    subjectToPolicy: side.notSubject === undefined,
    isolated: side.isolating.length > 0,
    isolatingPolicies: side.isolating.map(policyId),
    allowingRules: side.allowing.map((m) => {
      const rule = m.direction === PolicyType.EGRESS ? m.policy.egress[m.ruleIndex] : m.policy.ingress[m.ruleIndex];
      return {
        policy: policyId(m.policy),
        direction: m.direction,
        ruleIndex: m.ruleIndex,
        peerIndex: m.peerIndex,
        field: ruleField(m),
        peer: m.peerIndex < 0 ? 'any peer' : rule.peers[m.peerIndex].toString(),
        ports: m.ports.toString(),
      };
    }),
    allowed: side.allowed,
  };
}

function origin(note: InventoryObjectNote): { location: string; file?: string; line?: number; object: string } {
  const out: { location: string; file?: string; line?: number; object: string } = { location: note.location, object: note.object };
  if (note.file !== undefined) out.file = note.file;
  if (note.line !== undefined) out.line = note.line;
  return out;
}

/** `2 objects of the input cannot be read:` and one line per object (`file:line Kind ns/name: field: message`). */
export function describeProblems(problems: readonly AnalysisProblem[], what = 'cannot be read'): string {
  const lines = problems.map((p) => {
    const where = p.file !== undefined ? `${p.file}${p.line !== undefined ? `:${p.line}` : ''}` : p.location;
    return `  ${where}${p.object ? ` ${p.object}` : ''}: ${p.message}`;
  });
  return `${problems.length} ${problems.length === 1 ? 'object' : 'objects'} of the input ${what}:\n${lines.join('\n')}`;
}

/** An address outside the cluster that a question names but the analysis does not have as an endpoint. */
function externalEndpoint(cidr: string): ClusterEndpoint {
  return {
    id: cidr,
    kind: EXTERNAL_KIND,
    name: cidr,
    labels: {},
    containerPorts: [],
    addresses: [parseAddressRange(cidr)!],
    hostNetwork: false,
    external: true,
    owned: false,
  };
}

function objectKeyOf(apiVersion: unknown, kind: unknown, namespace: unknown, name: unknown): string {
  return `${String(apiVersion)}|${String(kind)}|${String(namespace ?? '')}|${String(name)}`;
}

/** Where an object was read from, as a note names it. */
function sourceOrigin(source: SourceLocation): { location: string; file?: string; line?: number } {
  const location = source.file !== undefined ? `${source.file}#${source.index ?? 0}${source.path !== undefined ? `.${source.path}` : ''}` : source.constructPath ?? 'object';
  const out: { location: string; file?: string; line?: number } = { location };
  if (source.file !== undefined) out.file = source.file;
  if (source.line !== undefined) out.line = source.line;
  return out;
}
