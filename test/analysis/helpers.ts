import { Reachability, ReachabilityOptions } from '../../src/analysis';

/** A Pod manifest. */
export function pod(ns: string, name: string, labels: { [k: string]: string } = {}, extra: {
  ports?: Array<{ containerPort: number; name?: string; protocol?: string }>; ip?: string; hostNetwork?: boolean;
} = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { hostNetwork: extra.hostNetwork, containers: [{ name: 'c', image: 'x', ports: extra.ports }] },
    ...(extra.ip ? { status: { podIP: extra.ip } } : {}),
  };
}

export function namespace(name: string, labels: { [k: string]: string } = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A NetworkPolicy manifest from its spec. */
export function policy(namespaceName: string, name: string, spec: any): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: namespaceName }, spec };
}

export function analyze(manifests: any[], options?: ReachabilityOptions): Reachability {
  return Reachability.fromManifests(manifests, options);
}

/** The allowed ports from one endpoint to another as text. */
export function allowed(r: Reachability, from: string, to: string): string {
  return r.connections(true).find((c) => c.from === r.findEndpoint(from) && c.to === r.findEndpoint(to))!.description;
}
