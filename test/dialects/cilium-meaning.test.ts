import * as fc from 'fast-check';
import { emitCiliumNetworkPolicy } from '../../src/dialects/cilium/emit-cilium';
import { validateCiliumManifest } from '../../src/dialects/cilium/validate-cilium';
import { cidrContains, parseCidrSloppy, parseIpSloppy } from '../../src/model/cidr';
import { LabelSelector, requirementMatches, SelectorOperator } from '../../src/model/label-selector';
import { NetworkPolicyModel } from '../../src/model/network-policy-model';
import { Peer, PeerKind } from '../../src/model/peer';
import { PolicyRule } from '../../src/model/policy-rule';
import { Port } from '../../src/model/port';
import { Protocol } from '../../src/model/protocol';
import { arbNetworkPolicyModel } from '../arbitraries';

/**
 * Meaning, not text: the CiliumNetworkPolicy we write allows what the v1 policy allows under Cilium's
 * own semantics of v1 (a CIDR never matches a pod), judged over generated endpoints and connections.
 * The Cilium side is read as Cilium reads a CNP: endpoint labels with the `k8s:` source, namespace
 * labels under `io.cilium.k8s.namespace.labels.`, and a selector without the namespace key narrowed
 * to the policy's namespace (utils.getEndpointSelector).
 */

const SEED = Number(process.env.FC_SEED ?? 1515);
const NS_KEY = 'k8s:io.kubernetes.pod.namespace';

interface Endpoint {
  readonly namespace?: string;
  readonly nsLabels: { [key: string]: string };
  readonly labels: { [key: string]: string };
  readonly ip: string;
  readonly namedPorts: { name: string; protocol: Protocol; port: number }[];
}
interface Traffic { readonly protocol: Protocol; readonly port: number }

function pool(model: NetworkPolicyModel): Array<[string, string]> {
  const out: Array<[string, string]> = [['app', 'other']];
  const add = (s?: LabelSelector) => {
    if (!s) return;
    out.push(...Object.entries(s.matchLabels));
    for (const r of s.matchExpressions) for (const v of r.values ?? ['x']) out.push([r.key, v]);
  };
  add(model.podSelector);
  for (const r of [...model.ingress, ...model.egress]) for (const p of r.peers) { add(p.podSelector); add(p.namespaceSelector); }
  return out;
}

function arbEndpoint(model: NetworkPolicyModel, namespace: fc.Arbitrary<string | undefined>): fc.Arbitrary<Endpoint> {
  const labels = fc.subarray(pool(model)).map((pairs) => Object.fromEntries(pairs));
  const ips = ['10.0.0.1', '192.168.1.1', '2001:db8::1'];
  const names: string[] = [];
  for (const r of [...model.ingress, ...model.egress]) {
    for (const p of r.peers) if (p.ipBlock) for (const c of [p.ipBlock.cidr, ...p.ipBlock.except]) ips.push(c.split('/')[0]);
    for (const p of r.ports) if (p.name) names.push(p.name);
  }
  return fc.record({
    namespace,
    nsLabels: labels,
    labels,
    ip: fc.constantFrom(...ips),
    namedPorts: fc.subarray(names.length > 0 ? names : ['http']).chain((ns) => fc.tuple(...ns.map((n) => fc.record({
      name: fc.constant(n), protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP), port: fc.constantFrom(53, 80, 443, 8080),
    })))).map((x) => x as any),
  }).map((e) => (e.namespace === undefined ? { ...e, labels: {}, nsLabels: {} } : { ...e, nsLabels: { ...e.nsLabels, 'kubernetes.io/metadata.name': e.namespace } }));
}

// ---- v1 as Cilium enforces it: ipBlock matches addresses outside the cluster only ----

function v1PeerMatches(peer: Peer, ns: string, e: Endpoint): boolean {
  switch (peer.kind) {
    case PeerKind.ANYWHERE: return true;
    case PeerKind.IP_BLOCK: {
      if (e.namespace !== undefined) return false;
      const ip = parseIpSloppy(e.ip)!;
      const inside = (c: string) => cidrContains(parseCidrSloppy(c)!, ip);
      return inside(peer.ipBlock!.cidr) && !peer.ipBlock!.except.some(inside);
    }
    case PeerKind.PODS: return e.namespace === ns && peer.podSelector!.matches(e.labels);
    case PeerKind.NAMESPACES: return e.namespace !== undefined && peer.namespaceSelector!.matches(e.nsLabels);
    default: return e.namespace !== undefined && peer.namespaceSelector!.matches(e.nsLabels) && peer.podSelector!.matches(e.labels);
  }
}

function v1PortMatches(port: Port, t: Traffic, d: Endpoint): boolean {
  if (port.isAllTraffic) return true;
  if (port.protocol !== t.protocol) return false;
  if (port.name !== undefined) return d.namedPorts.some((n) => n.name === port.name && n.protocol === t.protocol && n.port === t.port);
  if (port.portNumber === undefined) return true;
  return t.port >= port.portNumber && t.port <= (port.endPort ?? port.portNumber);
}

function v1Allows(rules: PolicyRule[], ns: string, peer: Endpoint, t: Traffic, d: Endpoint): boolean {
  return rules.some((r) => r.peers.some((p) => v1PeerMatches(p, ns, peer)) && r.ports.some((p) => v1PortMatches(p, t, d)));
}

// ---- Cilium ----

function ciliumLabels(e: Endpoint): { [key: string]: string } {
  if (e.namespace === undefined) return { 'reserved:world': '' };
  const out: { [key: string]: string } = { [NS_KEY]: e.namespace };
  for (const [k, v] of Object.entries(e.labels)) out[`k8s:${k}`] = v;
  for (const [k, v] of Object.entries(e.nsLabels)) out[`k8s:io.cilium.k8s.namespace.labels.${k}`] = v;
  return out;
}

function selectorMatches(selector: any, policyNs: string, e: Endpoint): boolean {
  const hasNsKey = Object.keys(selector.matchLabels ?? {}).includes(NS_KEY) || (selector.matchExpressions ?? []).some((r: any) => r.key === NS_KEY);
  const labels = ciliumLabels(e);
  if (!hasNsKey && labels[NS_KEY] !== policyNs) return false;
  const expressions = (selector.matchExpressions ?? []).map((r: any) => ({ ...r, operator: r.operator as SelectorOperator }));
  const s = LabelSelector.of({ labels: selector.matchLabels, expressions });
  return s.matchExpressions.every((r) => requirementMatches(r, labels)) && Object.entries(s.matchLabels).every(([k, v]) => labels[k] === v);
}

function ciliumPeerMatches(rule: any, side: string, ns: string, e: Endpoint): boolean {
  if ((rule[`${side}Entities`] ?? []).includes('all')) return true;
  if ((rule[`${side}Endpoints`] ?? []).some((s: any) => e.namespace !== undefined && selectorMatches(s, ns, e))) return true;
  return (rule[`${side}CIDRSet`] ?? []).some((c: any) => {
    if (e.namespace !== undefined) return false;
    const ip = parseIpSloppy(e.ip)!;
    const inside = (x: string) => cidrContains(parseCidrSloppy(x)!, ip);
    return inside(c.cidr) && !(c.except ?? []).some(inside);
  });
}

function ciliumPortMatches(toPorts: any[] | undefined, t: Traffic, d: Endpoint): boolean {
  if (toPorts === undefined) return true;
  return toPorts.some((pr) => pr.ports.some((p: any) => {
    if (p.protocol !== 'ANY' && p.protocol !== t.protocol) return false;
    if (p.port === '0') return true;
    if (/^\d+$/.test(p.port)) return t.port >= Number(p.port) && t.port <= (p.endPort ?? Number(p.port));
    return d.namedPorts.some((n) => n.name === p.port && n.protocol === t.protocol && n.port === t.port);
  }));
}

function ciliumAllows(rules: any[] | undefined, side: string, ns: string, peer: Endpoint, t: Traffic, d: Endpoint): boolean {
  return (rules ?? []).some((r) => ciliumPeerMatches(r, side, ns, peer) && ciliumPortMatches(r.toPorts, t, d));
}

test('CiliumNetworkPolicy emission means what the v1 policy means on Cilium, over generated connections; output passes the sanitizer', () => {
  let compared = 0;
  fc.assert(fc.property(arbNetworkPolicyModel({ namespace: 'shop' }).chain((model) => fc.tuple(
    fc.constant(model),
    fc.array(fc.tuple(
      arbEndpoint(model, fc.constant('shop')),
      arbEndpoint(model, fc.constantFrom<string | undefined>('shop', 'other', undefined)),
      fc.record({ protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP), port: fc.constantFrom(1, 53, 80, 443, 5432, 8080, 65535) }),
    ), { minLength: 20, maxLength: 20 }),
  )), ([model, cases]) => {
    const cnp = emitCiliumNetworkPolicy(model, { version: '1.16' });
    expect(validateCiliumManifest(cnp, { version: '1.16' })).toEqual([]);
    for (const [selected, other, t] of cases) {
      expect(selectorMatches(cnp.spec.endpointSelector, 'shop', selected)).toBe(model.podSelector.matches(selected.labels));
      if (model.isolatesIngress) expect(ciliumAllows(cnp.spec.ingress, 'from', 'shop', other, t, selected)).toBe(v1Allows(model.ingress, 'shop', other, t, selected));
      else expect(cnp.spec.ingress).toBeUndefined();
      if (model.isolatesEgress) expect(ciliumAllows(cnp.spec.egress, 'to', 'shop', other, t, other)).toBe(v1Allows(model.egress, 'shop', other, t, other));
      else expect(cnp.spec.egress).toBeUndefined();
      compared++;
    }
  }), { seed: SEED, numRuns: 200 });
  expect(compared).toBe(4000);
});
