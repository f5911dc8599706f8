import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum, nameIsDnsSubdomain, regexError } from '../../../src/model/validation/formats';

test('regexError reproduces upstream spacing', () => {
  expect(regexError('msg', 'fmt', 'a', 'b')).toBe("msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')");
  expect(regexError('msg', 'fmt')).toBe("msg (regex used for validation is 'fmt')");
});

test('isQualifiedName', () => {
  expect(isQualifiedName('a')).toEqual([]);
  expect(isQualifiedName('A_b.C-9')).toEqual([]);
  expect(isQualifiedName('example.com/MyName')).toEqual([]);
  expect(isQualifiedName('a'.repeat(63))).toEqual([]);
  expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
  expect(isQualifiedName('/a')).toEqual(['prefix part must be non-empty']);
  expect(isQualifiedName('a/')).toHaveLength(2);
  expect(isQualifiedName('')).toHaveLength(2);
  expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of/);
  expect(isQualifiedName('Example.com/a')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
  expect(isQualifiedName(`${'a'.repeat(254)}/b`)[0]).toBe('prefix part must be no more than 253 characters');
});

test('isValidLabelValue', () => {
  expect(isValidLabelValue('')).toEqual([]);
  expect(isValidLabelValue('v'.repeat(63))).toEqual([]);
  expect(isValidLabelValue('v'.repeat(64))).toEqual(['must be no more than 63 characters']);
  expect(isValidLabelValue('a.b_c-D')).toEqual([]);
  expect(isValidLabelValue('_a')).toHaveLength(1);
  // bytes, not characters: 32 two-byte characters are 64 bytes
  expect(isValidLabelValue('é'.repeat(32))).toHaveLength(2);
});

test('DNS names', () => {
  expect(isDns1123Label('a'.repeat(63))).toEqual([]);
  expect(isDns1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  expect(isDns1123Label('a.b')).toHaveLength(1);
  expect(isDns1123Subdomain('a'.repeat(100))).toEqual([]);
  expect(isDns1123Subdomain('a.b-c.d')).toEqual([]);
  expect(isDns1123Subdomain('A')).toHaveLength(1);
  expect(nameIsDnsSubdomain('foo-', true)).toEqual([]);
  expect(nameIsDnsSubdomain('foo-', false)).toHaveLength(1);
});

test('ports', () => {
  expect(isValidPortNum(0)).toEqual(['must be between 1 and 65535, inclusive']);
  expect(isValidPortNum(1)).toEqual([]);
  expect(isValidPortNum(65535)).toEqual([]);
  expect(isValidPortNum(65536)).toHaveLength(1);
  expect(isValidPortName('http')).toEqual([]);
  expect(isValidPortName('8080-alt')).toEqual([]);
  expect(isValidPortName('80')).toEqual(['must contain at least one letter (a-z)']);
  expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']);
  expect(isValidPortName('-a')).toEqual(['must not begin or end with a hyphen']);
  expect(isValidPortName('a'.repeat(16))).toEqual(['must be no more than 15 characters']);
});
