import * as fc from 'fast-check';
import { emitCiliumNetworkPolicy } from '../../src/dialects/cilium/emit-cilium';
import { validateCiliumManifest } from '../../src/dialects/cilium/validate-cilium';
import { cidrContains, parseCidrSloppy, parseIpSloppy } from '../../src/model/cidr';
import { Peer, PeerKind } from '../../src/model/peer';
import { PolicyRule } from '../../src/model/policy-rule';
import { Port } from '../../src/model/port';
import { Protocol } from '../../src/model/protocol';
import { arbNetworkPolicyModel } from '../arbitraries';
import { arbEndpoint, ciliumAllows, Endpoint, selectorMatches, Traffic } from './cilium-evaluator';

/**
 * Meaning, not text: the CiliumNetworkPolicy we write allows what the v1 policy allows under Cilium's
 * own semantics of v1 (a CIDR never matches a pod), judged over generated endpoints and connections.
 * The Cilium side is read as Cilium reads a CNP: endpoint labels with the `k8s:` source, namespace
 * labels under `io.cilium.k8s.namespace.labels.`, and a selector without the namespace key narrowed
 * to the policy's namespace (utils.getEndpointSelector).
 */

const SEED = Number(process.env.FC_SEED ?? 1515);
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
