import { policy } from './fixtures';
import { ValidationErrorType as T, validateNetworkPolicy } from '../../../src/model/validation';

/** kubectl apply asks for strict field validation by default: a field a NetworkPolicy lacks is a 400. */
describe('unknown fields', () => {
  test.each([
    ['a typo at the rule level', { ingress: [{ form: [{ podSelector: {} }] }] }, 'spec.ingress[0].form'],
    ['ports written inside a peer', { ingress: [{ from: [{ podSelector: {}, ports: [{ port: 80 }] }] }] }, 'spec.ingress[0].from[0].ports'],
    ['the article\'s applicationPorts', { applicationPorts: [{ port: 80 }] }, 'spec.applicationPorts'],
    ['a port field', { egress: [{ ports: [{ port: 80, targetPort: 8080 }] }] }, 'spec.egress[0].ports[0].targetPort'],
    ['an ipBlock field', { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', excepts: [] } }] }] }, 'spec.egress[0].to[0].ipBlock.excepts'],
    ['a selector field', { podSelector: { matchLabel: { app: 'x' } } }, 'spec.podSelector.matchLabel'],
    ['a requirement field', { podSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', value: [] }] } }, 'spec.podSelector.matchExpressions[0].value'],
    ['egress rule with from', { egress: [{ from: [] }] }, 'spec.egress[0].from'],
  ])('%s is an error', (_name, spec, field) => {
    const errors = validateNetworkPolicy(policy(spec));
    expect(errors.map((e) => [e.field, e.type])).toEqual([[field, T.UNKNOWN_FIELD]]);
    expect(validateNetworkPolicy(policy(spec), { allowUnknownFields: true })).toEqual([]);
  });

  test('top level and metadata', () => {
    const manifest = { ...policy({}), status: {} } as any;
    manifest.metadata = { ...manifest.metadata, uid: 'u', resourceVersion: '1', creationTimestamp: '2024-01-01T00:00:00Z', managedFields: [], nickname: 'x' };
    expect(validateNetworkPolicy(manifest).map((e) => e.field)).toEqual(['status', 'metadata.nickname']);
  });

  test('a wrongly cased field gets a hint', () => {
    const [error] = validateNetworkPolicy(policy({ PodSelector: {} }));
    expect(error.message).toBe('spec.PodSelector: Unknown field: the known fields here are podSelector, ingress, egress, policyTypes (did you mean "podSelector"?)');
  });

  test('every field the API has is known', () => {
    const full = policy({
      podSelector: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 80, endPort: 90 }] }],
      egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] }],
    });
    expect(validateNetworkPolicy(full)).toEqual([]);
  });
});
