import { CALICO_COLLECTIONS, CALICO_CRD_GROUP, toCalicoCrdObject } from './calico-crd-objects';
import { runCommand, runShell } from './host-commands';
import {
  NODE_IP, NODE_NETNS, podNetns, SENTINEL_NAMESPACE, SENTINEL_PODS, SENTINEL_PORT, WORLD_NETNS,
} from './lab-addresses';
import { CALICO_SENTINEL_POLICY, calicoSentinelIngress, createPodObject, LabCluster, podNetworkLines, waitFor } from './lab-cluster';
import { CALICO_ENGINE, KUBE_ROUTER_ENGINE, LabEngine } from './lab-engine';
import { AppliedPolicy, LabProbeResult, LabScenario, ScenarioOutcome } from './lab-scenario';
import { LabUnavailableError } from './lab-unavailable-error';
import { AgentProbe, ProbeAgent } from './probe-agent';
import { assertEngineEnforces } from './unenforced-kinds';

const SENTINEL_POLICY = 'lab-sentinel-deny';
const WORLD_VETH = 'lab-w';
const NETWORKING = '/apis/networking.k8s.io/v1';
const ADMIN_POLICY = '/apis/policy.networking.k8s.io/v1alpha1';
/** The admin-policy kinds the lab applies, with their resource names. */
const ADMIN_RESOURCES: { [kind: string]: string } = {
  AdminNetworkPolicy: 'adminnetworkpolicies',
  BaselineAdminNetworkPolicy: 'baselineadminnetworkpolicies',
};
/**
 * The sentinel of an engine that enforces admin policies: an AdminNetworkPolicy of the highest
 * precedence (priority 0, a name that sorts before letters) on the sentinel pods' own port, so that the
 * scenario's admin and baseline policies, which may select every namespace, never decide the sentinel.
 */
const SENTINEL_ADMIN_POLICY = '0-lab-sentinel';

/** Options of a scenario run. */
export interface RunOptions {
  /** How long a probe waits before it counts as denied (kube-router REJECTs, so denials are fast). @default 1000 */
  readonly timeoutMs?: number;
}

/**
 * A lab in use by this process: the cluster (started or reused), a probe agent, and the sentinel
 * listener. Scenarios run one after another; each starts from an empty lab (the previous one's
 * pods, policies and namespaces' labels removed).
 */
export class LabSession {
  /** Starts (or reuses) a lab with the engine, and the probe agent. */
  public static async open(log: (line: string) => void = () => {}, engine: LabEngine = KUBE_ROUTER_ENGINE): Promise<LabSession> {
    let lab: LabCluster;
    try {
      lab = await LabCluster.up(log, engine);
    } catch (e) {
      // A start can fail on a busy machine (a component slow to bind): one more try, said aloud.
      if (!(e instanceof LabUnavailableError) || !e.message.startsWith('the lab did not start')) throw e;
      // The whole message: it ends with the logs of the processes, which say why.
      log(`${e.message}\n; trying once more`);
      lab = await LabCluster.up(log, engine);
    }
    const agent = ProbeAgent.start(lab.binary);
    const session = new LabSession(lab, agent, log);
    try {
      const b = SENTINEL_PODS[1];
      await agent.listen(b.netns, `${SENTINEL_NAMESPACE}/${b.name}`, [SENTINEL_PORT], []);
      await session.reset();
    } catch (e) {
      await session.close(lab.reused);
      throw e;
    }
    return session;
  }

  /** The network namespaces of the running scenario's pods, with the node end of their veth. */
  private podNetnsInUse = new Map<string, string>();

  private constructor(public readonly lab: LabCluster, private readonly agent: ProbeAgent, private readonly log: (line: string) => void) {}

  /** Applies the scenario to the lab, waits until the engine enforces it, and probes. */
  public async run(scenario: LabScenario, options: RunOptions = {}): Promise<ScenarioOutcome> {
    const timeoutMs = options.timeoutMs ?? 1000;
    const clusterPolicies = scenario.clusterPolicies ?? [];
    const calicoObjects = scenario.calicoObjects ?? [];
    assertEngineEnforces(this.lab.engine, clusterPolicies, calicoObjects);
    await this.reset();
    const api = this.lab.api;

    // Namespaces first, with exactly the scenario's labels (a reused namespace is relabelled).
    const namespaces = new Map<string, { [k: string]: string }>();
    for (const ns of scenario.namespaces) namespaces.set(ns.name, ns.labels);
    for (const p of scenario.pods) if (!namespaces.has(p.namespace)) namespaces.set(p.namespace, {});
    for (const pol of scenario.policies) {
      const ns = pol?.metadata?.namespace ?? 'default';
      if (!namespaces.has(ns)) namespaces.set(ns, {});
    }
    const calico = calicoObjects.map(toCalicoCrdObject);
    for (const o of calico) {
      const ns = o.object.metadata.namespace;
      if (ns !== undefined && !namespaces.has(ns)) namespaces.set(ns, {});
    }
    for (const [name, labels] of namespaces) await this.putNamespace(name, labels);

    // Pods: network first, then the object, then its listeners.
    const lines: string[] = [];
    const engine = this.lab.engine;
    scenario.pods.forEach((p, i) => {
      const veth = engine.hostVeth(p.namespace, p.name, i + 1);
      lines.push(...podNetworkLines(podNetns(i + 1), veth, p.ip));
      this.podNetnsInUse.set(podNetns(i + 1), veth);
    });
    if (scenario.externals.length > 0) lines.push(...worldLines(scenario.externals.map((x) => x.ip)));
    runShell(lines);
    const listenPorts = new Map<string, { tcp: Set<number>; udp: Set<number> }>();
    for (const probe of scenario.probes) {
      const entry = listenPorts.get(probe.to) ?? { tcp: new Set<number>(), udp: new Set<number>() };
      if (probe.protocol === 'TCP') entry.tcp.add(probe.port);
      if (probe.protocol === 'UDP') entry.udp.add(probe.port);
      listenPorts.set(probe.to, entry);
    }
    for (const [i, p] of scenario.pods.entries()) {
      await createPodObject(api, p.namespace, p.name, p.labels, p.ports, p.ip);
      const ports = listenPorts.get(p.ref);
      if (ports) await this.agent.listen(podNetns(i + 1), p.ref, [...ports.tcp], [...ports.udp]);
    }
    for (const x of scenario.externals) {
      const ports = listenPorts.get(x.ref);
      if (ports) await this.agent.listen(WORLD_NETNS, x.ref, [...ports.tcp], [...ports.udp], [x.ip]);
    }

    // Policies, each with the API server's verdict.
    const applied: AppliedPolicy[] = [];
    for (const pol of scenario.policies) {
      const ns = pol?.metadata?.namespace ?? 'default';
      const r = await api.request('POST', `${NETWORKING}/namespaces/${ns}/networkpolicies`, { ...pol, metadata: { ...pol.metadata, namespace: ns } });
      applied.push({
        policy: `${ns}/${pol?.metadata?.name}`,
        accepted: r.status === 201,
        ...(r.status === 201 ? {} : { message: typeof r.body === 'object' ? r.body?.message : String(r.body) }),
      });
    }
    for (const o of calico) {
      const r = await api.request('POST', o.collection, o.object);
      applied.push({
        policy: o.ref,
        accepted: r.status === 201,
        ...(r.status === 201 ? {} : { message: typeof r.body === 'object' ? r.body?.message : String(r.body) }),
      });
    }
    for (const pol of clusterPolicies) {
      const r = await api.request('POST', `${ADMIN_POLICY}/${ADMIN_RESOURCES[pol.kind]}`, pol);
      applied.push({
        policy: `${pol.kind}/${pol?.metadata?.name}`,
        accepted: r.status === 201,
        ...(r.status === 201 ? {} : { message: typeof r.body === 'object' ? r.body?.message : String(r.body) }),
      });
    }

    const t0 = Date.now();
    await this.toggleSentinel();
    const enforceMs = Date.now() - t0;
    this.log(`enforced ${applied.length} policies after ${enforceMs} ms`);
    this.lab.flushConntrack();

    const t1 = Date.now();
    const results = await this.probe(scenario, timeoutMs);
    return { applied, results, enforceMs, probeMs: Date.now() - t1 };
  }

  /** Stops the agent; removes the scenario's objects and namespaces; stops the lab unless `keepLab`. */
  public async close(keepLab: boolean): Promise<void> {
    try {
      if (keepLab) await this.reset();
    } finally {
      this.agent.stop();
      if (!keepLab) LabCluster.down();
    }
  }

  private async probe(scenario: LabScenario, timeoutMs: number): Promise<LabProbeResult[]> {
    const where = new Map<string, { netns: string; ip: string; source: string }>();
    scenario.pods.forEach((p, i) => where.set(p.ref, { netns: podNetns(i + 1), ip: p.ip, source: '' }));
    for (const x of scenario.externals) where.set(x.ref, { netns: WORLD_NETNS, ip: x.ip, source: x.ip });
    const runnable: number[] = [];
    const agentProbes: AgentProbe[] = [];
    const results: LabProbeResult[] = scenario.probes.map((probe, i) => {
      const from = where.get(probe.from);
      const to = where.get(probe.to);
      if (probe.protocol !== 'TCP' && probe.protocol !== 'UDP') {
        return { ...probe, observed: 'unmeasurable', detail: `the lab sends TCP and UDP only (no ${probe.protocol} in this kernel)` };
      }
      if (!from || !to) return { ...probe, observed: 'unmeasurable', detail: `no lab endpoint for ${!from ? probe.from : probe.to}` };
      runnable.push(i);
      agentProbes.push({ netns: from.netns, source: from.source, ip: to.ip, port: probe.port, protocol: probe.protocol });
      return { ...probe, observed: 'unmeasurable' };
    });
    const answers = await this.agent.probe(agentProbes, timeoutMs);
    if (this.lab.engine.dropsDenied) {
      // A dropped packet and a lost one look alike: a denial counts once a second connection is denied too.
      const again = answers.map((a, k) => (a.result === 'denied' ? k : -1)).filter((k) => k >= 0);
      const second = again.length > 0 ? await this.agent.probe(again.map((k) => agentProbes[k]), timeoutMs) : [];
      again.forEach((k, j) => {
        if (second[j].result !== 'denied') answers[k] = { ...second[j], detail: `${second[j].detail ?? ''}${second[j].detail ? '; ' : ''}denied on the first try only` };
      });
    }
    answers.forEach((a, k) => {
      const i = runnable[k];
      const probe = scenario.probes[i];
      if (a.result === 'error') {results[i] = { ...probe, observed: 'unmeasurable', detail: a.detail };} else if (a.result === 'allowed' && a.reply !== probe.to) {
        results[i] = { ...probe, observed: 'unmeasurable', detail: `answered by ${JSON.stringify(a.reply)}, not ${probe.to}` };
      } else {results[i] = { ...probe, observed: a.result, ...(a.detail ? { detail: a.detail } : {}) };}
    });
    return results;
  }

  /** Sets a namespace's labels to exactly these (plus the name label the API server keeps). */
  private async putNamespace(name: string, labels: { [k: string]: string }): Promise<void> {
    const api = this.lab.api;
    const got = await api.request('GET', `/api/v1/namespaces/${name}`);
    if (got.status === 404) {
      await api.expect('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
      return;
    }
    const ns = got.body;
    ns.metadata.labels = { ...labels, 'kubernetes.io/metadata.name': name };
    await api.expect('PUT', `/api/v1/namespaces/${name}`, ns);
  }

  /**
   * Flips the sentinel policy (deny-all ingress on sentinel pod b) and waits until a's probe of b
   * shows it: kube-router syncs every policy at once, so a sync that has the flip has everything
   * applied before it.
   */
  private async toggleSentinel(): Promise<void> {
    if (this.lab.engine === CALICO_ENGINE) return this.toggleCalicoSentinel();
    if (this.lab.engine.adminKinds.length > 0) return this.toggleAdminSentinel();
    const api = this.lab.api;
    const path = `${NETWORKING}/namespaces/${SENTINEL_NAMESPACE}/networkpolicies/${SENTINEL_POLICY}`;
    const present = (await api.request('GET', path)).status === 200;
    if (present) {
      await api.expect('DELETE', path);
    } else {
      await api.expect('POST', `${NETWORKING}/namespaces/${SENTINEL_NAMESPACE}/networkpolicies`, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: SENTINEL_POLICY, namespace: SENTINEL_NAMESPACE },
        spec: { podSelector: { matchLabels: { 'lab-sentinel': 'b' } }, policyTypes: ['Ingress'] },
      });
    }
    const [a, b] = SENTINEL_PODS;
    const want = present ? 'allowed' : 'denied';
    await waitFor(`kube-router to enforce (sentinel ${want})`, 60_000, async () => {
      this.lab.assertAlive();
      const [r] = await this.agent.probe([{ netns: a.netns, source: '', ip: b.ip, port: SENTINEL_PORT, protocol: 'TCP' }], 300);
      return r.result === want;
    }, 25);
  }

  /**
   * Flips the ingress rules of the sentinel's GlobalNetworkPolicy (of the lowest order, so no
   * scenario's policy can hide it) and waits until a's probe of b shows it. Felix reads every kind
   * from its own watch, so a flip seen enforced says that every object written before it has reached
   * felix when the watches deliver in the API server's order; the recorded verdicts were checked
   * against a second run.
   */
  private async toggleCalicoSentinel(): Promise<void> {
    const api = this.lab.api;
    const path = `${CALICO_CRD_GROUP}/globalnetworkpolicies/${CALICO_SENTINEL_POLICY}`;
    const current = (await api.expect('GET', path)).body;
    const denying = (current?.spec?.ingress ?? []).some((r: any) => r.action === 'Deny');
    await api.expect('PATCH', path, { spec: { ingress: calicoSentinelIngress(!denying) } }, [], 'application/merge-patch+json');
    const [a, b] = SENTINEL_PODS;
    const want = denying ? 'allowed' : 'denied';
    await waitFor(`felix to enforce (sentinel ${want})`, 60_000, async () => {
      this.lab.assertAlive();
      const [r] = await this.agent.probe([{ netns: a.netns, source: '', ip: b.ip, port: SENTINEL_PORT, protocol: 'TCP' }], 300);
      return r.result === want;
    }, 25);
  }

  /**
   * For an engine that judges each new connection from its informers' caches (kube-network-policies):
   * flips the sentinel AdminNetworkPolicy between Deny and Allow of a -> b and waits until a's probe of b
   * shows it. The scenario's policies were written before the flip; each kind has its own watch, so this
   * proves the engine's watches deliver, and the admin policies' watch has everything applied before it.
   */
  private async toggleAdminSentinel(): Promise<void> {
    const api = this.lab.api;
    const path = `${ADMIN_POLICY}/adminnetworkpolicies/${SENTINEL_ADMIN_POLICY}`;
    const got = await api.request('GET', path);
    const action = got.status === 200 && got.body?.spec?.ingress?.[0]?.action === 'Deny' ? 'Allow' : 'Deny';
    const [a, b] = SENTINEL_PODS;
    const pod = (p: { name: string }) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': SENTINEL_NAMESPACE } }, podSelector: { matchLabels: { 'lab-sentinel': p.name } } });
    const port = [{ portNumber: { protocol: 'TCP', port: SENTINEL_PORT } }];
    const spec = {
      priority: 0,
      subject: { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': SENTINEL_NAMESPACE } }, podSelector: { matchExpressions: [{ key: 'lab-sentinel', operator: 'Exists' }] } } },
      ingress: [{ name: 'sentinel', action, from: [{ pods: pod(a) }], ports: port }],
      egress: [{ name: 'sentinel', action, to: [{ pods: pod(b) }], ports: port }],
    };
    if (got.status === 200) {
      await api.expect('PUT', path, { ...got.body, spec });
    } else {
      await api.expect('POST', `${ADMIN_POLICY}/adminnetworkpolicies`, {
        apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: SENTINEL_ADMIN_POLICY }, spec,
      });
    }
    const want = action === 'Allow' ? 'allowed' : 'denied';
    await waitFor(`${this.lab.engine.name} to enforce (sentinel ${want})`, 60_000, async () => {
      this.lab.assertAlive();
      // The engine judges the first packet of a connection only: a new one every time.
      this.lab.flushConntrack();
      const [r] = await this.agent.probe([{ netns: a.netns, source: '', ip: b.ip, port: SENTINEL_PORT, protocol: 'TCP' }], 300);
      return r.result === want;
    }, 25);
  }

  /** Removes every pod and policy outside the sentinel namespace, and their network namespaces. */
  private async reset(): Promise<void> {
    const api = this.lab.api;
    if (this.lab.engine.calicoKinds.length > 0) {
      for (const collection of CALICO_COLLECTIONS) {
        const items = (await api.expect('GET', collection)).body.items ?? [];
        for (const o of items) {
          if (o.metadata.name === CALICO_SENTINEL_POLICY && o.kind === 'GlobalNetworkPolicy') continue;
          const ns = o.metadata.namespace;
          const base = ns ? collection.replace(CALICO_CRD_GROUP, `${CALICO_CRD_GROUP}/namespaces/${ns}`) : collection;
          await api.expect('DELETE', `${base}/${o.metadata.name}`, undefined, [404]);
        }
      }
    }
    if (this.lab.engine.adminKinds.length > 0) {
      for (const resource of Object.values(ADMIN_RESOURCES)) {
        const items = (await api.expect('GET', `${ADMIN_POLICY}/${resource}`)).body.items ?? [];
        for (const p of items) {
          if (p.metadata.name === SENTINEL_ADMIN_POLICY) continue;
          await api.expect('DELETE', `${ADMIN_POLICY}/${resource}/${p.metadata.name}`, undefined, [404]);
        }
      }
    }
    const policies = (await api.expect('GET', `${NETWORKING}/networkpolicies`)).body.items ?? [];
    for (const p of policies) {
      if (p.metadata.namespace === SENTINEL_NAMESPACE) continue;
      await api.expect('DELETE', `${NETWORKING}/namespaces/${p.metadata.namespace}/networkpolicies/${p.metadata.name}`, undefined, [404]);
    }
    const pods = (await api.expect('GET', '/api/v1/pods')).body.items ?? [];
    for (const p of pods) {
      if (p.metadata.namespace === SENTINEL_NAMESPACE) continue;
      await api.expect('DELETE', `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}?gracePeriodSeconds=0`, undefined, [404]);
    }
    const namespaces = runCommand('ip', ['netns', 'list']).split('\n').map((l) => l.split(' ')[0])
      .filter((n) => /^lab-p\d+$/.test(n) || n === WORLD_NETNS);
    for (const n of [...new Set([...namespaces, ...this.podNetnsInUse.keys()])]) await this.agent.close(n);
    const lines: string[] = [];
    for (const n of namespaces) {
      const veth = n === WORLD_NETNS ? WORLD_VETH : this.podNetnsInUse.get(n) ?? n.replace(/^lab-p/, 'lab-v');
      lines.push(`ip -n ${NODE_NETNS} link del ${veth} 2>/dev/null || true`, `ip netns del ${n}`);
    }
    runShell(lines);
    this.podNetnsInUse.clear();
    this.lab.flushConntrack();
  }
}

/** The world namespace: every external address on its end of one veth, routed by the node. */
function worldLines(ips: readonly string[]): string[] {
  return [
    `ip netns add ${WORLD_NETNS}`,
    `ip -n ${WORLD_NETNS} link set lo up`,
    `ip -n ${NODE_NETNS} link add ${WORLD_VETH} type veth peer name eth0 netns ${WORLD_NETNS}`,
    `ip -n ${NODE_NETNS} link set ${WORLD_VETH} up`,
    `ip -n ${WORLD_NETNS} link set eth0 up`,
    `ip -n ${WORLD_NETNS} route add ${NODE_IP} dev eth0 scope link`,
    ...ips.flatMap((ip) => [`ip -n ${WORLD_NETNS} addr add ${ip}/32 dev eth0`, `ip -n ${NODE_NETNS} route add ${ip}/32 dev ${WORLD_VETH}`]),
    `ip -n ${WORLD_NETNS} route add default via ${NODE_IP} dev eth0 src ${ips[0]}`,
  ];
}
