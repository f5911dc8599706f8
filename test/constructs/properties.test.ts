import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { NetworkPolicy as SchemaNetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { emitNetworkPolicy, NetworkPolicy, parseNetworkPolicy, Pods, validateNetworkPolicy } from '../../src';
import { arbDnsLabel, arbLabelSelector, arbPeer, arbPort } from '../arbitraries';

/** A random sequence of grants, as a user would write them with the construct. */
const arbGrant = fc.record({
  direction: fc.constantFrom('ingress', 'egress'),
  peer: arbPeer(),
  ports: fc.array(arbPort(), { minLength: 1, maxLength: 3 }),
});

const arbPolicyInput = fc.record({
  namespace: arbDnsLabel(20),
  selector: arbLabelSelector(),
  isolateIngress: fc.option(fc.constant(true), { nil: undefined }),
  isolateEgress: fc.option(fc.constant(true), { nil: undefined }),
  grants: fc.array(arbGrant, { minLength: 1, maxLength: 6 }),
});

type PolicyInput = typeof arbPolicyInput extends fc.Arbitrary<infer T> ? T : never;

function synthesize(input: PolicyInput) {
  const chart = new Chart(Testing.app(), 'prop', { namespace: input.namespace });
  const policy = new NetworkPolicy(chart, 'policy', {
    selector: input.selector.isEmpty ? Pods.all() : Pods.select(input.selector),
    isolateIngress: input.isolateIngress,
    isolateEgress: input.isolateEgress,
  });
  for (const grant of input.grants) {
    if (grant.direction === 'ingress') policy.allowIngress(grant.peer, ...grant.ports);
    else policy.allowEgress(grant.peer, ...grant.ports);
  }
  const [manifest] = Testing.synth(chart);
  return { policy, manifest };
}

describe('whatever the construct builds', () => {
  test('validates, passes the schema check, and parses back to the model it reports', () => {
    fc.assert(fc.property(arbPolicyInput, (input) => {
      const { policy, manifest } = synthesize(input);
      expect(validateNetworkPolicy(manifest)).toEqual([]);
      expect(() => new SchemaNetworkPolicy(manifest).validate()).not.toThrow();
      const parsed = parseNetworkPolicy(manifest);
      expect(parsed.errors).toEqual([]);
      expect(emitNetworkPolicy(parsed.policy!)).toEqual(manifest);
      expect(emitNetworkPolicy(policy.toModel())).toEqual(manifest);
    }), { numRuns: 150 });
  });

  test('every grant made is allowed by some rule of its direction (nothing the user gave is lost)', () => {
    fc.assert(fc.property(arbPolicyInput, (input) => {
      const { policy } = synthesize(input);
      const model = policy.toModel();
      for (const grant of input.grants) {
        const rules = grant.direction === 'ingress' ? model.ingress : model.egress;
        for (const port of grant.ports) {
          const covered = rules.some((rule) =>
            (rule.allowsAnyPeer || rule.peers.some((p) => p.toKey() === grant.peer.toKey())) &&
            (rule.allowsAnyPort || rule.ports.some((p) => p.toKey() === port.toKey())));
          expect(covered).toBe(true);
        }
      }
      expect(model.isolatesIngress).toBe(input.isolateIngress === true || input.grants.some((g) => g.direction === 'ingress'));
      expect(model.isolatesEgress).toBe(input.isolateEgress === true || input.grants.some((g) => g.direction === 'egress'));
    }), { numRuns: 150 });
  });
});
