import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

// The input `cluster`, against recorded API server responses (test/fixtures/cluster-api, see its README)
// served on loopback. The CLI runs as the real bin/cdk8s-netpol in a child process (it reads the cluster
// in a child of its own, synchronously, so the server must not share its event loop): lib/ must be built.
const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'cdk8s-netpol');
const API = path.join(__dirname, '..', 'fixtures', 'cluster-api');
const SHOP_AFTER = path.join(__dirname, '..', 'fixtures', 'cluster-api-after');
const TOKEN = 'recorded-token';

interface ServerOptions {
  /** API paths answered 403 Forbidden. */
  readonly forbidden?: string[];
  /** Serve the projectcalico.org API (with one GlobalNetworkPolicy). */
  readonly calico?: boolean;
  /** Serve the policy.networking.k8s.io API (with one AdminNetworkPolicy). */
  readonly admin?: boolean;
}

/** The admin policy API, written here (no recording: the recorded cluster had none). */
const ADMIN_GROUP = { name: 'policy.networking.k8s.io', versions: [{ groupVersion: 'policy.networking.k8s.io/v1alpha1', version: 'v1alpha1' }], preferredVersion: { groupVersion: 'policy.networking.k8s.io/v1alpha1', version: 'v1alpha1' } };
const ADMIN_RESOURCES = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'policy.networking.k8s.io/v1alpha1',
  resources: [
    { name: 'adminnetworkpolicies', singularName: 'adminnetworkpolicy', namespaced: false, kind: 'AdminNetworkPolicy', verbs: ['get', 'list', 'watch'] },
    { name: 'baselineadminnetworkpolicies', singularName: 'baselineadminnetworkpolicy', namespaced: false, kind: 'BaselineAdminNetworkPolicy', verbs: ['get', 'list', 'watch'] },
  ],
};
const ADMIN_POLICIES = {
  kind: 'AdminNetworkPolicyList',
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  metadata: { resourceVersion: '7' },
  items: [
    { metadata: { name: 'no-db-from-anywhere', uid: 'anp-1' }, spec: { priority: 10, subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ports: [{ portNumber: { protocol: 'TCP', port: 5432 } }] }] } },
  ],
};
const EMPTY_BANP_LIST = { kind: 'BaselineAdminNetworkPolicyList', apiVersion: 'policy.networking.k8s.io/v1alpha1', metadata: { resourceVersion: '7' }, items: [] };

interface RecordedServer {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(API, name), 'utf8');
}

function status(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

/** The answer the recorded API server gives to a GET. */
function answer(url: URL, authorization: string | undefined, options: ServerOptions): [number, string] {
  if (authorization !== `Bearer ${TOKEN}`) return [401, status(401, 'Unauthorized', 'Unauthorized')];
  if (options.forbidden?.includes(url.pathname)) return [403, fixture('forbidden-jobs.json')];
  const lists: { [apiPath: string]: string } = {
    '/api/v1/namespaces': 'namespaces.json',
    '/apis/apps/v1/deployments': 'deployments.json',
    '/apis/apps/v1/statefulsets': 'statefulsets.json',
    '/apis/apps/v1/daemonsets': 'daemonsets.json',
    '/apis/apps/v1/replicasets': 'replicasets.json',
    '/apis/batch/v1/jobs': 'jobs.json',
    '/apis/batch/v1/cronjobs': 'cronjobs.json',
    '/apis/networking.k8s.io/v1/networkpolicies': 'networkpolicies.json',
    '/apis/metrics.example.com/v1': 'metrics-resources.json',
  };
  if (options.calico) {
    lists['/apis/projectcalico.org/v3'] = 'projectcalico-resources.json';
    lists['/apis/projectcalico.org/v3/globalnetworkpolicies'] = 'globalnetworkpolicies.json';
  }
  if (url.pathname === '/apis') {
    const groups = JSON.parse(fixture(options.calico ? 'apis.json' : 'apis-without-calico.json'));
    if (options.admin) groups.groups.push(ADMIN_GROUP);
    return [200, JSON.stringify(groups)];
  }
  if (options.admin && url.pathname === '/apis/policy.networking.k8s.io/v1alpha1') return [200, JSON.stringify(ADMIN_RESOURCES)];
  if (options.admin && url.pathname === '/apis/policy.networking.k8s.io/v1alpha1/adminnetworkpolicies') return [200, JSON.stringify(ADMIN_POLICIES)];
  if (options.admin && url.pathname === '/apis/policy.networking.k8s.io/v1alpha1/baselineadminnetworkpolicies') return [200, JSON.stringify(EMPTY_BANP_LIST)];
  if (url.pathname === '/api/v1/pods') {
    return [200, fixture(url.searchParams.get('continue') === 'page-2' ? 'pods-page-2.json' : 'pods-page-1.json')];
  }
  const file = lists[url.pathname];
  return file ? [200, fixture(file)] : [404, status(404, 'NotFound', 'the server could not find the requested resource')];
}

async function startServer(options: ServerOptions, tls?: { key: string; cert: string }): Promise<RecordedServer> {
  const requests: string[] = [];
  const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const [code, body] = answer(url, request.headers.authorization, options);
    response.writeHead(code, { 'Content-Type': 'application/json' });
    response.end(body);
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function writeKubeconfig(dir: string, server: string, cluster: string = 'insecure-skip-tls-verify: true'): string {
  const file = path.join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: lab',
    '  cluster:',
    `    server: ${server}`,
    `    ${cluster}`,
    'users:',
    '- name: reader',
    `  user: {token: ${TOKEN}}`,
    '- name: stranger',
    '  user: {token: wrong}',
    'contexts:',
    '- name: lab',
    '  context: {cluster: lab, user: reader}',
    '- name: stranger',
    '  context: {cluster: lab, user: stranger}',
    'current-context: lab',
    '',
  ].join('\n'));
  return file;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI without blocking this process (the recorded server answers from it). */
function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, KUBECONFIG: '', HOME: EMPTY_HOME, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let TMP: string;
let EMPTY_HOME: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'cluster-fetch.js'))) {
    throw new Error('lib/cli/cluster-fetch.js is missing: build lib/ first (npx projen compile)');
  }
  TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-input-test-'));
  EMPTY_HOME = path.join(TMP, 'home');
  fs.mkdirSync(EMPTY_HOME);
});

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe('the input `cluster`', () => {
  let server: RecordedServer;
  let kubeconfig: string;

  beforeAll(async () => {
    server = await startServer({});
    kubeconfig = writeKubeconfig(TMP, server.url);
  });
  afterAll(() => server.close());

  test('analyze reads namespaces, paged pods without kind, workloads and policies, with the kubeconfig credentials', async () => {
    const r = await cli(['analyze', 'cluster', '--kubeconfig', kubeconfig, '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.complete).toBe(true);
    // The pod of the Deployment is the Deployment; the StatefulSet's pod is the StatefulSet; the bare pod is itself.
    // (Besides the address ranges outside the cluster, which every analysis lists.)
    expect(json.endpoints.map((e: any) => e.id).filter((id: string) => id.includes('[')).sort()).toEqual(['shop/db[StatefulSet]', 'shop/debug[Pod]', 'shop/web[Deployment]']);
    const allowed = (from: string, to: string) => json.connections.find((c: any) => c.from === from && c.to === to)?.allowed.TCP ?? [];
    expect(allowed('shop/web[Deployment]', 'shop/db[StatefulSet]')).toEqual([[5432, 5432]]);
    expect(allowed('shop/debug[Pod]', 'shop/db[StatefulSet]')).toEqual([]); // default-deny in shop
    expect(allowed('shop/db[StatefulSet]', 'shop/web[Deployment]')).toEqual([]);
    // Both pages of pods were asked for, in pages.
    expect(server.requests).toContain('GET /api/v1/pods?limit=500');
    expect(server.requests).toContain('GET /api/v1/pods?limit=500&continue=page-2');
  });

  test('--verbose says what was read', async () => {
    const r = await cli(['analyze', 'cluster', '--kubeconfig', kubeconfig, '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('read from the cluster: 3 namespaces, 3 pods, 1 deployments.apps, 1 statefulsets.apps, 1 replicasets.apps, 2 networkpolicies.networking.k8s.io');
  });

  test('KUBECONFIG is used when --kubeconfig is not given, and --context chooses the credentials', async () => {
    const viaEnv = await cli(['analyze', 'cluster'], { KUBECONFIG: `${path.join(TMP, 'missing')}${path.delimiter}${kubeconfig}` });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stdout).toContain('shop/web[Deployment] -> shop/db[StatefulSet]: TCP 5432');
    const stranger = await cli(['analyze', 'cluster', '--context', 'stranger'], { KUBECONFIG: kubeconfig });
    expect(stranger.code).toBe(2);
    expect(stranger.stdout).toBe('');
    expect(stranger.stderr).toContain('refused the credentials of the kubeconfig (401 Unauthorized)');
    expect(stranger.stderr).toContain('context stranger');
  });

  test('diff --before cluster --after DIR: what applying the files would open and close', async () => {
    const r = await cli(['diff', '--before', 'cluster', '--after', SHOP_AFTER, '--kubeconfig', kubeconfig]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+ shop/debug[Pod] -> shop/db[StatefulSet]: TCP 5432');
    expect(r.stdout).not.toContain('shop/web[Deployment] -> shop/db');
    const positional = await cli(['diff', 'cluster', SHOP_AFTER, '--kubeconfig', kubeconfig]);
    expect(positional.stdout).toBe(r.stdout);
    const reverse = await cli(['diff', SHOP_AFTER, 'cluster', '--kubeconfig', kubeconfig]);
    expect(reverse.stdout).toContain('- shop/debug[Pod] -> shop/db[StatefulSet]: TCP 5432');
  });

  test('explain, validate and lint read it too', async () => {
    const explain = await cli(['explain', 'cluster', '--kubeconfig', kubeconfig, '--from', 'web', '--to', 'db', '--port', '5432']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('db-from-web');
    const denied = await cli(['explain', 'cluster', '--kubeconfig', kubeconfig, '--from', 'debug', '--to', 'db', '--port', '5432']);
    expect(denied.code).toBe(1);
    const validate = await cli(['validate', 'cluster', '--kubeconfig', kubeconfig, '--output', 'json']);
    expect(validate.code).toBe(0);
    const results = JSON.parse(validate.stdout).results;
    expect(results.map((x: any) => `${x.namespace}/${x.name}:${x.valid}`).sort()).toEqual(['shop/db-from-web:true', 'shop/default-deny:true']);
    expect(results[0].file).toBe('cluster/networkpolicies.networking.k8s.io');
    const lint = await cli(['lint', 'cluster', '--kubeconfig', kubeconfig, '--output', 'json']);
    expect(lint.code).toBe(0);
    expect(lint.stderr).not.toContain('no NetworkPolicy found');
  });

  test('--kubeconfig without the input cluster is a usage error', async () => {
    const r = await cli(['analyze', SHOP_AFTER, '--kubeconfig', kubeconfig]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kubeconfig and --context choose the live cluster read by the input `cluster`, which is not given');
  });

  test('a path named cluster here makes the word ambiguous; ./cluster is the path', async () => {
    const cwd = path.join(TMP, 'with-cluster-dir');
    fs.mkdirSync(path.join(cwd, 'cluster'), { recursive: true });
    fs.copyFileSync(path.join(SHOP_AFTER, 'policies.yaml'), path.join(cwd, 'cluster', 'policies.yaml'));
    const word = await cli(['validate', 'cluster', '--kubeconfig', kubeconfig], {}, cwd);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('cluster is ambiguous');
    const dir = await cli(['validate', './cluster'], {}, cwd);
    expect(dir.code).toBe(0);
  });
});

describe('a list the reader may not see (RBAC), and policies of other APIs', () => {
  let server: RecordedServer;
  let kubeconfig: string;

  beforeAll(async () => {
    server = await startServer({ forbidden: ['/apis/batch/v1/jobs'], calico: true });
    kubeconfig = writeKubeconfig(TMP, server.url);
  });
  afterAll(() => server.close());

  test('a forbidden list is unusable input: no answer, exit 2, and the message says what to grant', async () => {
    const r = await cli(['analyze', 'cluster', '--kubeconfig', kubeconfig]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('cluster/jobs.batch: cannot list jobs.batch: 403 Forbidden: jobs.batch is forbidden: User "system:serviceaccount:ci:reader" cannot list resource "jobs"');
    expect(r.stderr).toContain('grant list on jobs.batch, or pass --skip-invalid');
    const validate = await cli(['validate', 'cluster', '--kubeconfig', kubeconfig]);
    expect(validate.code).toBe(2);
  });

  test('with --skip-invalid: an incomplete answer (exit 3) that names the list; the Calico policy is read', async () => {
    const r = await cli(['analyze', 'cluster', '--kubeconfig', kubeconfig, '--skip-invalid', '--output', 'json']);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.stdout);
    expect(json.complete).toBe(false);
    expect(json.leftOut).toEqual([expect.objectContaining({ file: 'cluster/jobs.batch', reason: 'unreadable' })]);
    // The GlobalNetworkPolicy deny-egress (every pod, egress, no rule) is read: no pod sends anything any more.
    const pods = new Set(json.endpoints.filter((e: any) => e.namespace !== null).map((e: any) => e.id));
    expect(pods.size).toBeGreaterThan(1);
    expect(json.connections.filter((c: any) => pods.has(c.from))).toEqual([]);
    // Resources of other groups that are not policies are not read.
    expect(server.requests.some((q) => q.startsWith('GET /apis/metrics.example.com/v1/widgets'))).toBe(false);
    const text = await cli(['analyze', 'cluster', '--kubeconfig', kubeconfig, '--skip-invalid']);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/^INCOMPLETE: this answer leaves out 1 file of the input:\n  cluster\/jobs.batch: cannot be read: cannot list jobs.batch: 403 Forbidden/);
  });
});

describe('a cluster with AdminNetworkPolicies', () => {
  test('they are listed and analysed: the admin Deny wins over the NetworkPolicy that allows web to db', async () => {
    const server = await startServer({ admin: true });
    try {
      const kubeconfig = writeKubeconfig(TMP, server.url);
      const r = await cli(['analyze', 'cluster', '--kubeconfig', kubeconfig, '--output', 'json']);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.complete).toBe(true);
      expect(server.requests.some((q) => q.startsWith('GET /apis/policy.networking.k8s.io/v1alpha1/adminnetworkpolicies'))).toBe(true);
      const webToDb = json.connections.find((c: any) => c.from === 'shop/web[Deployment]' && c.to === 'shop/db[StatefulSet]');
      expect(webToDb?.allowed.TCP ?? []).not.toContainEqual([5432, 5432]);
    } finally {
      await server.close();
    }
  });
});

describe('a cluster that cannot be read is never an empty answer', () => {
  test('nothing listens: exit 2, naming the server', async () => {
    const closed = await startServer({});
    const url = closed.url;
    await closed.close();
    const kubeconfig = writeKubeconfig(TMP, url);
    const r = await cli(['analyze', 'cluster', '--kubeconfig', kubeconfig]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`cannot reach the API server ${url}`);
    expect(r.stderr).toContain('ECONNREFUSED');
  });

  test('no kubeconfig at all, an unknown context, a missing --kubeconfig file: exit 2 with what to do', async () => {
    const none = await cli(['analyze', 'cluster']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no kubeconfig: set KUBECONFIG, give --kubeconfig PATH');
    const server = await startServer({});
    try {
      const kubeconfig = writeKubeconfig(TMP, server.url);
      const unknown = await cli(['lint', 'cluster', '--kubeconfig', kubeconfig, '--context', 'prod']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('--context prod: no such context in the kubeconfig (it has lab, stranger)');
      const missing = await cli(['diff', 'cluster', SHOP_AFTER, '--kubeconfig', path.join(TMP, 'nope')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no such file');
    } finally {
      await server.close();
    }
  });
});

describe('over TLS', () => {
  const hasOpenssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  (hasOpenssl ? test : test.skip)('the server certificate is checked against the kubeconfig authority', async () => {
    const key = path.join(TMP, 'server.key');
    const cert = path.join(TMP, 'server.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = await startServer({}, { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') });
    try {
      const trusted = writeKubeconfig(TMP, server.url, `certificate-authority-data: ${fs.readFileSync(cert).toString('base64')}`);
      const ok = await cli(['analyze', 'cluster', '--kubeconfig', trusted]);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('shop/web[Deployment] -> shop/db[StatefulSet]: TCP 5432');
      // Without the authority the certificate is not trusted: unusable, not empty.
      const untrusted = writeKubeconfig(TMP, server.url, 'tls-server-name: 127.0.0.1');
      const refused = await cli(['analyze', 'cluster', '--kubeconfig', untrusted]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`cannot reach the API server ${server.url}`);
    } finally {
      await server.close();
    }
  });
});
