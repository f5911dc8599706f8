import {
  AdminPolicyKind, AdminPolicyRule, ClusterNetworkPolicyModel, ClusterSubject, emitAdminNetworkPolicy,
  emitBaselineAdminNetworkPolicy, emitClusterNetworkPolicy, LabelSelector, parseAdminPolicy, Peer, PolicyTier, Port, Protocol, RuleAction,
  validateAdminPolicy,
} from '../../../src';
import { AdminPolicyExpressionError } from '../../../src/dialects/admin/admin-expression-error';

const MONITORING = LabelSelector.labels({ 'kubernetes.io/metadata.name': 'monitoring' });

function model(tier: PolicyTier, priority: number | undefined, ingress: AdminPolicyRule[], egress: AdminPolicyRule[], name = 'p'): ClusterNetworkPolicyModel {
  return new ClusterNetworkPolicyModel({
    name,
    tier,
    priority,
    subject: ClusterSubject.namespaces(LabelSelector.of({ expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn' as any, values: ['kube-system'] }] })),
    ingress,
    egress,
  });
}

const ADMIN_RULES = {
  ingress: [
    AdminPolicyRule.of(RuleAction.ALLOW, [Peer.namespaces(MONITORING)], [Port.tcp(9090), Port.namedAnyProtocol('metrics')], { name: 'monitoring' }),
    AdminPolicyRule.of(RuleAction.PASS, [Peer.podsIn(LabelSelector.all(), LabelSelector.labels({ app: 'x' }))], [Port.allTraffic()]),
  ],
  egress: [
    AdminPolicyRule.of(RuleAction.DENY, [Peer.networks(['169.254.169.254/32'])], [Port.allTraffic()], { name: 'metadata' }),
    AdminPolicyRule.of(RuleAction.ALLOW, [Peer.domainNames(['*.example.com'])], [Port.tcp(443)]),
    AdminPolicyRule.of(RuleAction.DENY, [Peer.nodes(LabelSelector.all())], [Port.tcpRange(8000, 8080), Port.allUdp(), Port.sctp(7)]),
  ],
};

/** Everything a policy means, as plain data, to compare a round trip. */
function meaning(p: ClusterNetworkPolicyModel): any {
  const rule = (r: AdminPolicyRule) => [r.action, r.name ?? null, r.peers.map((x) => x.toKey()), r.ports.map((x) => x.toKey())];
  return {
    name: p.name, tier: p.tier, priority: p.priority ?? null, subject: p.subject.toKey(), ingress: p.ingress.map(rule), egress: p.egress.map(rule),
  };
}

describe('parse(emit(x)) is x, and what is written is valid', () => {
  test('AdminNetworkPolicy v1alpha1', () => {
    const m = model(PolicyTier.ADMIN, 10, ADMIN_RULES.ingress, ADMIN_RULES.egress);
    const json = emitAdminNetworkPolicy(m);
    expect(json.apiVersion).toBe('policy.networking.k8s.io/v1alpha1');
    expect(json.spec.egress[2].ports).toEqual([
      { portRange: { protocol: 'TCP', start: 8000, end: 8080 } },
      { portRange: { protocol: 'UDP', start: 1, end: 65535 } },
      { portNumber: { protocol: 'SCTP', port: 7 } },
    ]);
    expect(json.spec.ingress[0].ports[1]).toEqual({ namedPort: 'metrics' });
    expect(validateAdminPolicy(json)).toEqual([]);
    const back = parseAdminPolicy(json);
    expect(back.errors).toEqual([]);
    expect(back.kind).toBe(AdminPolicyKind.ADMIN_NETWORK_POLICY);
    expect(meaning(back.policy!)).toEqual(meaning(m));
  });
  test('BaselineAdminNetworkPolicy v1alpha1', () => {
    const m = model(PolicyTier.BASELINE, undefined, [ADMIN_RULES.ingress[0]], [ADMIN_RULES.egress[0]], 'default');
    const json = emitBaselineAdminNetworkPolicy(m);
    expect(json.spec.priority).toBeUndefined();
    expect(validateAdminPolicy(json)).toEqual([]);
    expect(meaning(parseAdminPolicy(json).policy!)).toEqual(meaning(m));
  });
  test('ClusterNetworkPolicy v1alpha2: Allow is written Accept, ports as protocols', () => {
    const m = model(PolicyTier.ADMIN, 10, ADMIN_RULES.ingress, ADMIN_RULES.egress);
    const json = emitClusterNetworkPolicy(m);
    expect(json.apiVersion).toBe('policy.networking.k8s.io/v1alpha2');
    expect(json.spec.tier).toBe('Admin');
    expect(json.spec.ingress[0].action).toBe('Accept');
    expect(json.spec.ingress[0].protocols).toEqual([{ tcp: { destinationPort: { number: 9090 } } }, { destinationNamedPort: 'metrics' }]);
    expect(json.spec.egress[2].protocols).toEqual([
      { tcp: { destinationPort: { range: { start: 8000, end: 8080 } } } },
      { udp: { destinationPort: { range: { start: 1, end: 65535 } } } },
      { sctp: { destinationPort: { number: 7 } } },
    ]);
    expect(validateAdminPolicy(json)).toEqual([]);
    const back = parseAdminPolicy(json);
    expect(back.kind).toBe(AdminPolicyKind.CLUSTER_NETWORK_POLICY);
    expect(meaning(back.policy!)).toEqual(meaning(m));
  });
  test('a one-port range is written as a number in v1alpha2 (where start < end is required)', () => {
    const m = model(PolicyTier.BASELINE, 3, [], [AdminPolicyRule.of(RuleAction.DENY, [Peer.anyPodInCluster()], [Port.udpRange(53, 53)])]);
    const json = emitClusterNetworkPolicy(m);
    expect(json.spec.egress[0].protocols).toEqual([{ udp: { destinationPort: { number: 53 } } }]);
    expect(validateAdminPolicy(json)).toEqual([]);
  });
});

describe('what a version cannot express is refused by name, never written weaker', () => {
  const refuse = (f: () => unknown, pattern: RegExp) => {
    expect(f).toThrow(AdminPolicyExpressionError);
    expect(f).toThrow(pattern);
  };
  test('Pass in a BaselineAdminNetworkPolicy', () => {
    const m = model(PolicyTier.BASELINE, undefined, [AdminPolicyRule.of(RuleAction.PASS, [Peer.anyPodInCluster()], [Port.allTraffic()])], [], 'default');
    refuse(() => emitBaselineAdminNetworkPolicy(m), /spec.ingress\[0\]: Pass cannot be written in a BaselineAdminNetworkPolicy/);
    // ClusterNetworkPolicy's Baseline tier can pass.
    expect(validateAdminPolicy(emitClusterNetworkPolicy(model(PolicyTier.BASELINE, 1, m.ingress, [])))).toEqual([]);
  });
  test('domain names outside egress Allow', () => {
    const m = model(PolicyTier.ADMIN, 1, [], [AdminPolicyRule.of(RuleAction.DENY, [Peer.domainNames(['example.com'])], [Port.allTraffic()])]);
    refuse(() => emitAdminNetworkPolicy(m), /domain names can only be allowed/);
    const ingress = model(PolicyTier.ADMIN, 1, [AdminPolicyRule.of(RuleAction.ALLOW, [Peer.domainNames(['example.com'])], [Port.allTraffic()])], []);
    refuse(() => emitClusterNetworkPolicy(ingress), /cannot be an ingress peer/);
  });
  test('named ports with networks', () => {
    const m = model(PolicyTier.ADMIN, 1, [], [AdminPolicyRule.of(RuleAction.ALLOW, [Peer.networks(['10.0.0.0/8'])], [Port.namedAnyProtocol('http')])]);
    refuse(() => emitAdminNetworkPolicy(m), /the named port 'http' cannot be used with networks 10.0.0.0\/8/);
  });
  test('a protocol-bound named port, an ipBlock, anywhere, same-namespace pods', () => {
    const rule = (peer: Peer, port: Port) => model(PolicyTier.ADMIN, 1, [AdminPolicyRule.of(RuleAction.ALLOW, [peer], [port])], []);
    refuse(() => emitAdminNetworkPolicy(rule(Peer.anyPodInCluster(), Port.named('http', Protocol.TCP))), /use Port.namedAnyProtocol\('http'\)/);
    refuse(() => emitAdminNetworkPolicy(rule(Peer.cidr('10.0.0.0/8'), Port.allTraffic())), /use Peer.networks/);
    refuse(() => emitAdminNetworkPolicy(rule(Peer.anywhere(), Port.allTraffic())), /Peer.anywhere\(\) cannot be written/);
    refuse(() => emitAdminNetworkPolicy(rule(Peer.pods(LabelSelector.all()), Port.allTraffic())), /has no namespace in a cluster-wide policy/);
  });
  test('tier and priority must fit the kind', () => {
    refuse(() => emitAdminNetworkPolicy(model(PolicyTier.BASELINE, 1, [], [])), /an AdminNetworkPolicy is the Admin tier/);
    refuse(() => emitAdminNetworkPolicy(model(PolicyTier.ADMIN, undefined, [], [])), /needs a priority/);
    refuse(() => emitBaselineAdminNetworkPolicy(model(PolicyTier.BASELINE, 4, [], [], 'default')), /has no priority/);
  });
  test('a Kubernetes NetworkPolicy peer cannot be an admin-only peer', () => {
    expect(() => Peer.networks(['10.0.0.0/8']).toJson()).toThrow(/use Peer.cidr/);
  });
});

describe('parse fails closed on what the CRD accepts but no implementation can read', () => {
  const anp = (spec: any) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'a' }, spec });
  test('an unknown protocol, an unknown operator, an empty ports list', () => {
    const base = { priority: 1, subject: { namespaces: {} } };
    const withPort = parseAdminPolicy(anp({ ...base, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ports: [{ portNumber: { protocol: 'HTTP', port: 80 } }] }] }));
    expect(withPort.policy).toBeUndefined();
    expect(withPort.errors[0].message).toMatch(/"HTTP" is not TCP, UDP or SCTP/);
    const withOp = parseAdminPolicy(anp({ ...base, subject: { namespaces: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] } } }));
    expect(withOp.errors[0].message).toMatch(/"Equals" is not a selector operator/);
    const empty = parseAdminPolicy(anp({ ...base, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ports: [] }] }), { v1alpha1Release: 'v0.1.5' as any });
    expect(empty.errors.map((e) => e.field)).toEqual(['spec.ingress[0].ports']);
  });
  test('not a policy of these APIs', () => {
    expect(parseAdminPolicy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }).errors[0].field).toBe('kind');
    expect(parseAdminPolicy(null).errors[0].type).toBe('Invalid type');
  });
});
