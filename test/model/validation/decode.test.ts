import * as fc from 'fast-check';
import { fieldsAndTypes, ingressFrom, ingressPorts, policy } from './fixtures';
import { ValidationErrorType as T, validateNetworkPolicy } from '../../../src/model/validation';

const P = 'spec.ingress[0].ports[0]';

describe('decode-stage type errors (the API server answers 400)', () => {
  test.each([
    ['port 80.5', ingressPorts({ port: 80.5 }), `${P}.port`],
    ['port true', ingressPorts({ port: true }), `${P}.port`],
    ['port 4294967296', ingressPorts({ port: 4294967296 }), `${P}.port`],
    ['port 2147483648', ingressPorts({ port: 2147483648 }), `${P}.port`],
    ['port {}', ingressPorts({ port: {} }), `${P}.port`],
    ['endPort "90"', ingressPorts({ port: 80, endPort: '90' }), `${P}.endPort`],
    ['endPort 90.5', ingressPorts({ port: 80, endPort: 90.5 }), `${P}.endPort`],
    ['protocol 6', ingressPorts({ protocol: 6 }), `${P}.protocol`],
    ['ports not a list', policy({ ingress: [{ ports: { port: 80 } }] }), 'spec.ingress[0].ports'],
    ['a port that is a number', policy({ ingress: [{ ports: [80] }] }), `${P}`],
    ['policyTypes not a list', policy({ policyTypes: 'Ingress' }), 'spec.policyTypes'],
    ['policyTypes entry not a string', policy({ policyTypes: [1] }), 'spec.policyTypes[0]'],
    ['cidr not a string', ingressFrom({ ipBlock: { cidr: 10 } }), 'spec.ingress[0].from[0].ipBlock.cidr'],
    ['except not a list', ingressFrom({ ipBlock: { cidr: '10.0.0.0/8', except: '10.1.0.0/16' } }), 'spec.ingress[0].from[0].ipBlock.except'],
    ['matchLabels value a number', policy({ podSelector: { matchLabels: { a: 1 } } }), 'spec.podSelector.matchLabels[a]'],
    ['matchLabels value a boolean', policy({ podSelector: { matchLabels: { enabled: true } } }), 'spec.podSelector.matchLabels[enabled]'],
    ['matchLabels a list', policy({ podSelector: { matchLabels: ['a'] } }), 'spec.podSelector.matchLabels'],
    ['matchExpressions values a string', policy({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: 'x' }] } }), 'spec.podSelector.matchExpressions[0].values'],
    ['podSelector a string', policy({ podSelector: 'app=web' }), 'spec.podSelector'],
    ['spec a string', policy('x'), 'spec'],
    ['spec a list', policy([]), 'spec'],
    ['ingress an object', policy({ ingress: { from: [] } }), 'spec.ingress'],
    ['from an object', policy({ ingress: [{ from: { podSelector: {} } }] }), 'spec.ingress[0].from'],
    ['a peer that is a string', policy({ ingress: [{ from: ['web'] }] }), 'spec.ingress[0].from[0]'],
    ['metadata a string', policy({}, 'foo'), 'metadata'],
    ['name a number', policy({}, { name: 42 }), 'metadata.name'],
    ['labels value a number', policy({}, { name: 'foo', labels: { version: 2 } }), 'metadata.labels[version]'],
    ['annotations a list', policy({}, { name: 'foo', annotations: [] }), 'metadata.annotations'],
    ['finalizers a string', policy({}, { name: 'foo', finalizers: 'x' }), 'metadata.finalizers'],
  ])('%s', (_name, manifest, field) => {
    expect(fieldsAndTypes(manifest)).toEqual([[field, T.TYPE]]);
  });

  test('apiVersion and kind', () => {
    expect(fieldsAndTypes({ ...policy({}), apiVersion: 'extensions/v1beta1' })).toEqual([['apiVersion', T.TYPE]]);
    expect(fieldsAndTypes({ ...policy({}), kind: 'NetworkPolicies' })).toEqual([['kind', T.TYPE]]);
    expect(fieldsAndTypes({ metadata: { name: 'a' } })).toEqual([['apiVersion', T.TYPE], ['kind', T.TYPE]]);
    expect(validateNetworkPolicy({ ...policy({}), kind: 'networkpolicy' })[0].hint).toBe('did you mean "NetworkPolicy"?');
  });

  test.each([null, undefined, 42, 'x', [], true])('a manifest that is %j', (manifest) => {
    expect(fieldsAndTypes(manifest)).toEqual([['<root>', T.TYPE]]);
  });

  test('all type errors are reported, and validation does not run', () => {
    const manifest = policy({ ingress: [{ ports: [{ port: 80.5 }, { port: 0 }] }], policyTypes: 'Ingress' }, { name: 'Bad' });
    expect(fieldsAndTypes(manifest)).toEqual([[`${P}.port`, T.TYPE], ['spec.policyTypes', T.TYPE]]);
  });

  test('messages', () => {
    const [e] = validateNetworkPolicy(ingressPorts({ port: 80, endPort: '90' }));
    expect(e.message).toBe(`${P}.endPort: Invalid type: "90": expected an integer (int32), got a string (write the number without quotes: 90)`);
    expect(e.value).toBe('"90"');
  });

  test('null is absent everywhere', () => {
    const manifest = policy({
      podSelector: { matchLabels: null, matchExpressions: null },
      ingress: [{ from: null, ports: [{ protocol: null, port: null, endPort: null }] }],
      egress: null,
      policyTypes: null,
    }, { name: 'foo', namespace: null, labels: null, annotations: null, finalizers: null });
    expect(validateNetworkPolicy(manifest)).toEqual([]);
  });
});

const KEYS = [
  'port', 'endPort', 'protocol', 'from', 'to', 'ports', 'ipBlock', 'cidr', 'except', 'podSelector', 'namespaceSelector',
  'matchLabels', 'matchExpressions', 'key', 'operator', 'values', 'policyTypes', 'ingress', 'egress', 'name',
];

describe('robustness', () => {
  test('never throws, and every message starts with its field path', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, true, 0, 80, 80.5, -1, 65536, 4294967296, '', 'TCP', 'tcp', 'http', '10.0.0.0/8', '10.0.0.1/8', 'In', 'Ingress', 'a/b/c'),
        fc.string(),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(fc.property(json, json, (spec, metadata) => {
      const manifests = [
        spec, policy(spec), policy(spec, metadata), policy({ ingress: [spec] }), policy({ ingress: [{ from: [spec], ports: [spec] }] }),
      ];
      for (const manifest of manifests) {
        for (const strictCidr of [false, true]) {
          const errs = validateNetworkPolicy(manifest, { strictCidr });
          for (const e of errs) {
            expect(e.message.startsWith(`${e.field}: ${e.type}`)).toBe(true);
            expect(e.field.length).toBeGreaterThan(0);
          }
        }
      }
    }), { numRuns: 300 });
  });

  test('Required, Forbidden and Too long errors carry no value', () => {
    const errs = [
      ...validateNetworkPolicy(ingressFrom({})),
      ...validateNetworkPolicy(ingressFrom({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} })),
      ...validateNetworkPolicy(policy({}, { namespace: 'bar' })),
    ];
    expect(errs.map((e) => e.type)).toEqual([T.REQUIRED, T.FORBIDDEN, T.REQUIRED]);
    for (const e of errs) {
      expect(e.value).toBeUndefined();
      expect(e.message).toBe(`${e.field}: ${e.type}: ${e.detail}${e.hint ? ` (${e.hint})` : ''}`);
    }
  });
});
