import { AddressPool, unusableAddress } from './lab-addresses';
import { LabExternal, LabPod, LabProbe, LabScenario } from './lab-scenario';
import { ReachabilityEngine } from '../analysis/class-engine';
import { ClusterModel } from '../analysis/cluster-model';
import { NetworkPolicyModel, parseNetworkPolicy, Protocol } from '../model';

/**
 * A reachability case of the shared format (test/fixtures/reachability/case-file.schema.json):
 * namespaces, pods with labels, IPs and container ports, policies, and expectations.
 */
export interface ReachabilityCase {
  readonly id: string;
  readonly assumptions?: { readonly ipBlockAppliesToPods?: boolean };
  readonly namespaces: ReadonlyArray<{ name: string; labels: { [k: string]: string } }>;
  readonly pods: ReadonlyArray<{
    namespace: string;
    name: string;
    labels: { [k: string]: string };
    ip?: string;
    workload?: string;
    ports: ReadonlyArray<{ port: number; protocol: string; name?: string }>;
  }>;
  readonly policies: readonly any[];
  readonly expect: ReadonlyArray<{ from: string; to: string; port: number; protocol: string; allowed: boolean; loopback?: boolean }>;
}

/** A case made ready for the lab, with the analysis' prediction of each probe. */
export interface CasePlan {
  readonly scenario: LabScenario;
  /** Endpoints the lab cannot create (a colliding or unusable address), and why; never re-addressed. */
  readonly notRunnable: ReadonlyArray<{ endpoint: string; reason: string }>;
  /** Policies the analysis cannot read (the API server will say the same or disagree: both are reported). */
  readonly unreadablePolicies: string[];
  /** What the analysis says of a probe, with ipBlocks matching pod IPs (as kube-router does). */
  predict(probe: LabProbe): boolean | undefined;
}

/**
 * Turns a case into a lab scenario. Pods keep the case's IPs; a pod without one gets a free lab
 * address (the prediction uses it too). A pod or external address the lab cannot use (loopback,
 * the lab's own ranges, used twice) is not created and its probes are unmeasurable, unless no
 * policy of the case has an ipBlock and no endpoint is external: then addresses mean nothing and
 * such a pod gets a lab address. A case's meaning is never changed by re-addressing.
 */
export function planFromCase(c: ReachabilityCase): CasePlan {
  const notRunnable: Array<{ endpoint: string; reason: string }> = [];
  const taken = new Set<string>();
  const seen = new Map<string, number>();
  for (const p of c.pods) if (p.ip) seen.set(p.ip, (seen.get(p.ip) ?? 0) + 1);
  const externalIps = [...new Set(c.expect.flatMap((x) => [x.from, x.to]).filter((r) => r.startsWith('ip:')).map((r) => r.slice(3)))];
  for (const ip of externalIps) seen.set(ip, (seen.get(ip) ?? 0) + 1);
  const problem = (ip: string) => unusableAddress(ip) ?? ((seen.get(ip) ?? 0) > 1 ? `${ip} is used by more than one endpoint of the case` : undefined);
  // Without ipBlocks and external endpoints no verdict depends on an address: pods whose addresses
  // the lab cannot use are given lab addresses, which changes nothing of the case's meaning.
  const addressesMatter = externalIps.length > 0 || JSON.stringify(c.policies).includes('"ipBlock"');

  const runnable: Array<{ pod: ReachabilityCase['pods'][number]; ip?: string }> = [];
  for (const pod of c.pods) {
    if (pod.ip && !addressesMatter && problem(pod.ip)) {
      runnable.push({ pod });
      continue;
    }
    if (pod.ip) {
      const why = problem(pod.ip);
      if (why) {
        notRunnable.push({ endpoint: `${pod.namespace}/${pod.name}`, reason: why });
        continue;
      }
      taken.add(pod.ip);
    }
    runnable.push({ pod, ip: pod.ip });
  }
  const externals: LabExternal[] = [];
  for (const ip of externalIps) {
    const why = problem(ip);
    if (why) {notRunnable.push({ endpoint: `ip:${ip}`, reason: why });} else {
      taken.add(ip);
      externals.push({ ref: `ip:${ip}`, ip });
    }
  }
  const pool = new AddressPool(taken);
  const pods: LabPod[] = runnable.map(({ pod, ip }) => ({
    ref: `${pod.namespace}/${pod.name}`, namespace: pod.namespace, name: pod.name, labels: pod.labels, ports: pod.ports, ip: ip ?? pool.allocate(),
  }));

  // The analysis of the case as the lab runs it: the same pods with the lab's addresses.
  const cluster = new ClusterModel();
  for (const ns of c.namespaces) cluster.addNamespace(ns.name, ns.labels);
  const ids = new Map<string, string>();
  for (const pod of c.pods) {
    const lab = pods.find((p) => p.ref === `${pod.namespace}/${pod.name}`);
    const e = cluster.addWorkload({
      namespace: pod.namespace,
      name: pod.name,
      kind: pod.workload ?? 'Pod',
      labels: pod.labels,
      containerPorts: pod.ports.map((p) => ({ port: p.port, protocol: p.protocol as Protocol, ...(p.name ? { name: p.name } : {}) })),
      ips: lab ? [lab.ip] : pod.ip ? [pod.ip] : [],
    });
    if (e) ids.set(`${pod.namespace}/${pod.name}`, e.id);
  }
  for (const ip of externalIps) {
    const e = cluster.addExternal(ip);
    if (e) ids.set(`ip:${ip}`, e.id);
  }
  const policies: NetworkPolicyModel[] = [];
  const unreadablePolicies: string[] = [];
  for (const p of c.policies) {
    const r = parseNetworkPolicy(p);
    if (r.policy) policies.push(r.policy);
    else unreadablePolicies.push(`${p?.metadata?.namespace}/${p?.metadata?.name}: ${r.errors.map((e) => e.message).join('; ')}`);
  }
  const engine = new ReachabilityEngine(cluster, policies, { ipBlockMatchesPods: true });
  const probes: LabProbe[] = c.expect.map((x) => ({ from: x.from, to: x.to, port: x.port, protocol: x.protocol }));
  return {
    scenario: { namespaces: c.namespaces, pods, externals, policies: c.policies, probes },
    notRunnable,
    unreadablePolicies,
    predict(probe: LabProbe): boolean | undefined {
      const from = engine.indexOf(ids.get(probe.from) ?? '');
      const to = engine.indexOf(ids.get(probe.to) ?? '');
      if (from < 0 || to < 0) return undefined;
      return engine.allowed(from, to).has(probe.protocol as Protocol, probe.port);
    },
  };
}
