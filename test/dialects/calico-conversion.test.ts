import { readFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import * as fc from 'fast-check';
import { arbEndpoint, calicoAllows, calicoLabels, Endpoint, Traffic, v1Allows } from './calico-evaluator';
import { parseCalicoSelector } from '../../src/dialects/calico/calico-selector-parser';
import { emitCalicoNetworkPolicy } from '../../src/dialects/calico/emit-calico';
import { parseNetworkPolicy } from '../../src/model/parse';
import { Protocol } from '../../src/model/protocol';

/**
 * The Calico meaning check: for 500 generated v1 policies, Calico v3.27.3's own conversion
 * (libcalico-go K8sNetworkPolicyToCalico, run once by Calico's code and committed as a fixture) and the
 * library's Calico output must allow the same connections and select the same pods, judged by
 * evaluating both over generated endpoints, not by comparing text. Both must also agree with v1.
 */

interface Case { readonly v1: any; readonly calico: any; readonly error: string | null }

const CASES: Case[] = gunzipSync(readFileSync(path.join(__dirname, '..', 'fixtures', 'calico-conversion', 'conversions-v3.27.3.jsonl.gz')))
  .toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

const SEED = Number(process.env.FC_SEED ?? 2728);

test('the fixture holds 500 conversions by Calico, none refused', () => {
  expect(CASES).toHaveLength(500);
  expect(CASES.filter((c) => c.error)).toEqual([]);
});

test('our Calico output means what Calico\'s own conversion means (and what v1 means), over 10,000 generated connections', () => {
  let compared = 0;
  const disagreements: string[] = [];
  CASES.forEach((c, i) => {
    const { policy: model, errors } = parseNetworkPolicy(c.v1);
    expect(errors).toEqual([]);
    const ours = emitCalicoNetworkPolicy(model!).spec;
    const theirs = c.calico;
    expect([...ours.types].sort()).toEqual([...theirs.types].sort());
    expect(ours.order).toBe(theirs.order);
    const oursSelects = parseCalicoSelector(ours.selector);
    const theirsSelects = parseCalicoSelector(theirs.selector);
    const arb = fc.array(fc.tuple(
      arbEndpoint(model!, fc.constant('shop')),
      arbEndpoint(model!, fc.constantFrom<string | undefined>('shop', 'other', undefined)),
      fc.record({ protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP), port: fc.constantFrom(1, 53, 80, 443, 5432, 8080, 65535) }),
    ), { minLength: 20, maxLength: 20 });
    const [connections] = fc.sample(arb, { seed: SEED + i, numRuns: 1 });
    for (const [selected, other, t] of connections as Array<[Endpoint, Endpoint, Traffic]>) {
      const verdicts: Array<[string, boolean, boolean, boolean]> = [
        ['selects', oursSelects(calicoLabels(selected)), theirsSelects(calicoLabels(selected)), model!.podSelector.matches(selected.labels)],
      ];
      if (theirs.types.includes('Ingress')) {
        verdicts.push(['ingress', calicoAllows(ours.ingress, 'shop', true, other, t, selected), calicoAllows(theirs.ingress, 'shop', true, other, t, selected),
          v1Allows(model!, model!.ingress, other, t, selected)]);
      }
      if (theirs.types.includes('Egress')) {
        verdicts.push(['egress', calicoAllows(ours.egress, 'shop', false, other, t, other), calicoAllows(theirs.egress, 'shop', false, other, t, other),
          v1Allows(model!, model!.egress, other, t, other)]);
      }
      for (const [what, o, th, v1] of verdicts) {
        if (o !== th || o !== v1) disagreements.push(`case ${i} ${what}: ours ${o}, Calico's ${th}, v1 ${v1} (${JSON.stringify({ selected, other, t })})`);
      }
      compared++;
    }
  });
  expect(disagreements.slice(0, 5)).toEqual([]);
  expect(compared).toBe(10000);
});

test('an ipBlock with a leading zero: Calico\'s own conversion drops the nets (every source allowed); ours keeps 10.0.0.0/8', () => {
  const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'calico-conversion', 'leading-zeros-v3.27.3.json'), 'utf8'));
  const { policy: model, errors } = parseNetworkPolicy(fixture.v1);
  expect(errors).toEqual([]); // Kubernetes 1.29 accepts it
  const outside: Endpoint = { namespace: undefined, nsLabels: {}, labels: {}, ip: '192.168.1.1', namedPorts: [] };
  const pod: Endpoint = { namespace: 'shop', nsLabels: { 'kubernetes.io/metadata.name': 'shop' }, labels: {}, ip: '10.1.2.3', namedPorts: [] };
  const t: Traffic = { protocol: Protocol.TCP, port: 5432 };
  expect(calicoAllows(fixture.calico.ingress, 'shop', true, outside, t, pod)).toBe(true); // Calico widened it
  const ours = emitCalicoNetworkPolicy(model!).spec;
  expect(ours.ingress[0].source).toEqual({ nets: ['10.0.0.0/8'] });
  expect(calicoAllows(ours.ingress, 'shop', true, outside, t, pod)).toBe(false);
  expect(v1Allows(model!, model!.ingress, outside, t, pod)).toBe(false);
});
