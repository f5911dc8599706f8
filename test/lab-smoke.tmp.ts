import { LabSession } from '../src/lab/lab-session';
import { planFromManifests } from '../src/lab/manifest-scenario';

const objects = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x', labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] }] } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'y', labels: { app: 'b' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, name: 'http' }] }] } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'y' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow', namespace: 'y' }, spec: { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 'http' }] }] } },
];
(async () => {
  const t0 = Date.now();
  const s = await LabSession.open((l) => console.error('[lab]', l));
  console.error('open', Date.now() - t0, s.lab.startTimes);
  try {
    const plan = planFromManifests(objects.map((object) => ({ object })), { ports: [8080] });
    const out = await s.run(plan.scenario);
    console.log(JSON.stringify(out.applied));
    for (const r of out.results) console.log(r.from, '->', r.to, r.port, r.protocol, r.observed, 'predicted', plan.predict(r), r.detail ?? '');
    console.error('enforce', out.enforceMs, 'probe', out.probeMs);
  } finally {
    await s.close(process.env.KEEP === '1');
  }
})().catch((e) => { console.error(e); process.exit(1); });
