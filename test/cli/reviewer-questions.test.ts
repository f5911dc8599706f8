import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliInProcess } from './run-cli-in-process';
import { analyze, namespace, pod, policy } from '../analysis/helpers';

const F = path.join(__dirname, '..', 'analysis', 'fixtures');
const BEFORE = path.join(F, 'shop-before');
const AFTER = path.join(F, 'shop-after');

describe('--focus-workload', () => {
  test('analyze lists only the connections of that workload, in every format', () => {
    const all = JSON.parse(runCliInProcess(['analyze', '--output', 'json', BEFORE]).stdout);
    const web = 'shop/web[Deployment]';
    const focused = JSON.parse(runCliInProcess(['analyze', '--output', 'json', '--focus-workload', 'web', BEFORE]).stdout);
    expect(focused.focus).toEqual({ endpoint: web });
    expect(focused.connections).toEqual(all.connections.filter((c: any) => c.from === web || c.to === web));
    expect(focused.connections.length).toBeGreaterThan(0);
    const egress = JSON.parse(runCliInProcess(['analyze', '--output', 'json', '--focus-workload', 'web', '--focus-direction', 'egress', BEFORE]).stdout);
    expect(egress.connections).toEqual(all.connections.filter((c: any) => c.from === web));
    const withDb = runCliInProcess(['analyze', '--output', 'csv', '--focus-workload', 'web', '--focus-peer', 'shop/db', BEFORE]).stdout;
    expect(withDb).toBe('from,to,TCP,UDP,SCTP\nshop/web[Deployment],shop/db[StatefulSet],5432,,\n');
    const text = runCliInProcess(['analyze', '--focus-workload', 'web', '--focus-direction', 'ingress', BEFORE]);
    expect(text.stdout).toContain('Only the connections of shop/web[Deployment] (ingress only).');
    expect(text.stdout).not.toContain('shop/web[Deployment] -> ');
  });

  test('a name that names nothing is a usage error; --focus-peer needs --focus-workload', () => {
    const r = runCliInProcess(['analyze', '--focus-workload', 'wbe', BEFORE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no endpoint "wbe"; nearest: shop/web[Deployment]');
    expect(runCliInProcess(['analyze', '--focus-peer', 'db', BEFORE]).code).toBe(2);
  });

  test('diff lists only the changes of that workload, and its exit code says whether they changed', () => {
    const all = JSON.parse(runCliInProcess(['diff', '--output', 'json', BEFORE, AFTER]).stdout).changes;
    // The change opens web's egress to port 80 and its ingress on 8080.
    const r = runCliInProcess(['diff', '--output', 'json', '--focus-workload', 'web', '--focus-direction', 'egress', BEFORE, AFTER]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).changes).toEqual(all.filter((c: any) => c.from === 'shop/web[Deployment]'));
    expect(JSON.parse(r.stdout).changes.map((c: any) => c.to)).toEqual(['monitoring/probe[Pod]', '0.0.0.0-9.255.255.255', '11.0.0.0-255.255.255.255']);
    const text = runCliInProcess(['diff', '--focus-workload', 'web', '--focus-peer', 'monitoring/probe', BEFORE, AFTER]).stdout;
    expect(text).toBe('Only the connections of shop/web[Deployment] with monitoring/probe[Pod].\n'
      + '+ shop/web[Deployment] -> monitoring/probe[Pod]: TCP 80\n+ monitoring/probe[Pod] -> shop/web[Deployment]: TCP 8080\n2 pairs opened (+), 0 closed (-).\n');
    // Something changed overall, but nothing of db's: exit 0.
    const db = runCliInProcess(['diff', '--focus-workload', 'shop/db', BEFORE, AFTER]);
    expect(db.code).toBe(0);
    expect(db.stdout).toContain('No connection changed.');
  });
});

describe('analyze --explain', () => {
  test('each allowed connection with the rules that allow it on each side (text and json)', () => {
    const text = runCliInProcess(['analyze', '--explain', '--focus-workload', 'web', '--focus-direction', 'egress', BEFORE]).stdout;
    expect(text).toContain([
      'shop/web[Deployment] -> shop/db[StatefulSet]: TCP 5432',
      '  egress: allowed by shop/web-egress spec.egress[0].to[0] (pods {app=db} of the policy\'s namespace; TCP 5432)',
      '  ingress: allowed by shop/db-from-web spec.ingress[0].from[0] (pods {app=web} of the policy\'s namespace; TCP 5432)',
    ].join('\n'));
    expect(text).toContain('  ingress: not restricted (outside the cluster)');
    const json = JSON.parse(runCliInProcess(['analyze', '--explain', '--output', 'json', BEFORE]).stdout);
    const plain = JSON.parse(runCliInProcess(['analyze', '--output', 'json', BEFORE]).stdout);
    // The same connections as the plain answer, each explained.
    expect(json.connections.map((c: any) => [c.from, c.to, c.allowed])).toEqual(plain.connections.map((c: any) => [c.from, c.to, c.allowed]));
    const webDb = json.connections.find((c: any) => c.from === 'shop/web[Deployment]' && c.to === 'shop/db[StatefulSet]');
    expect(webDb.egress).toEqual({ isolated: true, rules: [{ policy: 'shop/web-egress', field: 'spec.egress[0].to[0]', peer: 'pods {app=db} of the policy\'s namespace', ports: 'TCP 5432' }] });
    expect(webDb.ingress.rules.map((x: any) => x.policy)).toEqual(['shop/db-from-web']);
    // Every explained side is isolated with a rule, or not restricted at all.
    for (const c of json.connections) {
      for (const side of [c.egress, c.ingress]) expect(side.rules.length > 0 || !side.isolated || side.notSubject !== undefined).toBe(true);
    }
    expect(runCliInProcess(['analyze', '--explain', '--output', 'csv', BEFORE]).code).toBe(2);
    expect(runCliInProcess(['analyze', '--explain', '--grouped', BEFORE]).code).toBe(2);
  });
});

describe('analyze --exposure', () => {
  const manifests = [
    namespace('shop'),
    pod('shop', 'open', { app: 'open' }, { ports: [{ containerPort: 8080, name: 'http' }] }),
    pod('shop', 'web', { app: 'web' }, { ports: [{ containerPort: 8080, name: 'http' }] }),
    pod('shop', 'db', { app: 'db' }),
    policy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 'http' }] }], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }] }),
    policy('shop', 'db', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] }),
  ];

  test('the library: open to any namespace, to every outside address, or reaching anywhere', () => {
    const byId = new Map(analyze(manifests).exposure().map((x) => [x.endpoint, x]));
    expect(byId.get('shop/open[Pod]')).toEqual({
      endpoint: 'shop/open[Pod]',
      exposed: true,
      fromAnyNamespace: 'all traffic',
      toAnyNamespace: 'all traffic',
      fromEverywhereOutside: 'all traffic',
      fromSomewhereOutside: 'all traffic',
      toEverywhereOutside: 'all traffic',
    });
    // web: any namespace on its named port; outside only towards IPv4 (so not every address: IPv6 is closed).
    expect(byId.get('shop/web[Pod]')).toMatchObject({ exposed: true, fromAnyNamespace: 'TCP 8080', toAnyNamespace: 'nothing', fromEverywhereOutside: 'nothing', toEverywhereOutside: 'nothing' });
    expect(byId.get('shop/db[Pod]')).toMatchObject({ exposed: false, fromAnyNamespace: 'nothing', fromSomewhereOutside: 'nothing' });
  });

  test('the CLI lists the exposed workloads, text and json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-exposure-'));
    const file = path.join(dir, 'cluster.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }));
    const text = runCliInProcess(['analyze', '--exposure', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  shop/web[Pod]\n    ingress from any namespace: TCP 8080\n');
    expect(text.stdout).toContain('2 of 3 pods and workloads exposed.');
    expect(text.stdout).not.toContain('shop/db[Pod]');
    const json = JSON.parse(runCliInProcess(['analyze', '--exposure', '--output', 'json', file]).stdout);
    expect(json.exposure.map((x: any) => [x.endpoint, x.exposed])).toEqual([['shop/open[Pod]', true], ['shop/web[Pod]', true], ['shop/db[Pod]', false]]);
    expect(json.exposure[1].fromAnyNamespace).toEqual({ TCP: [[8080, 8080]], UDP: [], SCTP: [] });
    const focused = JSON.parse(runCliInProcess(['analyze', '--exposure', '--output', 'json', '--focus-workload', 'db', file]).stdout);
    expect(focused.exposure.map((x: any) => x.endpoint)).toEqual(['shop/db[Pod]']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
