import { isCalicoV3Object } from './calico-crd-objects';
import { equivalentAddress, ipBlockBounds } from './equivalent-address';
import { AddressPool, numberToIp, unusableAddress } from './lab-addresses';
import { LabExternal, LabPod, LabProbe, LabScenario } from './lab-scenario';
import { InventoryInput } from '../analysis/manifest-inventory';
import { Reachability } from '../analysis/reachability';
import { NAMESPACE_NAME_LABEL } from '../model/peer';

/** Options of a lab run over manifests. */
export interface ManifestPlanOptions {
  /** Ports probed on every pod besides its declared container ports (each over TCP and UDP). */
  readonly ports?: readonly number[];
  /** Addresses outside the cluster to probe to and from (single IPv4 addresses). */
  readonly externals?: readonly string[];
}

/** A lab run over manifests, and what the analysis predicts for each of its probes. */
export interface ManifestPlan {
  readonly scenario: LabScenario;
  /** The analysis of the manifests with the lab's pod IPs (so that ipBlocks see the addresses the lab uses). */
  readonly reachability: Reachability;
  /** Endpoints the lab cannot create, and why (their probes are unmeasurable). */
  readonly notRunnable: ReadonlyArray<{ endpoint: string; reason: string }>;
  /** Pods run with another address that every ipBlock and except of the input treats alike. */
  readonly readdressed: ReadonlyArray<{ endpoint: string; from: string; to: string }>;
  /** What the analysis says of a probe. */
  predict(probe: LabProbe): boolean;
}

/**
 * Plans a lab run over decoded manifests: a pod for every endpoint the analysis finds (a workload's
 * pod template with its labels and container ports; a Pod as it is, with its IP when it has a usable
 * one), every policy, and a probe of every ordered pair on the destination's declared ports and
 * `ports`, over TCP and UDP (SCTP ports stay SCTP, and unmeasurable).
 */
export function planFromManifests(inputs: readonly InventoryInput[], options: ManifestPlanOptions = {}): ManifestPlan {
  const first = Reachability._fromInputs(inputs, { skipInvalid: true });
  const cluster = first._inventory.cluster;
  const taken = new Set<string>();
  const notRunnable: Array<{ endpoint: string; reason: string }> = [];
  const externals: LabExternal[] = [];
  for (const ip of options.externals ?? []) {
    const why = unusableAddress(ip);
    if (why) {notRunnable.push({ endpoint: ip, reason: why });} else if (!taken.has(ip)) {
      taken.add(ip);
      externals.push({ ref: ip, ip });
    }
  }
  const bounds = ipBlockBounds(first._inventory.policies.map((p) => p.manifest));
  const readdressed: Array<{ endpoint: string; from: string; to: string }> = [];
  const owned = new Set<string>();
  // Usable addresses of the input first, so that a re-addressed pod never takes another's own address.
  for (const e of cluster.endpoints) {
    const given = e.external ? undefined : e.addresses.find((a) => a.family === 4);
    if (given && !unusableAddress(numberToIp(Number(given.first)))) taken.add(numberToIp(Number(given.first)));
  }
  const wanted: Array<{ id: string; namespace: string; name: string; labels: { [k: string]: string }; ports: LabPod['ports']; ip?: string }> = [];
  const podIps: { [endpoint: string]: string[] } = {};
  for (const e of cluster.endpoints) {
    if (e.external) continue;
    if (e.hostNetwork) {
      notRunnable.push({ endpoint: e.id, reason: 'a host-network pod (the lab has no host-network listeners yet)' });
      continue;
    }
    const given = e.addresses.find((a) => a.family === 4);
    let ip: string | undefined;
    if (given) {
      ip = numberToIp(Number(given.first));
      const why = unusableAddress(ip) ?? (owned.has(ip) ? `${ip} is used by another endpoint` : undefined);
      if (why) {
        // Another address that every ipBlock and except of the input treats alike stands for it.
        const other = equivalentAddress(ip, bounds, taken);
        if (other === undefined) {
          notRunnable.push({ endpoint: e.id, reason: `${why}, and no other address is the same for the input's ipBlocks` });
          continue;
        }
        readdressed.push({ endpoint: e.id, from: ip, to: other });
        ip = other;
        taken.add(ip);
      }
      owned.add(ip);
    }
    wanted.push({ id: e.id, namespace: e.namespace!, name: e.name, labels: e.labels, ports: e.containerPorts, ip });
  }
  const pool = new AddressPool(taken);
  const names = new Set<string>();
  const pods: LabPod[] = wanted.map((w) => {
    const ip = w.ip ?? pool.allocate();
    podIps[w.id] = [ip];
    // One pod per endpoint; a workload and a Pod of the same name get the kind as a suffix.
    let name = podName(w.name);
    if (names.has(`${w.namespace}/${name}`)) name = podName(`${w.name}-${w.id.replace(/^.*\[(.*)\]$/, '$1').toLowerCase()}`);
    names.add(`${w.namespace}/${name}`);
    return { ref: w.id, namespace: w.namespace, name, labels: w.labels, ports: w.ports, ip };
  });
  const reachability = Reachability._fromInputs(inputs, { skipInvalid: true, podIps, externals: externals.map((x) => x.ip) });

  const extra = [...new Set(options.ports ?? [])];
  const probes: LabProbe[] = [];
  const endpoints = [
    ...pods.map((p) => ({ ref: p.ref, ports: p.ports, external: false })),
    ...externals.map((x) => ({ ref: x.ref, ports: [] as LabPod['ports'], external: true })),
  ];
  for (const from of endpoints) {
    for (const to of endpoints) {
      // Between two addresses outside the cluster no pod is passed, so no policy has a say: not probed.
      if (from === to || (from.external && to.external)) continue;
      const seen = new Set<string>();
      const add = (port: number, protocol: string) => {
        if (seen.has(`${protocol}/${port}`)) return;
        seen.add(`${protocol}/${port}`);
        probes.push({ from: from.ref, to: to.ref, port, protocol });
      };
      for (const p of to.ports) {
        if (p.protocol === 'SCTP') {add(p.port, 'SCTP');} else {
          add(p.port, 'TCP');
          add(p.port, 'UDP');
        }
      }
      for (const port of extra) {
        add(port, 'TCP');
        add(port, 'UDP');
      }
    }
  }
  const namespaces = cluster.namespaces.map((ns) => ({ name: ns.name, labels: withoutNameLabel(ns.labels) }));
  const policies = first._inventory.policies.map((p) => p.manifest);
  // The analysis lists Calico's objects as another API; the Calico engine applies them, the others refuse them.
  const calicoObjects = inputs.map((i) => i.object).filter(isCalicoV3Object);
  const clusterPolicies = first._inventory.clusterPolicies.map((p) => p.manifest);
  const cache = new Map<string, ReturnType<Reachability['allowedPorts']>>();
  return {
    scenario: { namespaces, pods, externals, policies, calicoObjects, clusterPolicies, probes },
    reachability,
    notRunnable,
    readdressed,
    predict(probe: LabProbe): boolean {
      const key = `${probe.from}\u0000${probe.to}`;
      let ranges = cache.get(key);
      if (!ranges) {
        ranges = reachability.allowedPorts(probe.from, probe.to);
        cache.set(key, ranges);
      }
      return ranges.some((r) => r.protocol === probe.protocol && r.first <= probe.port && probe.port <= r.last);
    },
  };
}

function withoutNameLabel(labels: { [k: string]: string }): { [k: string]: string } {
  const out = { ...labels };
  delete out[NAMESPACE_NAME_LABEL];
  return out;
}

/** A valid Pod name (DNS subdomain) from a workload's name. */
function podName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.-]/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 253) || 'pod';
}
