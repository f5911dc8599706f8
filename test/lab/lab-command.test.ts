import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliAsync } from '../../src/cli/main';

/** The `lab` command's answers that need no lab: usage errors come before anything is started. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await runCliAsync(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

describe('cdk8s-netpol lab, before any lab is started', () => {
  test('no action: exit 2 with the actions', async () => {
    const r = await run('lab');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('say up, down or probe');
  });

  test('an unknown action: exit 2', async () => {
    const r = await run('lab', 'start');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown action "start"');
  });

  test('probe without manifests or cases: exit 2', async () => {
    const r = await run('lab', 'probe');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs manifest files or directories (or --cases FILE)');
  });

  test('--cases and manifests together: exit 2', async () => {
    const r = await run('lab', 'probe', '--cases', 'x.json', 'manifests/');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('either --cases FILE or manifest paths');
  });

  test.each([['0'], ['70000'], ['http']])('--ports %s: exit 2', async (ports) => {
    const r = await run('lab', 'probe', '--ports', ports, 'manifests/');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a port number');
  });

  test('an unreadable cases file: exit 2 naming it', async () => {
    const r = await run('lab', 'probe', '--cases', '/nonexistent/cases.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--cases /nonexistent/cases.json');
  });

  test('an unknown case id: exit 2 naming it', async () => {
    const r = await run('lab', 'probe', '--cases', 'test/fixtures/reachability/cyclonus.json', '--case', 'no-such-case');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--case no-such-case: no such case');
  });

  test('an unreadable manifest: exit 2 with the input rule, nothing started', async () => {
    const r = await run('lab', 'probe', 'test/fixtures/manifests/invalid');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no answer');
  });

  test.each([['probe', 'manifests/'], ['up']])('lab %s --engine calico without CALICO_SRC: exit 2 saying what to set', async (...argv) => {
    const saved = process.env.CALICO_SRC;
    delete process.env.CALICO_SRC;
    try {
      const r = await run('lab', argv[0], '--engine', 'calico', ...argv.slice(1));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('set CALICO_SRC to a projectcalico/calico v3.27.3 checkout');
      expect(r.stderr).toContain('LAB_FELIX');
    } finally {
      if (saved !== undefined) process.env.CALICO_SRC = saved;
    }
  });

  test('an unknown engine: exit 2 naming the engines', async () => {
    const r = await run('lab', 'probe', '--engine', 'cilium', 'manifests/');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kube-network-policies');
    expect(r.stderr).toContain('calico');
  });

  describe('policies the engine does not enforce: exit 2 naming them and the engine that does, before a lab starts', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } };
    const pod = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'x', labels: { app: name } },
      spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }] },
    });
    const gnp = { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'deny-all' }, spec: { selector: 'all()', types: ['Ingress'] } };
    const anp = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: 'deny-x' },
      spec: { priority: 5, subject: { namespaces: {} }, ingress: [{ name: 'd', action: 'Deny', from: [{ namespaces: {} }] }] },
    };
    let dir: string;
    const file = (name: string, objects: object[]) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, objects.map((o) => JSON.stringify(o)).join('\n---\n'));
      return f;
    };
    let savedSrc: string | undefined;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-unenforced-'));
      savedSrc = process.env.CALICO_SRC;
      // --engine calico gets past its CALICO_SRC check; the input is refused before the checkout is read.
      process.env.CALICO_SRC = '/nonexistent/calico';
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (savedSrc === undefined) delete process.env.CALICO_SRC;
      else process.env.CALICO_SRC = savedSrc;
    });

    test.each([['kube-router'], ['knp']])('a Calico GlobalNetworkPolicy on %s', async (engine) => {
      const r = await run('lab', 'probe', '--engine', engine, file('calico.yaml', [ns, pod('a'), pod('b'), gnp]));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/does not enforce projectcalico\.org\/v3 GlobalNetworkPolicy \(deny-all\); the lab's engines that do: --engine calico/);
      expect(r.stderr).not.toContain('CALICO_SRC=/nonexistent');
    });

    test.each([['kube-router'], ['calico']])('an AdminNetworkPolicy on %s', async (engine) => {
      const r = await run('lab', 'probe', '--engine', engine, file('anp.yaml', [ns, pod('a'), pod('b'), anp]));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/does not enforce policy\.networking\.k8s\.io\/v1alpha1 AdminNetworkPolicy \(deny-x\); the lab's engines that do: --engine kube-network-policies/);
      expect(r.stderr).not.toContain('CALICO_SRC=/nonexistent');
    });
  });

  test('the synchronous entry refuses and points at the command line', () => {
    const { runCli } = jest.requireActual('../../src/cli/main');
    let stderr = '';
    expect(runCli(['lab', 'up'], { stdout: () => {}, stderr: (t: string) => { stderr += t; } })).toBe(2);
    expect(stderr).toContain('runs only from the command line');
  });
});
