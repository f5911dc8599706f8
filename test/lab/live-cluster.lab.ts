import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { describeLab } from './lab-availability';
import { ShopChart } from '../../examples/shop';
import { NODE_NETNS } from '../../src/lab/lab-addresses';
import { LabSession } from '../../src/lab/lab-session';
import { planFromManifests } from '../../src/lab/manifest-scenario';

/**
 * `analyze cluster` against a real API server: the lab applies the shop (its pods as Pod objects
 * with their IPs, its policies), the CLI reads the live cluster through its kubeconfig, and its
 * answer must be what kube-router enforces on every pod-to-pod probe. The CLI runs in the lab's node
 * namespace, where the API server listens, from the compiled lib/ (as `bin/cdk8s-netpol` does).
 */

const ROOT = path.join(__dirname, '..', '..');

function pod(namespace: string, name: string, labels: { [k: string]: string }, ports: Array<[number, string]>): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'c', image: 'x', ports: ports.map(([containerPort, protocol]) => ({ containerPort, protocol })) }] },
  };
}

function cli(kubeconfig: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const run = spawnSync('ip', ['netns', 'exec', NODE_NETNS, process.execPath, path.join(ROOT, 'bin', 'cdk8s-netpol'), ...args, '--kubeconfig', kubeconfig], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024,
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

describeLab('the live cluster read by the CLI is the cluster kube-router enforces', () => {
  let session: LabSession;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'cluster-fetch.js'))) throw new Error('lib/ is not built: npx projen compile');
    session = await LabSession.open();
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
  });

  test('analyze cluster agrees with the dataplane on every pod-to-pod probe of the shop', async () => {
    const objects = [
      pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'UDP'], [53, 'TCP']]),
      pod('frontend', 'ui', { app: 'ui' }, []),
      ...Testing.synth(new ShopChart(Testing.app(), 'shop')),
    ];
    const plan = planFromManifests(objects.map((object) => ({ object })));
    const outcome = await session.run(plan.scenario);
    expect(outcome.applied.filter((a) => !a.accepted)).toEqual([]);

    const kubeconfig = path.join(session.lab.stateDir, 'kubeconfig');
    const r = cli(kubeconfig, ['analyze', 'cluster', '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.complete).toBe(true);

    // The lab's pods as the live cluster names them: namespace/name[Pod].
    const idOf = new Map(plan.scenario.pods.map((p) => [p.ref, `${p.namespace}/${p.name}[Pod]`]));
    const ids = new Set(answer.endpoints.map((e: any) => e.id));
    for (const id of idOf.values()) expect(ids).toContain(id);
    const allowed = new Map<string, any>(answer.connections.map((c: any) => [`${c.from}|${c.to}`, c.allowed]));
    const allows = (from: string, to: string, protocol: string, port: number): boolean =>
      (allowed.get(`${from}|${to}`)?.[protocol] ?? []).some(([first, last]: [number, number]) => first <= port && port <= last);

    const measured = outcome.results.filter((p) => p.observed !== 'unmeasurable' && idOf.has(p.from) && idOf.has(p.to));
    expect(measured.length).toBeGreaterThan(20);
    const disagreements = measured
      .filter((p) => (p.observed === 'allowed') !== allows(idOf.get(p.from)!, idOf.get(p.to)!, p.protocol, p.port))
      .map((p) => `${p.from} -> ${p.to} ${p.protocol} ${p.port}: dataplane ${p.observed}`);
    expect(disagreements).toEqual([]);
    // Both answers occur, so the comparison can fail either way.
    expect(measured.some((p) => p.observed === 'allowed')).toBe(true);
    expect(measured.some((p) => p.observed === 'denied')).toBe(true);
  }, 600_000);

  test('validate and lint read the same cluster; a context that does not exist is unusable input', () => {
    const kubeconfig = path.join(session.lab.stateDir, 'kubeconfig');
    const validate = cli(kubeconfig, ['validate', 'cluster']);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/NetworkPolicies?: \d+ valid, 0 invalid/);
    const missing = cli(kubeconfig, ['analyze', 'cluster', '--context', 'nowhere']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere');
  }, 300_000);
});
