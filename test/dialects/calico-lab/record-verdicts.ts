/**
 * Records Calico's verdicts: runs every scenario of scenarios.ts in the lab with the Calico engine
 * (felix v3.27.3), twice, and writes test/fixtures/calico-lab-verdicts/verdicts-v3.27.3.json.gz with
 * every probe whose two runs agree (a probe that differs between runs stops the recording).
 * Needs Linux, root, the lab's tools and CALICO_SRC (see README "The lab"):
 *
 *   CALICO_SRC=/path/to/calico-v3.27.3 flock /tmp/cdk8s-lab.lock \
 *     npx ts-node --project test/tsconfig.json -T test/dialects/calico-lab/record-verdicts.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { calicoLabScenarios } from './scenarios';
import { isCalicoV3Object, toCalicoCrdObject } from '../../../src/lab/calico-crd-objects';
import { CALICO_ENGINE } from '../../../src/lab/lab-engine';
import { LabSession } from '../../../src/lab/lab-session';
import { planFromManifests } from '../../../src/lab/manifest-scenario';

const OUT = path.join(__dirname, '..', '..', 'fixtures', 'calico-lab-verdicts', 'verdicts-v3.27.3.json.gz');
const TIMEOUT_MS = 1000;

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const scenarios = calicoLabScenarios().filter((s) => only.length === 0 || only.includes(s.id));
  const log = (line: string) => process.stderr.write(`[record] ${line}\n`);
  const session = await LabSession.open(log, CALICO_ENGINE);
  const recorded: any[] = [];
  let unstable = 0;
  try {
    for (const s of scenarios) {
      const inputs = s.manifests.map((object) => ({ object }));
      const plan = planFromManifests(inputs, { ports: s.ports, externals: s.externals });
      if (plan.notRunnable.length > 0 || plan.readdressed.length > 0) {
        throw new Error(`${s.id}: endpoints the lab cannot run as given: ${JSON.stringify([...plan.notRunnable, ...plan.readdressed])}`);
      }
      const first = await session.run(plan.scenario, { timeoutMs: TIMEOUT_MS });
      const second = await session.run(plan.scenario, { timeoutMs: TIMEOUT_MS });
      const probes = first.results.map((r, i) => {
        const again = second.results[i];
        if (r.observed !== again.observed) {
          unstable++;
          log(`${s.id}: ${r.from} -> ${r.to} ${r.port}/${r.protocol}: ${r.observed}, then ${again.observed}`);
        }
        return { from: r.from, to: r.to, protocol: r.protocol, port: r.port, observed: r.observed, again: again.observed };
      });
      const measured = probes.filter((p) => p.observed !== 'unmeasurable');
      const disagree = measured.filter((p) => (p.observed === 'allowed') !== plan.predict(p));
      log(`${s.id}: ${measured.length} probes (${measured.filter((p) => p.observed === 'allowed').length} allowed), `
        + `enforced in ${first.enforceMs}/${second.enforceMs} ms, ${disagree.length} differ from today's analysis`
        + (first.applied.some((a) => !a.accepted) ? `; refused: ${JSON.stringify(first.applied.filter((a) => !a.accepted))}` : ''));
      recorded.push({
        id: s.id,
        group: s.group,
        description: s.description,
        manifests: s.manifests,
        externals: s.externals,
        extraPorts: s.ports,
        pods: plan.scenario.pods.map((p) => ({ endpoint: p.ref, namespace: p.namespace, name: p.name, labels: p.labels, ip: p.ip, ports: p.ports })),
        namespaces: plan.scenario.namespaces,
        calicoCrdObjects: s.manifests.filter(isCalicoV3Object).map((o) => toCalicoCrdObject(o).object),
        apiServer: first.applied,
        probes: measured.map((p) => ({ from: p.from, to: p.to, protocol: p.protocol, port: p.port, allowed: p.observed === 'allowed' })),
        unmeasurable: probes.filter((p) => p.observed === 'unmeasurable').map((p) => ({ from: p.from, to: p.to, protocol: p.protocol, port: p.port })),
        analysisAtRecording: { disagreements: disagree.length },
      });
    }
  } finally {
    await session.close(session.lab.reused);
  }
  if (unstable > 0) throw new Error(`${unstable} probes differ between the two runs: nothing written`);
  const fixture = {
    engine: 'calico felix v3.27.3 (iptables dataplane on nftables, Kubernetes datastore), kube-apiserver v1.29.3',
    recorded: new Date().toISOString().slice(0, 10),
    command: 'CALICO_SRC=<projectcalico/calico v3.27.3> flock /tmp/cdk8s-lab.lock npx ts-node --project test/tsconfig.json -T test/dialects/calico-lab/record-verdicts.ts',
    probeTimeoutMs: TIMEOUT_MS,
    scenarios: recorded,
  };
  if (only.length > 0) {
    process.stdout.write(`${JSON.stringify(fixture, null, 1)}\n`);
    return;
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, zlib.gzipSync(`${JSON.stringify(fixture)}\n`, { level: 9 }));
  const total = recorded.reduce((n, s) => n + s.probes.length, 0);
  log(`wrote ${OUT}: ${recorded.length} scenarios, ${total} probes`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
