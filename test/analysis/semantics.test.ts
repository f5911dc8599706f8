import { allowed, analyze, namespace, pod, policy } from './helpers';
import { Port, Protocol } from '../../src/model';

const A = pod('x', 'a', { app: 'a' }, { ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 53, name: 'dns', protocol: 'UDP' }] });
const B = pod('x', 'b', { app: 'b' });
const C = pod('y', 'c', { app: 'c' });
const base = [namespace('x', { team: 'x' }), namespace('y', { team: 'y' }), A, B, C];

describe('isolation', () => {
  test('no policy: everything is allowed, both ways, self included', () => {
    const r = analyze(base);
    expect(allowed(r, 'a', 'b')).toBe('all traffic');
    expect(allowed(r, 'a', 'a')).toBe('all traffic');
  });

  test('ingress isolation applies to the selected pods of the policy namespace only', () => {
    const r = analyze([...base, policy('x', 'deny', { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Ingress'] })]);
    expect(allowed(r, 'a', 'b')).toBe('nothing');
    expect(allowed(r, 'c', 'b')).toBe('nothing');
    expect(allowed(r, 'b', 'a')).toBe('all traffic');
    expect(allowed(r, 'a', 'c')).toBe('all traffic');
  });

  test('egress isolation blocks on the source side', () => {
    const r = analyze([...base, policy('x', 'deny', { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Egress'] })]);
    expect(allowed(r, 'b', 'a')).toBe('nothing');
    expect(allowed(r, 'a', 'b')).toBe('all traffic');
  });

  test('absent policyTypes: Ingress, plus Egress only when spec.egress is non-empty', () => {
    const ingressOnly = analyze([...base, policy('x', 'p', { podSelector: {}, egress: [] })]);
    expect(allowed(ingressOnly, 'a', 'c')).toBe('all traffic');
    expect(allowed(ingressOnly, 'c', 'a')).toBe('nothing');
    const both = analyze([...base, policy('x', 'p', { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })]);
    expect(allowed(both, 'a', 'c')).toBe('UDP 53');
  });

  test('egress rules of a policy without Egress in policyTypes are ignored', () => {
    const r = analyze([...base, policy('x', 'p', { podSelector: {}, policyTypes: ['Ingress'], egress: [{ ports: [{ port: 1 }] }] })]);
    expect(allowed(r, 'a', 'c')).toBe('all traffic');
  });

  test('a connection needs both the egress of the source and the ingress of the destination', () => {
    const r = analyze([...base,
      policy('x', 'egress', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }, { port: 443 }] }] }),
      policy('y', 'ingress', { podSelector: {}, ingress: [{ ports: [{ port: 443 }, { port: 8443 }] }] })]);
    expect(allowed(r, 'a', 'c')).toBe('TCP 443');
  });

  test('allow rules add up across policies and rules; there is no deny', () => {
    const r = analyze([...base,
      policy('x', 'p1', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ ports: [{ port: 80 }] }] }),
      policy('x', 'p2', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ ports: [{ port: 81 }] }, { ports: [{ port: 82, protocol: 'UDP' }] }] }),
      policy('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(allowed(r, 'a', 'b')).toBe('TCP 80-81, UDP 82');
  });
});

describe('peers', () => {
  const ingressFrom = (from: any) => analyze([...base, policy('x', 'p', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from }] })]);
  const egressTo = (to: any) => analyze([...base, policy('x', 'p', { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Egress'], egress: [{ to }] })]);

  test('`from: []` and a missing `from` mean every peer; `ingress: []` means none', () => {
    for (const r of [ingressFrom([]), ingressFrom(undefined)]) {
      expect(allowed(r, 'c', 'b')).toBe('all traffic');
    }
    const none = analyze([...base, policy('x', 'p', { podSelector: { matchLabels: { app: 'b' } }, ingress: [] })]);
    expect(allowed(none, 'a', 'b')).toBe('nothing');
  });

  test('a podSelector alone selects pods of the policy namespace only (ingress and egress)', () => {
    const i = ingressFrom([{ podSelector: {} }]);
    expect(allowed(i, 'a', 'b')).toBe('all traffic');
    expect(allowed(i, 'c', 'b')).toBe('nothing');
    const e = egressTo([{ podSelector: {} }]);
    expect(allowed(e, 'b', 'a')).toBe('all traffic');
    expect(allowed(e, 'b', 'c')).toBe('nothing');
  });

  test('a namespaceSelector alone selects every pod of the matching namespaces', () => {
    const i = ingressFrom([{ namespaceSelector: { matchLabels: { team: 'y' } } }]);
    expect(allowed(i, 'c', 'b')).toBe('all traffic');
    expect(allowed(i, 'a', 'b')).toBe('nothing');
    const e = egressTo([{ namespaceSelector: {} }]);
    expect(allowed(e, 'b', 'c')).toBe('all traffic');
    expect(allowed(e, 'b', 'a')).toBe('all traffic');
  });

  test('pod AND namespace selectors in one peer', () => {
    const i = ingressFrom([{ namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { app: 'a' } } }]);
    expect(allowed(i, 'c', 'b')).toBe('nothing');
    expect(allowed(i, 'a', 'b')).toBe('nothing');
    const j = ingressFrom([{ namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { app: 'c' } } }]);
    expect(allowed(j, 'c', 'b')).toBe('all traffic');
  });

  test('namespaces carry kubernetes.io/metadata.name, declared or not', () => {
    const r = analyze([pod('x', 'a'), pod('z', 'z'), policy('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } } }] }] })]);
    expect(allowed(r, 'z', 'a')).toBe('all traffic');
  });

  test('NotIn and DoesNotExist match pods without the key', () => {
    const notIn = ingressFrom([{ podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] } }]);
    const r = analyze([...base, pod('x', 'nolabel'), policy('x', 'p', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } }] }] })]);
    expect(allowed(notIn, 'a', 'b')).toBe('nothing');
    expect(allowed(notIn, 'b', 'b')).toBe('all traffic');
    expect(allowed(r, 'nolabel', 'b')).toBe('all traffic');
    expect(allowed(r, 'a', 'b')).toBe('nothing');
  });

  test('a label with the empty value exists: DoesNotExist does not match it, NotIn matches it unless "" is listed', () => {
    const empty = pod('x', 'empty', { app: '' });
    const from = (expr: object) => analyze([...base, empty, policy('x', 'p', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchExpressions: [expr] } }] }] })]);
    expect(allowed(from({ key: 'app', operator: 'DoesNotExist' }), 'empty', 'b')).toBe('nothing');
    expect(allowed(from({ key: 'app', operator: 'Exists' }), 'empty', 'b')).toBe('all traffic');
    expect(allowed(from({ key: 'app', operator: 'NotIn', values: ['a'] }), 'empty', 'b')).toBe('all traffic');
    expect(allowed(from({ key: 'app', operator: 'NotIn', values: [''] }), 'empty', 'b')).toBe('nothing');
    expect(allowed(from({ key: 'app', operator: 'In', values: [''] }), 'empty', 'b')).toBe('all traffic');
    // matchLabels with the empty value selects it too.
    const byLabel = analyze([...base, empty, policy('x', 'p', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: '' } } }] }] })]);
    expect(allowed(byLabel, 'empty', 'b')).toBe('all traffic');
    expect(allowed(byLabel, 'a', 'b')).toBe('nothing');
  });

  test('ipBlock matches external endpoints, with except; a CIDR endpoint only when covered whole', () => {
    const block = [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }];
    const opts = { externals: ['10.2.3.4', '10.1.2.3', '11.0.0.1', '10.2.0.0/16', '10.0.0.0/8'] };
    const i = analyze([...base, policy('x', 'p', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: block }] })], opts);
    expect(allowed(i, '10.2.3.4', 'b')).toBe('all traffic');
    expect(allowed(i, '10.1.2.3', 'b')).toBe('nothing');
    expect(allowed(i, '11.0.0.1', 'b')).toBe('nothing');
    expect(allowed(i, '10.2.0.0/16', 'b')).toBe('all traffic');
    expect(allowed(i, '10.0.0.0/8', 'b')).toBe('nothing');
    const e = analyze([...base, policy('x', 'p', { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Egress'], egress: [{ to: block }] })], opts);
    expect(allowed(e, 'b', '10.2.3.4')).toBe('all traffic');
    expect(allowed(e, 'b', '10.1.2.3')).toBe('nothing');
  });

  test('ipBlock matches pods by known IP, unless turned off; pods without IPs never', () => {
    const manifests = [namespace('x'), pod('x', 'src', { app: 'src' }, { ip: '10.0.0.5' }), pod('x', 'noip', { app: 'noip' }), pod('x', 'dst', { app: 'dst' }),
      policy('x', 'p', { podSelector: { matchLabels: { app: 'dst' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24' } }] }] })];
    const on = analyze(manifests);
    expect(allowed(on, 'src', 'dst')).toBe('all traffic');
    expect(allowed(on, 'noip', 'dst')).toBe('nothing');
    const off = analyze(manifests, { ipBlockMatchesPods: false });
    expect(allowed(off, 'src', 'dst')).toBe('nothing');
    const given = analyze(manifests, { podIps: { 'x/noip': ['10.0.0.9'] } });
    expect(allowed(given, 'noip', 'dst')).toBe('all traffic');
  });

  test('ipBlock with host bits set means its masked network', () => {
    const r = analyze([...base, policy('x', 'p', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ ipBlock: { cidr: '192.168.242.213/24' } }] }] })], { externals: ['192.168.242.1'] });
    expect(allowed(r, '192.168.242.1', 'b')).toBe('all traffic');
  });
});

describe('ports', () => {
  const ingressPorts = (ports: any) => analyze([...base, policy('x', 'p', { podSelector: {}, ingress: [{ ports }] })]);
  const egressPorts = (ports: any) => analyze([...base, policy('y', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports }] })]);

  test('protocol defaults to TCP; endPort is inclusive; a port without number is every port of its protocol', () => {
    expect(allowed(ingressPorts([{ port: 80 }]), 'c', 'b')).toBe('TCP 80');
    expect(allowed(ingressPorts([{ port: 8000, endPort: 8080 }]), 'c', 'b')).toBe('TCP 8000-8080');
    expect(allowed(ingressPorts([{ protocol: 'SCTP' }]), 'c', 'b')).toBe('all SCTP');
    expect(allowed(egressPorts([{ port: 8000, endPort: 8080, protocol: 'UDP' }]), 'c', 'b')).toBe('UDP 8000-8080');
  });

  test('ports missing or empty mean all', () => {
    expect(allowed(ingressPorts([]), 'c', 'b')).toBe('all traffic');
    expect(allowed(ingressPorts(undefined), 'c', 'b')).toBe('all traffic');
  });

  test('a named port resolves on the destination pod, name and protocol both matching (ingress and egress)', () => {
    const i = ingressPorts([{ port: 'http' }, { port: 'dns', protocol: 'UDP' }, { port: 'dns' }]);
    expect(allowed(i, 'c', 'a')).toBe('TCP 8080, UDP 53');
    expect(allowed(i, 'c', 'b')).toBe('nothing');
    const e = egressPorts([{ port: 'http' }]);
    expect(allowed(e, 'c', 'a')).toBe('TCP 8080');
    expect(allowed(e, 'c', 'b')).toBe('nothing');
  });

  test('isAllowed checks every port asked about', () => {
    const r = ingressPorts([{ port: 8000, endPort: 8080 }]);
    expect(r.isAllowed('c', 'b', Port.tcp(8080))).toBe(true);
    expect(r.isAllowed('c', 'b', Port.tcp(8081))).toBe(false);
    expect(r.isAllowed('c', 'b', Port.tcpRange(8000, 8080))).toBe(true);
    expect(r.isAllowed('c', 'b', Port.tcpRange(8000, 8081))).toBe(false);
    expect(r.isAllowed('c', 'b', Port.udp(8000))).toBe(false);
    expect(r.isAllowed('c', 'a', Port.named('http'))).toBe(true);
    expect(r.isAllowed('c', 'b', Port.named('http'))).toBe(false);
    expect(r.allowedPorts('c', 'b')).toEqual([{ protocol: Protocol.TCP, first: 8000, last: 8080 }]);
  });
});

describe('host-network pods', () => {
  test('are not subject to policy and not matched by selectors, but by ipBlock through their IP', () => {
    const r = analyze([namespace('x'), pod('x', 'h', { app: 'h' }, { hostNetwork: true, ip: '192.168.0.4' }), pod('x', 'p', { app: 'p' }),
      policy('x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy('x', 'allow', { podSelector: { matchLabels: { app: 'p' } }, policyTypes: [], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'h' } } }] }] }),
      policy('x', 'allow-ip', { podSelector: { matchLabels: { app: 'p' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '192.168.0.0/24' } }] }] })]);
    const h = r.endpoints.find((e) => e.name === 'h')!;
    expect(h.hostNetwork).toBe(true);
    expect(h.ingressIsolated).toBe(false);
    expect(allowed(r, 'p', 'h')).toBe('all traffic');
    expect(allowed(r, 'h', 'p')).toBe('nothing');
    expect(allowed(r, 'h', 'h')).toBe('all traffic');
    expect(r.explain('h', 'p', Port.tcp(80)).egress.subjectToPolicy).toBe(false);
  });
});
