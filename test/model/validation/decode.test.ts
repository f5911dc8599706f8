import * as fc from 'fast-check';
import { fieldsAndTypes, ingressFrom, ingressPorts, policy } from './fixtures';
import { ValidationErrorType as T, validateNetworkPolicy } from '../../../src/model/validation';
import { isGoRfc3339 } from '../../../src/model/validation/go-time';

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

describe('the other ObjectMeta fields decode into their Go types', () => {
  const m = (extra: any): any => policy({}, { name: 'foo', ...extra });

  test.each([
    ['generation 5', { generation: 5 }],
    ['generation -1', { generation: -1 }],
    ['generation 2^63 - 1024 (the largest double below 2^63)', { generation: 2 ** 63 - 1024 }],
    ['generation -2^63', { generation: -(2 ** 63) }],
    ['deletionGracePeriodSeconds 30', { deletionGracePeriodSeconds: 30 }],
    ['uid, selfLink, resourceVersion strings', { uid: 'x', selfLink: '/x', resourceVersion: 'abc' }],
    ['null everywhere', { uid: null, generation: null, creationTimestamp: null, deletionTimestamp: null, ownerReferences: null, managedFields: null }],
    ['creationTimestamp in RFC 3339', { creationTimestamp: '2024-01-01T00:00:00Z' }],
    ['deletionTimestamp with a fraction and an offset', { deletionTimestamp: '2024-01-01T00:00:00.5+01:00' }],
    ['ownerReferences', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'u', controller: true, blockOwnerDeletion: null }] }],
    ['managedFields', {
      managedFields: [null, { manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2024-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:a': {} }, subresource: '' }],
    }],
    ['managedFields fieldsV1 of any JSON type (FieldsV1 keeps the raw bytes)', { managedFields: [{ fieldsV1: 'x' }, { fieldsV1: [1] }] }],
  ])('valid: %s', (_name, extra) => {
    expect(validateNetworkPolicy(m(extra))).toEqual([]);
  });

  test.each([
    ['generation "1"', { generation: '1' }, 'metadata.generation'],
    ['generation 1.5', { generation: 1.5 }, 'metadata.generation'],
    ['generation 2^63 (9223372036854775807 reads as 2^63 in JSON.parse too)', { generation: 2 ** 63 }, 'metadata.generation'],
    ['deletionGracePeriodSeconds "x"', { deletionGracePeriodSeconds: 'x' }, 'metadata.deletionGracePeriodSeconds'],
    ['uid 5', { uid: 5 }, 'metadata.uid'],
    ['selfLink 5', { selfLink: 5 }, 'metadata.selfLink'],
    ['resourceVersion 5', { resourceVersion: 5 }, 'metadata.resourceVersion'],
    ['creationTimestamp ""', { creationTimestamp: '' }, 'metadata.creationTimestamp'],
    ['creationTimestamp a date', { creationTimestamp: '2024-01-01' }, 'metadata.creationTimestamp'],
    ['creationTimestamp without a zone', { creationTimestamp: '2024-01-01T00:00:00' }, 'metadata.creationTimestamp'],
    ['creationTimestamp a number', { creationTimestamp: 1 }, 'metadata.creationTimestamp'],
    ['deletionTimestamp "bad"', { deletionTimestamp: 'bad' }, 'metadata.deletionTimestamp'],
    ['ownerReferences an object', { ownerReferences: {} }, 'metadata.ownerReferences'],
    ['ownerReferences a string', { ownerReferences: 'x' }, 'metadata.ownerReferences'],
    ['an owner reference a string', { ownerReferences: ['x'] }, 'metadata.ownerReferences[0]'],
    ['an owner name a number', { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 5, uid: 'u' }] }, 'metadata.ownerReferences[0].name'],
    ['controller "yes"', { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: 'yes' }] }, 'metadata.ownerReferences[0].controller'],
    ['blockOwnerDeletion 1', { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', blockOwnerDeletion: 1 }] }, 'metadata.ownerReferences[0].blockOwnerDeletion'],
    ['managedFields a string', { managedFields: 'x' }, 'metadata.managedFields'],
    ['managedFields time "bad"', { managedFields: [{ time: 'bad' }] }, 'metadata.managedFields[0].time'],
    ['managedFields manager a number', { managedFields: [{ manager: 1 }] }, 'metadata.managedFields[0].manager'],
  ])('invalid: %s', (_name, extra, field) => {
    expect(fieldsAndTypes(m(extra))).toEqual([[field, T.TYPE]]);
  });

  test('unknown fields of owner references and managedFields entries', () => {
    const errs = validateNetworkPolicy(m({
      ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', bogus: 1, Controller: true }],
      managedFields: [{ manager: 'm', fields: {} }],
    }));
    expect(errs.map((e) => [e.field, e.type])).toEqual([
      ['metadata.managedFields[0].fields', T.UNKNOWN_FIELD],
      ['metadata.ownerReferences[0].bogus', T.UNKNOWN_FIELD],
      ['metadata.ownerReferences[0].Controller', T.UNKNOWN_FIELD],
    ]);
    expect(errs[2].hint).toBe('did you mean "controller"?');
    const lenient = validateNetworkPolicy(m({ ownerReferences: [{ bogus: 1 }] }), { allowUnknownFields: true });
    expect(lenient.map((e) => e.type)).not.toContain(T.UNKNOWN_FIELD);
  });

  test('messages', () => {
    expect(validateNetworkPolicy(m({ generation: 2 ** 64 }))[0].message).toBe(
      'metadata.generation: Invalid type: 18446744073709552000: expected an integer (int64), got the number 18446744073709552000, outside the int64 range');
    expect(validateNetworkPolicy(m({ creationTimestamp: '2024-01-01' }))[0].message).toBe(
      'metadata.creationTimestamp: Invalid type: "2024-01-01": expected an RFC 3339 time such as "2006-01-02T15:04:05Z" (time.Parse(time.RFC3339) fails)');
  });
});

describe('isGoRfc3339: what Go time.Parse(time.RFC3339, s) accepts (checked against Go 1.26 on 30,000 mutated strings)', () => {
  test.each([
    ['2024-01-01T00:00:00Z', true],
    ['2024-02-29T23:59:59.123456789+01:00', true],
    ['2023-02-29T00:00:00Z', false],
    ['0000-01-01T00:00:00Z', true],
    ['2024-01-01T1:00:00Z', true], // the layout parser takes a one-digit hour
    ['2024-01-01T0:0:00Z', false],
    ['2024-01-01T00:00:00,5Z', true], // and a comma before the fraction
    ['2024-01-01T00:00:00.1234567890123Z', true],
    ['2024-01-01T00:00:00.Z', false],
    ['2024-01-01T00:00:00+24:00', true], // and offsets up to 24:60
    ['2024-01-01T00:00:00+24:60', true],
    ['2024-01-01T00:00:00+25:00', false],
    ['2024-01-01T00:00:00+23:61', false],
    ['2024-01-01T00:00:00-00:00', true],
    ['2024-01-01T00:00:00+0100', false],
    ['2024-01-01T00:00:00+01:00x', false],
    ['2024-01-01T00:00:00z', false],
    ['2024-01-01t00:00:00Z', false],
    ['2024-01-01T24:00:00Z', false],
    ['2024-01-01T00:00:60Z', false],
    ['2024-13-01T00:00:00Z', false],
    ['2024-01-00T00:00:00Z', false],
    ['2024-1-01T00:00:00Z', false],
    ['+024-01-01T00:00:00Z', false],
    ['10000-01-01T00:00:00Z', false],
    [' 2024-01-01T00:00:00Z', false],
    ['2024-01-01T00:00:00Zé', false],
    ['2024-01-01', false],
    ['', false],
  ])('%j → %s', (s, ok) => {
    expect(isGoRfc3339(s)).toBe(ok);
  });
});
