import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { PlatformChart } from '../../examples/platform';
import { ShopChart } from '../../examples/shop';
import { AdminPolicyVersion, NetworkPolicy, Peer, Pods, Port, Reachability, validateAdminPolicy } from '../../src';

/** The platform chart with the shop and a few namespaces: what the guardrails and the namespace policies allow together. */
function cluster(version: AdminPolicyVersion, openNamespace: boolean): App {
  const app = Testing.app();
  new PlatformChart(app, 'platform', version);
  new ShopChart(app, 'shop');
  new kplus.Pod(new Chart(app, 'dns', { namespace: 'kube-system' }), 'coredns', {
    metadata: { labels: { 'k8s-app': 'kube-dns' } },
    containers: [{ image: 'coredns', ports: [{ number: 53, protocol: kplus.Protocol.UDP }, { number: 53 }] }],
  });
  new kplus.Pod(new Chart(app, 'monitoring', { namespace: 'monitoring' }), 'prometheus', { containers: [{ image: 'prometheus' }] });
  const frontend = new Chart(app, 'frontend', { namespace: 'frontend' });
  new kplus.Pod(frontend, 'ui', { containers: [{ image: 'ui' }] });
  new kplus.Pod(new Chart(app, 'other', { namespace: 'other' }), 'stranger', { containers: [{ image: 'x' }] });
  if (openNamespace) {
    // The frontend team opens its egress with a NetworkPolicy: it overrides the baseline, not the admin tier.
    new NetworkPolicy(frontend, 'open-egress', { selector: Pods.all() }).allowEgress(Peer.anywhere(), Port.allTraffic());
  }
  return app;
}

describe.each([AdminPolicyVersion.V1ALPHA1, AdminPolicyVersion.V1ALPHA2])('the platform chart (%s) with the namespaces\' policies', (version) => {
  const externals = { externals: ['169.254.169.254', '203.0.113.10'] };
  const r = Reachability.of(cluster(version, false), externals);
  const open = Reachability.of(cluster(version, true), externals);
  const id = (reach: Reachability, name: string) => reach.findEndpoint(name);

  test('the analysis of the app knows each cluster-wide policy by its construct path; an invalid one fails synth', () => {
    expect(r._inventory.clusterPolicies.map((p) => p.source.constructPath).sort())
      .toEqual(['platform/default-deny/Policy/Resource', 'platform/monitoring/Policy/Resource', 'platform/no-cloud-metadata/Policy/Resource']);
    const app = Testing.app();
    const chart = new PlatformChart(app, 'platform', version);
    (chart.node.findChild('monitoring').node.findChild('Policy') as any).allowIngress(Peer.namespace('x'), Port.tcp(70000));
    expect(() => Reachability.of(app)).toThrow(/\[platform\/monitoring\/Policy\] spec.ingress\[1\].*70000.*should be less than or equal to 65535/);
  });
  test('its objects are valid against the CRDs and the analysis reads them all', () => {
    const objects = Testing.synth(new PlatformChart(Testing.app(), 'p', version));
    expect(objects).toHaveLength(3);
    for (const o of objects) expect(validateAdminPolicy(o)).toEqual([]);
    expect(r.complete).toBe(true);
    expect(r.clusterPolicies).toHaveLength(3);
  });
  test('the cluster default deny: namespaces without policies reach nothing but DNS', () => {
    expect(r.isAllowed(id(r, 'stranger'), id(r, 'ui'), Port.tcp(80))).toBe(false);
    expect(r.isAllowed(id(r, 'stranger'), id(r, 'coredns'), Port.udp(53))).toBe(true);
    expect(r.isAllowed(id(r, 'stranger'), id(r, 'coredns'), Port.tcp(53))).toBe(true);
    expect(r.isAllowed(id(r, 'stranger'), id(r, 'coredns'), Port.tcp(80))).toBe(false);
    expect(r.isAllowed(id(r, 'stranger'), '203.0.113.10', Port.tcp(443))).toBe(false);
    const e = r.explain(id(r, 'ui'), id(r, 'shop-web'), Port.tcp(8080));
    expect(e.allowed).toBe(false);
    expect(e.egress.tierRules.map((t) => `${t.tier} ${t.action} ${t.ruleName}`)).toEqual(['Baseline Deny default-deny-egress']);
  });
  test('a namespace\'s NetworkPolicy overrides the baseline: the frontend reaches the shop once it opens its egress', () => {
    expect(r.isAllowed(id(r, 'ui'), id(r, 'shop-web'), Port.tcp(8080))).toBe(false);
    expect(open.isAllowed(id(open, 'ui'), id(open, 'shop-web'), Port.tcp(8080))).toBe(true);
    expect(open.isAllowed(id(open, 'ui'), '203.0.113.10', Port.tcp(443))).toBe(true);
    // The shop's own policies still decide its side.
    expect(open.isAllowed(id(open, 'ui'), id(open, 'shop-db'), Port.tcp(5432))).toBe(false);
  });
  test('no NetworkPolicy can reopen the metadata endpoint', () => {
    expect(open.isAllowed(id(open, 'ui'), '169.254.169.254', Port.tcp(80))).toBe(false);
    const e = open.explain(id(open, 'ui'), '169.254.169.254', Port.tcp(80));
    expect(e.egress.tierRules.map((t) => `${t.tier} ${t.action} ${t.ruleName} ${t.field}`)).toEqual(['Admin Deny deny-cloud-metadata spec.egress[0].to[0]']);
    expect(e.text).toContain('denied by');
  });
  test('monitoring always reaches 9090, even where the shop denies everything else', () => {
    expect(r.isAllowed(id(r, 'prometheus'), id(r, 'shop-db'), Port.tcp(9090))).toBe(true);
    expect(r.isAllowed(id(r, 'prometheus'), id(r, 'shop-db'), Port.tcp(5432))).toBe(false);
    expect(r.isAllowed(id(r, 'prometheus'), id(r, 'stranger'), Port.tcp(9090))).toBe(true);
  });
});
