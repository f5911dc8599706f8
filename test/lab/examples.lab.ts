import { Chart, Testing } from 'cdk8s';
import { describeLab } from './lab-availability';
import { addArticleCharts } from '../../examples/article';
import { ShopChart } from '../../examples/shop';
import { KUBE_NETWORK_POLICIES_ENGINE } from '../../src/lab/lab-engine';
import { LabComparison, probeManifestsIn, tally } from '../../src/lab/lab-probe';
import { LabSession } from '../../src/lab/lab-session';

/** A plain Pod manifest. */
function pod(namespace: string, name: string, labels: { [k: string]: string }, ports: Array<[number, string, string?]>): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'c', image: 'x', ports: ports.map(([containerPort, protocol, portName]) => ({ containerPort, protocol, ...(portName ? { name: portName } : {}) })) }] },
  };
}

/** The pods the article's policies speak of (they are written for the default namespace), DNS and a stranger. */
const ARTICLE_POPULATION = [
  pod('default', 'webserver', { app: 'webserver' }, [[80, 'TCP', 'http'], [53, 'UDP']]),
  pod('default', 'database', { app: 'database', tier: 'backend' }, [[5432, 'TCP'], [80, 'TCP']]),
  pod('default', 'client', { app: 'client' }, [[8080, 'TCP']]),
  pod('frontend', 'ui', { app: 'ui' }, [[8080, 'TCP']]),
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'UDP'], [53, 'TCP']]),
];
/** Inside and outside the article's ipBlocks (192.168.0.0/16, 10.0.0.0/16). */
const ARTICLE_EXTERNALS = ['192.168.1.10', '10.0.5.5', '203.0.113.10'];

const SHOP_POPULATION = [
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'UDP'], [53, 'TCP']]),
  pod('frontend', 'ui', { app: 'ui' }, []),
  pod('other', 'stranger', { app: 'stranger' }, []),
];
const SHOP_EXTERNALS = ['198.51.100.10', '203.0.113.10'];

function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

describeLab('the examples app enforced by kube-router v2.1.0', () => {
  let session: LabSession;
  const comparisons: LabComparison[] = [];
  beforeAll(async () => {
    session = await LabSession.open();
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
    const t = tally(comparisons);
    // eslint-disable-next-line no-console
    console.log(`examples in the lab: ${comparisons.length} runs, ${t.measured} probes measured, ${t.disagreements.length} disagreements with the analysis`);
  });

  const app = Testing.app();
  const charts = addArticleCharts(app);
  test.each(charts.map((c) => c.node.id))('%s: the dataplane does what the analysis says', async (id) => {
    const chart = charts.find((c) => c.node.id === id)!;
    const objects = [...ARTICLE_POPULATION, ...synth(chart)];
    const c = await probeManifestsIn(session, id, objects.map((object) => ({ object })), { externals: ARTICLE_EXTERNALS, ports: [443] });
    comparisons.push(c);
    expect(c.applied.filter((a) => !a.accepted)).toEqual([]);
    expect(c.notRunnable).toEqual([]);
    expect(c.results.filter((r) => r.observed === 'unmeasurable')).toEqual([]);
    expect(c.results.filter((r) => r.observed !== r.predicted)).toEqual([]);
    // The policies decide something: both verdicts occur.
    expect(c.results.some((r) => r.observed === 'allowed')).toBe(true);
    expect(c.results.some((r) => r.observed === 'denied')).toBe(true);
  }, 120_000);

  test('the shop: exactly the tiers\' edges, DNS and the payment provider pass', async () => {
    const objects = [...SHOP_POPULATION, ...synth(new ShopChart(Testing.app(), 'shop'))];
    const c = await probeManifestsIn(session, 'shop', objects.map((object) => ({ object })), { externals: SHOP_EXTERNALS, ports: [443] });
    comparisons.push(c);
    expect(c.applied.length).toBe(4);
    expect(c.applied.every((a) => a.accepted)).toBe(true);
    expect(c.results.filter((r) => r.observed !== r.predicted)).toEqual([]);
    const allowed = c.results.filter((r) => r.observed === 'allowed' && (r.from.startsWith('shop/') || r.to.startsWith('shop/')))
      .map((r) => `${r.from.replace(/-[0-9a-f]{8}\[/, '[')} -> ${r.to.replace(/-[0-9a-f]{8}\[/, '[')} ${r.port}/${r.protocol}`);
    expect(allowed.sort()).toEqual([
      'frontend/ui[Pod] -> shop/shop-web[Deployment] 8080/TCP',
      'shop/shop-api[Deployment] -> 198.51.100.10 443/TCP',
      'shop/shop-api[Deployment] -> kube-system/coredns[Pod] 53/TCP',
      'shop/shop-api[Deployment] -> kube-system/coredns[Pod] 53/UDP',
      'shop/shop-api[Deployment] -> shop/shop-db[StatefulSet] 5432/TCP',
      'shop/shop-db[StatefulSet] -> kube-system/coredns[Pod] 53/TCP',
      'shop/shop-db[StatefulSet] -> kube-system/coredns[Pod] 53/UDP',
      'shop/shop-web[Deployment] -> kube-system/coredns[Pod] 53/TCP',
      'shop/shop-web[Deployment] -> kube-system/coredns[Pod] 53/UDP',
      'shop/shop-web[Deployment] -> shop/shop-api[Deployment] 9000/TCP',
    ].sort());
  }, 120_000);
});

describeLab('the examples app enforced by kube-network-policies v0.8.0', () => {
  let session: LabSession;
  const comparisons: LabComparison[] = [];
  beforeAll(async () => {
    session = await LabSession.open(() => {}, KUBE_NETWORK_POLICIES_ENGINE);
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
    const t = tally(comparisons);
    // eslint-disable-next-line no-console
    console.log(`examples with kube-network-policies: ${comparisons.length} runs, ${t.measured} probes measured, ${t.disagreements.length} disagreements with the analysis`);
  });

  const app = Testing.app();
  const charts = addArticleCharts(app);
  test.each(charts.map((c) => c.node.id))('%s: the dataplane does what the analysis says', async (id) => {
    const chart = charts.find((c) => c.node.id === id)!;
    const objects = [...ARTICLE_POPULATION, ...synth(chart)];
    const c = await probeManifestsIn(session, id, objects.map((object) => ({ object })), { externals: ARTICLE_EXTERNALS, ports: [443] });
    comparisons.push(c);
    expect(c.applied.filter((a) => !a.accepted)).toEqual([]);
    expect(c.results.filter((r) => r.observed === 'unmeasurable')).toEqual([]);
    expect(c.results.filter((r) => r.observed !== r.predicted)).toEqual([]);
  }, 120_000);

  test('the shop', async () => {
    const objects = [...SHOP_POPULATION, ...synth(new ShopChart(Testing.app(), 'shop'))];
    const c = await probeManifestsIn(session, 'shop', objects.map((object) => ({ object })), { externals: SHOP_EXTERNALS, ports: [443] });
    comparisons.push(c);
    expect(c.applied.every((a) => a.accepted)).toBe(true);
    expect(c.results.filter((r) => r.observed !== r.predicted)).toEqual([]);
    expect(c.results.filter((r) => r.observed === 'allowed' && (r.from.startsWith('shop/') || r.to.startsWith('shop/'))).length).toBe(10);
  }, 120_000);
}, KUBE_NETWORK_POLICIES_ENGINE);
