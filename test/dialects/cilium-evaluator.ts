import * as fc from 'fast-check';
import { cidrContains, parseCidrSloppy, parseIpSloppy } from '../../src/model/cidr';
import { LabelSelector, requirementMatches, SelectorOperator } from '../../src/model/label-selector';
import { NetworkPolicyModel } from '../../src/model/network-policy-model';
import { Protocol } from '../../src/model/protocol';

/**
 * Generated endpoints for a generated v1 policy, and the meaning of a CiliumNetworkPolicy's text over
 * them, read as Cilium reads a CNP: endpoint labels with the `k8s:` source, namespace labels under
 * `io.cilium.k8s.namespace.labels.`, a selector without the namespace key narrowed to the policy's
 * namespace (utils.getEndpointSelector), CIDRs matching outside addresses only. Shared by
 * cilium-meaning.test.ts and cilium-read.test.ts.
 */

export const NS_KEY = 'k8s:io.kubernetes.pod.namespace';

export interface Endpoint {
  readonly namespace?: string;
  readonly nsLabels: { [key: string]: string };
  readonly labels: { [key: string]: string };
  readonly ip: string;
  readonly namedPorts: { name: string; protocol: Protocol; port: number }[];
}
export interface Traffic { readonly protocol: Protocol; readonly port: number }

export function pool(model: NetworkPolicyModel): Array<[string, string]> {
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

export function arbEndpoint(model: NetworkPolicyModel, namespace: fc.Arbitrary<string | undefined>): fc.Arbitrary<Endpoint> {
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


export function ciliumLabels(e: Endpoint): { [key: string]: string } {
  if (e.namespace === undefined) return { 'reserved:world': '' };
  const out: { [key: string]: string } = { [NS_KEY]: e.namespace };
  for (const [k, v] of Object.entries(e.labels)) out[`k8s:${k}`] = v;
  for (const [k, v] of Object.entries(e.nsLabels)) out[`k8s:io.cilium.k8s.namespace.labels.${k}`] = v;
  return out;
}

export function selectorMatches(selector: any, policyNs: string, e: Endpoint): boolean {
  const hasNsKey = Object.keys(selector.matchLabels ?? {}).includes(NS_KEY) || (selector.matchExpressions ?? []).some((r: any) => r.key === NS_KEY);
  const labels = ciliumLabels(e);
  if (!hasNsKey && labels[NS_KEY] !== policyNs) return false;
  const expressions = (selector.matchExpressions ?? []).map((r: any) => ({ ...r, operator: r.operator as SelectorOperator }));
  const s = LabelSelector.of({ labels: selector.matchLabels, expressions });
  return s.matchExpressions.every((r) => requirementMatches(r, labels)) && Object.entries(s.matchLabels).every(([k, v]) => labels[k] === v);
}

export function ciliumPeerMatches(rule: any, side: string, ns: string, e: Endpoint): boolean {
  if ((rule[`${side}Entities`] ?? []).includes('all')) return true;
  if ((rule[`${side}Endpoints`] ?? []).some((s: any) => e.namespace !== undefined && selectorMatches(s, ns, e))) return true;
  return (rule[`${side}CIDRSet`] ?? []).some((c: any) => {
    if (e.namespace !== undefined) return false;
    const ip = parseIpSloppy(e.ip)!;
    const inside = (x: string) => cidrContains(parseCidrSloppy(x)!, ip);
    return inside(c.cidr) && !(c.except ?? []).some(inside);
  });
}

export function ciliumPortMatches(toPorts: any[] | undefined, t: Traffic, d: Endpoint): boolean {
  if (toPorts === undefined) return true;
  return toPorts.some((pr) => pr.ports.some((p: any) => {
    if (p.protocol !== 'ANY' && p.protocol !== t.protocol) return false;
    if (p.port === '0') return true;
    if (/^\d+$/.test(p.port)) return t.port >= Number(p.port) && t.port <= (p.endPort ?? Number(p.port));
    return d.namedPorts.some((n) => n.name === p.port && n.protocol === t.protocol && n.port === t.port);
  }));
}

export function ciliumAllows(rules: any[] | undefined, side: string, ns: string, peer: Endpoint, t: Traffic, d: Endpoint): boolean {
  return (rules ?? []).some((r) => ciliumPeerMatches(r, side, ns, peer) && ciliumPortMatches(r.toPorts, t, d));
}

