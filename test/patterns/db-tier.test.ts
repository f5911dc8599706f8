import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { Analysis, chart, errorOf, kubeDns, policies } from './support';
import { DbTier, Peer, Pods, Port } from '../../src';

describe('DbTier', () => {
  function shop() {
    const app = Testing.app();
    const c = chart('shop', app);
    const db = new kplus.StatefulSet(c, 'db', { containers: [{ image: 'postgres', ports: [{ number: 5432, name: 'postgres' }] }] });
    const api = new kplus.Deployment(c, 'api', { containers: [{ image: 'api', ports: [{ number: 8080 }] }] });
    const web = new kplus.Deployment(c, 'web', { containers: [{ image: 'web', ports: [{ number: 80 }] }] });
    kubeDns(app);
    return { app, c, db, api, web };
  }

  test('the database accepts only its clients on its port; egress only where declared, and DNS', () => {
    const { app, c, db, api, web } = shop();
    const tier = new DbTier(c, 'Database', {
      database: Pods.of(db),
      clients: [Pods.of(api)],
      egress: [{ peer: Peer.cidr('10.9.0.0/16'), ports: [Port.tcp(443)] }],
    });
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(manifest.metadata.name).toBe('database');
    expect(manifest.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(tier.ports.map((p) => p.toString())).toEqual(['TCP 5432']);

    const model = tier.policy.toModel();
    expect(model.ingress).toHaveLength(1);
    expect(model.ingress[0].peers[0].podSelector!.toJson()).toEqual(Pods.of(api).selector.toJson());

    const a = new Analysis(app, ['10.9.1.1', '8.8.8.8']);
    expect(a.allowed('api', 'db')).toBe('TCP 5432');
    expect(a.allowed('web', 'db')).toBe('nothing');
    expect(a.allowed('db', '10.9.1.1')).toBe('TCP 443');
    expect(a.allowed('db', '8.8.8.8')).toBe('nothing');
    expect(a.allowed('db', 'api')).toBe('nothing');
    expect(a.allowed('db', 'coredns')).toBe('TCP 53, UDP 53');
    void web;
  });

  test('more clients and destinations by method; clients of other namespaces are matched there', () => {
    const { c, db } = shop();
    const tier = new DbTier(c, 'db-policy', { database: Pods.of(db), clients: [Pods.labels({ app: 'api' })], ports: [Port.named('postgres')], allowDns: false });
    const reports = new kplus.Deployment(chart('reports'), 'reports', { containers: [{ image: 'r' }] });
    tier.allowClient(Pods.of(reports));
    tier.allowEgress(Peer.podsWithLabels({ app: 'db' }), Port.tcp(5432));
    const [manifest] = policies(c);
    expect(manifest.spec.ingress).toEqual([{
      from: [
        { podSelector: { matchLabels: { app: 'api' } } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'reports' } }, podSelector: Pods.of(reports).selector.toJson() },
      ],
      ports: [{ protocol: 'TCP', port: 'postgres' }],
    }]);
    expect(manifest.spec.egress).toEqual([{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }]);
  });

  test('bad input', () => {
    const db = Pods.labels({ app: 'db' });
    const api = Pods.labels({ app: 'api' });
    expect(errorOf(() => new DbTier(chart(), 'x', { database: db, clients: [], ports: [Port.tcp(5432)] })))
      .toMatch(/^shop\/x: clients is empty, so nothing would be allowed; give the pods that use the database/);
    expect(errorOf(() => new DbTier(chart(), 'x', { database: db, clients: [api] })))
      .toMatch(/^shop\/x: the database ports are not known: pods \{"matchLabels":\{"app":"db"\}\} declares no container ports; give ports, such as \[Port.tcp\(5432\)\]/);
    expect(errorOf(() => new DbTier(chart(), 'x', { database: db, clients: [api], ports: [] })))
      .toMatch(/the database ports is empty/);
    expect(errorOf(() => new DbTier(chart(), 'x', { database: db, clients: [api], ports: [Port.tcp(5432)], egress: [{ peer: Peer.cidr('10.0.0.0/8', { except: ['11.0.0.0/16'] }), ports: [Port.tcp(1)] }] })))
      .toMatch(/egress\[0\]: except '11.0.0.0\/16' is outside '10.0.0.0\/8'/);
    expect(errorOf(() => new DbTier(chart(), 'x', { database: db, clients: [api], ports: [Port.tcp(5432)], egress: [{ peer: Peer.anywhere(), ports: [] }] })))
      .toMatch(/egress\[0\] ports is empty/);
    expect(errorOf(() => new DbTier(chart(), 'x', { database: Pods.labels({}), clients: [api], ports: [Port.tcp(5432)] })))
      .toMatch(/Pods.labels\(\) needs at least one label/);
  });
});
