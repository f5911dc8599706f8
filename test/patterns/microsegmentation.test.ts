import { App, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { Analysis, chart, errorOf, kubeDns, pod, policies } from './support';
import { Microsegmentation, Peer, Pods, Port } from '../../src';

function shop(app: App = Testing.app()) {
  const c = chart('shop', app);
  const web = new kplus.Deployment(c, 'web', { containers: [{ image: 'web', ports: [{ number: 8080, name: 'http' }] }] });
  const api = new kplus.Deployment(c, 'api', { containers: [{ image: 'api', ports: [{ number: 9000, name: 'http' }, { number: 9090, name: 'metrics' }] }] });
  const db = new kplus.StatefulSet(c, 'db', { containers: [{ image: 'postgres', ports: [{ number: 5432, name: 'postgres' }] }] });
  const seg = new Microsegmentation(c, 'shop', {
    tiers: [
      { name: 'web', pods: Pods.of(web) },
      { name: 'api', pods: Pods.of(api), ports: [Port.tcp(9000)] },
      { name: 'db', pods: Pods.of(db) },
    ],
    flows: [{ fromTier: 'web', toTier: 'api' }, { fromTier: 'api', toTier: 'db' }],
    ingress: [{ peer: Peer.namespace('frontend'), toTier: 'web' }],
    egress: [{ fromTier: 'api', peer: Peer.cidr('198.51.100.0/24'), ports: [Port.tcp(443)] }],
  });
  return { c, seg };
}

describe('Microsegmentation', () => {
  test('a default deny and one policy per tier, named <name>-default-deny and <name>-<tier>', () => {
    const { c, seg } = shop();
    const manifests = policies(c);
    expect(manifests).toMatchSnapshot();
    expect(manifests.map((m) => m.metadata.name)).toEqual(['shop-default-deny', 'shop-web', 'shop-api', 'shop-db']);
    expect(manifests.every((m) => m.metadata.namespace === 'shop')).toBe(true);
    expect(manifests.every((m) => m.spec.policyTypes.join() === 'Ingress,Egress')).toBe(true);
    expect(seg.tierNames).toEqual(['web', 'api', 'db']);
    expect(seg.policies.map((p) => p.name)).toEqual(['shop-default-deny', 'shop-web', 'shop-api', 'shop-db']);
    expect(seg.policyOf('api').toModel().egress.map((r) => r.ports.map((p) => p.toString()).join())).toEqual(['TCP 5432', 'TCP 443']);
  });

  test('exactly the declared flows are allowed, and DNS; nothing else', () => {
    const app = Testing.app();
    shop(app);
    kubeDns(app);
    pod(chart('frontend', app), 'ui', { app: 'ui' });
    pod(chart('elsewhere', app), 'stranger', { app: 'stranger' });
    const a = new Analysis(app, ['198.51.100.7', '8.8.8.8']);
    const tiers = ['web', 'api', 'db'];
    const expected: { [pair: string]: string } = {
      'web>api': 'TCP 9000',
      'api>db': 'TCP 5432',
      'ui>web': 'TCP 8080',
      'api>198.51.100.7': 'TCP 443',
    };
    for (const from of [...tiers, 'ui', 'stranger', 'coredns', '198.51.100.7', '8.8.8.8']) {
      for (const to of [...tiers, '198.51.100.7', '8.8.8.8']) {
        if (!tiers.includes(from) && !tiers.includes(to)) continue;
        expect(`${from}>${to}: ${a.allowed(from, to)}`).toBe(`${from}>${to}: ${expected[`${from}>${to}`] ?? 'nothing'}`);
      }
    }
    for (const tier of tiers) expect(a.allowed(tier, 'coredns')).toBe('TCP 53, UDP 53');
  });

  test('flows by method; the tier ports are the default, explicit ports win', () => {
    const c = chart();
    const seg = new Microsegmentation(c, 'app', {
      tiers: [{ name: 'a', pods: Pods.labels({ tier: 'a' }), ports: [Port.tcp(80)] }, { name: 'b', pods: Pods.labels({ tier: 'b' }) }],
      allowDns: false,
    });
    seg.allowFlow('a', 'a');
    seg.allowFlow('a', 'b', Port.udp(5000));
    seg.allowFromOutside(Peer.cidr('192.0.2.0/24'), 'a');
    seg.allowToOutside('b', Peer.namespace('logging'), Port.tcp(24224));
    const [deny, a, b] = policies(c);
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(a.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { tier: 'a' } } }, { ipBlock: { cidr: '192.0.2.0/24' } }], ports: [{ protocol: 'TCP', port: 80 }] }]);
    expect(a.spec.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { tier: 'a' } } }], ports: [{ protocol: 'TCP', port: 80 }] },
      { to: [{ podSelector: { matchLabels: { tier: 'b' } } }], ports: [{ protocol: 'UDP', port: 5000 }] },
    ]);
    expect(b.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { tier: 'a' } } }], ports: [{ protocol: 'UDP', port: 5000 }] }]);
    expect(b.spec.egress).toEqual([{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'logging' } } }], ports: [{ protocol: 'TCP', port: 24224 }] }]);
  });

  test('bad input: undeclared tiers, overlaps, missing ports, empty lists', () => {
    const a = { name: 'a', pods: Pods.labels({ tier: 'a' }), ports: [Port.tcp(80)] };
    const b = { name: 'b', pods: Pods.labels({ tier: 'b' }) };
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [a], flows: [{ fromTier: 'a', toTier: 'db' }] })))
      .toMatch(/^shop\/m: flows\[0\]: tier 'db' is not declared; declared tiers: a. Declare it in tiers, or fix the name/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [a], egress: [{ fromTier: 'x', peer: Peer.anywhere(), ports: [Port.tcp(1)] }] })))
      .toMatch(/egress\[0\]: tier 'x' is not declared/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [a, b], flows: [{ fromTier: 'a', toTier: 'b' }] })))
      .toMatch(/flows\[0\]: no ports given and tier 'b' has none: give the flow's ports, or the tier's ports/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [] })))
      .toMatch(/tiers is empty/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [a, { ...b, name: 'a' }] })))
      .toMatch(/tier 'a' is declared twice/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [{ ...a, name: 'Web_Tier' }] })))
      .toMatch(/tiers\[0\].name 'Web_Tier' must be a DNS label/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [a, { name: 'a2', pods: Pods.labels({ tier: 'a', role: 'x' }) }] })))
      .toMatch(/the pods of tier 'a2' .* and of tier 'a' .* overlap/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [{ name: 'all', pods: Pods.all() }] })))
      .toMatch(/tier 'all' selects every pod of the namespace/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [a], egress: [{ fromTier: 'a', peer: Peer.cidr('10.0.0.0/8'), ports: [] }] })))
      .toMatch(/egress\[0\] ports is empty/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [a], ingress: [{ toTier: 'a', peer: Peer.cidr('10.0.0.0/8', { except: ['10.0.0.0/7'] }) }] })))
      .toMatch(/ingress\[0\]: except '10.0.0.0\/7' is not smaller than '10.0.0.0\/8'/);
    expect(errorOf(() => new Microsegmentation(chart(), 'm', { tiers: [a], allowDns: false, dns: { ports: [Port.udp(53)] } })))
      .toMatch(/allowDns is false but dns options are given/);
  });
});
