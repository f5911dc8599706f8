import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ReachabilityEngine } from './class-engine';
import { ClusterEndpoint } from './cluster-model';
import { resolveEndpoint } from './endpoint-reference';
import { ConnectionVerdict, explainConnection, formatVerdict, policyId, ruleField, SideVerdict } from './explain';
import { Inventory, InventoryInput, readInventory } from './manifest-inventory';
import { portEntrySet } from './policy-semantics';
import { PortSet } from './port-set';
import { diffEngines } from './reachability-diff';
import {
  AllowedConnection, AnalysisProblem, ConnectionChange, ConnectionExplanation, DirectionExplanation, EndpointInfo, PortRange,
  ReachabilityOptions,
} from './reachability-types';
import { readManifests } from '../io';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { PolicyType } from '../model/policy-type';
import { Port } from '../model/port';
import { ALL_PROTOCOLS } from '../model/protocol';

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
    const manifests = charts.flatMap((chart) => chart.toJson());
    return Reachability.fromManifests(manifests, options);
  }

  /**
   * The analysis of Kubernetes objects given as plain JSON (as decoded from YAML). Unknown kinds are
   * ignored; malformed objects are skipped and listed in `problems`.
   */
  public static fromManifests(manifests: any[], options: ReachabilityOptions = {}): Reachability {
    return new Reachability(manifests.map((object) => ({ object })), options);
  }

  /**
   * The analysis of manifest files and directories (YAML, multi-document, JSON, List objects).
   * Throws when a path cannot be read or a file has a syntax error.
   */
  public static fromFiles(paths: string[], options: ReachabilityOptions = {}): Reachability {
    return new Reachability(readManifests(paths), options);
  }

  /** @internal */
  public readonly _inventory: Inventory;
  /** @internal */
  public readonly _engine: ReachabilityEngine;
  private readonly policyModels: NetworkPolicyModel[];

  private constructor(inputs: readonly InventoryInput[], options: ReachabilityOptions) {
    this._inventory = readInventory(inputs, { externals: options.externals, podIps: options.podIps });
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

  /** The objects of the input that were skipped, and why. */
  public get problems(): AnalysisProblem[] {
    return this._inventory.problems.map((p) => ({ location: p.location, object: p.object, field: p.field, message: p.message }));
  }

  /** The ids (`namespace/name`) of the NetworkPolicies read. */
  public get policies(): string[] {
    return this.policyModels.map(policyId);
  }

  /**
   * The id of the endpoint a reference names: an id, `namespace/name`, `name`, or an external IP.
   * Throws when it names none (listing the nearest ids) or several.
   */
  public findEndpoint(ref: string): string {
    return resolveEndpoint(this._inventory.cluster, ref).id;
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
    return requested.subtract(this._engine.allowed(this._engine.indexOf(source.id), this._engine.indexOf(destination.id))).isEmpty;
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
    return this._engine.allowed(this._engine.indexOf(this.resolve(from).id), this._engine.indexOf(this.resolve(to).id));
  }

  private resolve(ref: string): ClusterEndpoint {
    return resolveEndpoint(this._inventory.cluster, ref);
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
