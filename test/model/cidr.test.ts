import { cidrContains, ipString, isStrictSubset, maskedCidrString, parseCidrSloppy, parseIpSloppy, StrictCidrProblem, strictCidrProblem } from '../../src/model/cidr';

function cidr(text: string) {
  const parsed = parseCidrSloppy(text);
  if (parsed === undefined) throw new Error(`does not parse: ${text}`);
  return parsed;
}

function ip(text: string) {
  const parsed = parseIpSloppy(text);
  if (parsed === undefined) throw new Error(`does not parse: ${text}`);
  return parsed;
}

describe('parseCidrSloppy (Go 1.16 net.ParseCIDR as forked in k8s.io/utils)', () => {
  test.each([
    '10.0.0.0/8', '0.0.0.0/0', '255.255.255.255/32', '192.168.5.6/24', '010.0.0.0/8', '10.0.0.0/08', '10.0.0.0/0000000032',
    '::/0', '::1/128', 'fd00:192:168::/48', '2001:DB8:0:0::/64', '::ffff:10.0.0.0/104', '::ffff:a00:0/104', '1:2:3:4:5:6:1.2.3.4/128',
    '::1.2.3.4/128', '1:2:3:4:5:6:7:8/64', '00001::/16',
  ])('accepts %s', (text) => {
    expect(parseCidrSloppy(text)).toBeDefined();
  });

  test.each([
    '', '10.0.0.0', '192.168.5.6', 'fd00:192:168::', '10.0.0.0/33', '::/129', '10.0.0.0/-1', '10.0.0.0/+8', '10.0.0.0/ 8', ' 10.0.0.0/8',
    '10.0.0.0/8 ', '10.0.0.0/8/8', '10.0.0/8', '10.0.0.0.0/8', '256.0.0.0/8', '10.0.0.0/', '/8', 'fe80::1%eth0/64', 'example.com/24',
    '1::2::3/64', '1:2:3:4:5:6:7:8:9/64', '1:2:3:4:5:6:7::8/64', '::10000/64', '1:2:3:4:5:1.2.3.4/64', '300.300.300.300/32', ' ',
    '10.0.0.0/8x', '0x10.0.0.0/8', ':1::/64', '1::/64:',
  ])('rejects %j', (text) => {
    expect(parseCidrSloppy(text)).toBeUndefined();
  });

  test('reads IPv4 octets with leading zeros as decimal', () => {
    const c = cidr('010.001.002.000/24');
    expect(c.family).toBe(4);
    expect(maskedCidrString(c)).toBe('10.1.2.0/24');
  });

  test('keeps the written address and masks the network', () => {
    const c = cidr('10.1.2.3/16');
    expect(c).toEqual({ family: 4, address: 0x0a010203n, network: 0x0a010000n, prefixLength: 16, bits: 32 });
    const v6 = cidr('fd00::1/64');
    expect(v6.family).toBe(6);
    expect(v6.network).toBe(0xfd000000000000000000000000000000n);
    expect(v6.bits).toBe(128);
  });

  test('an IPv4-mapped IPv6 CIDR is family 6 with a 128-bit prefix length', () => {
    const c = cidr('::ffff:10.0.0.0/104');
    expect(c.family).toBe(6);
    expect(c.prefixLength).toBe(104);
  });
});

describe('maskedCidrString (Go IPNet.String)', () => {
  test.each([
    ['10.1.2.3/16', '10.1.0.0/16'],
    ['10.0.0.1/0', '0.0.0.0/0'],
    ['2001:DB8:0:0::/64', '2001:db8::/64'],
    ['fd00::1/64', 'fd00::/64'],
    ['1:0:0:1:0:0:0:1/128', '1:0:0:1::1/128'],
    ['1:0:1:0:1:0:1:0/128', '1:0:1:0:1:0:1:0/128'],
    ['0:0:1:0:0:1:0:0/128', '::1:0:0:1:0:0/128'],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'],
    ['::ffff:10.0.0.0/80', '::/80'],
    ['::/0', '::/0'],
  ])('%s prints as %s', (text, expected) => {
    expect(maskedCidrString(cidr(text))).toBe(expected);
  });
});

describe('strictCidrProblem (apimachinery parseCIDR with strictValidation)', () => {
  test.each([
    ['10.0.0.0/8', undefined],
    ['0.0.0.0/0', undefined],
    ['2001:DB8:0:0::/64', undefined],
    ['fd00:192:168::/48', undefined],
    ['not-a-cidr', StrictCidrProblem.UNPARSABLE],
    ['10.0.0.0', StrictCidrProblem.UNPARSABLE],
    ['010.0.0.0/8', StrictCidrProblem.LEADING_ZEROS],
    ['10.0.0.0/08', StrictCidrProblem.LEADING_ZEROS],
    ['10.0.0.0/00', StrictCidrProblem.LEADING_ZEROS],
    ['::ffff:010.0.0.0/104', StrictCidrProblem.LEADING_ZEROS],
    ['00001::/16', StrictCidrProblem.LEADING_ZEROS],
    ['::ffff:10.0.0.0/104', StrictCidrProblem.IPV4_MAPPED],
    ['::ffff:a00:0/104', StrictCidrProblem.IPV4_MAPPED],
    ['::ffff:10.0.0.1/104', StrictCidrProblem.IPV4_MAPPED],
    ['10.0.0.1/8', StrictCidrProblem.HOST_BITS],
    ['10.0.0.0/0', StrictCidrProblem.HOST_BITS],
    ['fd00::1/64', StrictCidrProblem.HOST_BITS],
    ['010.0.0.1/8', StrictCidrProblem.LEADING_ZEROS],
  ])('%s: %s', (text, problem) => {
    expect(strictCidrProblem(text)).toBe(problem);
  });
});

describe('cidrContains and isStrictSubset (Go IPNet.Contains and Mask.Size)', () => {
  test('IPv4', () => {
    expect(cidrContains(cidr('10.0.0.0/8'), ip('10.255.255.255'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/8'), ip('11.0.0.0'))).toBe(false);
    expect(cidrContains(cidr('0.0.0.0/0'), ip('1.2.3.4'))).toBe(true);
  });

  test('IPv6', () => {
    expect(cidrContains(cidr('fd00:192:168::/48'), ip('fd00:192:168:3::1'))).toBe(true);
    expect(cidrContains(cidr('fd00:192:168:1::/64'), ip('fd00:192:168:2::'))).toBe(false);
  });

  test('families do not mix, except through IPv4-mapped addresses', () => {
    expect(cidrContains(cidr('::/0'), ip('10.0.0.1'))).toBe(false);
    expect(cidrContains(cidr('0.0.0.0/0'), ip('::1'))).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/8'), ip('::ffff:10.1.2.3'))).toBe(true);
    expect(cidrContains(cidr('::ffff:10.0.0.0/104'), ip('10.1.2.3'))).toBe(true);
    expect(cidrContains(cidr('::ffff:10.0.0.0/104'), ip('11.1.2.3'))).toBe(false);
  });

  test.each([
    ['192.168.0.0/16', '192.168.3.0/24', true],
    ['192.168.0.0/24', '192.168.0.0/24', false],
    ['10.0.0.0/8', '10.0.0.0/7', false],
    ['192.168.8.0/24', '192.168.9.1/32', false],
    ['10.0.0.0/8', 'fd00::/64', false],
    ['fd00::/8', '10.0.0.0/16', false],
    ['fd00:192:168::/48', 'fd00:192:168:3::/64', true],
    ['10.1.2.3/16', '10.1.200.0/24', true],
    ['10.0.0.0/8', '10.1.2.3/16', true],
    // An IPv4-mapped except in an IPv4 cidr passes: Contains sees IPv4, 8 < 112.
    ['10.0.0.0/8', '::ffff:10.1.0.0/112', true],
    // An IPv4 except in an IPv4-mapped cidr fails: 104 >= 16.
    ['::ffff:10.0.0.0/104', '10.1.0.0/16', false],
    ['::ffff:10.0.0.0/104', '::ffff:10.1.0.0/112', true],
  ])('%s except %s: %s', (outer, inner, expected) => {
    expect(isStrictSubset(cidr(outer), cidr(inner))).toBe(expected);
  });
});

describe('parseIpSloppy (Go 1.16 net.ParseIP)', () => {
  test.each([
    ['1.2.3.4', 4, '1.2.3.4'],
    ['001.002.003.004', 4, '1.2.3.4'],
    ['::1', 6, '::1'],
    ['::ffff:1.2.3.4', 6, '1.2.3.4'],
    ['2001:DB8::1', 6, '2001:db8::1'],
  ])('%s', (text, family, printed) => {
    const parsed = ip(text);
    expect(parsed.family).toBe(family);
    expect(ipString(parsed)).toBe(printed);
  });

  test.each(['', 'x', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.4/32', 'fe80::1%eth0', ':::', '1:2'])('rejects %j', (text) => {
    expect(parseIpSloppy(text)).toBeUndefined();
  });

  test('never throws on a non-string', () => {
    expect(parseIpSloppy(42 as any)).toBeUndefined();
    expect(parseCidrSloppy(null as any)).toBeUndefined();
    expect(strictCidrProblem({} as any)).toBe(StrictCidrProblem.UNPARSABLE);
  });
});
