import { Chart, Testing } from 'cdk8s';
import {
  AdminNetworkPolicy, AdminPolicyVersion, AlwaysAllowFrom, BaselineAdminNetworkPolicy, ClusterDefaultDeny,
  ClusterNetworkPolicy, ClusterSubject, DelegateToNamespaces, LabelSelector, NetworkPolicy, parseAdminPolicy, Peer, Pods, PolicyTier, Port,
  ProtectMetadataEndpoint, Protocol, RuleAction, validateAdminPolicy,
} from '../../src';
import { AdminPolicyExpressionError } from '../../src/dialects/admin/admin-expression-error';

function chart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'platform', { namespace });
}

function objects(c: Chart, kind?: string): any[] {
  return Testing.synth(c).filter((o: any) => kind === undefined || o.kind === kind);
}

describe('AdminNetworkPolicy', () => {
  test('rules are written in the order given, cluster-scoped even in a namespaced chart, and valid', () => {
    const c = chart('shop');
    const anp = new AdminNetworkPolicy(c, 'Guard', { priority: 5, subject: ClusterSubject.namespaces(LabelSelector.labels({ env: 'prod' })) });
    anp.denyEgress(Peer.networks(['169.254.169.254/32']), Port.allTraffic());
    anp.allowIngress(Peer.namespace('monitoring'), Port.tcp(9090));
    anp.passIngress(Peer.anyPodInCluster(), Port.allTraffic());
    anp.allowIngress(Peer.namespace('monitoring'), Port.tcp(9090)); // the same rule again: nothing added
    const [o] = objects(c, 'AdminNetworkPolicy');
    expect(o.apiVersion).toBe('policy.networking.k8s.io/v1alpha1');
    expect(o.metadata.namespace).toBeUndefined();
    expect(o.spec.priority).toBe(5);
    expect(o.spec.subject).toEqual({ namespaces: { matchLabels: { env: 'prod' } } });
    expect(o.spec.ingress.map((r: any) => r.action)).toEqual(['Allow', 'Pass']);
    expect(o.spec.egress).toEqual([{ action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }]);
    expect(validateAdminPolicy(o)).toEqual([]);
    // What is synthesized reads back as the construct's model.
    expect(parseAdminPolicy(o).policy!.ingress.map((r) => r.toKey())).toEqual(anp.toModel().ingress.map((r) => r.toKey()));
  });
  test('a priority out of range fails synth with the API server\'s message', () => {
    const c = chart();
    new AdminNetworkPolicy(c, 'Bad', { priority: 1001, subject: ClusterSubject.allPods() });
    expect(() => Testing.synth(c)).toThrow(/spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000/);
  });
  test('what v1alpha1 cannot say is refused by name', () => {
    const anp = new AdminNetworkPolicy(chart(), 'X', { priority: 1, subject: ClusterSubject.allPods() });
    expect(() => anp.denyEgress(Peer.domainNames(['example.com']), Port.allTraffic())).toThrow(/domain names can only be allowed/);
    expect(() => anp.allowIngress(Peer.networks(['10.0.0.0/8']), Port.allTraffic())).toThrow(/cannot be an ingress peer/);
    expect(() => anp.allowEgress(Peer.cidr('10.0.0.0/8'), Port.allTraffic())).toThrow(/use Peer.networks/);
    expect(() => anp.allowEgress(Peer.anywhere(), Port.allTraffic())).toThrow(AdminPolicyExpressionError);
    expect(() => anp.allowEgress(Peer.anyPodInCluster())).toThrow(/needs at least one port/);
  });
  test('a named port bound to a protocol fails synth naming Port.namedAnyProtocol', () => {
    const c = chart();
    const anp = new AdminNetworkPolicy(c, 'X', { priority: 1, subject: ClusterSubject.allPods() });
    anp.allowIngress(Peer.anyPodInCluster(), Port.named('http', Protocol.TCP));
    expect(() => Testing.synth(c)).toThrow(/use Port.namedAnyProtocol\('http'\)/);
  });
});

describe('BaselineAdminNetworkPolicy', () => {
  test('is named default; Pass is refused at the call', () => {
    const c = chart();
    const banp = new BaselineAdminNetworkPolicy(c, 'Baseline', { subject: ClusterSubject.allPods() });
    banp.denyIngress(Peer.anyPodInCluster(), Port.allTraffic());
    expect(() => banp.addIngressRule(RuleAction.PASS, [Peer.anyPodInCluster()], [Port.allTraffic()])).toThrow(/Pass cannot be written in a BaselineAdminNetworkPolicy/);
    const [o] = objects(c, 'BaselineAdminNetworkPolicy');
    expect(o.metadata.name).toBe('default');
    expect(validateAdminPolicy(o)).toEqual([]);
    expect(() => new BaselineAdminNetworkPolicy(chart(), 'B', { subject: ClusterSubject.allPods(), metadata: { name: 'other' } })).toThrow(/must be named 'default'/);
  });
});

describe('names are cluster-wide', () => {
  test('two BaselineAdminNetworkPolicies (both named default) fail synth, naming both, even in different charts', () => {
    const app = Testing.app();
    new BaselineAdminNetworkPolicy(new Chart(app, 'a', { namespace: 'x' }), 'B', { subject: ClusterSubject.allPods() }).denyIngress(Peer.anyPodInCluster(), Port.allTraffic());
    new BaselineAdminNetworkPolicy(new Chart(app, 'b', { namespace: 'y' }), 'B', { subject: ClusterSubject.allPods() }).denyIngress(Peer.anyPodInCluster(), Port.allTraffic());
    expect(() => app.synth()).toThrow(/BaselineAdminNetworkPolicy 'default' \(a\/B\) has the same name as b\/B/);
  });
});

describe('ClusterNetworkPolicy', () => {
  test('writes tier and Accept, and Pass in the Baseline tier', () => {
    const c = chart();
    const cnp = new ClusterNetworkPolicy(c, 'Cnp', { tier: PolicyTier.BASELINE, priority: 7, subject: ClusterSubject.podsIn(LabelSelector.all(), LabelSelector.labels({ app: 'a' })) });
    cnp.allowEgress(Peer.domainNames(['*.example.com']), Port.tcp(443));
    cnp.passEgress(Peer.anyPodInCluster(), Port.allTraffic());
    const [o] = objects(c, 'ClusterNetworkPolicy');
    expect(o.apiVersion).toBe('policy.networking.k8s.io/v1alpha2');
    expect(o.spec).toMatchObject({ tier: 'Baseline', priority: 7 });
    expect(o.spec.egress.map((r: any) => r.action)).toEqual(['Accept', 'Pass']);
    expect(validateAdminPolicy(o)).toEqual([]);
  });
});

describe('NetworkPolicy refuses what only admin policies have', () => {
  test('networks peers and protocol-less named ports', () => {
    const np = new NetworkPolicy(chart('a'), 'Np', { selector: Pods.all() });
    expect(() => np.allowEgress(Peer.networks(['10.0.0.0/8']), Port.allTraffic())).toThrow(/use Peer.cidr/);
    expect(() => np.allowIngress(Peer.anyPodInCluster(), Port.namedAnyProtocol('http'))).toThrow(/use Port.named\('http', protocol\)/);
  });
});

describe('pattern constructs, in both versions', () => {
  test.each([AdminPolicyVersion.V1ALPHA1, AdminPolicyVersion.V1ALPHA2])('%s: every object is valid', (version) => {
    const c = chart('platform');
    new ClusterDefaultDeny(c, 'DefaultDeny', { version, exceptNamespaces: ['kube-system', 'monitoring'] });
    new ProtectMetadataEndpoint(c, 'Metadata', { version });
    new AlwaysAllowFrom(c, 'Monitoring', { version, from: Peer.namespace('monitoring'), ports: [Port.tcp(9090)] });
    new DelegateToNamespaces(c, 'Delegate', { version, namespaces: LabelSelector.labels({ delegated: 'true' }) });
    const all = objects(c);
    expect(all).toHaveLength(4);
    for (const o of all) expect(validateAdminPolicy(o)).toEqual([]);
    const kinds = all.map((o) => o.kind).sort();
    expect(kinds).toEqual(version === AdminPolicyVersion.V1ALPHA1
      ? ['AdminNetworkPolicy', 'AdminNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']
      : ['ClusterNetworkPolicy', 'ClusterNetworkPolicy', 'ClusterNetworkPolicy', 'ClusterNetworkPolicy']);
  });
  test('ClusterDefaultDeny: DNS first, then deny; the system namespaces left out', () => {
    const c = chart();
    const d = new ClusterDefaultDeny(c, 'DefaultDeny');
    const m = d.policy.toModel();
    expect(m.tier).toBe(PolicyTier.BASELINE);
    expect(m.subject.namespaceSelector.matches({ 'kubernetes.io/metadata.name': 'kube-system' })).toBe(false);
    expect(m.subject.namespaceSelector.matches({ 'kubernetes.io/metadata.name': 'shop' })).toBe(true);
    expect(m.egress.map((r) => [r.action, r.ports.map((p) => p.toString())])).toEqual([
      ['Allow', ['UDP 53', 'TCP 53']],
      ['Deny', ['all traffic']],
    ]);
    expect(() => new ClusterDefaultDeny(chart(), 'D', { priority: 3 })).toThrow(/priority applies to v1alpha2 only/);
  });
  test('ProtectMetadataEndpoint denies 169.254.169.254/32 at the admin tier', () => {
    const m = new ProtectMetadataEndpoint(chart(), 'M').policy.toModel();
    expect(m.tier).toBe(PolicyTier.ADMIN);
    expect(m.egress.map((r) => [r.action, r.peers.map((p) => p.toString())])).toEqual([['Deny', ['networks 169.254.169.254/32']]]);
  });
});
