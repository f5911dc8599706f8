import { describeLab } from './lab-availability';
import { ReachabilityCase } from '../../src/lab/case-scenario';
import { KUBE_NETWORK_POLICIES_ENGINE } from '../../src/lab/lab-engine';
import { probeCaseIn } from '../../src/lab/lab-probe';
import { LabSession } from '../../src/lab/lab-session';

/**
 * Where kube-router v2.1.0 (the policy engine K3s embeds) differs from Kubernetes' NetworkPolicy
 * semantics, as measured in the lab. Each case pins both sides: what the dataplane does, and what
 * the analysis says (Kubernetes semantics). If kube-router changes, these tests say so.
 *
 * Not pinned yet: random clusters where a named port has different numbers on different pods showed
 * that number opened on pods that do not declare it (from other namespaces' pods only); the minimal
 * case here did not reproduce it, so random-cluster.ts gives every pod the same numbers.
 */
interface Difference {
  readonly id: string;
  /** Why kube-router does it (from its source, pkg/controllers/netpol). */
  readonly why: string;
  readonly pods: ReachabilityCase['pods'];
  readonly policies: object[];
  /** Probes with what kube-router does; the analysis says the opposite of each. */
  readonly kubeRouter: Array<{ from: string; to: string; port: number; protocol: string; allowed: boolean }>;
  /** Probes where both agree (the case is not broken as a whole). */
  readonly agree: Array<{ from: string; to: string; port: number; protocol: string; allowed: boolean }>;
}

const pod = (name: string, n: number, labels: { [k: string]: string }, ports: Array<{ port: number; protocol: string; name?: string }> = []) =>
  ({ namespace: 'x', name, labels, ip: `10.244.1.${n}`, ports });
const policy = (name: string, spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'x' }, spec });
const probe = (from: string, to: string, port: number, protocol: string, allowed: boolean) => ({ from: `x/${from}`, to: `x/${to}`, port, protocol, allowed });

export const KUBE_ROUTER_DIFFERENCES: Difference[] = [
  {
    id: 'a rule with peers whose only (named) port resolves on no selected pod allows every port from those peers',
    why: 'processNetworkPolicyPorts drops a named port it cannot resolve; a rule left with no port matches all ports',
    pods: [pod('a', 1, { app: 'a' }, [{ port: 8956, protocol: 'SCTP', name: 'newport' }]), pod('b', 2, { app: 'b' })],
    policies: [policy('named-udp', {
      podSelector: { matchLabels: { app: 'a' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 'newport', protocol: 'UDP' }] }],
    })],
    kubeRouter: [probe('b', 'a', 8050, 'TCP', true), probe('b', 'a', 3535, 'UDP', true)],
    agree: [probe('a', 'b', 8050, 'TCP', true)],
  },
  {
    id: 'named ports of an egress rule are not matched on the pods an ipBlock covers',
    why: 'named ports of egress rules are resolved on the pods the rule\'s selectors match; an ipBlock matches none',
    pods: [pod('a', 1, { app: 'client' }), pod('b', 2, { app: 'srv' }, [{ port: 80, protocol: 'TCP', name: 'http' }])],
    policies: [policy('egress-http-to-block', {
      podSelector: { matchLabels: { app: 'client' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.244.1.0/24' } }], ports: [{ port: 'http', protocol: 'TCP' }, { port: 81, protocol: 'TCP' }] }],
    })],
    kubeRouter: [probe('a', 'b', 80, 'TCP', false)],
    agree: [probe('a', 'b', 81, 'TCP', true), probe('a', 'b', 82, 'TCP', false)],
  },
  {
    id: 'an except of one ipBlock removes the address from the rule\'s other ipBlocks',
    why: 'all ipBlocks of a rule go into one hash:net set, where the except is a nomatch entry that wins for its address',
    pods: [pod('a', 1, { app: 'srv' }), pod('b', 2, { app: 'client' }), pod('c', 3, { app: 'client' })],
    policies: [policy('two-blocks', {
      podSelector: { matchLabels: { app: 'srv' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '10.244.1.0/29', except: ['10.244.1.2/32'] } }, { ipBlock: { cidr: '10.244.1.0/28' } }] }],
    })],
    kubeRouter: [probe('b', 'a', 80, 'TCP', false)],
    agree: [probe('c', 'a', 80, 'TCP', true)],
  },
  {
    id: 'a pod\'s ingress and egress are checked in one chain: a rule of either direction admits both',
    why: 'each pod has one KUBE-POD-FW chain that runs every policy selecting it, and policy chains match source and destination sets without a direction',
    pods: [pod('a', 1, { app: 'a' }), pod('b', 2, { app: 'b' })],
    policies: [policy('ingress-from-all-no-egress', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }] })],
    // a is egress-isolated with no egress rule: Kubernetes denies a -> b; the ingress rule (src any pod of x, dst the policy's pods) admits it.
    kubeRouter: [probe('a', 'b', 80, 'TCP', true), probe('b', 'a', 53, 'UDP', true)],
    agree: [],
  },
];

describeLab('kube-router v2.1.0 differs from Kubernetes semantics (measured)', () => {
  let session: LabSession;
  beforeAll(async () => {
    session = await LabSession.open();
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
  });

  test.each(KUBE_ROUTER_DIFFERENCES.map((d) => d.id))('%s', async (id) => {
    const d = KUBE_ROUTER_DIFFERENCES.find((x) => x.id === id)!;
    const probes = [...d.kubeRouter, ...d.agree];
    const c = await probeCaseIn(session, { id, namespaces: [{ name: 'x', labels: {} }], pods: d.pods, policies: d.policies, expect: probes });
    expect(c.applied.every((a) => a.accepted)).toBe(true);
    const got = c.results.map((r) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: dataplane ${r.observed}, analysis ${r.predicted}`);
    const want = probes.map((p, i) => {
      const dataplane = p.allowed ? 'allowed' : 'denied';
      const analysis = i < d.kubeRouter.length ? (p.allowed ? 'denied' : 'allowed') : dataplane;
      return `${p.from} -> ${p.to} ${p.port}/${p.protocol}: dataplane ${dataplane}, analysis ${analysis}`;
    });
    expect(got).toEqual(want);
  }, 120_000);
});

describeLab('kube-network-policies v0.8.0 agrees with the analysis where kube-router differs (measured)', () => {
  let session: LabSession;
  beforeAll(async () => {
    session = await LabSession.open(() => {}, KUBE_NETWORK_POLICIES_ENGINE);
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
  });

  test.each(KUBE_ROUTER_DIFFERENCES.map((d) => d.id))('%s', async (id) => {
    const d = KUBE_ROUTER_DIFFERENCES.find((x) => x.id === id)!;
    const probes = [...d.kubeRouter, ...d.agree];
    const c = await probeCaseIn(session, { id, namespaces: [{ name: 'x', labels: {} }], pods: d.pods, policies: d.policies, expect: probes });
    expect(c.applied.every((a) => a.accepted)).toBe(true);
    expect(c.results.map((r) => r.observed)).not.toContain('unmeasurable');
    expect(c.results.filter((r) => r.observed !== r.predicted).map((r) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: dataplane ${r.observed}, analysis ${r.predicted}`)).toEqual([]);
  }, 120_000);
}, KUBE_NETWORK_POLICIES_ENGINE);
