import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DEFAULT_NAMESPACE, endpointId } from '../analysis/cluster-model';
import { portEntrySet } from '../analysis/policy-semantics';
import { describeProblems, Reachability } from '../analysis/reachability';
import { PolicyType } from '../model/policy-type';
import { Port } from '../model/port';

/** What the matchers accept: a cdk8s App or Chart (any construct with charts under it), or an analysis. */
export type ReachabilitySubject = Reachability | IConstruct;

/**
 * An endpoint, as the matchers take it: an id or any reference `Reachability.findEndpoint` accepts
 * (`web`, `shop/web`, `shop/shop-web-c81100ac[Deployment]`, an IP), or the construct itself: a
 * cdk8s-plus workload (`kplus.Deployment`, ...) or an `ApiObject` of a Pod or workload.
 */
export type EndpointReference = string | IConstruct;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * Whether the policies of the chart (or app, or analysis) allow traffic from one endpoint to
       * another: on `port` (every port of a range or protocol; a named port resolved on the
       * destination), or on some port when `port` is left out. Endpoints are the workloads
       * themselves, ids (`shop/db[Deployment]`), `namespace/name` or names (see `EndpointReference`).
       * The failure message explains which policies isolate each side and which rule allows the
       * traffic, or that none does. An analysis that leaves out objects of the input fails the test
       * either way (`.not` included), naming them.
       *
       * @example expect(chart).toAllowTraffic('web', 'db', Port.tcp(5432));
       */
      toAllowTraffic(from: EndpointReference, to: EndpointReference, port?: Port): R;
      /**
       * Whether some policy isolates the endpoint for the direction (Ingress by default).
       *
       * @example expect(chart).toIsolate('db', PolicyType.INGRESS);
       */
      toIsolate(endpoint: EndpointReference, direction?: PolicyType): R;
    }
  }
}

/**
 * The analysis of a subject: itself, or that of the charts under a construct. An analysis that
 * leaves something out cannot answer a test: it throws, so that `.not` cannot pass on it.
 */
export function reachabilityOf(subject: ReachabilitySubject): Reachability {
  const r = subject instanceof Reachability ? subject : Reachability.of(subject);
  if (!r.complete) {
    throw new Error(`the analysis leaves out part of the input, so it cannot answer: ${describeProblems(r.leftOut, 'left out (policies of other APIs, or objects that cannot be read)')}`);
  }
  return r;
}

/** The reference `findEndpoint` takes for an endpoint given as a string or as a construct. */
export function endpointReference(ref: EndpointReference): string {
  if (typeof ref === 'string') return ref;
  const apiObject = apiObjectOf(ref);
  if (!apiObject) throw new Error(`${ref.node.path} is neither a workload nor an ApiObject: give the endpoint's id or name`);
  return endpointId(apiObject.metadata.namespace ?? DEFAULT_NAMESPACE, apiObject.name, apiObject.kind);
}

function apiObjectOf(c: IConstruct): ApiObject | undefined {
  if (ApiObject.isApiObject(c)) return c;
  const inner = (c as { apiObject?: unknown }).apiObject;
  if (inner !== undefined && ApiObject.isApiObject(inner)) return inner;
  return c.node.children.find((child): child is ApiObject => ApiObject.isApiObject(child));
}

interface MatcherResult { pass: boolean; message: () => string }

/** The matchers, for `expect.extend(reachabilityMatchers)` (done on import when jest's `expect` is there). */
export const reachabilityMatchers = {
  toAllowTraffic(received: ReachabilitySubject, from: EndpointReference, to: EndpointReference, port?: Port): MatcherResult {
    const r = reachabilityOf(received);
    let fromId: string;
    let toId: string;
    try {
      fromId = r.findEndpoint(endpointReference(from));
      toId = r.findEndpoint(endpointReference(to));
    } catch (e) {
      return { pass: false, message: () => `toAllowTraffic: ${(e as Error).message}` };
    }
    if (port === undefined) {
      const ports = r.allowedPorts(fromId, toId);
      const what = ports.length === 0 ? 'nothing' : ports.map((p) => (p.first === p.last ? `${p.protocol} ${p.first}` : `${p.protocol} ${p.first}-${p.last}`)).join(', ');
      return {
        pass: ports.length > 0,
        message: () => ports.length > 0
          ? `expected no traffic to be allowed from ${fromId} to ${toId}, but ${what} is allowed`
          : `expected some traffic to be allowed from ${fromId} to ${toId}, but nothing is\n${r.explain(fromId, toId, Port.allTraffic()).text}`,
      };
    }
    const pass = r.isAllowed(fromId, toId, port);
    const requested = portEntrySet(port, r._inventory.cluster.endpoint(toId));
    return {
      pass,
      message: () => {
        const head = pass
          ? `expected ${fromId} -> ${toId} on ${port.toString()} to be denied, but it is allowed`
          : `expected ${fromId} -> ${toId} on ${port.toString()} to be allowed, but it is not`;
        if (requested.isEmpty) return `${head}: the named port resolves to no container port of ${toId}`;
        return `${head}\n${r.explain(fromId, toId, port).text}`;
      },
    };
  },

  toIsolate(received: ReachabilitySubject, endpoint: EndpointReference, direction: PolicyType = PolicyType.INGRESS): MatcherResult {
    const r = reachabilityOf(received);
    let id: string;
    try {
      id = r.findEndpoint(endpointReference(endpoint));
    } catch (e) {
      return { pass: false, message: () => `toIsolate: ${(e as Error).message}` };
    }
    const info = r.endpoints.find((e) => e.id === id)!;
    const pass = direction === PolicyType.EGRESS ? info.egressIsolated : info.ingressIsolated;
    return {
      pass,
      message: () => `expected ${id} ${pass ? 'not ' : ''}to be isolated for ${direction}, but it ${pass ? 'is' : 'is not'}` +
        (info.hostNetwork ? ' (a host-network pod: NetworkPolicy does not apply to it)' : ''),
    };
  },
};

declare const expect: any;
if (typeof expect !== 'undefined' && typeof expect?.extend === 'function') {
  expect.extend(reachabilityMatchers);
}
