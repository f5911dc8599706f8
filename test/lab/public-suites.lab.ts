import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { describeLab } from './lab-availability';
import { ReachabilityCase } from '../../src/lab/case-scenario';
import { KUBE_NETWORK_POLICIES_ENGINE } from '../../src/lab/lab-engine';
import { ComparedProbe, LabComparison, probeCaseIn, tally } from '../../src/lab/lab-probe';
import { LabSession } from '../../src/lab/lab-session';

const CASES_DIR = path.join(__dirname, '..', 'fixtures', 'reachability');

function loadCases(file: string): ReachabilityCase[] {
  const plain = path.join(CASES_DIR, file);
  const text = fs.existsSync(plain) ? fs.readFileSync(plain, 'utf8') : zlib.gunzipSync(fs.readFileSync(`${plain}.gz`)).toString('utf8');
  return JSON.parse(text).cases;
}

const line = (r: ComparedProbe) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: dataplane ${r.observed}, analysis ${r.predicted}`;

/**
 * Where kube-router v2.1.0 differs from Kubernetes semantics (and so from the analysis), found by
 * this lab. Each one is a fact of the engine, not of the analysis:
 * - A rule whose only port is a named port that resolves on no selected pod (here `newport` asked
 *   as UDP, declared as SCTP) gets no port match at all in kube-router's processNetworkPolicyPorts,
 *   and a rule without ports allows every port: the rule opens all ports to its peers.
 */
const KNOWN_ENGINE_DIFFERENCES: { [file: string]: string[] } = {
  'cyclonus.json': [],
  'netpol_analyzer.json': [
    'npa-netpol_named_port_test: helloworld/new-pod -> helloworld/pod-a 3535/UDP: dataplane allowed, analysis denied',
    'npa-netpol_named_port_test: helloworld/new-pod -> helloworld/pod-a 8050/TCP: dataplane allowed, analysis denied',
  ],
};

describeLab('the public reachability suites enforced by kube-router v2.1.0', () => {
  let session: LabSession;
  beforeAll(async () => {
    session = await LabSession.open();
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
  });

  test.each(Object.keys(KNOWN_ENGINE_DIFFERENCES))('%s: the dataplane agrees with the analysis on every measured probe but the known engine differences', async (file) => {
    const comparisons: LabComparison[] = [];
    for (const c of loadCases(file)) comparisons.push(await probeCaseIn(session, c));
    const t = tally(comparisons);
    const differences = comparisons.flatMap((c) => c.results.filter((r) => !r.loopback && r.observed !== 'unmeasurable' && r.observed !== r.predicted).map((r) => `${c.id}: ${line(r)}`));
    // eslint-disable-next-line no-console
    console.log(`${file} in the lab: ${comparisons.length} cases, ${t.measured} probes measured (${t.unmeasurable} unmeasurable: SCTP, IPv6, addresses with no usable equivalent), ` +
      `${t.disagreements.length} disagreements with the analysis, ${t.unexpected.length} with the suite's expectations, ` +
      `${t.loopbackDisagreements.length} pod-to-itself probes differ (reported apart)`);
    expect(t.validationDisagreements).toEqual([]);
    expect(differences.sort()).toEqual([...KNOWN_ENGINE_DIFFERENCES[file]].sort());
    // Enough was measured for the agreement to mean something.
    expect(t.measured).toBeGreaterThan(file === 'cyclonus.json' ? 500 : 50_000);
  }, 600_000);
});

/** kube-network-policies v0.8.0 on the same suites: where it differs from the analysis. */
const KNP_DIFFERENCES: { [file: string]: string[] } = {
  'cyclonus.json': [],
  'netpol_analyzer.json': [],
};

describeLab('the public reachability suites enforced by kube-network-policies v0.8.0', () => {
  let session: LabSession;
  beforeAll(async () => {
    session = await LabSession.open(() => {}, KUBE_NETWORK_POLICIES_ENGINE);
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
  });

  test.each(Object.keys(KNP_DIFFERENCES))('%s: the dataplane agrees with the analysis on every measured probe', async (file) => {
    const comparisons: LabComparison[] = [];
    for (const c of loadCases(file)) comparisons.push(await probeCaseIn(session, c));
    const t = tally(comparisons);
    const differences = comparisons.flatMap((c) => c.results.filter((r) => !r.loopback && r.observed !== 'unmeasurable' && r.observed !== r.predicted).map((r) => `${c.id}: ${line(r)}`));
    // eslint-disable-next-line no-console
    console.log(`${file} with kube-network-policies: ${comparisons.length} cases, ${t.measured} probes measured (${t.unmeasurable} unmeasurable), ` +
      `${t.disagreements.length} disagreements with the analysis, ${t.unexpected.length} with the suite's expectations, ` +
      `${t.loopbackDisagreements.length} pod-to-itself probes differ (reported apart)`);
    expect(t.validationDisagreements).toEqual([]);
    expect(differences.sort()).toEqual([...KNP_DIFFERENCES[file]].sort());
    expect(t.measured).toBeGreaterThan(file === 'cyclonus.json' ? 500 : 50_000);
  }, 900_000);
}, KUBE_NETWORK_POLICIES_ENGINE);
