import * as fc from 'fast-check';
import { calicoSelector, CalicoSelectorKind } from '../../src/dialects/calico/calico-selector';
import { parseCalicoSelector } from '../../src/dialects/calico/calico-selector-parser';
import { emitCalicoNetworkPolicy } from '../../src/dialects/calico/emit-calico';
import { validateCalicoManifest } from '../../src/dialects/calico/validate-calico';
import { NetworkPolicyModel } from '../../src/model/network-policy-model';
import { Protocol } from '../../src/model/protocol';
import { arbLabelSelector, arbNetworkPolicyModel } from '../arbitraries';
import { arbEndpoint, calicoAllows, calicoLabels, v1Allows } from './calico-evaluator';

/**
 * Meaning, not text: the Calico policy we write must allow exactly what the v1 policy allows,
 * judged by evaluating both over generated endpoints and connections. The Calico side is read as
 * Calico reads it (selectors through the mirror of libcalico-go's parser, nets, ports, protocol).
 */

const SEED = Number(process.env.FC_SEED ?? 1313);

describe('Calico v3 emission means what the v1 policy means', () => {
  test('selectors: the written Calico selector selects exactly the labels the Kubernetes selector selects', () => {
    fc.assert(fc.property(arbLabelSelector(), fc.array(fc.tuple(fc.constantFrom('app', 'tier', 'a.b/c', 'k8s-app'), fc.constantFrom('web', 'db', 'x', '')), { maxLength: 4 }), (selector, extra) => {
      const pool = [...Object.entries(selector.matchLabels), ...selector.matchExpressions.flatMap((r) => (r.values ?? ['v']).map((v) => [r.key, v] as [string, string])), ...extra];
      for (let mask = 0; mask < Math.min(2 ** pool.length, 64); mask++) {
        const labels = Object.fromEntries(pool.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1));
        const ns = parseCalicoSelector(calicoSelector(selector, CalicoSelectorKind.NAMESPACES));
        const pods = parseCalicoSelector(calicoSelector(selector, CalicoSelectorKind.PODS));
        if (ns(labels) !== selector.matches(labels)) return false;
        if (pods({ ...labels, 'projectcalico.org/orchestrator': 'k8s' }) !== selector.matches(labels)) return false;
        // Pod selectors never match what is not a Kubernetes pod (network sets, host endpoints).
        if (!Object.prototype.hasOwnProperty.call(labels, 'projectcalico.org/orchestrator') && pods(labels)) return false;
      }
      return true;
    }), { seed: SEED, numRuns: 300 });
  });

  test('policies: same isolation and same allowed connections over generated endpoints; the output passes Calico validation', () => {
    let compared = 0;
    const arb = arbNetworkPolicyModel({ namespace: 'shop' }).map((m) => new NetworkPolicyModel({
      name: m.name.replace(/\./g, '-'), namespace: m.namespace, podSelector: m.podSelector, policyTypes: m.policyTypes, ingress: m.ingress, egress: m.egress,
    }));
    fc.assert(fc.property(arb.chain((model) => fc.tuple(
      fc.constant(model),
      fc.array(fc.tuple(
        arbEndpoint(model, fc.constant('shop')),
        arbEndpoint(model, fc.constantFrom<string | undefined>('shop', 'other', undefined)),
        fc.record({ protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP), port: fc.constantFrom(1, 53, 80, 443, 5432, 8080, 65535) }),
      ), { minLength: 20, maxLength: 20 }),
    )), ([model, cases]) => {
      const calico = emitCalicoNetworkPolicy(model);
      expect(validateCalicoManifest(calico)).toEqual([]);
      expect(calico.spec.types).toEqual(model.policyTypes);
      const selects = parseCalicoSelector(calico.spec.selector);
      for (const [selected, other, t] of cases) {
        expect(selects(calicoLabels(selected))).toBe(model.podSelector.matches(selected.labels));
        expect(calicoAllows(calico.spec.ingress, 'shop', true, other, t, selected)).toBe(v1Allows(model, model.ingress, other, t, selected));
        expect(calicoAllows(calico.spec.egress, 'shop', false, other, t, other)).toBe(v1Allows(model, model.egress, other, t, other));
        compared++;
      }
    }), { seed: SEED, numRuns: 200 });
    expect(compared).toBe(200 * 20);
  });
});
