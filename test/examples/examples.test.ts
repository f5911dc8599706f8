import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { ARTICLE_CHARTS, addArticleCharts } from '../../examples/article';
import { QuickStartChart } from '../../examples/quick-start';
import { ShopChart } from '../../examples/shop';
import { Reachability, validateNetworkPolicy } from '../../src';

/** The examples app as examples/main.ts builds it, synthesized in-process. */
function examplesApp(): App {
  const app = Testing.app();
  new QuickStartChart(app, 'quick-start');
  addArticleCharts(app);
  new ShopChart(app, 'shop');
  return app;
}

describe('the examples app', () => {
  const app = examplesApp();

  test('has the quick start, every article chart and the shop', () => {
    expect(app.charts.map((c) => c.node.id)).toEqual(['quick-start', ...Object.keys(ARTICLE_CHARTS), 'shop']);
  });

  test.each(examplesApp().charts.map((c) => c.node.id))('%s synthesizes valid policies (snapshot)', (id) => {
    const chart = app.charts.find((c) => c.node.id === id) as Chart;
    const objects = Testing.synth(chart);
    expect(objects).toMatchSnapshot();
    const policies = objects.filter((o: any) => o.kind === 'NetworkPolicy');
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      expect(validateNetworkPolicy(p)).toEqual([]);
      expect(p.spec.policyTypes.length).toBeGreaterThan(0);
    }
  });
});

describe('the shop', () => {
  function analysis() {
    const app = Testing.app();
    new ShopChart(app, 'shop');
    const dns = new Chart(app, 'dns', { namespace: 'kube-system' });
    new kplus.Pod(dns, 'coredns', {
      metadata: { labels: { 'k8s-app': 'kube-dns' } },
      containers: [{ image: 'coredns', ports: [{ number: 53, protocol: kplus.Protocol.UDP }, { number: 53 }] }],
    });
    new kplus.Pod(new Chart(app, 'frontend', { namespace: 'frontend' }), 'ui', { containers: [{ image: 'ui' }] });
    new kplus.Pod(new Chart(app, 'other', { namespace: 'other' }), 'stranger', { containers: [{ image: 'x' }] });
    return Reachability.of(app, { externals: ['198.51.100.10', '203.0.113.10'] });
  }

  test('policies: default deny and one per tier, all in namespace shop', () => {
    const policies = Testing.synth(new ShopChart(Testing.app(), 'shop')).filter((o: any) => o.kind === 'NetworkPolicy');
    expect(policies.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['shop/shop-default-deny', 'shop/shop-web', 'shop/shop-api', 'shop/shop-db']);
  });

  test('allows exactly: frontend -> web 8080, web -> api 9000, api -> db 5432, api -> payment provider 443, and DNS', () => {
    const r = analysis();
    const id = (name: string) => r.endpoints.find((e) => e.name.startsWith(name) || e.id === name)!.id;
    const involving = r.connections().filter((c) => [c.from, c.to].some((e) => e.startsWith('shop/')));
    const lines = involving.map((c) => `${c.from} -> ${c.to}: ${c.description}`);
    expect(lines.sort()).toEqual([
      `${id('frontend-ui')} -> ${id('shop-web')}: TCP 8080`,
      `${id('shop-api')} -> ${id('dns-coredns')}: TCP 53, UDP 53`,
      `${id('shop-api')} -> ${id('shop-db')}: TCP 5432`,
      `${id('shop-api')} -> 198.51.100.10: TCP 443`,
      // The egress rule names the provider's whole network: the ranges around the address given are open too.
      `${id('shop-api')} -> 198.51.100.0-198.51.100.9: TCP 443`,
      `${id('shop-api')} -> 198.51.100.11-198.51.100.255: TCP 443`,
      `${id('shop-db')} -> ${id('dns-coredns')}: TCP 53, UDP 53`,
      `${id('shop-web')} -> ${id('dns-coredns')}: TCP 53, UDP 53`,
      `${id('shop-web')} -> ${id('shop-api')}: TCP 9000`,
    ].sort());
  });
});
