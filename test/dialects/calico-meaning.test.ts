import * as fc from 'fast-check';
import { calicoSelector, CalicoSelectorKind } from '../../src/dialects/calico/calico-selector';
import { parseCalicoSelector } from '../../src/dialects/calico/calico-selector-parser';
import { emitCalicoNetworkPolicy } from '../../src/dialects/calico/emit-calico';
import { validateCalicoManifest } from '../../src/dialects/calico/validate-calico';
import { cidrContains, parseCidrSloppy, parseIpSloppy } from '../../src/model/cidr';
import { LabelSelector } from '../../src/model/label-selector';
import { NetworkPolicyModel } from '../../src/model/network-policy-model';
import { Peer, PeerKind } from '../../src/model/peer';
import { PolicyRule } from '../../src/model/policy-rule';
import { Port } from '../../src/model/port';
import { Protocol } from '../../src/model/protocol';
import { arbLabelSelector, arbNetworkPolicyModel } from '../arbitraries';

/**
 * Meaning, not text: the Calico policy we write must allow exactly what the v1 policy allows,
 * judged by evaluating both over generated endpoints and connections. The Calico side is read as
 * Calico reads it (selectors through the mirror of libcalico-go's parser, nets, ports, protocol).
 */

const SEED = Number(process.env.FC_SEED ?? 1313);

interface Endpoint {
  readonly namespace?: string; // undefined: outside the cluster
  readonly nsLabels: { [key: string]: string };
  readonly labels: { [key: string]: string };
  readonly ip: string;
  readonly namedPorts: { name: string; protocol: Protocol; port: number }[];
}

interface Traffic { readonly protocol: Protocol; readonly port: number }

function labelPool(model: NetworkPolicyModel): Array<[string, string]> {
  const pool: Array<[string, string]> = [];
  const add = (s?: LabelSelector) => {
    if (!s) return;
    for (const [k, v] of Object.entries(s.matchLabels)) pool.push([k, v]);
    for (const r of s.matchExpressions) {
      for (const v of r.values ?? ['x']) pool.push([r.key, v]);
    }
  };
  add(model.podSelector);
  for (const rule of [...model.ingress, ...model.egress]) {
    for (const p of rule.peers) { add(p.podSelector); add(p.namespaceSelector); }
  }
  pool.push(['app', 'other']);
  return pool;
}

function ipsOf(model: NetworkPolicyModel): string[] {
  const ips = ['10.0.0.1', '192.168.1.1', '2001:db8::1'];
  for (const rule of [...model.ingress, ...model.egress]) {
    for (const p of rule.peers) {
      if (!p.ipBlock) continue;
      for (const c of [p.ipBlock.cidr, ...p.ipBlock.except]) ips.push(c.split('/')[0]);
    }
  }
  return ips;
}

function arbEndpoint(model: NetworkPolicyModel, namespace: fc.Arbitrary<string | undefined>): fc.Arbitrary<Endpoint> {
  const pool = labelPool(model);
  const toLabels = (pairs: Array<[string, string]>) => Object.fromEntries(pairs);
  const names: string[] = [];
  for (const rule of [...model.ingress, ...model.egress]) for (const p of rule.ports) if (p.name) names.push(p.name);
  return fc.record({
    namespace,
    nsLabels: fc.subarray(pool).map(toLabels),
    labels: fc.subarray(pool).map(toLabels),
    ip: fc.constantFrom(...ipsOf(model)),
    namedPorts: fc.subarray(names.length > 0 ? names : ['http']).chain((ns) => fc.tuple(...ns.map((n) => fc.record({
      name: fc.constant(n), protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP), port: fc.constantFrom(53, 80, 443, 8080),
    })))).map((x) => x as any),
  }).map((e) => (e.namespace === undefined ? { ...e, labels: {}, nsLabels: {} } : { ...e, nsLabels: { ...e.nsLabels, 'kubernetes.io/metadata.name': e.namespace } }));
}

// ---- v1 meaning (Kubernetes, with Calico's ipBlock matching pod IPs) ----

function v1PeerMatches(peer: Peer, policyNs: string, e: Endpoint): boolean {
  switch (peer.kind) {
    case PeerKind.ANYWHERE: return true;
    case PeerKind.IP_BLOCK: {
      const ip = parseIpSloppy(e.ip)!;
      const inside = (c: string) => cidrContains(parseCidrSloppy(c)!, ip);
      return inside(peer.ipBlock!.cidr) && !peer.ipBlock!.except.some(inside);
    }
    case PeerKind.PODS: return e.namespace === policyNs && peer.podSelector!.matches(e.labels);
    case PeerKind.NAMESPACES: return e.namespace !== undefined && peer.namespaceSelector!.matches(e.nsLabels);
    default: return e.namespace !== undefined && peer.namespaceSelector!.matches(e.nsLabels) && peer.podSelector!.matches(e.labels);
  }
}

function v1PortMatches(port: Port, t: Traffic, destination: Endpoint): boolean {
  if (port.isAllTraffic) return true;
  if (port.protocol !== t.protocol) return false;
  if (port.name !== undefined) return destination.namedPorts.some((n) => n.name === port.name && n.protocol === t.protocol && n.port === t.port);
  if (port.portNumber === undefined) return true;
  return t.port >= port.portNumber && t.port <= (port.endPort ?? port.portNumber);
}

function v1Allows(model: NetworkPolicyModel, rules: PolicyRule[], peer: Endpoint, t: Traffic, destination: Endpoint): boolean {
  return rules.some((r) => r.peers.some((p) => v1PeerMatches(p, model.namespace!, peer)) && r.ports.some((p) => v1PortMatches(p, t, destination)));
}

// ---- Calico meaning, read from the emitted JSON ----

function calicoLabels(e: Endpoint): { [key: string]: string } {
  return e.namespace === undefined ? {} : { ...e.labels, 'projectcalico.org/orchestrator': 'k8s' };
}

function calicoEntityMatches(entity: any, policyNs: string, e: Endpoint): boolean {
  if (entity === undefined) return true;
  if (entity.selector !== undefined || entity.namespaceSelector !== undefined) {
    if (e.namespace === undefined) return false;
    if (entity.namespaceSelector !== undefined) {
      if (!parseCalicoSelector(entity.namespaceSelector)(e.nsLabels)) return false;
    } else if (e.namespace !== policyNs) {
      return false;
    }
    if (entity.selector !== undefined && !parseCalicoSelector(entity.selector)(calicoLabels(e))) return false;
  }
  const ip = parseIpSloppy(e.ip)!;
  if (entity.nets !== undefined && !entity.nets.some((n: string) => cidrContains(parseCidrSloppy(n)!, ip))) return false;
  if (entity.notNets !== undefined && entity.notNets.some((n: string) => cidrContains(parseCidrSloppy(n)!, ip))) return false;
  return true;
}

function calicoPortMatches(ports: any[] | undefined, t: Traffic, destination: Endpoint): boolean {
  if (ports === undefined) return true;
  return ports.some((p) => {
    if (typeof p === 'number') return p === t.port;
    const range = /^(\d+):(\d+)$/.exec(p);
    if (range) return t.port >= Number(range[1]) && t.port <= Number(range[2]);
    return destination.namedPorts.some((n) => n.name === p && n.protocol === t.protocol && n.port === t.port);
  });
}

function calicoAllows(rules: any[] | undefined, policyNs: string, ingress: boolean, peer: Endpoint, t: Traffic, destination: Endpoint): boolean {
  return (rules ?? []).some((r) => r.action === 'Allow'
    && (r.protocol === undefined || r.protocol === t.protocol)
    && calicoEntityMatches(ingress ? r.source : r.destination, policyNs, peer)
    && calicoPortMatches(r.destination?.ports, t, destination));
}

describe('Calico v3 emission means what the v1 policy means', () => {
  test('selectors: the written Calico selector selects exactly the labels the Kubernetes selector selects', () => {
    fc.assert(fc.property(arbLabelSelector(), fc.array(fc.tuple(fc.constantFrom('app', 'tier', 'a.b/c', 'k8s-app'), fc.constantFrom('web', 'db', 'x', '')), { maxLength: 4 }), (selector, extra) => {
      const pool = [...Object.entries(selector.matchLabels), ...selector.matchExpressions.flatMap((r) => (r.values ?? ['v']).map((v) => [r.key, v] as [string, string])), ...extra];
      for (let mask = 0; mask < Math.min(2 ** pool.length, 64); mask++) {
        const labels = Object.fromEntries(pool.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1));
        const ns = parseCalicoSelector(calicoSelector(selector, CalicoSelectorKind.NAMESPACES));
        const pods = parseCalicoSelector(calicoSelector(selector, CalicoSelectorKind.PODS));
        if (ns(labels) !== selector.matches(labels)) return false;
        if (pods({ ...labels, 'projectcalico.org/orchestrator': 'k8s' }) !== selector.matches(labels)) return false;
        // Pod selectors never match what is not a Kubernetes pod (network sets, host endpoints).
        if (!Object.prototype.hasOwnProperty.call(labels, 'projectcalico.org/orchestrator') && pods(labels)) return false;
      }
      return true;
    }), { seed: SEED, numRuns: 300 });
  });

  test('policies: same isolation and same allowed connections over generated endpoints; the output passes Calico validation', () => {
    let compared = 0;
    const arb = arbNetworkPolicyModel({ namespace: 'shop' }).map((m) => new NetworkPolicyModel({
      name: m.name.replace(/\./g, '-'), namespace: m.namespace, podSelector: m.podSelector, policyTypes: m.policyTypes, ingress: m.ingress, egress: m.egress,
    }));
    fc.assert(fc.property(arb.chain((model) => fc.tuple(
      fc.constant(model),
      fc.array(fc.tuple(
        arbEndpoint(model, fc.constant('shop')),
        arbEndpoint(model, fc.constantFrom<string | undefined>('shop', 'other', undefined)),
        fc.record({ protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP), port: fc.constantFrom(1, 53, 80, 443, 5432, 8080, 65535) }),
      ), { minLength: 20, maxLength: 20 }),
    )), ([model, cases]) => {
      const calico = emitCalicoNetworkPolicy(model);
      expect(validateCalicoManifest(calico)).toEqual([]);
      expect(calico.spec.types).toEqual(model.policyTypes);
      const selects = parseCalicoSelector(calico.spec.selector);
      for (const [selected, other, t] of cases) {
        expect(selects(calicoLabels(selected))).toBe(model.podSelector.matches(selected.labels));
        expect(calicoAllows(calico.spec.ingress, 'shop', true, other, t, selected)).toBe(v1Allows(model, model.ingress, other, t, selected));
        expect(calicoAllows(calico.spec.egress, 'shop', false, other, t, other)).toBe(v1Allows(model, model.egress, other, t, other));
        compared++;
      }
    }), { seed: SEED, numRuns: 200 });
    expect(compared).toBe(200 * 20);
  });
});
