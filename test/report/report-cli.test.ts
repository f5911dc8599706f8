import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { shopApp } from './shop-app';
import { RestrictDbCommunicationChart, RestrictDbCommunicationFixedChart } from '../../examples/article';
import { ShopChart } from '../../examples/shop';
import { NetpolSettings } from '../../src/lint/netpol-settings';
import { Cni } from '../../src/profiles/cni';
import { runCliInProcess } from '../cli/run-cli-in-process';

const FIXTURES = path.join(__dirname, '..', 'analysis', 'fixtures');
const BEFORE = path.join(FIXTURES, 'shop-before');
const AFTER = path.join(FIXTURES, 'shop-after');
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-report-cli-'));

describe('analyze --output dot|mermaid|svg|html', () => {
  test('dot: a digraph with a cluster per namespace and the allowed edges', () => {
    const r = runCliInProcess(['analyze', '--output', 'dot', '--external', '8.8.8.8/32', BEFORE]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('digraph netpol {')).toBe(true);
    expect(r.stdout).toContain('label="namespace shop"');
    expect(r.stdout).toMatch(/label="web\\nDeployment"/);
    expect(r.stdout).toMatch(/-> n\d+ \[id="e\d+", label="TCP 5432"/);
  });

  test('mermaid: a flowchart', () => {
    const r = runCliInProcess(['analyze', '--output', 'mermaid', BEFORE]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(r.stdout).toContain('-->|"TCP 5432"|');
  });

  test('svg: Graphviz\'s SVG', () => {
    const r = runCliInProcess(['analyze', '--output', 'svg', BEFORE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<svg');
    expect(r.stdout).toContain('class="edge"');
  });

  test('html: the report, without lint', () => {
    const r = runCliInProcess(['analyze', '--output', 'html', BEFORE]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stdout).toContain('Lint did not run.');
    expect(r.stdout).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });

  test('an incomplete answer says so in the picture, with exit code 3', () => {
    const dir = tmp();
    fs.copyFileSync(path.join(BEFORE, 'workloads.yaml'), path.join(dir, 'workloads.yaml'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Sideways]}\n');
    const refused = runCliInProcess(['analyze', '--output', 'dot', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    const dot = runCliInProcess(['analyze', '--output', 'dot', '--skip-invalid', dir]);
    expect(dot.code).toBe(3);
    expect(dot.stdout).toMatch(/INCOMPLETE: 1 object of the input left out \([^)]*bad\.yaml:1 NetworkPolicy shop\/bad\)/);
    const mermaid = runCliInProcess(['analyze', '--output', 'mermaid', '--skip-invalid', dir]);
    expect(mermaid.stdout).toMatch(/folded\["INCOMPLETE: 1 object/);
    const html = runCliInProcess(['analyze', '--output', 'html', '--skip-invalid', dir]);
    expect(html.code).toBe(3);
    expect(html.stdout).toContain('<strong>INCOMPLETE:</strong> this report leaves out 1 object');
  });
});

describe('diff --output dot|mermaid|svg|html', () => {
  test('dot colours opened edges green and closed ones red; the exit code still says something changed', () => {
    const r = runCliInProcess(['diff', '--output', 'dot', BEFORE, AFTER]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/label="\+ TCP 80".*color="#1a7f37"/);
    expect(r.stdout).toMatch(/label="\+ TCP 8080".*color="#1a7f37"/);
    expect(r.stdout).not.toContain('#cf222e');
    // The other way round, the same pairs close.
    const back = runCliInProcess(['diff', '--output', 'dot', AFTER, BEFORE]);
    expect(back.stdout).toMatch(/label="- TCP 80".*color="#cf222e"/);
    expect(back.stdout).toMatch(/label="- TCP 8080".*color="#cf222e"/);
    expect(back.stdout).not.toContain('#1a7f37');
  });

  test('html has the diff section', () => {
    const r = runCliInProcess(['diff', '--output', 'html', BEFORE, AFTER]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<section id="diff">');
    expect(r.stdout).toMatch(/<li class="opened">\+ /);
  });
});

describe('report', () => {
  test('writes one self-contained file with the graph, the matrix and the findings for the plugin', () => {
    const dir = tmp();
    const out = path.join(dir, 'report.html');
    const r = runCliInProcess(['report', BEFORE, '--cni', 'k3s', '-o', out]);
    expect(r.code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    for (const id of ['graph', 'matrix', 'findings']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toContain('<section id="diff">');
    expect(html).toContain('Lint findings for K3s');
    expect(html).toContain('Content-Security-Policy');
    // Nothing to fetch: no external script, style, image or font.
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
    expect(html).not.toMatch(/url\((?!#)/);
  });

  test('--before adds the diff; --out=- writes to standard output', () => {
    const r = runCliInProcess(['report', AFTER, '--before', BEFORE, '--out=-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<section id="diff">');
    expect(r.stdout).toContain(`compared with ${BEFORE}`);
  });

  test('without -o, with an unknown plugin, or an unwritable file: exit 2 and what to do', () => {
    const none = runCliInProcess(['report', BEFORE]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no output file given: -o report.html');
    const cni = runCliInProcess(['report', BEFORE, '--cni', 'nope', '-o', '-']);
    expect(cni.code).toBe(2);
    expect(cni.stderr).toContain('unknown network plugin "nope" for --cni; known: k3s');
    const unwritable = runCliInProcess(['report', BEFORE, '-o', path.join(tmp(), 'missing', 'report.html')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain('cannot write');
  });

  test('the help lists -o', () => {
    const r = runCliInProcess(['report', '--help']);
    expect(r.stdout).toMatch(/-o, --out FILE/);
  });
});

describe('NetpolSettings.report', () => {
  test('writes the report next to the manifests at synth', () => {
    const app = shopApp();
    const settings = NetpolSettings.of(app);
    settings.cni = Cni.k3s();
    settings.report = 'netpol-report.html';
    app.synth();
    const html = fs.readFileSync(path.join(app.outdir, 'netpol-report.html'), 'utf8');
    expect(html).toContain('cdk8s app: 10 endpoints in 8 classes');
    expect(html).toContain('Lint findings for K3s');
    expect(html).toContain('shop-web');
    expect(fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml')).length).toBeGreaterThan(0);
  });

  test('a chart\'s report covers that chart', () => {
    const app = Testing.app();
    const shop = new ShopChart(app, 'shop');
    new Chart(app, 'unrelated');
    NetpolSettings.of(shop).report = 'shop-report.html';
    app.synth();
    const html = fs.readFileSync(path.join(app.outdir, 'shop-report.html'), 'utf8');
    expect(html).toContain('cdk8s chart shop: 7 endpoints in 5 classes');
  });

  test('without the option nothing is written', () => {
    const app = shopApp();
    NetpolSettings.of(app).cni = Cni.k3s();
    app.synth();
    expect(fs.readdirSync(app.outdir).filter((f) => f.endsWith('.html'))).toEqual([]);
  });
});

describe('the report of an article policy against its fix', () => {
  test('shows what the fix closes (the database\'s other ports, its egress to the namespace) and opens (DNS)', () => {
    const dir = tmp();
    const write = (name: string, objects: any[]): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n---\n'));
      return file;
    };
    const workloads = path.join(__dirname, '..', '..', 'examples', 'article-workloads.yaml');
    const before = write('before.yaml', Testing.synth(new RestrictDbCommunicationChart(Testing.app(), 'before')));
    const after = write('after.yaml', Testing.synth(new RestrictDbCommunicationFixedChart(Testing.app(), 'after')));
    const diff = runCliInProcess(['report', workloads, after, '--before', workloads, '--before', before, '-o', '-']);
    expect(diff.code).toBe(0);
    const html = diff.stdout;
    // As written, webservers reach the database on every port; fixed, on 5432 only.
    expect(html).toMatch(/<li class="closed">- default\/webserver\[Deployment\] → default\/database\[StatefulSet\]: TCP 1-5431, TCP 5433-65535, all UDP, all SCTP<\/li>/);
    // As written, the database has no DNS; fixed, it has.
    expect(html).toMatch(/<li class="opened">\+ default\/database\[StatefulSet\] → kube-system\/coredns\[Deployment\]: TCP 53, UDP 53<\/li>/);
  });
});
