import { fields, fieldsAndTypes, ingressFrom, ingressPorts, ipBlock, policy, selector } from './fixtures';
import { ValidationErrorType as T, validateNetworkPolicy } from '../../../src/model/validation';

const P = 'spec.ingress[0].ports[0]';
const Q = 'spec.ingress[0].from[0]';
const B = `${Q}.ipBlock`;

describe('valid policies', () => {
  test.each([
    ['spec: {}', policy({})],
    ['missing spec', policy(undefined)],
    ['spec: null', policy(null)],
    ['empty podSelector', policy({ podSelector: {} })],
    ['from: [] and ports: []', policy({ podSelector: {}, ingress: [{ from: [], ports: [] }] })],
    ['ports: [{}]', ingressPorts({})],
    ['port: null, protocol: null', ingressPorts({ port: null, protocol: null })],
    ['podSelector + namespaceSelector', ingressFrom({ podSelector: { matchLabels: { a: 'b' } }, namespaceSelector: { matchLabels: { c: 'd' } } })],
    ['empty pod and namespace selectors', ingressFrom({ podSelector: {}, namespaceSelector: {} })],
    ['policyTypes duplicates', policy({ policyTypes: ['Ingress', 'Ingress'] })],
    ['[Ingress] with egress rules', policy({ policyTypes: ['Ingress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })],
    ['no namespace (filled from the URL)', policy({}, { name: 'foo' })],
    ['generateName only', policy({}, { generateName: 'foo-' })],
    ['ingress: [null]', policy({ ingress: [null] })],
  ])('%s', (_name, manifest) => {
    expect(validateNetworkPolicy(manifest)).toEqual([]);
  });
});

describe('metadata', () => {
  const meta = (m: any) => policy({}, m);
  test('name is required unless generateName is set', () => {
    expect(fieldsAndTypes(meta({ namespace: 'bar' }))).toEqual([['metadata.name', T.REQUIRED]]);
    expect(validateNetworkPolicy(meta({ namespace: 'bar' }))[0].message).toBe('metadata.name: Required value: name or generateName is required');
  });

  test('253 characters of subdomain are fine, 254 are not', () => {
    const label = 'a'.repeat(63);
    const name253 = [label, label, label, 'a'.repeat(61)].join('.');
    expect(name253.length).toBe(253);
    expect(validateNetworkPolicy(meta({ name: name253 }))).toEqual([]);
    expect(fieldsAndTypes(meta({ name: `${name253}a` }))).toEqual([['metadata.name', T.INVALID]]);
    expect(validateNetworkPolicy(meta({ name: `${name253}a` }))[0].detail).toBe('must be no more than 253 characters');
  });

  test('a 100-character name without dots is valid (no per-label limit)', () => {
    expect(validateNetworkPolicy(meta({ name: 'a'.repeat(100) }))).toEqual([]);
  });

  test.each(['Foo', 'foo_bar', '-foo', 'foo-', 'foo..bar', 'foo.'])('name %j is invalid', (name) => {
    expect(fieldsAndTypes(meta({ name }))).toEqual([['metadata.name', T.INVALID]]);
  });

  test('generateName is checked with its trailing dash masked, and the generated name too', () => {
    expect(validateNetworkPolicy(meta({ generateName: 'web-' }))).toEqual([]);
    expect(fields(meta({ generateName: 'Web-' }))).toEqual(['metadata.generateName', 'metadata.name']);
    // 58 characters are kept, so a long generateName still makes a valid name
    expect(validateNetworkPolicy(meta({ generateName: 'a'.repeat(100) }))).toEqual([]);
  });

  test('generateName: the mask and the 58-character cut work on UTF-8 bytes, as in Go', () => {
    // maskTrailingDash keeps len-2 BYTES: the first byte of "é" stays, so generateName fails too.
    expect(fields(meta({ generateName: 'aé-' }))).toEqual(['metadata.generateName', 'metadata.name']);
    expect(fields(meta({ generateName: 'a-é-' }))).toEqual(['metadata.generateName', 'metadata.name']);
    // An astral character (4 bytes, 2 UTF-16 units) before the dash.
    expect(fields(meta({ generateName: 'a😀-' }))).toEqual(['metadata.generateName', 'metadata.name']);
    // 252 ASCII bytes and the dash: masked to 251 + "a", within the 253 bytes of a subdomain.
    expect(fields(meta({ generateName: `${'a'.repeat(252)}-` }))).toEqual([]);
    // "é" at bytes 57-58: the generated name keeps only its first byte (shown as U+FFFD).
    const errs = validateNetworkPolicy(meta({ generateName: `${'a'.repeat(57)}é` }));
    expect(errs.map((e) => e.field)).toEqual(['metadata.generateName', 'metadata.name']);
    expect(errs[1].value).toBe(JSON.stringify(`${'a'.repeat(57)}\uFFFDxxxxx`));
  });

  test('namespace is a DNS label: 63 characters, no dots', () => {
    expect(validateNetworkPolicy(meta({ name: 'foo', namespace: 'a'.repeat(63) }))).toEqual([]);
    expect(fieldsAndTypes(meta({ name: 'foo', namespace: 'a'.repeat(64) }))).toEqual([['metadata.namespace', T.INVALID]]);
    expect(fieldsAndTypes(meta({ name: 'foo', namespace: 'a.b' }))).toEqual([['metadata.namespace', T.INVALID]]);
    expect(validateNetworkPolicy(meta({ name: 'foo', namespace: 'Shop' }))[0].hint).toBe('did you mean "shop"?');
  });

  test('labels: keys and values, errors on metadata.labels', () => {
    expect(validateNetworkPolicy(meta({ name: 'foo', labels: { 'app.kubernetes.io/name': 'web', 'x': '' } }))).toEqual([]);
    expect(fieldsAndTypes(meta({ name: 'foo', labels: { 'Example.COM/owner': 'x' } }))).toEqual([['metadata.labels', T.INVALID]]);
    expect(fieldsAndTypes(meta({ name: 'foo', labels: { a: '-bad' } }))).toEqual([['metadata.labels', T.INVALID]]);
  });

  test('annotations: keys are lower-cased before the check, values are free', () => {
    expect(validateNetworkPolicy(meta({ name: 'foo', annotations: { 'Example.COM/Owner': 'any text at all! \n' } }))).toEqual([]);
    expect(fieldsAndTypes(meta({ name: 'foo', annotations: { 'a/b/c': 'x' } }))).toEqual([['metadata.annotations', T.INVALID]]);
  });

  test('annotations: 256 KiB in all', () => {
    const limit = 256 * 1024;
    expect(validateNetworkPolicy(meta({ name: 'foo', annotations: { a: 'x'.repeat(limit - 1) } }))).toEqual([]);
    const errs = validateNetworkPolicy(meta({ name: 'foo', annotations: { a: 'x'.repeat(limit) } }));
    expect(errs.map((e) => [e.field, e.type])).toEqual([['metadata.annotations', T.TOO_LONG]]);
    expect(errs[0].message).toMatch(/^metadata\.annotations: Too long: must have at most 262144 bytes/);
  });

  test('finalizers', () => {
    expect(validateNetworkPolicy(meta({ name: 'foo', finalizers: ['kubernetes', 'example.com/x'] }))).toEqual([]);
    expect(fieldsAndTypes(meta({ name: 'foo', finalizers: ['custom'] }))).toEqual([['metadata.finalizers[0]', T.INVALID]]);
    expect(fields(meta({ name: 'foo', finalizers: ['orphan', 'foregroundDeletion'] }))).toEqual(['metadata.finalizers']);
    // The qualified-name check reports on the list only (apimachinery ValidateFinalizers); the
    // per-entry check (core validateKubeFinalizerName) is only the standard-name rule.
    expect(fields(meta({ name: 'foo', finalizers: ['a/b/c'] }))).toEqual(['metadata.finalizers']);
    expect(fields(meta({ name: 'foo', finalizers: ['a b'] }))).toEqual(['metadata.finalizers', 'metadata.finalizers[0]']);
  });
});

describe('ownerReferences (apimachinery ValidateOwnerReferences, 1.29 error shape)', () => {
  const owner = (o: any): any => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'u', ...o });
  const withOwners = (...refs: any[]): any => policy({}, { name: 'foo', ownerReferences: refs });
  const O = 'metadata.ownerReferences';

  test('valid references', () => {
    expect(validateNetworkPolicy(withOwners(owner({})))).toEqual([]);
    // A version without a group (the core group), and an apiVersion that parses as a version only.
    expect(validateNetworkPolicy(withOwners(owner({ apiVersion: 'v1', kind: 'Pod' })))).toEqual([]);
    expect(validateNetworkPolicy(withOwners(owner({ apiVersion: 'apps' })))).toEqual([]);
    // Only the core v1 Event is banned.
    expect(validateNetworkPolicy(withOwners(owner({ apiVersion: 'events.k8s.io/v1', kind: 'Event' })))).toEqual([]);
    expect(validateNetworkPolicy(withOwners(owner({ controller: true }), owner({ name: 'e', controller: false })))).toEqual([]);
  });

  test('errors are on the field without the index (the hint names the reference)', () => {
    expect(fieldsAndTypes(withOwners({}))).toEqual([
      [`${O}.apiVersion`, T.INVALID], [`${O}.kind`, T.INVALID], [`${O}.name`, T.INVALID], [`${O}.uid`, T.INVALID],
    ]);
    expect(fieldsAndTypes(withOwners(null))).toEqual(fieldsAndTypes(withOwners({})));
    for (const apiVersion of ['', '/', 'apps/', 'a/b/c']) {
      expect(fieldsAndTypes(withOwners(owner({ apiVersion })))).toEqual([[`${O}.apiVersion`, T.INVALID]]);
    }
    const [e] = validateNetworkPolicy(withOwners(owner({}), owner({ uid: '' })));
    expect(e.message).toBe('metadata.ownerReferences.uid: Invalid value: "": uid must not be empty (in ownerReferences[1])');
  });

  test('a core v1 Event may not be an owner', () => {
    for (const apiVersion of ['v1', '/v1']) {
      const errs = validateNetworkPolicy(withOwners(owner({ apiVersion, kind: 'Event' })));
      expect(errs.map((x) => [x.field, x.type])).toEqual([[O, T.INVALID]]);
      expect(errs[0].detail).toBe('/v1, Kind=Event is disallowed from being an owner');
    }
  });

  test('at most one controller', () => {
    const errs = validateNetworkPolicy(withOwners(owner({ controller: true }), owner({ name: 'e', controller: true }), owner({ name: 'f', controller: true })));
    expect(errs.map((x) => [x.field, x.type])).toEqual([[O, T.INVALID], [O, T.INVALID]]);
    expect(errs[1].detail).toBe('Only one reference can have Controller set to true. Found "true" in references for Deployment/d and Deployment/f');
  });
});

describe('label selectors', () => {
  const sel = 'spec.podSelector';
  test.each([
    ['63-character name', { [`${'a'.repeat(63)}`]: 'x' }, []],
    ['64-character name', { [`${'a'.repeat(64)}`]: 'x' }, [[`${sel}.matchLabels`, T.INVALID]]],
    ['upper case and _ in the name', { My_Label: 'x' }, []],
    ['prefixed key', { 'example.com/app': 'x' }, []],
    ['upper-case prefix', { 'Example.com/app': 'x' }, [[`${sel}.matchLabels`, T.INVALID]]],
    ['empty prefix', { '/app': 'x' }, [[`${sel}.matchLabels`, T.INVALID]]],
    ['two slashes', { 'a/b/c': 'x' }, [[`${sel}.matchLabels`, T.INVALID]]],
    ['empty name after the prefix', { 'example.com/': 'x' }, [[`${sel}.matchLabels`, T.INVALID], [`${sel}.matchLabels`, T.INVALID]]],
    ['63-character value', { a: 'v'.repeat(63) }, []],
    ['64-character value', { a: 'v'.repeat(64) }, [[`${sel}.matchLabels`, T.INVALID]]],
    ['empty value', { a: '' }, []],
    ['value with a space', { a: 'b c' }, [[`${sel}.matchLabels`, T.INVALID]]],
    ['null value (decodes to "")', { a: null }, []],
  ])('matchLabels: %s', (_name, matchLabels, expected) => {
    expect(fieldsAndTypes(selector({ matchLabels }))).toEqual(expected);
  });

  const expr = `${sel}.matchExpressions[0]`;
  test.each([
    ['In with values', { key: 'a', operator: 'In', values: ['x'] }, []],
    ['In without values', { key: 'a', operator: 'In' }, [[`${expr}.values`, T.REQUIRED]]],
    ['NotIn with []', { key: 'a', operator: 'NotIn', values: [] }, [[`${expr}.values`, T.REQUIRED]]],
    ['Exists without values', { key: 'a', operator: 'Exists' }, []],
    ['DoesNotExist with []', { key: 'a', operator: 'DoesNotExist', values: [] }, []],
    ['Exists with values', { key: 'a', operator: 'Exists', values: ['x'] }, [[`${expr}.values`, T.FORBIDDEN]]],
    ['Gt', { key: 'a', operator: 'Gt', values: ['1'] }, [[`${expr}.operator`, T.INVALID]]],
    ['lower-case in', { key: 'a', operator: 'in', values: ['x'] }, [[`${expr}.operator`, T.INVALID]]],
    ['missing operator', { key: 'a' }, [[`${expr}.operator`, T.INVALID]]],
    ['empty key', { key: '', operator: 'Exists' }, [[`${expr}.key`, T.INVALID], [`${expr}.key`, T.INVALID]]],
    ['bad value', { key: 'a', operator: 'In', values: ['ok', '-bad'] }, [[`${expr}.values[1]`, T.INVALID]]],
    ['empty value', { key: 'a', operator: 'In', values: [''] }, []],
  ])('matchExpressions: %s', (_name, requirement, expected) => {
    expect(fieldsAndTypes(selector({ matchExpressions: [requirement] }))).toEqual(expected);
  });

  test('operator hints', () => {
    expect(validateNetworkPolicy(selector({ matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] }))[0].hint).toBe('did you mean "In"?');
    expect(validateNetworkPolicy(selector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }))[0].hint).toMatch(/node selector/);
  });

  test('peer selectors are checked too', () => {
    expect(fields(ingressFrom({ namespaceSelector: { matchLabels: { 'a b': 'c' } } }))).toEqual([`${Q}.namespaceSelector.matchLabels`]);
    expect(fields(policy({ egress: [{ to: [{ podSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } }] }] })))
      .toEqual(['spec.egress[0].to[0].podSelector.matchExpressions[0].values']);
  });
});

describe('ports', () => {
  test.each([
    ['port 0', { port: 0 }, [[`${P}.port`, T.INVALID]]],
    ['port 1', { port: 1 }, []],
    ['port 65535', { port: 65535 }, []],
    ['port 65536', { port: 65536 }, [[`${P}.port`, T.INVALID]]],
    ['port -1', { port: -1 }, [[`${P}.port`, T.INVALID]]],
    ['named port', { port: 'http' }, []],
    ['named port with leading digits', { port: '8080-alt' }, []],
    ['15-character name', { port: 'a'.repeat(15) }, []],
    ['16-character name', { port: 'a'.repeat(16) }, [[`${P}.port`, T.INVALID]]],
    ['all-digit name', { port: '80' }, [[`${P}.port`, T.INVALID]]],
    ['upper-case name', { port: 'HTTP' }, [[`${P}.port`, T.INVALID], [`${P}.port`, T.INVALID]]],
    ['double hyphen', { port: 'a--b' }, [[`${P}.port`, T.INVALID]]],
    ['leading hyphen', { port: '-ab' }, [[`${P}.port`, T.INVALID]]],
    ['empty name', { port: '' }, [[`${P}.port`, T.INVALID], [`${P}.port`, T.INVALID]]],
    ['TCP', { protocol: 'TCP', port: 80 }, []],
    ['UDP', { protocol: 'UDP', port: 53 }, []],
    ['SCTP', { protocol: 'SCTP', port: 7777 }, []],
    ['tcp', { protocol: 'tcp', port: 80 }, [[`${P}.protocol`, T.NOT_SUPPORTED]]],
    ['Udp', { protocol: 'Udp' }, [[`${P}.protocol`, T.NOT_SUPPORTED]]],
    ['ICMP', { protocol: 'ICMP' }, [[`${P}.protocol`, T.NOT_SUPPORTED]]],
    ['empty protocol', { protocol: '' }, [[`${P}.protocol`, T.NOT_SUPPORTED]]],
    ['endPort == port', { port: 80, endPort: 80 }, []],
    ['endPort > port', { port: 32000, endPort: 32768 }, []],
    ['endPort 65535', { port: 1, endPort: 65535 }, []],
    ['endPort below port', { port: 80, endPort: 79 }, [[`${P}.endPort`, T.INVALID]]],
    ['endPort 65536', { port: 80, endPort: 65536 }, [[`${P}.endPort`, T.INVALID]]],
    ['port 80, endPort 0: two errors', { port: 80, endPort: 0 }, [[`${P}.endPort`, T.INVALID], [`${P}.endPort`, T.INVALID]]],
    ['port 0, endPort 100: only the port error', { port: 0, endPort: 100 }, [[`${P}.port`, T.INVALID]]],
    ['endPort with a named port', { port: 'http', endPort: 90 }, [[`${P}.endPort`, T.INVALID]]],
    ['endPort without port', { protocol: 'TCP', endPort: 90 }, [[`${P}.endPort`, T.INVALID]]],
    ['everything wrong', { protocol: 'tcp', port: 'HTTP', endPort: 1 }, [[`${P}.protocol`, T.NOT_SUPPORTED], [`${P}.endPort`, T.INVALID], [`${P}.port`, T.INVALID], [`${P}.port`, T.INVALID]]],
  ])('%s', (_name, port, expected) => {
    expect(fieldsAndTypes(ingressPorts(port))).toEqual(expected);
  });

  test('details and hints', () => {
    const [low] = validateNetworkPolicy(ingressPorts({ port: 80, endPort: 79 }));
    expect(low.message).toBe(`${P}.endPort: Invalid value: 79: must be greater than or equal to \`port\` (did you mean port: 79, endPort: 80?)`);
    const [endZero] = validateNetworkPolicy(ingressPorts({ port: 80, endPort: 0 }));
    expect(endZero.hint).toBeUndefined(); // swapping would give port 0, itself invalid
    const [zero] = validateNetworkPolicy(ingressPorts({ port: 0 }));
    expect(zero.detail).toBe('must be between 1 and 65535, inclusive');
    expect(zero.hint).toMatch(/leave `port` out/);
    const [tcp] = validateNetworkPolicy(ingressPorts({ protocol: 'tcp' }));
    expect(tcp.message).toBe(`${P}.protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP" (did you mean "TCP"?)`);
    expect(validateNetworkPolicy(ingressPorts({ port: 'http', endPort: 90 }))[0].detail).toBe('may not be specified when `port` is non-numeric');
    expect(validateNetworkPolicy(ingressPorts({ endPort: 90 }))[0].detail).toBe('may not be specified when `port` is not specified');
    expect(validateNetworkPolicy(ingressPorts({ port: '80' }))[0].hint).toMatch(/port: 80/);
  });

  test('egress ports use the egress path', () => {
    expect(fields(policy({ egress: [{ ports: [{ port: 1 }, { port: 0 }] }] }))).toEqual(['spec.egress[0].ports[1].port']);
  });
});

describe('peers', () => {
  test('{} is not a peer', () => {
    const errs = validateNetworkPolicy(ingressFrom({}));
    expect(errs.map((e) => [e.field, e.type])).toEqual([[Q, T.REQUIRED]]);
    expect(errs[0].message).toMatch(/^spec\.ingress\[0\]\.from\[0\]: Required value: must specify a peer/);
  });

  test('all-null selectors are no peer', () => {
    expect(fieldsAndTypes(ingressFrom({ podSelector: null, namespaceSelector: null, ipBlock: null }))).toEqual([[Q, T.REQUIRED]]);
  });

  test('a null list entry is an empty peer', () => {
    expect(fieldsAndTypes(ingressFrom(null))).toEqual([[Q, T.REQUIRED]]);
  });

  test.each([
    ['ipBlock with an empty podSelector', { ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }],
    ['ipBlock with a namespaceSelector', { ipBlock: { cidr: '10.0.0.0/8' }, namespaceSelector: { matchLabels: { a: 'b' } } }],
    ['ipBlock with both', { ipBlock: { cidr: '10.0.0.0/8' }, namespaceSelector: {}, podSelector: {} }],
  ])('%s is forbidden', (_name, peer) => {
    const errs = validateNetworkPolicy(ingressFrom(peer));
    expect(errs.map((e) => [e.field, e.type])).toEqual([[Q, T.FORBIDDEN]]);
    expect(errs[0].detail).toBe('may not specify both ipBlock and another peer');
  });

  test('egress peers use the `to` path', () => {
    expect(fields(policy({ egress: [{ to: [{ podSelector: {} }, {}] }] }))).toEqual(['spec.egress[0].to[1]']);
  });
});

describe('ipBlock', () => {
  test.each([
    ['IPv4', '10.0.0.0/8', ['10.1.0.0/16', '10.2.0.0/16']],
    ['IPv6', 'fd00:192:168::/48', ['fd00:192:168:3::/64']],
    ['except: []', '10.0.0.0/8', []],
    ['/0', '0.0.0.0/0', ['10.0.0.0/8']],
    ['overlapping and duplicate excepts', '10.0.0.0/8', ['10.1.0.0/16', '10.1.0.0/16', '10.1.2.0/24']],
    ['host bits (legacy)', '10.0.0.1/8', ['10.1.2.3/16']],
    ['leading zeros (legacy)', '010.0.0.0/8', ['10.001.0.0/016']],
    ['IPv4-mapped IPv6 (legacy)', '::ffff:10.0.0.0/104', []],
    ['non-canonical IPv6', '2001:DB8:0:0::/64', ['2001:db8:0:0:1::/80']],
  ])('%s is valid', (_name, cidr, except) => {
    expect(validateNetworkPolicy(ipBlock(cidr, except))).toEqual([]);
  });

  test('cidr is required, and nothing else is checked then', () => {
    const errs = validateNetworkPolicy(ipBlock('', ['garbage']));
    expect(errs.map((e) => [e.field, e.type])).toEqual([[`${B}.cidr`, T.REQUIRED]]);
    expect(errs[0].message.startsWith(`${B}.cidr: Required value`)).toBe(true);
    expect(fieldsAndTypes(ingressFrom({ ipBlock: {} }))).toEqual([[`${B}.cidr`, T.REQUIRED]]);
  });

  test.each(['192.168.5.6', 'fd00:192:168::', '10.0.0.0/33', 'fe80::/64%eth0', ' 10.0.0.0/8', '10.0.0.0/8/8', 'ten/8'])('cidr %j does not parse', (cidr) => {
    expect(fieldsAndTypes(ipBlock(cidr, ['garbage']))).toEqual([[`${B}.cidr`, T.INVALID]]);
  });

  test('a bare IP gets a hint', () => {
    expect(validateNetworkPolicy(ipBlock('192.168.5.6'))[0].hint).toBe('a CIDR needs a prefix length: did you mean 192.168.5.6/32?');
  });

  test.each([
    ['equal to cidr', '192.168.0.0/24', '192.168.0.0/24'],
    ['larger than cidr', '10.0.0.0/8', '10.0.0.0/7'],
    ['outside cidr', '192.168.8.0/24', '192.168.9.1/32'],
    // Differs only in the last byte: a byte-level or prefix-only comparison would let it pass.
    ['outside cidr, last byte only', '10.0.0.0/25', '10.0.0.128/26'],
    ['IPv6 outside cidr, last byte only', 'fd00::/121', 'fd00::80/122'],
    ['IPv6 outside cidr', 'fd00:192:168:1::/64', 'fd00:192:168:2::/64'],
    ['IPv6 in IPv4', '10.0.0.0/8', 'fd00::/64'],
    ['IPv4 in IPv6', '::/0', '10.0.0.0/8'],
    ['IPv4 in IPv4-mapped', '::ffff:10.0.0.0/104', '10.1.0.0/16'],
  ])('except %s', (_name, cidr, except) => {
    const errs = validateNetworkPolicy(ipBlock(cidr, [except]));
    expect(errs.map((e) => [e.field, e.type])).toEqual([[`${B}.except[0]`, T.INVALID]]);
    expect(errs[0].detail).toBe('must be a strict subset of `cidr`');
  });

  test('legacy: excepts are compared after masking', () => {
    expect(validateNetworkPolicy(ipBlock('10.0.0.0/8', ['10.1.2.3/16']))).toEqual([]);
  });

  test('legacy (1.29): an unparsable except ends the check of the block', () => {
    expect(fields(ipBlock('10.0.0.0/8', ['10.1.0.0/16', 'bad', '11.0.0.0/16']))).toEqual([`${B}.except[1]`]);
    expect(validateNetworkPolicy(ipBlock('10.0.0.0/8', ['bad']))[0].detail).toBe('not a valid CIDR');
  });

  test('strict (1.36): an unparsable except is skipped and the next one checked', () => {
    const errs = validateNetworkPolicy(ipBlock('10.0.0.0/8', ['10.1.0.0/16', 'bad', '11.0.0.0/16']), { strictCidr: true });
    expect(errs.map((e) => e.field)).toEqual([`${B}.except[1]`, `${B}.except[2]`]);
    expect(errs[0].detail).toBe('must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
  });

  test.each([
    ['host bits', '10.0.0.1/8', 'must not have bits set beyond the prefix length', 'did you mean 10.0.0.0/8?'],
    ['host bits /0', '10.0.0.0/0', 'must not have bits set beyond the prefix length', 'did you mean 0.0.0.0/0?'],
    ['IPv6 host bits', 'fd00::1/64', 'must not have bits set beyond the prefix length', 'did you mean fd00::/64?'],
    ['leading zeros', '010.0.0.0/8', 'must not have leading 0s in IP or prefix length', 'did you mean 10.0.0.0/8?'],
    ['leading zeros in the length', '10.0.0.0/08', 'must not have leading 0s in IP or prefix length', 'did you mean 10.0.0.0/8?'],
    ['IPv4-mapped', '::ffff:10.0.0.0/104', 'must not have an IPv4-mapped IPv6 address', 'did you mean 10.0.0.0/8?'],
    ['IPv4-mapped in hex', '::ffff:a00:0/104', 'must not have an IPv4-mapped IPv6 address', 'did you mean 10.0.0.0/8?'],
  ])('strict: cidr with %s', (_name, cidr, detail, hint) => {
    expect(validateNetworkPolicy(ipBlock(cidr))).toEqual([]);
    const errs = validateNetworkPolicy(ipBlock(cidr), { strictCidr: true });
    expect(errs.map((e) => [e.field, e.type, e.detail, e.hint])).toEqual([[`${B}.cidr`, T.INVALID, detail, hint]]);
  });

  test('strict: an except with host bits is reported, and still checked for containment', () => {
    expect(fields(ipBlock('10.0.0.0/16', ['10.0.1.1/24']), { strictCidr: true })).toEqual([`${B}.except[0]`]);
    expect(fields(ipBlock('10.0.0.0/16', ['11.0.1.1/24']), { strictCidr: true })).toEqual([`${B}.except[0]`, `${B}.except[0]`]);
  });

  test('strict: non-canonical IPv6 stays valid', () => {
    expect(validateNetworkPolicy(ipBlock('2001:DB8:0:0::/64'), { strictCidr: true })).toEqual([]);
  });

  test('strict: a cidr with host bits still checks its excepts against the masked network', () => {
    expect(fields(ipBlock('10.0.0.1/16', ['10.0.1.0/24']), { strictCidr: true })).toEqual([`${B}.cidr`]);
  });
});

describe('policyTypes', () => {
  test.each([
    [['Ingress'], []],
    [['Egress'], []],
    [['Ingress', 'Egress'], []],
    [['Egress', 'Egress'], []],
    [[], []],
    [['ingress'], [['spec.policyTypes[0]', T.NOT_SUPPORTED]]],
    [[''], [['spec.policyTypes[0]', T.NOT_SUPPORTED]]],
    [['Ingress', 'foo'], [['spec.policyTypes[1]', T.NOT_SUPPORTED]]],
    [['Ingress', 'Egress', 'Ingress'], [['spec.policyTypes', T.INVALID]]],
    [['a', 'b', 'c'], [['spec.policyTypes', T.INVALID]]],
  ])('%j', (policyTypes, expected) => {
    expect(fieldsAndTypes(policy({ policyTypes }))).toEqual(expected);
  });

  test('details and hints', () => {
    const [three] = validateNetworkPolicy(policy({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }));
    expect(three.message).toMatch(/^spec\.policyTypes: Invalid value: \["Ingress","Egress","Ingress"\]: may not specify more than two policyTypes/);
    const [lower] = validateNetworkPolicy(policy({ policyTypes: ['ingress'] }));
    expect(lower.message).toBe('spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress" (did you mean "Ingress"?)');
  });
});

describe('order and collection', () => {
  test('all errors, in the API server order: metadata, podSelector, ingress (ports, then from), egress, policyTypes', () => {
    const manifest = policy({
      podSelector: { matchLabels: { 'a b': 'c' } },
      ingress: [{ from: [{}], ports: [{ port: 0 }] }, { ports: [{ protocol: 'x' }] }],
      egress: [{ to: [{ ipBlock: { cidr: 'x' } }], ports: [{ port: 'http', endPort: 2 }] }],
      policyTypes: ['x'],
    }, { name: 'Bad', namespace: 'bar' });
    expect(fields(manifest)).toEqual([
      'metadata.name',
      'spec.podSelector.matchLabels',
      'spec.ingress[0].ports[0].port',
      'spec.ingress[0].from[0]',
      'spec.ingress[1].ports[0].protocol',
      'spec.egress[0].ports[0].endPort',
      'spec.egress[0].to[0].ipBlock.cidr',
      'spec.policyTypes[0]',
    ]);
  });
});
