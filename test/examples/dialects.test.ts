import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { addArticleCharts, ARTICLE_CHARTS } from '../../examples/article';
import { addDialectCharts } from '../../examples/dialects';
import { LabelSelector, Port, Reachability } from '../../src';
import { parseCalicoSelector } from '../../src/dialects/calico/calico-selector-parser';
import { validateCalicoManifest } from '../../src/dialects/calico/validate-calico';
import { validateCiliumManifest } from '../../src/dialects/cilium/validate-cilium';

function policyOf(objects: any[], kind: string): any {
  const found = objects.filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('the dialect examples', () => {
  const app = Testing.app();
  const v1 = Object.fromEntries(addArticleCharts(app).map((c) => [c.node.id, Testing.synth(c)]));
  const charts = Object.fromEntries(addDialectCharts(app).map((c) => [c.node.id, Testing.synth(c)]));

  test.each(Object.keys(ARTICLE_CHARTS))('%s: the Calico and Cilium forms keep the name, namespace and isolated directions, and pass their validators', (id) => {
    const original = policyOf(v1[id], 'NetworkPolicy');
    const calico = policyOf(charts[`${id}-calico`], 'NetworkPolicy');
    const cilium = policyOf(charts[`${id}-cilium`], 'CiliumNetworkPolicy');
    expect(calico.apiVersion).toBe('projectcalico.org/v3');
    expect([calico.metadata.name, calico.metadata.namespace]).toEqual([original.metadata.name, original.metadata.namespace]);
    expect([cilium.metadata.name, cilium.metadata.namespace]).toEqual([original.metadata.name, original.metadata.namespace]);
    expect(calico.spec.types).toEqual(original.spec.policyTypes);
    expect(cilium.spec.enableDefaultDeny).toEqual({ ingress: original.spec.policyTypes.includes('Ingress'), egress: original.spec.policyTypes.includes('Egress') });
    expect(validateCalicoManifest(calico)).toEqual([]);
    expect(validateCiliumManifest(cilium, { version: '1.16' })).toEqual([]);
    // The same pods are selected: the Calico selector agrees with the v1 selector on labels built from its values.
    const selector = LabelSelector.of({ labels: original.spec.podSelector.matchLabels, expressions: original.spec.podSelector.matchExpressions });
    const pairs: Array<[string, string]> = [
      ...Object.entries(selector.matchLabels),
      ...selector.matchExpressions.flatMap((r) => (r.values ?? ['x']).map((v) => [r.key, v] as [string, string])),
      ['app', 'other'],
    ];
    const calicoSelects = parseCalicoSelector(calico.spec.selector);
    for (const pair of pairs) {
      const labels = Object.fromEntries([pair]);
      expect(calicoSelects({ ...labels, 'projectcalico.org/orchestrator': 'k8s' })).toBe(selector.matches(labels));
    }
  });

  test('domain egress on Cilium keeps DNS and names the domains; on Calico Enterprise, domains', () => {
    const cnp = policyOf(charts['domains-cilium'], 'CiliumNetworkPolicy');
    expect(cnp.spec.egress[0].toPorts[0].rules.dns).toEqual([{ matchPattern: '*' }]);
    expect(cnp.spec.egress[1].toFQDNs).toEqual([{ matchName: 'api.stripe.com' }, { matchPattern: '*.files.stripe.com' }]);
    const calico = policyOf(charts['domains-calico-enterprise'], 'NetworkPolicy');
    expect(calico.spec.egress.at(-1).destination.domains).toEqual(['api.stripe.com', '*.files.stripe.com']);
    expect(validateCalicoManifest(calico, { enterprise: true })).toEqual([]);
  });

  test('Calico cluster chart: default deny, network set, and the policy that uses it (snapshot)', () => {
    expect(charts['calico-cluster']).toMatchSnapshot();
    for (const o of charts['calico-cluster']) expect(validateCalicoManifest(o)).toEqual([]);
  });
});

describe('the dialect examples, read back by the analysis', () => {
  const workloads = parseAllDocuments(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'article-workloads.yaml'), 'utf8')).map((d) => d.toJSON());
  const app = Testing.app();
  const v1 = Object.fromEntries(addArticleCharts(app).map((c) => [c.node.id, Testing.synth(c)]));
  const charts = Object.fromEntries(addDialectCharts(app).map((c) => [c.node.id, Testing.synth(c)]));
  // A chart's own workloads carry the chart's name (and hash) in theirs: compare them by what they are.
  const sameName = (id: string) => id.replace(/article-[a-z-]+?-([a-z]+)-[0-9a-f]{8}\[/, 'chart-$1[');
  const pairs = (r: Reachability) => r.connections(false).map((x) => `${sameName(x.from)} -> ${sameName(x.to)}: ${x.description}`);

  test.each(Object.keys(ARTICLE_CHARTS))('%s: its Calico form, with the article\'s workloads, allows exactly what its v1 form allows', (id) => {
    const original = Reachability.fromManifests([...workloads, ...v1[id]]);
    const calico = Reachability.fromManifests([...workloads, ...charts[`${id}-calico`]]);
    expect(calico.complete).toBe(true);
    expect(calico.policies).toEqual([]);
    expect(calico.dialectPolicies.length).toBeGreaterThan(0);
    expect(pairs(calico)).toEqual(pairs(original));
  });

  test('Calico\'s cluster default deny: only DNS leaves the pods, and the api reaches its partners on 443', () => {
    const r = Reachability.fromManifests([...workloads, ...charts['calico-cluster'],
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' } }, spec: { containers: [{ name: 'c', image: 'i' }] } }]);
    expect(r.complete).toBe(true);
    expect(r.isAllowed('shop/api', '198.51.100.7', Port.tcp(443))).toBe(true);
    expect(r.isAllowed('shop/api', '198.51.100.7', Port.tcp(80))).toBe(false);
    expect(r.isAllowed('shop/api', 'default/webserver', Port.tcp(80))).toBe(false);
    // kube-system is left alone by the default deny.
    expect(r.isAllowed('shop/api', 'kube-system/coredns', Port.udp(53))).toBe(true);
  });
});
