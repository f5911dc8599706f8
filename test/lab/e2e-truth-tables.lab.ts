import { describeLab } from './lab-availability';
import { Cni, Feature, SupportLevel } from '../../src';
import { ReachabilityCase } from '../../src/lab/case-scenario';
import { KUBE_NETWORK_POLICIES_ENGINE } from '../../src/lab/lab-engine';
import { probeCaseIn } from '../../src/lab/lab-probe';
import { LabSession } from '../../src/lab/lab-session';

/**
 * Truth tables in the manner of Kubernetes' e2e NetworkPolicy suite (test/e2e/network/netpol): three
 * namespaces x, y, z (label ns=<name>), pods a, b, c in each (label pod=<name>), ports 80 and 81 over
 * TCP and UDP. Each table is written here by hand, from the test's intent, as e2e writes it with its
 * Reachability builder; the lab must meet it, and so must the analysis.
 */
const NAMESPACES = ['x', 'y', 'z'];
const PODS = ['a', 'b', 'c'];
const PORTS = [80, 81];
const PROTOCOLS = ['TCP', 'UDP'];
/** Fixed pod IPs, so that ipBlock tables can name them: x/a 10.244.1.1 ... z/c 10.244.1.9. */
const ip = (ns: string, pod: string) => `10.244.1.${NAMESPACES.indexOf(ns) * 3 + PODS.indexOf(pod) + 1}`;

type Endpoint = { ns: string; pod: string };
type Table = (from: Endpoint, to: Endpoint, port: number, protocol: string) => boolean;

function netpol(namespace: string, name: string, spec: object): object {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

function e2eCase(id: string, policies: object[], table: Table): ReachabilityCase {
  const endpoints = NAMESPACES.flatMap((ns) => PODS.map((pod) => ({ ns, pod })));
  return {
    id,
    namespaces: NAMESPACES.map((name) => ({ name, labels: { ns: name } })),
    pods: endpoints.map(({ ns, pod }) => ({
      namespace: ns,
      name: pod,
      labels: { pod },
      ip: ip(ns, pod),
      ports: PORTS.flatMap((port) => PROTOCOLS.map((protocol) => ({ port, protocol, name: `serve-${port}-${protocol.toLowerCase()}` }))),
    })),
    policies,
    expect: endpoints.flatMap((from) => endpoints.filter((to) => to !== from).flatMap((to) => PORTS.flatMap((port) => PROTOCOLS.map((protocol) => ({
      from: `${from.ns}/${from.pod}`, to: `${to.ns}/${to.pod}`, port, protocol, allowed: table(from, to, port, protocol),
    }))))),
  };
}

const CASES: ReachabilityCase[] = [
  e2eCase('should support a default-deny-ingress policy',
    [netpol('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })],
    (_f, t) => t.ns !== 'x'),
  e2eCase('should support a default-deny-all policy (ingress and egress)',
    [netpol('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
    (f, t) => f.ns !== 'x' && t.ns !== 'x'),
  e2eCase('should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    [netpol('x', 'x-a-from-b', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }] })],
    (f, t) => !(t.ns === 'x' && t.pod === 'a') || (f.ns === 'x' && f.pod === 'b')),
  e2eCase('should enforce policy based on NamespaceSelector with MatchExpressions',
    [netpol('x', 'x-a-from-not-y', {
      podSelector: { matchLabels: { pod: 'a' } },
      ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['y'] }] } }] }],
    })],
    (f, t) => !(t.ns === 'x' && t.pod === 'a') || f.ns !== 'y'),
  e2eCase('should enforce policy based on PodSelector and NamespaceSelector together (AND)',
    [netpol('x', 'x-a-from-z-b', {
      podSelector: { matchLabels: { pod: 'a' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'z' } }, podSelector: { matchLabels: { pod: 'b' } } }] }],
    })],
    (f, t) => !(t.ns === 'x' && t.pod === 'a') || (f.ns === 'z' && f.pod === 'b')),
  e2eCase('should enforce policy based on Ports (only 81/TCP from namespace y)',
    [netpol('x', 'x-a-81-from-y', {
      podSelector: { matchLabels: { pod: 'a' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }], ports: [{ port: 81, protocol: 'TCP' }] }],
    })],
    (f, t, port, protocol) => !(t.ns === 'x' && t.pod === 'a') || (f.ns === 'y' && port === 81 && protocol === 'TCP')),
  e2eCase('should enforce policy based on named ports (serve-80-udp)',
    [netpol('x', 'x-all-named-udp', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-80-udp', protocol: 'UDP' }] }] })],
    (_f, t, port, protocol) => t.ns !== 'x' || (port === 80 && protocol === 'UDP')),
  e2eCase('should enforce policy based on endPort (80-81 UDP from anywhere)',
    [netpol('x', 'x-b-range', { podSelector: { matchLabels: { pod: 'b' } }, ingress: [{ ports: [{ port: 80, endPort: 81, protocol: 'UDP' }] }] })],
    (_f, t, _port, protocol) => !(t.ns === 'x' && t.pod === 'b') || protocol === 'UDP'),
  e2eCase('should support denying of egress traffic on the client side (even if the server allows it)',
    [
      netpol('x', 'x-a-no-egress', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Egress'] }),
      netpol('y', 'y-allow-all', { podSelector: {}, ingress: [{}] }),
    ],
    (f) => !(f.ns === 'x' && f.pod === 'a')),
  e2eCase('should enforce except clause while egress access to server in CIDR block',
    [netpol('x', 'x-a-egress-cidr', {
      podSelector: { matchLabels: { pod: 'a' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.244.1.0/28', except: [`${ip('y', 'b')}/32`] } }] }],
    })],
    (f, t) => !(f.ns === 'x' && f.pod === 'a') || !(t.ns === 'y' && t.pod === 'b')),
  e2eCase('should allow ingress access from namespace on one named port and deny others (policies in two namespaces add up)',
    [
      netpol('x', 'x-deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      netpol('x', 'x-c-from-z-80', { podSelector: { matchLabels: { pod: 'c' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'z' } } }], ports: [{ port: 'serve-80-tcp' }] }] }),
      netpol('z', 'z-egress-only-x', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { ns: 'x' } } }] }] }),
    ],
    (f, t, port, protocol) => {
      if (f.ns === 'z' && t.ns !== 'x') return false;
      if (t.ns !== 'x') return true;
      return t.pod === 'c' && f.ns === 'z' && port === 80 && protocol === 'TCP';
    }),
];

/** The k3s profile's facts these tables measure: each fact's source says "measured", and its tables must pass. */
const K3S_FACTS: Array<[Feature, string[]]> = [
  [Feature.INGRESS, ['should support a default-deny-ingress policy', 'should enforce policy to allow traffic from pods within server namespace based on PodSelector']],
  [Feature.EGRESS, ['should support denying of egress traffic on the client side (even if the server allows it)']],
  [Feature.IP_BLOCK_POD_IPS, ['should enforce except clause while egress access to server in CIDR block']],
  [Feature.IP_BLOCK_EXCEPT, ['should enforce except clause while egress access to server in CIDR block']],
  [Feature.NAMED_PORTS, ['should enforce policy based on named ports (serve-80-udp)']],
  [Feature.END_PORT, ['should enforce policy based on endPort (80-81 UDP from anywhere)']],
];

describeLab('e2e-style truth tables enforced by kube-router v2.1.0', () => {
  const passed = new Set<string>();
  let session: LabSession;
  beforeAll(async () => {
    session = await LabSession.open();
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
  });

  test.each(CASES.map((c) => c.id))('%s', async (id) => {
    const c = await probeCaseIn(session, CASES.find((x) => x.id === id)!);
    expect(c.notRunnable).toEqual([]);
    expect(c.applied.every((a) => a.accepted)).toBe(true);
    expect(c.results.length).toBe(9 * 8 * 4);
    const line = (r: typeof c.results[number], other: string) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: dataplane ${r.observed}, ${other}`;
    expect(c.results.filter((r) => r.observed !== r.expected).map((r) => line(r, `table ${r.expected}`))).toEqual([]);
    expect(c.results.filter((r) => r.observed !== r.predicted).map((r) => line(r, `analysis ${r.predicted}`))).toEqual([]);
    passed.add(id);
  }, 120_000);

  test.each(K3S_FACTS.map(([feature]) => feature))('the k3s profile\'s measured fact %s holds in the lab', (feature) => {
    const support = Cni.k3s().support(feature);
    expect(support.level).toBe(SupportLevel.ENFORCED);
    expect(support.verified).not.toBe(false);
    const ids = K3S_FACTS.find(([f]) => f === feature)![1];
    if (feature !== Feature.INGRESS && feature !== Feature.EGRESS) expect(support.sources.some((x) => x.startsWith('measured: kube-router v2.1.0 in the lab'))).toBe(true);
    expect(ids.filter((id) => !passed.has(id))).toEqual([]);
  });
});

describeLab('e2e-style truth tables enforced by kube-network-policies v0.8.0', () => {
  let session: LabSession;
  let measured = 0;
  beforeAll(async () => {
    session = await LabSession.open(() => {}, KUBE_NETWORK_POLICIES_ENGINE);
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
    // eslint-disable-next-line no-console
    console.log(`e2e truth tables with kube-network-policies: ${measured} probes measured`);
  });

  test.each(CASES.map((c) => c.id))('%s', async (id) => {
    const c = await probeCaseIn(session, CASES.find((x) => x.id === id)!);
    expect(c.notRunnable).toEqual([]);
    expect(c.applied.every((a) => a.accepted)).toBe(true);
    expect(c.results.length).toBe(9 * 8 * 4);
    measured += c.results.filter((r) => r.observed !== 'unmeasurable').length;
    const line = (r: typeof c.results[number], other: string) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: dataplane ${r.observed}, ${other}`;
    expect(c.results.filter((r) => r.observed !== r.expected).map((r) => line(r, `table ${r.expected}`))).toEqual([]);
    expect(c.results.filter((r) => r.observed !== r.predicted).map((r) => line(r, `analysis ${r.predicted}`))).toEqual([]);
  }, 120_000);
}, KUBE_NETWORK_POLICIES_ENGINE);
