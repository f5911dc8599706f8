import * as path from 'path';
import * as fc from 'fast-check';
import { analyze, namespace, pod, policy } from './helpers';
import { formatAddressRange, parseAddressRange } from '../../src/analysis/address-range';
import { cutAddressSpace, rangeCidrs } from '../../src/analysis/address-space';
import { Port } from '../../src/model';
import { runCliInProcess } from '../cli/run-cli-in-process';

const FIXTURES = path.join(__dirname, 'fixtures', 'egress-opened');
const range = (text: string) => parseAddressRange(text)!;

describe('cutAddressSpace', () => {
  test('cuts IPv4 and IPv6 at every bound, covering each address once', () => {
    const cut = cutAddressSpace([range('10.0.0.0/8'), range('10.1.0.0/16'), range('2001:db8::/32')]);
    expect(cut.map(formatAddressRange)).toEqual([
      '0.0.0.0-9.255.255.255', '10.0.0.0/16', '10.1.0.0/16', '10.2.0.0-10.255.255.255', '11.0.0.0-255.255.255.255',
      '::-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8::/32', '2001:db9::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
    expect(cutAddressSpace([]).map(formatAddressRange)).toEqual(['0.0.0.0/0', '::/0']);
    expect(cutAddressSpace([range('0.0.0.0/0'), range('255.255.255.255')]).map(formatAddressRange)).toEqual(['0.0.0.0-255.255.255.254', '255.255.255.255', '::/0']);
  });

  test('the ranges are contiguous and no bound falls inside one (property)', () => {
    const cidr = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
      .map(([a, p]) => `${[24, 16, 8, 0].map((s) => (a >>> s) & 255).join('.')}/${p}`); // eslint-disable-line no-bitwise
    fc.assert(fc.property(fc.array(cidr, { maxLength: 8 }), (cidrs) => {
      const bounds = cidrs.map(range);
      const v4 = cutAddressSpace(bounds).filter((r) => r.family === 4);
      expect(v4[0].first).toBe(0n);
      expect(v4[v4.length - 1].last).toBe(0xffffffffn);
      for (let i = 1; i < v4.length; i++) expect(v4[i].first).toBe(v4[i - 1].last + 1n);
      for (const b of bounds) for (const r of v4) expect(r.last < b.first || r.first > b.last || (b.first <= r.first && r.last <= b.last)).toBe(true);
    }));
  });

  test('rangeCidrs: the fewest CIDRs of a range', () => {
    expect(rangeCidrs(range('10.0.0.0/8'))).toEqual(['10.0.0.0/8']);
    expect(rangeCidrs({ family: 4, first: 0n, last: range('9.255.255.255').first })).toEqual(['0.0.0.0/5', '8.0.0.0/7']);
    expect(rangeCidrs({ family: 4, first: range('10.0.0.1').first, last: range('10.0.0.6').first })).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    expect(rangeCidrs(range('::/0'))).toEqual(['::/0']);
  });
});

describe('external endpoints from the policies', () => {
  test('each range is an endpoint; the ipBlock allows what it covers and nothing else', () => {
    const r = analyze([
      namespace('shop'), pod('shop', 'web', { app: 'web' }),
      policy('shop', 'web', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 443 }] }] }),
    ]);
    expect(r.endpoints.filter((e) => e.external).map((e) => [e.id, e.cidrs])).toEqual([
      ['0.0.0.0-9.255.255.255', ['0.0.0.0/5', '8.0.0.0/7']],
      ['10.0.0.0/16', ['10.0.0.0/16']],
      ['10.1.0.0/16', ['10.1.0.0/16']],
      ['10.2.0.0-10.255.255.255', ['10.2.0.0/15', '10.4.0.0/14', '10.8.0.0/13', '10.16.0.0/12', '10.32.0.0/11', '10.64.0.0/10', '10.128.0.0/9']],
      ['11.0.0.0-255.255.255.255', ['11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/1']],
      ['::/0', ['::/0']],
    ]);
    const open = r.connections().filter((c) => c.from === 'shop/web[Pod]').map((c) => `${c.to}: ${c.description}`);
    expect(open).toEqual(['10.0.0.0/16: TCP 443', '10.2.0.0-10.255.255.255: TCP 443']);
    // Any address of a range answers as the range does.
    expect(r.isAllowed('web', '10.200.3.4', Port.tcp(443))).toBe(true);
    expect(r.isAllowed('web', '10.1.3.4', Port.tcp(443))).toBe(false);
  });

  test('--external cuts the space too, and keeps the id as written', () => {
    const r = analyze([pod('shop', 'web')], { externals: ['8.8.8.8'] });
    expect(r.endpoints.filter((e) => e.external).map((e) => e.id)).toEqual(['8.8.8.8', '0.0.0.0-8.8.8.7', '8.8.8.9-255.255.255.255', '::/0']);
    expect(analyze([pod('shop', 'web')], { externalsFromPolicies: false, externals: ['8.8.8.8'] }).endpoints.map((e) => e.id)).toEqual(['shop/web[Pod]', '8.8.8.8']);
  });

  test('a diff that opens egress to 0.0.0.0/0 and to a CIDR nobody named reports every range it opens', () => {
    const r = runCliInProcess(['diff', path.join(FIXTURES, 'before'), path.join(FIXTURES, 'after')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      '+ shop/web[Pod] -> 0.0.0.0-9.255.255.255: TCP 8443',
      '+ shop/web[Pod] -> 10.0.0.0/16: TCP 8443',
      '+ shop/web[Pod] -> 10.1.0.0/16: TCP 8443',
      '+ shop/web[Pod] -> 10.2.0.0-10.255.255.255: TCP 8443',
      '+ shop/web[Pod] -> 11.0.0.0-203.0.112.255: TCP 8443',
      '+ shop/web[Pod] -> 203.0.113.0/24: TCP 8443',
      '+ shop/web[Pod] -> 203.0.114.0-255.255.255.255: TCP 8443',
      '7 pairs opened (+), 0 closed (-).',
      '',
    ].join('\n'));
    // The other way: closing it; and ranges cut on one side only compare with the range that holds them.
    const back = runCliInProcess(['diff', '--output', 'json', path.join(FIXTURES, 'after'), path.join(FIXTURES, 'before')]);
    const changes = JSON.parse(back.stdout).changes;
    expect(changes).toHaveLength(7);
    expect(changes.every((c: any) => c.opened.TCP.length === 0 && c.closed.TCP[0][0] === 8443)).toBe(true);
  });

  test('a diff that opens all egress (a rule with no peers) shows the addresses outside the cluster', () => {
    const before = [pod('shop', 'web'), policy('shop', 'deny', { podSelector: {}, policyTypes: ['Egress'] })];
    const after = [pod('shop', 'web'), policy('shop', 'deny', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })];
    const changes = analyze(before).diff(analyze(after));
    expect(changes.map((c) => `${c.from} -> ${c.to}: +${c.openedDescription}`)).toEqual([
      'shop/web[Pod] -> shop/web[Pod]: +all traffic', 'shop/web[Pod] -> 0.0.0.0/0: +all traffic', 'shop/web[Pod] -> ::/0: +all traffic',
    ]);
  });
});
