import { equivalentAddress, ipBlockBounds } from './equivalent-address';
import { AddressPool, isIpv4, unusableAddress } from './lab-addresses';
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
  /** Endpoints the lab cannot create (an unusable address with no equivalent one), and why. */
  readonly notRunnable: ReadonlyArray<{ endpoint: string; reason: string }>;
  /** Endpoints given another address that the case's ipBlocks treat the same way. */
  readonly readdressed: ReadonlyArray<{ endpoint: string; from: string; to: string }>;
  /** Policies the analysis cannot read (the API server will say the same or disagree: both are reported). */
  readonly unreadablePolicies: string[];
  /** What the analysis says of a probe, with ipBlocks matching pod IPs (as kube-router does). */
  predict(probe: LabProbe): boolean | undefined;
}

/**
 * Turns a case into a lab scenario. Pods keep the case's IPs; a pod without one gets a free lab
 * address (the prediction uses it too). An address the lab cannot use (loopback, 0.0.0.0/8, the lab's
 * own ranges, one already used by another endpoint) is replaced by another address that every ipBlock
 * and except of the case treats the same way (the same interval between their bounds), so the case
 * means the same; where there is none, the endpoint is not created and its probes are unmeasurable.
 */
export function planFromCase(c: ReachabilityCase): CasePlan {
  const notRunnable: Array<{ endpoint: string; reason: string }> = [];
  const readdressed: Array<{ endpoint: string; from: string; to: string }> = [];
  const taken = new Set<string>();
  const bounds = ipBlockBounds(c.policies);
  /** The address the lab uses for `ip`: itself, or an equivalent one; undefined with the reason pushed. */
  const place = (endpoint: string, ip: string): string | undefined => {
    const why = unusableAddress(ip) ?? (taken.has(ip) ? `${ip} is used by another endpoint of the case` : undefined);
    if (!why) {
      taken.add(ip);
      return ip;
    }
    const other = isIpv4(ip) ? equivalentAddress(ip, bounds, taken) : undefined;
    if (other === undefined) {
      notRunnable.push({ endpoint, reason: `${why}, and no other address is the same for the case's ipBlocks` });
      return undefined;
    }
    taken.add(other);
    readdressed.push({ endpoint, from: ip, to: other });
    return other;
  };

  const externalIps = [...new Set(c.expect.flatMap((x) => [x.from, x.to]).filter((r) => r.startsWith('ip:')).map((r) => r.slice(3)))];
  // Usable addresses first, so that a re-addressed endpoint never takes another's own address.
  for (const p of c.pods) if (p.ip && !unusableAddress(p.ip)) taken.add(p.ip);
  for (const ip of externalIps) if (!unusableAddress(ip)) taken.add(ip);
  const owned = new Set<string>();
  const claim = (endpoint: string, ip: string): string | undefined => {
    if (!unusableAddress(ip) && !owned.has(ip)) {
      owned.add(ip);
      return ip;
    }
    return place(endpoint, ip);
  };

  const runnable: Array<{ pod: ReachabilityCase['pods'][number]; ip?: string }> = [];
  for (const pod of c.pods) {
    if (!pod.ip) {
      runnable.push({ pod });
      continue;
    }
    const ip = claim(`${pod.namespace}/${pod.name}`, pod.ip);
    if (ip !== undefined) runnable.push({ pod, ip });
  }
  const externals: LabExternal[] = [];
  const externalAddress = new Map<string, string>();
  for (const ip of externalIps) {
    const used = claim(`ip:${ip}`, ip);
    if (used !== undefined) {
      externals.push({ ref: `ip:${ip}`, ip: used });
      externalAddress.set(ip, used);
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
    const e = cluster.addExternal(externalAddress.get(ip) ?? ip);
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
    readdressed,
    unreadablePolicies,
    predict(probe: LabProbe): boolean | undefined {
      const from = engine.indexOf(ids.get(probe.from) ?? '');
      const to = engine.indexOf(ids.get(probe.to) ?? '');
      if (from < 0 || to < 0) return undefined;
      return engine.allowed(from, to).has(probe.protocol as Protocol, probe.port);
    },
  };
}

