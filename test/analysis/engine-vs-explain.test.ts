/* eslint-disable @stylistic/max-len */
import * as fc from 'fast-check';
import { analyze, namespace, pod, policy } from './helpers';
import { PortSet } from '../../src/analysis/port-set';
import { Protocol } from '../../src/model';

// The class engine (classes, interned port sets, matrix) and explain (policy by policy, rule by rule
// on the two endpoints) are separate code paths over the same semantic primitives: on random
// clusters they must agree on every ordered pair, on every port.
const labelValue = fc.constantFrom('a', 'b', 'c');
const labels = fc.dictionary(fc.constantFrom('app', 'tier'), labelValue, { maxKeys: 2 });
const selector = fc.record({
  matchLabels: fc.option(labels, { nil: undefined }),
  matchExpressions: fc.option(fc.array(fc.record({
    key: fc.constantFrom('app', 'tier'),
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
  }).map((r) => (r.operator === 'In' || r.operator === 'NotIn' ? { ...r, values: ['a', 'b'] } : r)), { maxLength: 2 }), { nil: undefined }),
});
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ podSelector: selector, namespaceSelector: selector }),
  fc.record({ ipBlock: fc.constantFrom({ cidr: '10.0.0.0/8' }, { cidr: '10.0.0.0/8', except: ['10.0.1.0/24'] }, { cidr: '0.0.0.0/0' }) }),
);
const port = fc.oneof(
  fc.record({ port: fc.integer({ min: 1, max: 100 }), protocol: fc.constantFrom('TCP', 'UDP') }),
  fc.record({ port: fc.integer({ min: 1, max: 50 }), endPort: fc.integer({ min: 50, max: 100 }) }),
  fc.record({ port: fc.constantFrom('http', 'dns'), protocol: fc.constantFrom('TCP', 'UDP') }),
  fc.record({ protocol: fc.constantFrom('TCP', 'SCTP') }),
);
const rule = fc.record({ peers: fc.option(fc.array(peer, { maxLength: 2 }), { nil: undefined }), ports: fc.option(fc.array(port, { maxLength: 2 }), { nil: undefined }) });
const policySpec = fc.record({
  ns: fc.constantFrom('x', 'y'),
  podSelector: selector,
  policyTypes: fc.option(fc.subarray(['Ingress', 'Egress']), { nil: undefined }),
  ingress: fc.option(fc.array(rule, { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(rule, { maxLength: 2 }), { nil: undefined }),
});
const podSpec = fc.record({
  ns: fc.constantFrom('x', 'y'),
  labels,
  ip: fc.option(fc.constantFrom('10.0.0.1', '10.0.1.1', '11.0.0.1'), { nil: undefined }),
  http: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  hostNetwork: fc.constantFrom(false, false, false, true),
});

/** The pods and NetworkPolicies of a generated cluster, as manifests. */
function clusterManifests(pods: any[], policies: any[]): any[] {
  return [
    ...pods.map((p, i) => pod(p.ns, `p${i}`, p.labels, {
      ip: p.ip,
      hostNetwork: p.hostNetwork,
      ports: p.http ? [{ containerPort: p.http, name: 'http' }, { containerPort: p.http + 1, name: 'dns', protocol: 'UDP' }] : [],
    })),
    ...policies.map((p, i) => policy(p.ns, `np${i}`, {
      podSelector: p.podSelector,
      policyTypes: p.policyTypes,
      ingress: p.ingress?.map((r: any) => ({ from: r.peers, ports: r.ports })),
      egress: p.egress?.map((r: any) => ({ to: r.peers, ports: r.ports })),
    })),
  ];
}

/** The class engine's answer equals explain's (policy by policy on the two endpoints) on every ordered pair and port. */
function expectEngineAgreesWithExplain(r: ReturnType<typeof analyze>): void {
  const ids = r.endpoints.map((e) => e.id);
  for (const from of ids) {
    for (const to of ids) {
      const engine = PortSet.fromIntervals(Object.fromEntries(
        [Protocol.TCP, Protocol.UDP, Protocol.SCTP].map((p) => [p, r.allowedPorts(from, to).filter((x) => x.protocol === p).map((x) => [x.first, x.last] as [number, number])])));
      const v = r._verdict(from, to, PortSet.ALL);
      const direct = v.egress.allowedPorts.intersect(v.ingress.allowedPorts);
      expect(`${from}->${to}: ${engine.toString()}`).toBe(`${from}->${to}: ${direct.toString()}`);
    }
  }
}

test('engine and explain agree on random clusters', () => {
  fc.assert(fc.property(fc.array(podSpec, { minLength: 1, maxLength: 6 }), fc.array(policySpec, { maxLength: 4 }), fc.boolean(), (pods, policies, ipPods) => {
    const manifests = [namespace('x', { team: 'a' }), namespace('y', { team: 'b' }),
      ...clusterManifests(pods, policies)];
    const r = analyze(manifests, { externals: ['10.0.0.7', '10.0.1.7', '8.8.8.8'], ipBlockMatchesPods: ipPods });
    expect(r.problems).toEqual([]);
    expectEngineAgreesWithExplain(r);
  }), { numRuns: 300 });
});

// With Calico v3 policies among the NetworkPolicies (ordered tier, actions, network sets), the two
// paths must still agree: the classes must split on every Calico selector, net and named port.
const calicoSelector = fc.constantFrom('all()', "app == 'a'", "app != 'b'", 'has(tier)', "tier in {'a','c'}", "app == 'a' || tier == 'b'", '!has(app)');
const calicoEntity = fc.record({
  selector: fc.option(calicoSelector, { nil: undefined }),
  notSelector: fc.option(calicoSelector, { nil: undefined }),
  namespaceSelector: fc.option(fc.constantFrom("team == 'a'", 'all()', 'global()'), { nil: undefined }),
  nets: fc.option(fc.constantFrom(['10.0.0.0/8'], ['10.0.1.0/24', '8.8.8.0/24']), { nil: undefined }),
  notNets: fc.option(fc.constantFrom(['10.0.1.0/24']), { nil: undefined }),
}).map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));
const calicoRule = fc.record({
  action: fc.constantFrom('Allow', 'Deny', 'Pass', 'Log'),
  protocol: fc.option(fc.constantFrom('TCP', 'UDP', 'ICMP'), { nil: undefined }),
  peer: calicoEntity,
  ports: fc.option(fc.constantFrom([10], ['5:60'], ['http'], [20, 'dns']), { nil: undefined }),
});
const calicoPolicy = fc.record({
  global: fc.boolean(),
  ns: fc.constantFrom('x', 'y'),
  order: fc.option(fc.constantFrom(100, 1000, 2000), { nil: undefined }),
  selector: calicoSelector,
  types: fc.option(fc.subarray(['Ingress', 'Egress'], { minLength: 1 }), { nil: undefined }),
  ingress: fc.array(calicoRule, { maxLength: 3 }),
  egress: fc.array(calicoRule, { maxLength: 3 }),
});

function calicoManifest(p: any, i: number): any {
  const calicoRuleOf = (r: any, ingress: boolean) => {
    const protocol = r.ports !== undefined && (r.protocol === undefined || r.protocol === 'ICMP') ? 'TCP' : r.protocol;
    const withPorts = r.ports !== undefined ? { ports: r.ports } : {};
    const entity = { ...r.peer };
    return { action: r.action, ...(protocol ? { protocol } : {}), ...(ingress ? { source: entity, destination: withPorts } : { destination: { ...entity, ...withPorts } }) };
  };
  const spec: any = {
    selector: p.selector,
    ...(p.order !== undefined ? { order: p.order } : {}),
    ...(p.types ? { types: p.types } : {}),
    ingress: p.ingress.map((r: any) => calicoRuleOf(r, true)),
    egress: p.egress.map((r: any) => calicoRuleOf(r, false)),
  };
  return p.global
    ? { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: `g${i}` }, spec }
    : { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: `c${i}`, namespace: p.ns }, spec };
}

test('engine and explain agree with Calico v3 policies and NetworkPolicies together', () => {
  fc.assert(fc.property(fc.array(podSpec, { minLength: 1, maxLength: 5 }), fc.array(policySpec, { maxLength: 2 }), fc.array(calicoPolicy, { minLength: 1, maxLength: 3 }), (pods, policies, calico) => {
    const manifests = [namespace('x', { team: 'a' }), namespace('y', { team: 'b' }),
      { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { name: 'set', labels: { app: 'a' } }, spec: { nets: ['8.8.8.0/24'] } },
      ...clusterManifests(pods, policies),
      ...calico.map((p, i) => calicoManifest(p, i))];
    const r = analyze(manifests, { externals: ['10.0.0.7', '10.0.1.7', '8.8.8.8'] });
    expect(r.problems).toEqual([]);
    expectEngineAgreesWithExplain(r);
  }), { numRuns: 200 });
});
