import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { parseAddressRange } from './address-range';
import { ReachabilityEngine } from './class-engine';
import { ClusterEndpoint, EXTERNAL_KIND } from './cluster-model';
import { findEndpoint, resolveEndpoint } from './endpoint-reference';
import { ConnectionVerdict, explainConnection, formatVerdict, policyId, ruleField, SideVerdict } from './explain';
import { Inventory, InventoryInput, InventoryObjectNote, readInventory } from './manifest-inventory';
import { portEntrySet } from './policy-semantics';
import { PortSet } from './port-set';
import { diffEngines } from './reachability-diff';
import {
  AllowedConnection, AnalysisNote, AnalysisProblem, ConnectionChange, ConnectionExplanation, DirectionExplanation, EndpointInfo,
  LeftOutReason, PortRange, ReachabilityOptions,
} from './reachability-types';
import { readManifests } from '../io';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { PolicyType } from '../model/policy-type';
import { Port } from '../model/port';
import { ALL_PROTOCOLS } from '../model/protocol';
import { GraphOptions } from '../report/graph-options';
import { analysisGraph } from '../report/render-graph';

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
        paths.set(objectKeyOf(o.apiVersion, o.kind, o.metadata.namespace, o.name), o.node.path);
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

  private constructor(inputs: readonly InventoryInput[], options: ReachabilityOptions) {
    this._inventory = readInventory(inputs, { externals: options.externals, podIps: options.podIps });
    if (this._inventory.problems.length > 0 && options.skipInvalid !== true) {
      throw new Error(`cannot analyse: ${describeProblems(this.problems)}\nFix them, or pass skipInvalid: true to analyse without them (the answer then says it is incomplete).`);
    }
    this.policyModels = this._inventory.policies.map((p) => p.policy);
    this._engine = new ReachabilityEngine(this._inventory.cluster, this.policyModels, {
      ipBlockMatchesPods: options.ipBlockMatchesPods ?? true,
    });
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
   * read (with `skipInvalid`) and policies of other APIs (Calico, Cilium, AdminNetworkPolicy, ...),
   * which can deny, or allow, what the NetworkPolicies decide.
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
    return [...this._inventory.duplicates, ...this._inventory.serverFields].map((n) => ({ ...origin(n), message: n.message }));
  }

  /** The ids (`namespace/name`) of the NetworkPolicies read. */
  public get policies(): string[] {
    return this.policyModels.map(policyId);
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
    const endpoints = this._inventory.cluster.endpoints;
    const out: AllowedConnection[] = [];
    for (let f = 0; f < endpoints.length; f++) {
      for (let t = 0; t < endpoints.length; t++) {
        const set = this._engine.allowed(f, t);
        if (!includeDenied && set.isEmpty) continue;
        out.push({ from: endpoints[f].id, to: endpoints[t].id, ports: portRanges(set), description: set.toString() });
      }
    }
    return out;
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
    return diffEngines(this._engine, after._engine).map((c) => ({
      from: c.from,
      to: c.to,
      opened: portRanges(c.opened),
      closed: portRanges(c.closed),
      openedDescription: c.opened.toString(),
      closedDescription: c.closed.toString(),
    }));
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
    return explainConnection(this._inventory.cluster, this.policyModels, this._engine.options, source, destination, requested);
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
      ingressIsolated: cls.ingressIsolated,
      egressIsolated: cls.egressIsolated,
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

/**
 * Writes the analysis JSON's parts: the endpoints, then the connections in chunks (so that a large
 * analysis can be streamed). Internal: used by `toJson` and the CLI.
 */
export function writeAnalysisJson(
  r: Reachability,
  connections: (chunk: any[]) => void,
  endpoints: (list: any[]) => void,
): void {
  const list = r._inventory.cluster.endpoints;
  endpoints(list.map((e) => {
    const json: any = { id: e.id, kind: e.kind, namespace: e.namespace ?? null, name: e.name, labels: { ...e.labels } };
    if (e.hostNetwork) json.hostNetwork = true;
    return json;
  }));
  let chunk: any[] = [];
  for (let f = 0; f < list.length; f++) {
    for (let t = 0; t < list.length; t++) {
      chunk.push({ from: list[f].id, to: list[t].id, allowed: r._allowedSetByIndex(f, t).toJson() });
      if (chunk.length >= 10000) {
        connections(chunk);
        chunk = [];
      }
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
    egress: toDirection(v.egress),
    ingress: toDirection(v.ingress),
    text: formatVerdict(v),
  };
}

function toDirection(side: SideVerdict): DirectionExplanation {
  return {
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
