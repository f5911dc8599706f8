import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliInProcess as run } from './run-cli-in-process';

/**
 * The one rule of every command: a policy of the input is never left out of an answer in silence.
 * Each case here answered "allowed" or "valid" (exit 0) before the rule existed.
 */

const DUMP = path.join(__dirname, '..', 'fixtures', 'dumps', 'netpol-analysis-example-minimal');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-fail-closed-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const POD = (name: string, labels: string, ns = 'default') =>
  `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name}, namespace: ${ns}, labels: ${labels} }\nspec: { containers: [ { name: c, image: x, ports: [ { name: http, containerPort: 80 } ] } ] }\n---\n`;
const DENY_WITH_QUOTED_PORT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: default }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress]
  ingress:
  - ports: [ { port: "80" } ]
---
`;

describe('a cluster dump (status: {}, creationTimestamp: null) is read, not skipped', () => {
  test('analyze: frontend -> backend on TCP 9090 only, as upstream recorded; a note says what was ignored', () => {
    const r = run(['analyze', DUMP]);
    expect(r.code).toBe(0);
    // The two workloads, and the address space outside the cluster (IPv4 and IPv6, cut by no ipBlock).
    expect(r.stdout).toContain('4 endpoints (3 classes), 3 NetworkPolicies');
    expect(r.stdout).toContain('Allowed connections:\n  default/frontend[Deployment] -> default/backend[Deployment]: TCP 9090\n');
    // Between the workloads, only that; the rest is to and from outside the cluster.
    const allowed = r.stdout.split('Allowed connections:\n')[1].split('\n\n')[0].split('\n');
    expect(allowed.filter((l) => !/(0\.0\.0\.0\/0|::\/0)/.test(l))).toEqual(['  default/frontend[Deployment] -> default/backend[Deployment]: TCP 9090']);
    expect(allowed).toContain('  0.0.0.0/0 -> default/frontend[Deployment]: TCP 8080');
    expect(r.stderr).toBe('cdk8s-netpol analyze: ignored what the API server writes (status, metadata.creationTimestamp) in 3 objects of a cluster dump (--verbose lists them)\n');
  });

  test('--verbose names each object once', () => {
    const r = run(['analyze', '--verbose', DUMP]);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/netpols\.yaml:1 NetworkPolicy backend-netpol: ignored what the API server writes: status, metadata\.creationTimestamp$/);
  });

  test('explain, diff and lint read it too', () => {
    expect(run(['explain', '--from', 'frontend', '--to', 'backend', '--port', '9090', DUMP]).code).toBe(0);
    expect(run(['explain', '--from', 'backend', '--to', 'frontend', '--port', '8080', DUMP]).code).toBe(1);
    const empty = write('empty.yaml', '');
    const diff = run(['diff', empty, DUMP]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('+ default/frontend[Deployment] -> default/backend[Deployment]: TCP 9090');
    const lint = run(['lint', '--output', 'json', DUMP]);
    expect(JSON.parse(lint.stdout).findings.filter((f: any) => f.rule === 'invalid')).toEqual([]);
  });

  test('validate still gives the API server verdict on a create request: status is not a field of a 1.29 NetworkPolicy', () => {
    const r = run(['validate', path.join(DUMP, 'netpols.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('status: Unknown field');
  });
});

describe('a policy whose meaning cannot be known is never treated as absent', () => {
  test.each([
    ['a quoted port', '  - ports: [ { port: "80" } ]', 'spec.ingress[0].ports[0].port'],
    ['a port 70000', '  - ports: [ { port: 70000 } ]', 'spec.ingress[0].ports[0].port'],
    ['a selector with a bad operator', '  - from: [ { podSelector: { matchExpressions: [ { key: app, operator: Equals, values: [a] } ] } } ]', 'spec.ingress[0].from[0].podSelector.matchExpressions[0].operator'],
  ])('%s: analyze, explain, diff and lint exit non-zero naming the object and the field', (_what, rule, field) => {
    const file = write('policies.yaml', POD('web', '{ app: web }') + POD('client', '{ app: client }')
      + `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web, namespace: default }\nspec:\n  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n${rule}\n`);
    const empty = write('empty.yaml', '');
    for (const argv of [
      ['analyze', file],
      ['analyze', '--output', 'json', file],
      ['analyze', '--output', 'csv', file],
      ['explain', '--from', 'client', '--to', 'web', '--port', '443', file],
      ['diff', empty, file],
      ['diff', file, file],
    ]) {
      const r = run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`NetworkPolicy default/web: cannot be read: ${field}`);
    }
    const lint = run(['lint', '--output', 'json', file]);
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout).findings).toContainEqual(expect.objectContaining({ rule: 'invalid', severity: 'error', name: 'web', field }));
  });

  test('with --skip-invalid every command answers, says INCOMPLETE with the object, and exits 3', () => {
    const file = write('policies.yaml', POD('web', '{ app: web }') + POD('client', '{ app: client }') + DENY_WITH_QUOTED_PORT);
    const empty = write('empty.yaml', '');
    const explain = run(['explain', '--skip-invalid', '--from', 'client', '--to', 'web', '--port', '80', file]);
    expect(explain.code).toBe(3);
    expect(explain.stdout).toMatch(/^INCOMPLETE: this answer leaves out 1 object of the input:\n.*policies\.yaml:\d+ NetworkPolicy default\/web: cannot be read/);
    expect(explain.stdout).toContain('ALLOWED');
    const json = JSON.parse(run(['explain', '--skip-invalid', '--output', 'json', '--from', 'client', '--to', 'web', '--port', '80', file]).stdout);
    expect(json.complete).toBe(false);
    expect(json.leftOut[0]).toMatchObject({ object: 'NetworkPolicy default/web', reason: 'unreadable' });
    const diff = run(['diff', '--skip-invalid', '--output', 'json', empty, file]);
    expect(diff.code).toBe(3);
    expect(JSON.parse(diff.stdout).complete).toBe(false);
  });

  test('the skip message is printed once per object, not once per error', () => {
    const file = write('p.yaml', POD('web', '{ app: web }')
      + 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web, namespace: default }\nspec:\n  podSelector: {}\n  ingress:\n  - ports: [ { port: "80" }, { port: 70000 }, { port: 0 } ]\n');
    const r = run(['analyze', '--skip-invalid', file]);
    const mentions = r.stderr.split('\n').filter((l) => l.includes('NetworkPolicy default/web'));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toContain('ports[0].port');
    expect(mentions[0]).toContain('ports[2].port');
  });
});

describe('two objects with the same name: the later one is analysed, as kubectl apply leaves it', () => {
  // kubernetes-network-policy-recipes: two files both define default/foo-deny-egress.
  const DNS = '  - to: [ { namespaceSelector: {}, podSelector: { matchLabels: { k8s-app: kube-dns } } } ]\n    ports: [ { port: 53, protocol: UDP }, { port: 53, protocol: TCP } ]\n';
  const egress = (extra: string) => 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: foo-deny-egress, namespace: default }\n'
    + `spec:\n  podSelector: { matchLabels: { app: foo } }\n  policyTypes: [Egress]\n  egress:${extra}`;

  test('lint reports the duplicate as an error naming both places, and the later one alone raises dns-blocked', () => {
    const first = write('a/10-allow-dns.yaml', egress(`\n${DNS}`));
    const second = write('b/11-deny-all.yaml', egress(' []\n'));
    const r = run(['lint', '--output', 'json', dir]);
    const findings = JSON.parse(r.stdout).findings;
    expect(findings).toContainEqual(expect.objectContaining({
      rule: 'duplicate-name',
      severity: 'error',
      file: first,
      line: 1,
      message: expect.stringContaining(`is defined again at ${second}:1`),
    }));
    expect(findings.map((f: any) => f.rule)).toContain('dns-blocked');
    expect(r.code).toBe(1);
  });

  test('analyze warns and uses the later one', () => {
    write('a/first.yaml', egress(`\n${DNS}`) + '---\n' + POD('foo', '{ app: foo }') + POD('dns', '{ k8s-app: kube-dns }', 'kube-system'));
    write('b/second.yaml', egress(' []\n'));
    const r = run(['explain', '--from', 'foo', '--to', 'dns', '--port', '53/UDP', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/warning: .*first\.yaml:1 NetworkPolicy default\/foo-deny-egress: .* is defined again at .*second\.yaml:1: kubectl apply keeps the later one/);
  });
});

describe('policies of other APIs are told apart, never called invalid, never dropped in silence', () => {
  const OTHERS = [
    'apiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata: { name: calico-deny, namespace: default }\nspec: { selector: all(), types: [Ingress] }\n',
    'apiVersion: crd.antrea.io/v1beta1\nkind: NetworkPolicy\nmetadata: { name: antrea-deny, namespace: default }\nspec: { appliedTo: [ { podSelector: {} } ] }\n',
    'apiVersion: cilium.io/v2alpha1\nkind: CiliumCIDRGroup\nmetadata: { name: cilium-group }\nspec: { externalCIDRs: [10.0.0.0/8] }\n',
    'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: { name: admin-deny }\nspec: { priority: 10, subject: { namespaces: {} }, ingress: [] }\n',
  ];

  test('validate and lint do not call them invalid; each is named once with its API group; exit 3', () => {
    const file = write('others.yaml', `${OTHERS.join('---\n')}---\n${POD('web', '{ app: web }')}`);
    const validate = run(['validate', '--output', 'json', file]);
    expect(validate.code).toBe(3);
    const out = JSON.parse(validate.stdout);
    // AdminNetworkPolicy v1alpha1 is read and validated against its CRD; the others are left out.
    expect(out.results).toEqual([expect.objectContaining({ kind: 'AdminNetworkPolicy', name: 'admin-deny', valid: true })]);
    expect(out.leftOut.map((e: any) => e.message.match(/the (\S+) API/)[1])).toEqual(['projectcalico.org', 'crd.antrea.io', 'cilium.io']);
    const lint = run(['lint', '--output', 'json', file]);
    expect(lint.code).toBe(3);
    const rules = JSON.parse(lint.stdout).findings.map((f: any) => f.rule);
    expect(rules).toEqual(['other-api', 'other-api', 'other-api']);
  });

  test('analyze and explain say that the answer may be incomplete (these can deny what a v1 policy allows); exit 3', () => {
    const file = write('others.yaml', `${OTHERS[0]}---\n${POD('web', '{ app: web }')}${POD('client', '{ app: client }')}`);
    const analyze = run(['analyze', file]);
    expect(analyze.code).toBe(3);
    expect(analyze.stdout).toMatch(/^INCOMPLETE: this answer leaves out 1 object of the input:\n.*StagedNetworkPolicy default\/calico-deny: not read: a policy of the projectcalico.org API/);
    expect(analyze.stderr).toContain('StagedNetworkPolicy default/calico-deny: left out: a policy of the projectcalico.org API (projectcalico.org/v3), which cdk8s-netpol does not read: its effect is not part of this answer');
    const explain = run(['explain', '--output', 'json', '--from', 'client', '--to', 'web', '--port', '80', file]);
    expect(explain.code).toBe(3);
    expect(JSON.parse(explain.stdout)).toMatchObject({ complete: false, allowed: true, leftOut: [{ reason: 'other-api' }] });
  });

  test('Calico v3 policies are read: validated by Calico\'s rules, analysed (here: a default deny of ingress), not left out', () => {
    const calico = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: { name: calico-deny, namespace: default }\nspec: { selector: all(), types: [Ingress] }\n';
    const file = write('calico.yaml', `${calico}---\n${POD('web', '{ app: web }')}${POD('client', '{ app: client }')}`);
    const validate = run(['validate', '--output', 'json', file]);
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout).results).toEqual([expect.objectContaining({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', name: 'calico-deny', valid: true })]);
    const explain = run(['explain', '--output', 'json', '--from', 'client', '--to', 'web', '--port', '80', file]);
    expect(explain.code).toBe(1);
    expect(JSON.parse(explain.stdout)).toMatchObject({ complete: true, allowed: false });
    const bad = write('calico-bad.yaml', calico.replace('selector: all()', 'selector: "app == web"'));
    const invalid = run(['validate', bad]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('INVALID');
    expect(invalid.stdout).toContain('spec.selector');
  });

  test('Cilium policies are read: validated by Cilium\'s rules, analysed, FQDN rules said rather than guessed', () => {
    const cilium = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: web-out, namespace: default }\nspec:\n  endpointSelector: { matchLabels: { app: web } }\n  egress:\n  - toEndpoints: [ { matchLabels: { app: client } } ]\n    toPorts: [ { ports: [ { port: "80", protocol: TCP } ] } ]\n  - toFQDNs: [ { matchName: api.example.com } ]\n    toPorts: [ { ports: [ { port: "443", protocol: TCP } ] } ]\n';
    const file = write('cilium.yaml', `${cilium}---\n${POD('web', '{ app: web }')}${POD('client', '{ app: client }')}`);
    const validate = run(['validate', '--output', 'json', file]);
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout).results).toEqual([expect.objectContaining({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', name: 'web-out', valid: true })]);
    const analyze = run(['analyze', '--output', 'json', file]);
    expect(analyze.code).toBe(0);
    const json = JSON.parse(analyze.stdout);
    expect(json.complete).toBe(true);
    expect(json.notModelled).toEqual([expect.objectContaining({ object: 'CiliumNetworkPolicy/default/web-out', message: expect.stringContaining('allowed to api.example.com on TCP 443') })]);
    expect(json.connections.filter((c: any) => c.from === 'default/web[Pod]').map((c: any) => [c.to, c.allowed])).toEqual([['default/client[Pod]', { TCP: [[80, 80]], UDP: [], SCTP: [] }]]);
    const bad = write('cilium-bad.yaml', cilium.replace('endpointSelector', 'endpointSelectr'));
    const invalid = run(['analyze', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('endpointSelectr');
  });

  test('extensions/v1beta1 keeps its hint, as an object that cannot be read', () => {
    const file = write('old.yaml', 'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: { name: legacy, namespace: default }\nspec: { podSelector: {} }\n---\n' + POD('web', '{ app: web }'));
    const r = run(['analyze', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('extensions/v1beta1 was removed in Kubernetes 1.16');
  });
});

describe('lists as the API server sends them', () => {
  test('the items of a PodList have no kind: they are Pods', () => {
    const file = write('pods.json', JSON.stringify({
      apiVersion: 'v1',
      kind: 'PodList',
      items: [
        { metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [] }, status: { podIP: '10.0.0.1' } },
        { metadata: { name: 'db', namespace: 'default', labels: { app: 'db' } }, spec: { containers: [] } },
      ],
    }));
    const policies = write('np.json', JSON.stringify({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicyList',
      items: [{ metadata: { name: 'db', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] } }],
    }));
    const r = run(['analyze', '--output', 'json', file, policies]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.endpoints.filter((e: any) => e.kind !== 'External').map((e: any) => e.id)).toEqual(['default/web[Pod]', 'default/db[Pod]']);
    expect(run(['explain', '--from', 'web', '--to', 'db', '--port', '5432', file, policies]).code).toBe(0);
    expect(run(['explain', '--from', 'db', '--to', 'db', '--port', '5432', file, policies]).code).toBe(1);
  });

  test('an item of a kind: List without a kind cannot be known: it is reported, never dropped', () => {
    const file = write('list.yaml', 'apiVersion: v1\nkind: List\nitems:\n- metadata: { name: mystery }\n  spec: { podSelector: {} }\n');
    const r = run(['analyze', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('item 0 of the List has no kind');
  });
});

describe('a CLI that walks real repositories', () => {
  const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: default }\nspec: { podSelector: {}, policyTypes: [Ingress] }\n';

  test('node_modules and dot-folders are not walked; files that hold no Kubernetes object are skipped (--verbose says which)', () => {
    write('deploy/policy.yaml', POLICY);
    write('node_modules/pkg/tsconfig.json', '{ "compilerOptions": { // comments\n } }');
    write('node_modules/pkg/bad.yaml', 'kind: NetworkPolicy\n  broken: [');
    write('.git/config.yaml', 'kind: [');
    write('.github/workflows/ci.yml', 'on: push\njobs: {}\n');
    write('tsconfig.json', '{\n  // a comment\n  "compilerOptions": {}\n}\n');
    write('package.json', '{ "name": "x" }');
    write('chart/values.yaml', 'replicaCount: 1\nimage: { repository: nginx }\n');
    write('data.json', '[1, 2, 3]');
    const r = run(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`OK ${path.join(dir, 'deploy', 'policy.yaml')}#0 default/deny\n1 NetworkPolicy: 1 valid, 0 invalid\n`);
    expect(r.stderr).toBe('cdk8s-netpol validate: skipped 4 files that hold no Kubernetes object (--verbose lists them)\n');
    const verbose = run(['validate', '--verbose', dir]);
    expect(verbose.stderr).toContain(`${path.join(dir, 'tsconfig.json')}`);
    expect(verbose.stderr).toContain(`${path.join(dir, 'chart', 'values.yaml')}: holds no Kubernetes object (no document has a kind or an apiVersion); skipped`);
    expect(verbose.stderr).not.toContain('node_modules');
    expect(verbose.stderr).not.toContain('.git');
  });

  test('one broken manifest in a directory does not stop the others; the exit code says the input was not all usable', () => {
    write('a.yaml', POLICY);
    write('b.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: x\n');
    const r = run(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('OK');
    expect(r.stderr).toMatch(/b\.yaml:\d+:\d+: YAML syntax error/);
    expect(run(['analyze', dir]).code).toBe(2);
    expect(run(['analyze', '--skip-invalid', dir]).code).toBe(3);
  });

  test('a file named explicitly is always read, and its errors are errors', () => {
    const values = write('values.yaml', 'replicaCount: 1\n');
    const r = run(['analyze', values]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no kind, so what the object is cannot be known');
    const tsconfig = write('tsconfig.json', '{ // comment\n}');
    expect(run(['validate', tsconfig]).code).toBe(2);
  });

  test('a Helm template gets a hint to render it first', () => {
    write('templates/np.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {{ .Values.name }}\n');
    const r = run(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a Helm template ({{ ... }}), not a manifest: render it first (helm template');
  });

  test('nothing to check is not success', () => {
    write('values.yaml', 'a: 1\n');
    for (const command of ['validate', 'analyze', 'lint']) {
      const r = run([command, dir]);
      expect({ command, code: r.code }).toEqual({ command, code: 2 });
      expect(r.stderr).toContain(`no Kubernetes objects found in ${dir}`);
    }
  });

  test('analyze on policies alone says that it found no pods or workloads and how to give them', () => {
    const file = write('policy.yaml', POLICY);
    const r = run(['analyze', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no pods or workloads in the input, so there is nothing for the policies to select');
    expect(r.stderr).toContain('kubectl get namespaces,pods,deployments');
  });
});
