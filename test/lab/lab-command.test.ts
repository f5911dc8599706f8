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

  test('--engine calico: exit 2 with the reason it is not available', async () => {
    const r = await run('lab', 'probe', '--engine', 'calico', 'manifests/');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Calico (felix v3.27.3) is not available');
  });

  test('an unknown engine: exit 2 naming the engines', async () => {
    const r = await run('lab', 'probe', '--engine', 'cilium', 'manifests/');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kube-network-policies');
  });

  test('the synchronous entry refuses and points at the command line', () => {
    const { runCli } = jest.requireActual('../../src/cli/main');
    let stderr = '';
    expect(runCli(['lab', 'up'], { stdout: () => {}, stderr: (t: string) => { stderr += t; } })).toBe(2);
    expect(stderr).toContain('runs only from the command line');
  });
});
