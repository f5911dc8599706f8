import { IConstruct } from 'constructs';
import { portEntrySet } from '../analysis/policy-semantics';
import { Reachability } from '../analysis/reachability';
import { PolicyType } from '../model/policy-type';
import { Port } from '../model/port';

/** What the matchers accept: a cdk8s App or Chart (any construct with charts under it), or an analysis. */
export type ReachabilitySubject = Reachability | IConstruct;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * Whether the policies of the chart (or app, or analysis) allow traffic from one endpoint to
       * another: on `port` (every port of a range or protocol; a named port resolved on the
       * destination), or on some port when `port` is left out. Endpoints are ids
       * (`shop/db[Deployment]`), `namespace/name` or names. The failure message explains which
       * policies isolate each side and which rule allows the traffic, or that none does.
       *
       * @example expect(chart).toAllowTraffic('web', 'db', Port.tcp(5432));
       */
      toAllowTraffic(from: string, to: string, port?: Port): R;
      /**
       * Whether some policy isolates the endpoint for the direction (Ingress by default).
       *
       * @example expect(chart).toIsolate('db', PolicyType.INGRESS);
       */
      toIsolate(endpoint: string, direction?: PolicyType): R;
    }
  }
}

/** The analysis of a subject: itself, or that of the charts under a construct. */
export function reachabilityOf(subject: ReachabilitySubject): Reachability {
  return subject instanceof Reachability ? subject : Reachability.of(subject);
}

interface MatcherResult { pass: boolean; message: () => string }

/** The matchers, for `expect.extend(reachabilityMatchers)` (done on import when jest's `expect` is there). */
export const reachabilityMatchers = {
  toAllowTraffic(received: ReachabilitySubject, from: string, to: string, port?: Port): MatcherResult {
    const r = reachabilityOf(received);
    let fromId: string;
    let toId: string;
    try {
      fromId = r.findEndpoint(from);
      toId = r.findEndpoint(to);
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

  toIsolate(received: ReachabilitySubject, endpoint: string, direction: PolicyType = PolicyType.INGRESS): MatcherResult {
    const r = reachabilityOf(received);
    let id: string;
    try {
      id = r.findEndpoint(endpoint);
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
