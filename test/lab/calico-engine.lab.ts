import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { KUBE_ROUTER_DIFFERENCES } from './kube-router-differences';
import { describeLab } from './lab-availability';
import { cachedFelixBinary } from '../../src/lab/calico-engine';
import { CALICO_ENGINE } from '../../src/lab/lab-engine';
import { probeCaseIn } from '../../src/lab/lab-probe';
import { LabSession } from '../../src/lab/lab-session';
import { planFromManifests } from '../../src/lab/manifest-scenario';

/**
 * The lab's Calico engine: felix re-measures the recorded Calico verdicts (test/fixtures/calico-lab-verdicts),
 * and none of kube-router's differences from Kubernetes is felix's. Only where
 * Calico's source or a built felix is given (CALICO_SRC, LAB_FELIX), since Calico is not on the Go
 * module proxy. test/dialects/calico-lab-verdicts.test.ts compares the same verdicts with the analysis.
 */
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'calico-lab-verdicts', 'verdicts-v3.27.3.json.gz');

function calicoUnavailable(): string | undefined {
  if (!process.env.CALICO_SRC) return 'CALICO_SRC is not set (a projectcalico/calico v3.27.3 checkout)';
  if (process.env.LAB_REQUIRED !== '1' && cachedFelixBinary() === undefined) return 'felix is not built (labgo/build-felix.sh)';
  return undefined;
}

const why = calicoUnavailable();
if (why !== undefined) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: Calico's recorded verdicts re-measured: ${why}`);
  describe.skip('Calico\'s recorded verdicts re-measured', () => { test('needs Calico', () => {}); });
} else {
  describeLab('felix v3.27.3: the recorded verdicts, and Kubernetes semantics where kube-router differs', () => {
    const fixture = JSON.parse(zlib.gunzipSync(fs.readFileSync(FIXTURE)).toString('utf8'));
    let session: LabSession;
    beforeAll(async () => {
      session = await LabSession.open(() => {}, CALICO_ENGINE);
    }, 3_600_000);
    afterAll(async () => {
      await session?.close(session.lab.reused);
    });

    test.each(fixture.scenarios.map((s: any) => s.id) as string[])('%s', async (id: string) => {
      const s = fixture.scenarios.find((x: any) => x.id === id);
      const plan = planFromManifests(s.manifests.map((object: any) => ({ object })), { ports: s.extraPorts, externals: s.externals });
      // The lab gives the same pods the same addresses as when they were recorded.
      expect(plan.scenario.pods.map((p) => `${p.ref} ${p.ip}`)).toEqual(s.pods.map((p: any) => `${p.endpoint} ${p.ip}`));
      const outcome = await session.run(plan.scenario);
      const observed = outcome.results.filter((r) => r.observed !== 'unmeasurable')
        .map((r) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: ${r.observed}`);
      expect(observed).toEqual(s.probes.map((p: any) => `${p.from} -> ${p.to} ${p.port}/${p.protocol}: ${p.allowed ? 'allowed' : 'denied'}`));
    }, 120_000);

    test.each(KUBE_ROUTER_DIFFERENCES.map((d) => d.id))('not kube-router\'s difference: %s', async (id) => {
      const d = KUBE_ROUTER_DIFFERENCES.find((x) => x.id === id)!;
      // Kubernetes semantics: the opposite of what kube-router does on its differing probes.
      const probes = [...d.kubeRouter.map((p) => ({ ...p, allowed: !p.allowed })), ...d.agree];
      const c = await probeCaseIn(session, { id, namespaces: [{ name: 'x', labels: {} }], pods: d.pods, policies: d.policies, expect: probes });
      expect(c.applied.every((a) => a.accepted)).toBe(true);
      const got = c.results.map((r) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: dataplane ${r.observed}, analysis ${r.predicted}`);
      const want = probes.map((p) => `${p.from} -> ${p.to} ${p.port}/${p.protocol}: dataplane ${p.allowed ? 'allowed' : 'denied'}, analysis ${p.allowed ? 'allowed' : 'denied'}`);
      expect(got).toEqual(want);
    }, 120_000);
  });
}
