import * as fc from 'fast-check';
import { parseCalicoSelector } from '../../src/dialects/calico/calico-selector-parser';
import { cidrContains, parseCidrSloppy, parseIpSloppy } from '../../src/model/cidr';
import { LabelSelector } from '../../src/model/label-selector';
import { NetworkPolicyModel } from '../../src/model/network-policy-model';
import { Peer, PeerKind } from '../../src/model/peer';
import { PolicyRule } from '../../src/model/policy-rule';
import { Port } from '../../src/model/port';
import { Protocol } from '../../src/model/protocol';

/**
 * Evaluators for the Calico meaning tests: v1 semantics (with Calico's ipBlock matching pod IPs)
 * and Calico v3 semantics read from a policy's JSON (selectors through the mirror of libcalico-go's
 * parser), over generated endpoints.
 */

export interface Endpoint {
  readonly namespace?: string; // undefined: outside the cluster
  readonly nsLabels: { [key: string]: string };
  readonly labels: { [key: string]: string };
  readonly ip: string;
  readonly namedPorts: { name: string; protocol: Protocol; port: number }[];
}

export interface Traffic { readonly protocol: Protocol; readonly port: number }

export function labelPool(model: NetworkPolicyModel): Array<[string, string]> {
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

export function ipsOf(model: NetworkPolicyModel): string[] {
  const ips = ['10.0.0.1', '192.168.1.1', '2001:db8::1'];
  for (const rule of [...model.ingress, ...model.egress]) {
    for (const p of rule.peers) {
      if (!p.ipBlock) continue;
      for (const c of [p.ipBlock.cidr, ...p.ipBlock.except]) ips.push(c.split('/')[0]);
    }
  }
  return ips;
}

export function arbEndpoint(model: NetworkPolicyModel, namespace: fc.Arbitrary<string | undefined>): fc.Arbitrary<Endpoint> {
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

export function v1PeerMatches(peer: Peer, policyNs: string, e: Endpoint): boolean {
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

export function v1PortMatches(port: Port, t: Traffic, destination: Endpoint): boolean {
  if (port.isAllTraffic) return true;
  if (port.protocol !== t.protocol) return false;
  if (port.name !== undefined) return destination.namedPorts.some((n) => n.name === port.name && n.protocol === t.protocol && n.port === t.port);
  if (port.portNumber === undefined) return true;
  return t.port >= port.portNumber && t.port <= (port.endPort ?? port.portNumber);
}

export function v1Allows(model: NetworkPolicyModel, rules: PolicyRule[], peer: Endpoint, t: Traffic, destination: Endpoint): boolean {
  return rules.some((r) => r.peers.some((p) => v1PeerMatches(p, model.namespace!, peer)) && r.ports.some((p) => v1PortMatches(p, t, destination)));
}

// ---- Calico meaning, read from the emitted JSON ----

export function calicoLabels(e: Endpoint): { [key: string]: string } {
  return e.namespace === undefined ? {} : { ...e.labels, 'projectcalico.org/orchestrator': 'k8s' };
}

export function calicoEntityMatches(entity: any, policyNs: string, e: Endpoint): boolean {
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

export function calicoPortMatches(ports: any[] | undefined, t: Traffic, destination: Endpoint): boolean {
  if (ports === undefined) return true;
  return ports.some((p) => {
    if (typeof p === 'number') return p === t.port;
    const range = /^(\d+):(\d+)$/.exec(p);
    if (range) return t.port >= Number(range[1]) && t.port <= Number(range[2]);
    return destination.namedPorts.some((n) => n.name === p && n.protocol === t.protocol && n.port === t.port);
  });
}

export function calicoAllows(
  rules: any[] | undefined, policyNs: string, ingress: boolean, peer: Endpoint, t: Traffic, destination: Endpoint,
): boolean {
  return (rules ?? []).some((r) => r.action === 'Allow'
    && (r.protocol === undefined || r.protocol === t.protocol)
    && calicoEntityMatches(ingress ? r.source : r.destination, policyNs, peer)
    && calicoPortMatches(r.destination?.ports, t, destination));
}

