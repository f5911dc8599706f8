import { KUBE_ROUTER_DIFFERENCES } from './kube-router-differences';
import { describeLab } from './lab-availability';
import { KUBE_NETWORK_POLICIES_ENGINE } from '../../src/lab/lab-engine';
import { probeCaseIn } from '../../src/lab/lab-probe';
import { LabSession } from '../../src/lab/lab-session';

/** The differences of kube-router-differences.ts, measured: if kube-router changes, these tests say so. */
describeLab('kube-router v2.1.0 differs from Kubernetes semantics (measured)', () => {
  let session: LabSession;
  beforeAll(async () => {
    session = await LabSession.open();
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
  });

  test.each(KUBE_ROUTER_DIFFERENCES.map((d) => d.id))('%s', async (id) => {
    const d = KUBE_ROUTER_DIFFERENCES.find((x) => x.id === id)!;
    const probes = [...d.kubeRouter, ...d.agree];
    const c = await probeCaseIn(session, { id, namespaces: [{ name: 'x', labels: {} }], pods: d.pods, policies: d.policies, expect: probes });
    expect(c.applied.every((a) => a.accepted)).toBe(true);
    const got = c.results.map((r) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: dataplane ${r.observed}, analysis ${r.predicted}`);
    const want = probes.map((p, i) => {
      const dataplane = p.allowed ? 'allowed' : 'denied';
      const analysis = i < d.kubeRouter.length ? (p.allowed ? 'denied' : 'allowed') : dataplane;
      return `${p.from} -> ${p.to} ${p.port}/${p.protocol}: dataplane ${dataplane}, analysis ${analysis}`;
    });
    expect(got).toEqual(want);
  }, 120_000);
});

describeLab('kube-network-policies v0.8.0 agrees with the analysis where kube-router differs (measured)', () => {
  let session: LabSession;
  beforeAll(async () => {
    session = await LabSession.open(() => {}, KUBE_NETWORK_POLICIES_ENGINE);
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
  });

  test.each(KUBE_ROUTER_DIFFERENCES.map((d) => d.id))('%s', async (id) => {
    const d = KUBE_ROUTER_DIFFERENCES.find((x) => x.id === id)!;
    const probes = [...d.kubeRouter, ...d.agree];
    const c = await probeCaseIn(session, { id, namespaces: [{ name: 'x', labels: {} }], pods: d.pods, policies: d.policies, expect: probes });
    expect(c.applied.every((a) => a.accepted)).toBe(true);
    expect(c.results.map((r) => r.observed)).not.toContain('unmeasurable');
    expect(c.results.filter((r) => r.observed !== r.predicted).map((r) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: dataplane ${r.observed}, analysis ${r.predicted}`)).toEqual([]);
  }, 120_000);
}, KUBE_NETWORK_POLICIES_ENGINE);
