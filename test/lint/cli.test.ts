import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliInProcess } from '../cli/run-cli-in-process';

// ajv is not (yet) a direct devDependency: it is present in node_modules through eslint (ajv 6).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require('ajv');

const SHOP = path.join(__dirname, '..', 'fixtures', 'lint', 'shop');
const POLICIES = path.join(SHOP, 'policies.yaml');
const SCHEMA = path.join(__dirname, '..', 'fixtures', 'sarif-schema-2.1.0.json');

function sarifValidator(): any {
  const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
}

function lineOf(file: string, text: string, after = 0): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  return lines.findIndex((l, i) => i >= after && l.includes(text)) + 1;
}

describe('cdk8s-netpol lint', () => {
  test('text: one line per finding with file:line, and exit 1 on errors', () => {
    const r = runCliInProcess(['lint', '--cni', 'weave', SHOP]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${POLICIES}:${lineOf(POLICIES, 'port: http')}: error [cni-named-port] NetworkPolicy shop/web-ingress spec.ingress[0].ports[0].port: on Weave Net 2.8`);
    expect(r.stdout).toContain(`${POLICIES}:${lineOf(POLICIES, 'endPort: 30100')}: error [cni-endport]`);
    expect(r.stdout).toContain('warning [or-peer]');
    expect(r.stdout).toContain('warning [dns-blocked] NetworkPolicy shop/web-egress');
    expect(r.stdout).toMatch(/2 NetworkPolicies linted: 2 errors, 2 warnings, 0 notes\n$/);
  });

  test('--dns-namespace, --dns-labels and --dns-port describe a DNS that is not CoreDNS on 53', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-dns-'));
    fs.writeFileSync(path.join(dir, 'p.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web, namespace: shop }\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: openshift-dns } }\n      podSelector: { matchLabels: { dns.operator.openshift.io/daemonset-dns: default } }\n    ports: [ { protocol: UDP, port: 5353 }, { protocol: TCP, port: 5353 } ]\n');
    try {
      expect(runCliInProcess(['lint', dir]).stdout).toContain('[dns-blocked]');
      const flags = ['--dns-namespace', 'openshift-dns', '--dns-labels', 'dns.operator.openshift.io/daemonset-dns=default', '--dns-port', '5353/UDP', '--dns-port', '5353/TCP'];
      const r = runCliInProcess(['lint', ...flags, dir]);
      expect(r.stdout).not.toContain('[dns-blocked]');
      expect(r.code).toBe(0);
      const udpOnly = runCliInProcess(['lint', ...flags.slice(0, 6), dir]);
      expect(udpOnly.stdout).not.toContain('[dns-blocked]');
      const bad = runCliInProcess(['lint', '--dns-port', '5353/ICMP', dir]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--dns-port "5353/ICMP": unknown protocol ICMP');
      expect(runCliInProcess(['lint', '--dns-labels', 'no-value', dir]).stderr).toContain('--dns-labels "no-value": expected KEY=VALUE pairs');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without --cni only the universal checks run; warnings alone exit 0', () => {
    const r = runCliInProcess(['lint', SHOP]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('[cni-');
  });

  test('json: the findings with rule, severity, file, kind, namespace, name, field, message', () => {
    const r = runCliInProcess(['lint', '--cni', 'k3s', '--output', 'json', SHOP]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['findings']);
    expect(json.findings.map((f: any) => f.rule)).toEqual(['or-peer', 'dns-blocked']);
    expect(json.findings[0]).toEqual({
      rule: 'or-peer',
      severity: 'warning',
      file: POLICIES,
      line: lineOf(POLICIES, '- from:'),
      kind: 'NetworkPolicy',
      namespace: 'shop',
      name: 'web-ingress',
      field: 'spec.ingress[0].from',
      message: expect.stringContaining('OR the pods {app=gateway}'),
    });
  });

  test('sarif: valid SARIF 2.1.0, with each result on the line of its field', () => {
    const r = runCliInProcess(['lint', '--cni', 'weave', '--output', 'sarif', SHOP]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('cdk8s-netpol');
    expect(run.tool.driver.rules.map((x: any) => x.id)).toContain('cni-named-port');
    const named = run.results.find((x: any) => x.ruleId === 'cni-named-port');
    expect(named.level).toBe('error');
    expect(run.tool.driver.rules[named.ruleIndex].id).toBe('cni-named-port');
    expect(named.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `file://${POLICIES}` },
      region: { startLine: lineOf(POLICIES, 'port: http') },
    });
    expect(run.results.find((x: any) => x.ruleId === 'or-peer').level).toBe('warning');
  });

  test('sarif: relative paths stay relative; invalid objects are results too', () => {
    // Inside the repository (the paths must stay relative); test-reports/ may not exist yet in a fresh clone.
    const reports = path.join(__dirname, '..', '..', 'test-reports');
    fs.mkdirSync(reports, { recursive: true });
    const dir = fs.mkdtempSync(path.join(reports, 'lint-'));
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: bad }\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: HTTP\n      port: 80\n');
    const rel = path.relative(process.cwd(), file);
    const r = runCliInProcess(['lint', '--output', 'sarif', rel]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(sarifValidator()(log)).toBe(true);
    const [result] = log.runs[0].results;
    expect(result.ruleId).toBe('invalid');
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: rel.split(path.sep).join('/') }, region: { startLine: 8 } });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('cni-admin-policy: an AdminNetworkPolicy on Calico 3.27 is an error (exit 1); on OVN-Kubernetes it is enforced; on Antrea a warning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-anp-'));
    const file = path.join(dir, 'anp.yaml');
    fs.writeFileSync(file, 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: { name: no-metadata }\nspec:\n  priority: 10\n  subject: { namespaces: {} }\n  egress:\n  - action: Deny\n    to: [ { networks: [ 169.254.169.254/32 ] } ]\n');
    try {
      const calico = runCliInProcess(['lint', '--cni', 'calico', dir]);
      expect(calico.code).toBe(1);
      expect(calico.stdout).toContain(`${file}:2: error [cni-admin-policy] AdminNetworkPolicy -/no-metadata kind: AdminNetworkPolicy/no-metadata is not enforced on Calico 3.27 (iptables dataplane)`);
      expect(calico.stdout).toContain('Calico enforces it from 3.29');
      const ovn = runCliInProcess(['lint', '--cni', 'ovn-kubernetes', dir]);
      expect([ovn.code, ovn.stdout]).toEqual([0, '0 NetworkPolicies linted: 0 errors, 0 warnings, 0 notes\n']);
      const antrea = runCliInProcess(['lint', '--cni', 'antrea', '--output', 'json', dir]);
      expect(antrea.code).toBe(0);
      expect(JSON.parse(antrea.stdout).findings.map((f: any) => [f.rule, f.severity, f.kind, f.name, f.field, f.line]))
        .toEqual([['cni-admin-policy', 'warning', 'AdminNetworkPolicy', 'no-metadata', 'kind', 2]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cni-dialect: a Calico policy is enforced on calico and canal, does nothing on k3s and cilium (error, exit 1), unknown on gke-calico (warning)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-dialect-'));
    const file = path.join(dir, 'calico.yaml');
    fs.writeFileSync(file, 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: { name: deny-metadata }\nspec:\n  selector: all()\n  types: [Egress]\n  egress:\n  - action: Deny\n    destination: { nets: [169.254.169.254/32] }\n  - action: Allow\n');
    try {
      for (const cni of ['calico', 'canal']) {
        const ok = runCliInProcess(['lint', '--cni', cni, dir]);
        expect([cni, ok.code, ok.stderr]).toEqual([cni, 0, '']);
      }
      const k3s = runCliInProcess(['lint', '--cni', 'k3s', dir]);
      expect(k3s.code).toBe(1);
      expect(k3s.stdout).toContain(`${file}:1: error [cni-dialect] GlobalNetworkPolicy -/deny-metadata apiVersion: GlobalNetworkPolicy/deny-metadata is not enforced on`);
      expect(k3s.stdout).toContain('what it denies stays allowed');
      expect(runCliInProcess(['lint', '--cni', 'cilium', dir]).code).toBe(1);
      const gke = runCliInProcess(['lint', '--cni', 'gke-calico', '--output', 'json', dir]);
      expect(gke.code).toBe(0);
      expect(JSON.parse(gke.stdout).findings.map((f: any) => [f.rule, f.severity, f.kind, f.name, f.field, f.line]))
        .toEqual([['cni-dialect', 'warning', 'GlobalNetworkPolicy', 'deny-metadata', 'apiVersion', 1]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unknown --cni lists the known names (exit 2)', () => {
    const r = runCliInProcess(['lint', '--cni', 'calcio', SHOP]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown network plugin "calcio" for --cni; known: k3s, calico, calico-ebpf, calico-3.30, canal, flannel, weave, cilium, aws-vpc-cni, gke-dataplane-v2, gke-calico, azure-npm, azure-cilium, antrea, ovn-kubernetes');
  });

  test('--disable and --pod-cidr are checked; help lists the rules', () => {
    expect(runCliInProcess(['lint', '--disable', 'nope', SHOP]).code).toBe(2);
    expect(runCliInProcess(['lint', '--pod-cidr', 'nope', SHOP]).code).toBe(2);
    const quiet = runCliInProcess(['lint', '--disable', 'or-peer', '--disable', 'dns-blocked', '--output', 'json', SHOP]);
    expect(JSON.parse(quiet.stdout).findings).toEqual([]);
    const help = runCliInProcess(['lint', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('cni-standalone-pod');
    expect(help.stdout).toContain('Usage: cdk8s-netpol lint [--cni NAME] [--output text|json|sarif]');
  });
});
