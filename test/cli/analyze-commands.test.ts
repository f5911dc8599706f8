import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliInProcess } from './run-cli-in-process';

const F = path.join(__dirname, '..', 'analysis', 'fixtures');
const BEFORE = path.join(F, 'shop-before');
const AFTER = path.join(F, 'shop-after');

describe('analyze', () => {
  test('text lists the allowed pairs and the host-network pods', () => {
    const r = runCliInProcess(['analyze', BEFORE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shop/web[Deployment] -> shop/db[StatefulSet]: TCP 5432');
    expect(r.stdout).toContain('Host-network pods, not subject to NetworkPolicy: monitoring/probe[Pod]');
    expect(r.stdout).not.toContain('ConfigMap');
  });

  test('json lists every endpoint and only the pairs that allow something; --all-pairs lists every ordered pair', () => {
    const r = runCliInProcess(['analyze', '--output', 'json', '--external', '8.8.8.8/32', BEFORE]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.allPairs).toBe(false);
    // The address space outside the cluster, cut at the policy's ipBlock (0.0.0.0/0 except 10.0.0.0/8) and at --external.
    expect(json.endpoints.map((e: any) => e.id)).toEqual([
      'shop/web[Deployment]', 'shop/db[StatefulSet]', 'monitoring/probe[Pod]', '8.8.8.8/32',
      '0.0.0.0-8.8.8.7', '8.8.8.9-9.255.255.255', '10.0.0.0/8', '11.0.0.0-255.255.255.255', '::/0',
    ]);
    expect(json.endpoints[0]).toEqual({ id: 'shop/web[Deployment]', kind: 'Deployment', namespace: 'shop', name: 'web', labels: { app: 'web', tier: 'frontend' } });
    const find = (connections: any[], from: string, to: string) => connections.find((c: any) => c.from === from && c.to === to);
    expect(find(json.connections, 'shop/web[Deployment]', 'shop/db[StatefulSet]').allowed).toEqual({ TCP: [[5432, 5432]], UDP: [], SCTP: [] });
    expect(find(json.connections, 'shop/web[Deployment]', '8.8.8.8/32').allowed).toEqual({ TCP: [[443, 443]], UDP: [], SCTP: [] });
    // db allows nothing to itself: the pair is absent, and every listed pair allows something.
    expect(find(json.connections, 'shop/db[StatefulSet]', 'shop/db[StatefulSet]')).toBeUndefined();
    expect(json.connections.every((c: any) => c.allowed.TCP.length + c.allowed.UDP.length + c.allowed.SCTP.length > 0)).toBe(true);

    const all = JSON.parse(runCliInProcess(['analyze', '--output', 'json', '--all-pairs', '--external', '8.8.8.8/32', BEFORE]).stdout);
    expect(all.allPairs).toBe(true);
    expect(all.connections).toHaveLength(9 * 9);
    expect(find(all.connections, 'shop/db[StatefulSet]', 'shop/db[StatefulSet]').allowed).toEqual({ TCP: [], UDP: [], SCTP: [] });
    // The same answer: the listed pairs of the short form are exactly the non-empty ones of the matrix.
    expect(all.connections.filter((c: any) => c.allowed.TCP.length + c.allowed.UDP.length + c.allowed.SCTP.length > 0)).toEqual(json.connections);
  });

  test('--grouped lists the classes of endpoints and what each class allows to each', () => {
    const r = runCliInProcess(['analyze', '--output', 'json', '--grouped', '--external', '8.8.8.8/32', '--external', '1.1.1.1/32', BEFORE]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    // The two external addresses are matched by the same ipBlocks: one class.
    const classOf = new Map(json.endpoints.map((e: any) => [e.id, e.class]));
    expect(classOf.get('8.8.8.8/32')).toBe(classOf.get('1.1.1.1/32'));
    expect(new Set(classOf.values()).size).toBe(json.classes.length);
    // With every range of 0.0.0.0/0 outside 10.0.0.0/8: the one ipBlock tells none of them apart.
    expect(json.classes.find((c: any) => c.id === classOf.get('8.8.8.8/32')).members).toEqual([
      '8.8.8.8/32', '1.1.1.1/32', '0.0.0.0-1.1.1.0', '1.1.1.2-8.8.8.7', '8.8.8.9-9.255.255.255', '11.0.0.0-255.255.255.255',
    ]);
    expect(classOf.get('10.0.0.0/8')).not.toBe(classOf.get('8.8.8.8/32'));
    // Each class connection is what every member pair is allowed (checked against the pair matrix).
    const pairs = JSON.parse(runCliInProcess(['analyze', '--output', 'json', '--all-pairs', '--external', '8.8.8.8/32', '--external', '1.1.1.1/32', BEFORE]).stdout);
    for (const p of pairs.connections) {
      const c = json.connections.find((x: any) => x.from === classOf.get(p.from) && x.to === classOf.get(p.to));
      expect(c?.allowed ?? { TCP: [], UDP: [], SCTP: [] }).toEqual(p.allowed);
    }
    const web = classOf.get('shop/web[Deployment]');
    const db = classOf.get('shop/db[StatefulSet]');
    expect(json.connections.find((x: any) => x.from === web && x.to === db).allowed).toEqual({ TCP: [[5432, 5432]], UDP: [], SCTP: [] });
    const text = runCliInProcess(['analyze', '--grouped', BEFORE]).stdout;
    expect(text).toContain(`C${web} -> C${db}: TCP 5432`);
    expect(text).toMatch(/C\d+ \(1 endpoint; isolated for ingress and egress\): shop\/db\[StatefulSet\]/);
    expect(runCliInProcess(['analyze', '--grouped', '--output', 'csv', BEFORE]).code).toBe(2);
  });

  test('--external may be repeated, and takes comma-separated lists', () => {
    const r = runCliInProcess(['analyze', '--output', 'json', '--external', '8.8.8.8/32', BEFORE, '--external=1.1.1.1/32,9.9.9.9/32', '--external', '8.8.8.8/32']);
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).endpoints.map((e: any) => e.id);
    expect(ids.slice(3, 6)).toEqual(['8.8.8.8/32', '1.1.1.1/32', '9.9.9.9/32']);
  });

  test('--no-ipblock-pods stops ipBlocks from matching pods by IP', () => {
    const on = runCliInProcess(['analyze', BEFORE]).stdout;
    const off = runCliInProcess(['analyze', '--no-ipblock-pods', BEFORE]).stdout;
    expect(on).toContain('shop/web[Deployment] -> monitoring/probe[Pod]: TCP 443');
    expect(off).not.toContain('shop/web[Deployment] -> monitoring/probe[Pod]');
  });

  test('csv', () => {
    const r = runCliInProcess(['analyze', '--output=csv', BEFORE]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('from,to,TCP,UDP,SCTP');
    expect(lines).toContain('shop/web[Deployment],shop/db[StatefulSet],5432,,');
    // Only the pairs that allow something, as the text lists them; --all-pairs gives every ordered pair.
    const inside = lines.slice(1).filter((l) => !/^[0-9:]/.test(l) && !/,[0-9:][^,]*,[^,]*,[^,]*,[^,]*$/.test(l));
    expect(inside).toEqual([
      'shop/web[Deployment],shop/db[StatefulSet],5432,,', 'shop/web[Deployment],monitoring/probe[Pod],443,,', 'monitoring/probe[Pod],monitoring/probe[Pod],1-65535,1-65535,1-65535',
    ]);
    expect(lines).toContain('shop/web[Deployment],11.0.0.0-255.255.255.255,443,,');
    expect(lines).not.toContain('shop/web[Deployment],10.0.0.0/8,443,,');
    const text = runCliInProcess(['analyze', BEFORE]).stdout;
    expect(text).toContain(`${lines.length - 1} of 49 ordered pairs (self pairs included) allow something`);
    expect(runCliInProcess(['analyze', '--output=csv', '--all-pairs', BEFORE]).stdout.trim().split('\n')).toHaveLength(1 + 49);
  });

  test('objects that cannot be read: each named once with its file, line and fields; no answer, exit 2', () => {
    const r = runCliInProcess(['analyze', '--output', 'json', path.join(F, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const file = path.join(F, 'bad', 'bad.yaml');
    expect(r.stderr).toContain(`${file}:1 Deployment shop/broken: cannot be read: spec.template.spec.containers[0].ports[0].containerPort: must be an integer`);
    expect(r.stderr).toContain(`${file}:16 NetworkPolicy shop/bad-policy: cannot be read: spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP"`);
    expect(r.stderr).toContain(`${file}:28: cannot be read: expected a Kubernetes object (a mapping), found a list`);
    expect(r.stderr).toContain('pass --skip-invalid to answer without them');
    expect(r.stderr).not.toContain('Widget');
    // Once per object, not once per error.
    expect(r.stderr.split('\n').filter((l) => l.includes('shop/bad-policy')).length).toBe(1);
  });

  test('--skip-invalid answers without them, says so in text, JSON and CSV, and exits 3', () => {
    const dir = path.join(F, 'bad');
    const json = runCliInProcess(['analyze', '--skip-invalid', '--output', 'json', dir]);
    expect(json.code).toBe(3);
    const out = JSON.parse(json.stdout);
    expect(out.complete).toBe(false);
    expect(out.leftOut.map((e: any) => [e.object, e.reason])).toEqual([
      ['Deployment shop/broken', 'unreadable'], ['NetworkPolicy shop/bad-policy', 'unreadable'], [null, 'unreadable'],
    ]);
    expect(out.endpoints.filter((e: any) => e.kind !== 'External').map((e: any) => e.id)).toEqual(['shop/ok[Pod]']);
    const text = runCliInProcess(['analyze', '--skip-invalid', dir]);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/^INCOMPLETE: this answer leaves out 3 objects of the input:\n.*bad\.yaml:1 Deployment shop\/broken: cannot be read/);
    const csv = runCliInProcess(['analyze', '--skip-invalid', '--output', 'csv', dir]);
    expect(csv.code).toBe(3);
    expect(csv.stdout.split('\n')[0]).toBe('# INCOMPLETE: this answer leaves out 3 objects of the input:');
    expect(csv.stdout).toContain('\nfrom,to,TCP,UDP,SCTP\n');
  });

  test('a bad --external is a usage error', () => {
    const r = runCliInProcess(['analyze', '--external', '10.0.0.0/33', BEFORE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not an IP address or CIDR');
  });
});

describe('explain', () => {
  test('names the isolating policies and the allowing rules; exit 0 when allowed', () => {
    const r = runCliInProcess(['explain', '--from', 'web', '--to', 'shop/db', '--port', '5432', BEFORE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ALLOWED');
    expect(r.stdout).toContain('allowed by shop/db-from-web spec.ingress[0].from[0]');
    expect(r.stdout).toContain('allowed by shop/web-egress spec.egress[0].to[0]');
  });

  test('says that no rule allows it; exit 1 when denied; json output', () => {
    const r = runCliInProcess(['explain', '--from', 'shop/db[StatefulSet]', '--to', 'web', '--port', '53/UDP', '--output', 'json', BEFORE]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.allowed).toBe(false);
    expect(json.egress.isolatingPolicies).toEqual(['shop/default-deny']);
    expect(json.egress.allowingRules).toEqual([]);
    expect(json.ports).toBe('UDP 53');
  });

  test('a named port resolves against the destination: one it does not declare is denied (exit 1)', () => {
    // Only db's ingress is isolated, by a rule on the named port pg (5432 in db's pod template).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-named-'));
    fs.writeFileSync(path.join(dir, 'cluster.yaml'), [
      'apiVersion: v1\nkind: Pod\nmetadata: { name: web, namespace: shop, labels: { app: web } }\nspec: { containers: [ { name: web, image: web, ports: [ { name: http, containerPort: 8080 } ] } ] }',
      'apiVersion: v1\nkind: Pod\nmetadata: { name: db, namespace: shop, labels: { app: db } }\nspec: { containers: [ { name: db, image: db, ports: [ { name: pg, containerPort: 5432 } ] } ] }',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: db, namespace: shop }\nspec:\n  podSelector: { matchLabels: { app: db } }\n  policyTypes: [Ingress]\n  ingress: [ { ports: [ { port: pg } ] } ]',
    ].join('\n---\n'));
    try {
      for (const port of ['pg', '5432']) {
        const r = runCliInProcess(['explain', '--from', 'web', '--to', 'db', '--port', port, dir]);
        expect([port, r.code]).toEqual([port, 0]);
      }
      // http is a name web declares, not db: no port of db answers to it.
      const undeclared = runCliInProcess(['explain', '--from', 'web', '--to', 'db', '--port', 'http', '--output', 'json', dir]);
      expect(undeclared.code).toBe(1);
      expect(JSON.parse(undeclared.stdout).allowed).toBe(false);
      expect(runCliInProcess(['explain', '--from', 'web', '--to', 'db', '--port', '8080', dir]).code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an endpoint that names nothing is an error listing the nearest ids', () => {
    const r = runCliInProcess(['explain', '--from', 'wbe', '--to', 'db', '--port', '80', BEFORE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no endpoint "wbe"; nearest: shop/web[Deployment]');
  });

  test('a bad --port is a usage error', () => {
    expect(runCliInProcess(['explain', '--from', 'web', '--to', 'db', '--port', '80/ICMP', BEFORE]).code).toBe(2);
    expect(runCliInProcess(['explain', '--from', 'web', '--to', 'db', BEFORE]).code).toBe(2);
  });
});

describe('diff', () => {
  test('lists what opened and closed; exit 1 when anything changed', () => {
    const r = runCliInProcess(['diff', '--external', '8.8.8.8/32', BEFORE, AFTER]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+ shop/web[Deployment] -> 8.8.8.8/32: TCP 80');
    expect(r.stdout).toContain('+ 8.8.8.8/32 -> shop/web[Deployment]: TCP 8080');
    const back = runCliInProcess(['diff', '--output', 'json', AFTER, BEFORE]);
    expect(back.code).toBe(1);
    expect(JSON.parse(back.stdout).changes).toContainEqual({ from: 'monitoring/probe[Pod]', to: 'shop/web[Deployment]', opened: { TCP: [], UDP: [], SCTP: [] }, closed: { TCP: [[8080, 8080]], UDP: [], SCTP: [] } });
  });

  test('exit 0 when nothing changed; needs exactly two paths', () => {
    const r = runCliInProcess(['diff', BEFORE, BEFORE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No connection changed.\n');
    expect(runCliInProcess(['diff', BEFORE]).code).toBe(2);
  });
});
