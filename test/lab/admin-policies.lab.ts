import { Chart, Testing } from 'cdk8s';
import { describeLab } from './lab-availability';
import { PlatformChart } from '../../examples/platform';
import { ShopChart } from '../../examples/shop';
import { AdminPolicyVersion, NetworkPolicy, Peer, Pods, Port } from '../../src';
import { KUBE_NETWORK_POLICIES_ENGINE } from '../../src/lab/lab-engine';
import { ComparedProbe, LabComparison, probeManifestsIn, tally } from '../../src/lab/lab-probe';
import { LabSession } from '../../src/lab/lab-session';

/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1, the v0.1.5
 * CRDs) enforced by kube-network-policies v0.8.0, probed with real packets and compared with the
 * analysis (Reachability over the same manifests). Each case names the probes whose verdict is its
 * point (what the analysis must say), and exactly where the dataplane differs from the analysis, with
 * the cause in kube-network-policies' source (pkg/networkpolicy); the rest must agree.
 */

const API = 'policy.networking.k8s.io/v1alpha1';
const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: name } } });
function pod(ns: string, name: string, ip: string, labels: { [k: string]: string }, ports: Array<[number, string, string?]>): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'c', image: 'x', ports: ports.map(([containerPort, protocol, portName]) => ({ containerPort, protocol, ...(portName ? { name: portName } : {}) })) }] },
    status: { podIP: ip },
  };
}
const anp = (name: string, priority: number, spec: object) => ({ apiVersion: API, kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, ...spec } });
const banp = (spec: object) => ({ apiVersion: API, kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec });
const netpol = (ns: string, name: string, spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
const inNs = (team: string) => ({ namespaces: { matchLabels: { team } } });
const podsIn = (team: string, app: string) => ({ pods: { namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app } } } });
const ALL_NAMESPACES = { namespaces: {} };

/** Three namespaces; x/a, x/b, y/a and z/c serve http (80/TCP), y/b serves web (8080/TCP); all serve 81/TCP. */
const POPULATION = [
  namespace('x'), namespace('y'), namespace('z'),
  pod('x', 'a', '10.244.2.1', { app: 'a' }, [[80, 'TCP', 'http'], [81, 'TCP'], [53, 'UDP', 'dns']]),
  pod('x', 'b', '10.244.2.2', { app: 'b' }, [[80, 'TCP', 'http'], [81, 'TCP']]),
  pod('y', 'a', '10.244.2.3', { app: 'a' }, [[80, 'TCP', 'http'], [81, 'TCP']]),
  pod('y', 'b', '10.244.2.4', { app: 'b' }, [[8080, 'TCP', 'web'], [81, 'TCP']]),
  pod('z', 'c', '10.244.2.5', { app: 'c' }, [[80, 'TCP', 'http'], [81, 'TCP']]),
];
const EXTERNALS = ['203.0.113.10', '198.51.100.10'];

type Probe = [from: string, to: string, port: number, protocol: string];
const ref = (name: string) => (/^\d/.test(name) ? name : `${name}[Pod]`);
const key = (r: { from: string; to: string; port: number; protocol: string }) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}`;

interface AdminCase {
  readonly id: string;
  readonly policies: object[];
  /** Probes that make the case's point, with the verdict of the API's semantics (the analysis must say it). */
  readonly allowed: Probe[];
  readonly denied: Probe[];
  /**
   * Where kube-network-policies differs from the analysis: exactly the measured probes this selects
   * (none when absent), and why.
   */
  readonly knp?: { why: string; differs: (r: ComparedProbe) => boolean };
}

const CASES: AdminCase[] = [
  {
    id: 'priority: an Allow at priority 5 is read before a Deny at priority 10',
    policies: [
      anp('deny-y', 10, { subject: inNs('x'), ingress: [{ name: 'deny', action: 'Deny', from: [inNs('y')] }] }),
      anp('allow-y-a', 5, { subject: inNs('x'), ingress: [{ name: 'allow', action: 'Allow', from: [podsIn('y', 'a')] }] }),
    ],
    allowed: [['y/a', 'x/a', 80, 'TCP'], ['z/c', 'x/a', 80, 'TCP']],
    denied: [['y/b', 'x/a', 80, 'TCP'], ['y/b', 'x/b', 81, 'TCP']],
  },
  {
    id: 'priority: a Deny at priority 5 is read before an Allow at priority 10',
    policies: [
      anp('deny-y', 5, { subject: inNs('x'), ingress: [{ name: 'deny', action: 'Deny', from: [inNs('y')] }] }),
      anp('allow-y-a', 10, { subject: inNs('x'), ingress: [{ name: 'allow', action: 'Allow', from: [podsIn('y', 'a')] }] }),
    ],
    allowed: [['z/c', 'x/a', 80, 'TCP']],
    denied: [['y/a', 'x/a', 80, 'TCP'], ['y/b', 'x/a', 80, 'TCP']],
  },
  {
    id: 'Pass hands the port to the NetworkPolicies and skips the lower admin policies',
    policies: [
      anp('pass-y', 1, { subject: inNs('x'), ingress: [{ name: 'pass', action: 'Pass', from: [inNs('y')] }] }),
      anp('deny-y', 2, { subject: inNs('x'), ingress: [{ name: 'deny', action: 'Deny', from: [inNs('y')] }] }),
      netpol('x', 'from-y-b', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { app: 'b' } } }] }] }),
    ],
    allowed: [['y/b', 'x/a', 80, 'TCP'], ['y/b', 'x/b', 81, 'TCP']],
    denied: [['y/a', 'x/a', 80, 'TCP'], ['z/c', 'x/a', 80, 'TCP']],
  },
  {
    id: 'Deny overrides a NetworkPolicy that allows',
    policies: [
      netpol('x', 'allow-all', { podSelector: {}, ingress: [{}] }),
      anp('deny-z', 3, { subject: inNs('x'), ingress: [{ name: 'deny', action: 'Deny', from: [inNs('z')] }] }),
    ],
    allowed: [['y/a', 'x/a', 80, 'TCP'], ['203.0.113.10', 'x/a', 80, 'TCP']],
    denied: [['z/c', 'x/a', 80, 'TCP'], ['z/c', 'x/b', 81, 'TCP']],
  },
  {
    id: 'Allow overrides a NetworkPolicy that denies, on its ports only',
    policies: [
      netpol('y', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }),
      anp('allow-x-80', 3, { subject: inNs('y'), ingress: [{ name: 'allow', action: 'Allow', from: [inNs('x')], ports: [{ portNumber: { protocol: 'TCP', port: 80 } }] }] }),
    ],
    allowed: [['x/a', 'y/a', 80, 'TCP']],
    denied: [['x/a', 'y/a', 81, 'TCP'], ['z/c', 'y/a', 80, 'TCP'], ['x/b', 'y/b', 8080, 'TCP']],
  },
  {
    id: 'the baseline denies where no NetworkPolicy isolates; a NetworkPolicy overrides it',
    policies: [
      banp({ subject: ALL_NAMESPACES, ingress: [{ name: 'deny', action: 'Deny', from: [ALL_NAMESPACES] }] }),
      netpol('y', 'from-z', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'z' } } }] }] }),
    ],
    // Its peers are namespaces: sources outside the cluster are not matched, so they pass.
    allowed: [['z/c', 'y/a', 80, 'TCP'], ['203.0.113.10', 'x/a', 80, 'TCP'], ['x/a', '203.0.113.10', 443, 'TCP']],
    denied: [['y/a', 'x/a', 80, 'TCP'], ['x/a', 'y/a', 80, 'TCP'], ['x/a', 'z/c', 81, 'TCP']],
  },
  {
    id: 'networks: egress to CIDRs (pods and outside) at both tiers',
    policies: [
      banp({ subject: ALL_NAMESPACES, egress: [{ name: 'deny-out', action: 'Deny', to: [{ networks: ['203.0.113.0/24'] }] }] }),
      anp('x-a-out', 1, { subject: { pods: { namespaceSelector: { matchLabels: { team: 'x' } }, podSelector: { matchLabels: { app: 'a' } } } }, egress: [{ name: 'allow', action: 'Allow', to: [{ networks: ['203.0.113.10/32'] }] }] }),
      anp('z-not-first-pods', 2, { subject: inNs('z'), egress: [{ name: 'deny', action: 'Deny', to: [{ networks: ['10.244.2.0/30'] }] }] }),
    ],
    allowed: [['x/a', '203.0.113.10', 443, 'TCP'], ['x/b', '198.51.100.10', 443, 'TCP'], ['z/c', 'y/b', 81, 'TCP']],
    denied: [['x/b', '203.0.113.10', 443, 'TCP'], ['z/c', 'x/a', 80, 'TCP'], ['z/c', 'y/a', 81, 'TCP']],
  },
  {
    id: 'a named port of an ingress rule',
    policies: [anp('x-a-http', 1, {
      subject: { pods: { namespaceSelector: { matchLabels: { team: 'x' } }, podSelector: { matchLabels: { app: 'a' } } } },
      ingress: [
        { name: 'http', action: 'Allow', from: [ALL_NAMESPACES], ports: [{ namedPort: 'http' }] },
        { name: 'rest', action: 'Deny', from: [ALL_NAMESPACES] },
      ],
    })],
    allowed: [['y/b', 'x/a', 80, 'TCP'], ['x/b', 'x/a', 80, 'TCP']],
    denied: [['y/a', 'x/a', 81, 'TCP'], ['y/a', 'x/a', 53, 'UDP']],
    knp: {
      why: 'evaluateAdminIngress is handed the source pod, and evaluateAdminNetworkPolicyPort matches a named port when that pod has a container port of the name, whatever the port number and protocol',
      differs: (r) => r.to === 'x/a[Pod]' && r.from.endsWith('[Pod]') && r.from !== r.to
        && (r.from === 'y/b[Pod]' ? r.port === 80 && r.protocol === 'TCP' : !(r.port === 80 && r.protocol === 'TCP')),
    },
  },
  {
    id: 'a named port of an egress rule',
    policies: [anp('y-b-http', 1, {
      subject: { pods: { namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { app: 'b' } } } },
      egress: [
        { name: 'http', action: 'Allow', to: [ALL_NAMESPACES], ports: [{ namedPort: 'http' }] },
        { name: 'rest', action: 'Deny', to: [ALL_NAMESPACES] },
      ],
    })],
    allowed: [['y/b', 'x/a', 80, 'TCP'], ['y/b', 'z/c', 80, 'TCP']],
    denied: [['y/b', 'x/a', 81, 'TCP'], ['y/b', 'x/a', 53, 'UDP']],
    knp: {
      why: 'evaluateAdminNetworkPolicyPort matches a named port when the destination pod has a container port of the name, whatever the port number and protocol',
      differs: (r) => r.from === 'y/b[Pod]' && r.to.endsWith('[Pod]') && !(r.port === 80 && r.protocol === 'TCP'),
    },
  },
  {
    id: 'a nodes peer selects the nodes\' addresses, not the pods on them',
    policies: [anp('z-not-nodes', 1, { subject: inNs('z'), egress: [{ name: 'deny', action: 'Deny', to: [{ nodes: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'Exists' }] } }] }] })],
    allowed: [['z/c', 'x/a', 80, 'TCP'], ['z/c', '203.0.113.10', 443, 'TCP']],
    denied: [],
    knp: {
      why: 'evaluateAdminEgress\'s nodes peer (nodeSelector) matches the destination pod whose spec.nodeName is a selected node: every pod of the lab\'s one node',
      differs: (r) => r.from === 'z/c[Pod]' && r.to.endsWith('[Pod]'),
    },
  },
  {
    id: 'a NetworkPolicy of one direction leaves the baseline in force for the other',
    policies: [
      banp({ subject: inNs('x'), ingress: [{ name: 'deny-in', action: 'Deny', from: [ALL_NAMESPACES] }], egress: [{ name: 'deny-out', action: 'Deny', to: [ALL_NAMESPACES] }] }),
      netpol('x', 'a-egress-only', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{}] }),
      netpol('x', 'b-ingress-only', { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Ingress'], ingress: [{}] }),
    ],
    allowed: [['x/a', 'y/a', 80, 'TCP'], ['y/a', 'x/b', 80, 'TCP']],
    denied: [['y/a', 'x/a', 80, 'TCP'], ['x/b', 'y/a', 80, 'TCP']],
    knp: {
      why: 'evaluatePacket skips the baseline of a side when any NetworkPolicy selects the pod (getNetworkPoliciesForPod ignores policyTypes), and a NetworkPolicy of the other direction then allows',
      differs: (r) => r.from !== r.to && ((r.to === 'x/a[Pod]' && r.from.endsWith('[Pod]')) || (r.from === 'x/b[Pod]' && r.to.endsWith('[Pod]') && r.to !== 'x/a[Pod]')),
    },
  },
];

const describeKnp = (name: string, body: () => void) => describeLab(name, body, KUBE_NETWORK_POLICIES_ENGINE);

describeKnp('AdminNetworkPolicy and BaselineAdminNetworkPolicy enforced by kube-network-policies v0.8.0', () => {
  let session: LabSession;
  const comparisons: LabComparison[] = [];
  const pinned: string[] = [];
  beforeAll(async () => {
    session = await LabSession.open(() => {}, KUBE_NETWORK_POLICIES_ENGINE);
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
    const t = tally(comparisons);
    // eslint-disable-next-line no-console
    console.log(`admin policies with kube-network-policies: ${comparisons.length} runs, ${t.measured} probes measured, ${t.disagreements.length} disagreements with the analysis (${pinned.length} pinned engine differences)`);
  });

  test.each(CASES.map((c) => c.id))('%s', async (id) => {
    const c = CASES.find((x) => x.id === id)!;
    const objects = [...POPULATION, ...c.policies];
    const r = await probeManifestsIn(session, id, objects.map((object) => ({ object })), { externals: EXTERNALS, ports: [443] });
    comparisons.push(r);
    expect(r.applied.filter((a) => !a.accepted)).toEqual([]);
    expect(r.notRunnable).toEqual([]);
    const measured = r.results.filter((x) => x.observed !== 'unmeasurable' && !x.loopback);
    expect(measured.length).toBe(r.results.length);
    const byKey = new Map(measured.map((x) => [key(x), x]));
    const point = (probes: Probe[], verdict: string) => probes.map(([from, to, port, protocol]) => {
      const x = byKey.get(key({ from: ref(from), to: ref(to), port, protocol }));
      return `${from} -> ${to} ${port}/${protocol}: ${x === undefined ? 'not probed' : `analysis ${x.predicted}`}`;
    }).filter((line) => !line.endsWith(`analysis ${verdict}`));
    expect(point(c.allowed, 'allowed')).toEqual([]);
    expect(point(c.denied, 'denied')).toEqual([]);
    const differs = c.knp?.differs ?? (() => false);
    const want = measured.filter(differs).map((x) => `${key(x)}: dataplane ${x.predicted === 'allowed' ? 'denied' : 'allowed'}, analysis ${x.predicted}`);
    const got = measured.filter((x) => x.observed !== x.predicted).map((x) => `${key(x)}: dataplane ${x.observed}, analysis ${x.predicted}`);
    expect(got.sort()).toEqual(want.sort());
    pinned.push(...want);
  }, 120_000);

  test('ClusterNetworkPolicy (v1alpha2), which no engine of the lab enforces, stops the run with the reason', async () => {
    const objects = [...POPULATION, ...Testing.synth(new PlatformChart(Testing.app(), 'platform', AdminPolicyVersion.V1ALPHA2))];
    await expect(probeManifestsIn(session, 'platform-v1alpha2', objects.map((object) => ({ object }))))
      .rejects.toThrow(/kube-network-policies v0\.8\.0 does not enforce policy\.networking\.k8s\.io\/v1alpha2 ClusterNetworkPolicy/);
  });

  /** The platform chart with the shop and a few namespaces (as test/examples/platform.test.ts builds it). */
  function platformApp(openNamespace: boolean): any[] {
    const app = Testing.app();
    const charts: Chart[] = [new PlatformChart(app, 'platform', AdminPolicyVersion.V1ALPHA1), new ShopChart(app, 'shop')];
    const objects = charts.flatMap((c) => Testing.synth(c));
    const frontendChart = new Chart(app, 'frontend', { namespace: 'frontend' });
    if (openNamespace) new NetworkPolicy(frontendChart, 'open-egress', { selector: Pods.all() }).allowEgress(Peer.anywhere(), Port.allTraffic());
    objects.push(...Testing.synth(frontendChart));
    objects.push(
      pod('kube-system', 'coredns', '10.244.3.1', { 'k8s-app': 'kube-dns' }, [[53, 'UDP'], [53, 'TCP']]),
      pod('monitoring', 'prometheus', '10.244.3.2', { app: 'prometheus' }, []),
      pod('frontend', 'ui', '10.244.3.3', { app: 'ui' }, []),
      pod('other', 'stranger', '10.244.3.4', { app: 'stranger' }, []),
    );
    return objects;
  }

  test.each([false, true])('the platform chart (v1alpha1) with the shop\'s NetworkPolicies (frontend opens its egress: %s)', async (open) => {
    const r = await probeManifestsIn(session, `platform${open ? '+open' : ''}`, platformApp(open).map((object) => ({ object })), {
      externals: ['169.254.169.254', '203.0.113.10'], ports: [443, 9090],
    });
    comparisons.push(r);
    expect(r.applied.filter((a) => !a.accepted)).toEqual([]);
    expect(r.applied.filter((a) => /^(Baseline)?AdminNetworkPolicy\//.test(a.policy)).length).toBe(3);
    expect(r.notRunnable).toEqual([]);
    const measured = r.results.filter((x) => x.observed !== 'unmeasurable' && !x.loopback);
    // The frontend's egress-only NetworkPolicy turns off the baseline's ingress deny for its pod (the cause
    // pinned above): what the analysis denies it from the namespaces the default deny exempts passes.
    const differs = (x: ComparedProbe) => open && x.to === 'frontend/ui[Pod]' && /^(kube-system|monitoring)\//.test(x.from) && x.predicted === 'denied';
    const want = measured.filter(differs).map((x) => `${key(x)}: dataplane allowed, analysis denied`);
    const got = measured.filter((x) => x.observed !== x.predicted).map((x) => `${key(x)}: dataplane ${x.observed}, analysis ${x.predicted}`);
    expect(got.sort()).toEqual(want.sort());
    pinned.push(...want);
    // The guardrails decide something in both directions.
    expect(r.results.some((x) => x.observed === 'allowed')).toBe(true);
    expect(r.results.some((x) => x.observed === 'denied')).toBe(true);
  }, 120_000);
});
