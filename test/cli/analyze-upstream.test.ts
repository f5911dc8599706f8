import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { runCliInProcess } from './run-cli-in-process';
import { loadCases, UpstreamCase } from '../analysis/upstream-cases';

// The shared upstream cases again, end to end this time: each case is written as manifests
// (Namespaces, Pods with status.podIP or workloads with pod templates, the policies as upstream
// wrote them) and run through `cdk8s-netpol analyze --output json`, as the held-out cases will be.
const TEMPLATE_KINDS: { [kind: string]: string } = {
  Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', ReplicaSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1',
};

function manifestsOf(c: UpstreamCase): any[] {
  const out: any[] = c.namespaces.map((ns) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.name, labels: ns.labels } }));
  for (const p of c.pods) {
    const spec = { containers: [{ name: 'c', image: 'x', ports: p.ports.map((x) => ({ containerPort: x.port, protocol: x.protocol, ...(x.name ? { name: x.name } : {}) })) }] };
    const kind = p.workload ?? 'Pod';
    if (kind === 'Pod') {
      out.push({ apiVersion: 'v1', kind, metadata: { name: p.name, namespace: p.namespace, labels: p.labels }, spec, ...(p.ip ? { status: { podIP: p.ip } } : {}) });
    } else {
      const template = { metadata: { labels: p.labels }, spec };
      const body = kind === 'CronJob' ? { schedule: '* * * * *', jobTemplate: { spec: { template } } } : { template };
      out.push({ apiVersion: TEMPLATE_KINDS[kind], kind, metadata: { name: p.name, namespace: p.namespace }, spec: body });
    }
  }
  return [...out, ...c.policies];
}

describe.each(['netpol_analyzer.json', 'cyclonus.json'])('analyze --output json on %s', (file) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-upstream-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('agrees with every expectation', () => {
    let total = 0;
    const disagreements: string[] = [];
    for (const c of loadCases(file)) {
      const caseFile = path.join(dir, `${c.id}.yaml`);
      fs.writeFileSync(caseFile, manifestsOf(c).map((o) => stringify(o, { version: '1.1' })).join('---\n'));
      const externals = [...new Set(c.expect.flatMap((x) => [x.from, x.to]).filter((e) => e.startsWith('ip:')).map((e) => e.slice(3)))];
      const args = ['analyze', '--output', 'json', caseFile];
      if (externals.length > 0) args.push('--external', externals.join(','));
      if (c.assumptions?.ipBlockAppliesToPods === false) args.push('--no-ipblock-pods');
      const run = runCliInProcess(args);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout);
      // Only the pairs that allow something are listed: an absent pair allows nothing.
      expect(json.allPairs).toBe(false);
      expect(json.connections.every((x: any) => ['TCP', 'UDP', 'SCTP'].some((p) => x.allowed[p].length > 0))).toBe(true);
      const idOf = new Map<string, string>(json.endpoints.map((e: any) => [e.kind === 'External' ? `ip:${e.id}` : `${e.namespace}/${e.name}`, e.id]));
      const allowed = new Map<string, any>(json.connections.map((x: any) => [`${x.from} ${x.to}`, x.allowed]));
      for (const x of c.expect) {
        total++;
        expect(idOf.has(x.from) && idOf.has(x.to)).toBe(true);
        const ranges: Array<[number, number]> = allowed.get(`${idOf.get(x.from)} ${idOf.get(x.to)}`)?.[x.protocol] ?? [];
        const actual = ranges.some(([a, b]) => a <= x.port && x.port <= b);
        if (actual !== x.allowed) disagreements.push(`${c.id}: ${JSON.stringify(x)}`);
      }
    }
    expect(total).toBeGreaterThan(0);
    expect(disagreements.slice(0, 10)).toEqual([]);
  });
});
