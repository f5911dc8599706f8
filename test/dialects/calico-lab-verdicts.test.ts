import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { Reachability } from '../../src/analysis/reachability';
import { isCalicoV3Object, toCalicoCrdObject } from '../../src/lab/calico-crd-objects';

/**
 * Calico's own verdicts, measured with real packets: felix v3.27.3 enforcing the examples'
 * NetworkPolicies, the examples' Calico v3 output and hand-made Calico v3 cases in the lab
 * (test/fixtures/calico-lab-verdicts/README.md says how they were recorded). The analysis is given
 * the same manifests, pods (labels, ports, the lab's IPs) and outside addresses, and must read every
 * object and give felix's verdict on every probe.
 */
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'calico-lab-verdicts', 'verdicts-v3.27.3.json.gz');

interface RecordedProbe {
  from: string;
  to: string;
  protocol: string;
  port: number;
  allowed: boolean;
}

interface RecordedScenario {
  id: string;
  group: string;
  manifests: any[];
  calicoCrdObjects: any[];
  externals: string[];
  pods: Array<{ endpoint: string; ip: string }>;
  probes: RecordedProbe[];
}

const fixture: { scenarios: RecordedScenario[] } = JSON.parse(zlib.gunzipSync(fs.readFileSync(FIXTURE)).toString('utf8'));

function analyse(s: RecordedScenario): Reachability {
  const podIps: { [endpoint: string]: string[] } = {};
  for (const p of s.pods) podIps[p.endpoint] = [p.ip];
  return Reachability._fromInputs(s.manifests.map((object) => ({ object })), { skipInvalid: true, podIps, externals: s.externals });
}

function probeText(p: RecordedProbe): string {
  return `${p.from} -> ${p.to} ${p.port}/${p.protocol}: felix ${p.allowed ? 'allowed' : 'denied'}`;
}

/** The probes on which the analysis differs from felix. */
function disagreements(r: Reachability, s: RecordedScenario): string[] {
  const cache = new Map<string, ReturnType<Reachability['allowedPorts']>>();
  return s.probes.filter((p) => {
    const key = `${p.from}\u0000${p.to}`;
    const ranges = cache.get(key) ?? r.allowedPorts(p.from, p.to);
    cache.set(key, ranges);
    const predicted = ranges.some((x) => x.protocol === p.protocol && x.first <= p.port && p.port <= x.last);
    return predicted !== p.allowed;
  }).map(probeText);
}

describe('the recorded verdicts', () => {
  test('cover the three groups with both verdicts in every group', () => {
    for (const group of ['examples-networkpolicy', 'examples-calico', 'calico-cases']) {
      const probes = fixture.scenarios.filter((s) => s.group === group).flatMap((s) => s.probes);
      expect(probes.some((p) => p.allowed)).toBe(true);
      expect(probes.some((p) => !p.allowed)).toBe(true);
    }
  });
});

describe('felix v3.27.3 enforces the examples\' Calico output as it enforces their NetworkPolicies', () => {
  // The same pods, names aside: a chart's id is part of its workloads' names.
  const same = (ref: string) => ref.replace(/-calico-webserver|-ca-webserver/, '-webserver').replace(/-[0-9a-f]{8}\[/, '[');
  const calico = fixture.scenarios.filter((s) => s.group === 'examples-calico' && s.id.endsWith('-calico'));
  test.each(calico.map((s) => s.id))('%s: every probe as without -calico', (id) => {
    const s = calico.find((x) => x.id === id)!;
    const v1 = fixture.scenarios.find((x) => x.id === id.replace(/-calico$/, ''))!;
    const text = (p: RecordedProbe) => `${same(p.from)} -> ${same(p.to)} ${p.port}/${p.protocol}: ${p.allowed}`;
    expect(s.probes.map(text)).toEqual(v1.probes.map(text));
  });
});

describe('the objects written to the lab', () => {
  test.each(fixture.scenarios.map((s) => s.id))('%s: are what toCalicoCrdObject writes of its Calico objects today', (id) => {
    const s = fixture.scenarios.find((x) => x.id === id)!;
    expect(s.manifests.filter(isCalicoV3Object).map((o) => toCalicoCrdObject(o).object)).toEqual(s.calicoCrdObjects);
  });
});

describe.each(['examples-networkpolicy', 'examples-calico', 'calico-cases'])('felix v3.27.3 in the lab and the analysis: %s', (group) => {
  const scenarios = fixture.scenarios.filter((s) => s.group === group);
  test.each(scenarios.map((s) => s.id))('%s: the analysis reads every object and gives felix\'s verdict on every probe', (id) => {
    const s = scenarios.find((x) => x.id === id)!;
    const r = analyse(s);
    expect(r.leftOut.map((p) => `${p.object}: ${p.message}`)).toEqual([]);
    expect(disagreements(r, s)).toEqual([]);
  });
});
