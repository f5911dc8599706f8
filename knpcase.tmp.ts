import * as fs from 'fs';
import * as zlib from 'zlib';
import { KUBE_NETWORK_POLICIES_ENGINE } from './src/lab/lab-engine';
import { probeCaseIn } from './src/lab/lab-probe';
import { LabSession } from './src/lab/lab-session';
(async () => {
  const cases = JSON.parse(zlib.gunzipSync(fs.readFileSync('test/fixtures/reachability/netpol_analyzer.json.gz')).toString()).cases;
  const c = cases.find((x: any) => x.id === 'npa-multiple_topology_resources_2');
  const s = await LabSession.open(() => {}, KUBE_NETWORK_POLICIES_ENGINE);
  try {
    for (let i = 0; i < 4; i++) {
      const r = await probeCaseIn(s, c, i === 3 ? { timeoutMs: 3000 } : {});
      const bad = r.results.filter((x) => !x.loopback && x.observed !== 'unmeasurable' && x.observed !== x.predicted);
      console.log(`run ${i}: ${r.results.length} probes, ${bad.length} disagreements`, bad.map((b) => `${b.from} -> ${b.to} ${b.port}/${b.protocol} ${b.observed}`));
    }
  } finally { await s.close(false); }
})().catch((e) => { console.error(e); process.exit(1); });
