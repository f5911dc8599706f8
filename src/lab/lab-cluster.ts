import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CALICO_CRD_GROUP } from './calico-crd-objects';
import { CALICO_BOOTSTRAP_OBJECTS, calicoCrdDir, felixBinary, felixEnvironment } from './calico-engine';
import { assertLabEnvironment, commandSucceeds, runCommand, runShell } from './host-commands';
import { KubeApi } from './kube-api';
import {
  LAB_NETNS_PATTERN, NODE_IP, NODE_NAME, NODE_NETNS, SENTINEL_NAMESPACE, SENTINEL_PODS, SENTINEL_PORT, SERVICE_CIDR,
} from './lab-addresses';
import { knpBinary, labBinary } from './lab-binary';
import { CALICO_ENGINE, KUBE_NETWORK_POLICIES_ENGINE, KUBE_ROUTER_ENGINE, LabEngine, labEngineNamed } from './lab-engine';
import { LabUnavailableError } from './lab-unavailable-error';

/** Where a lab keeps its state (pids, logs, credentials, etcd's data): `LAB_STATE` or /run/cdk8s-netpol-lab. */
export function labStateDir(): string {
  return process.env.LAB_STATE ?? '/run/cdk8s-netpol-lab';
}

export { KUBE_ROUTER_ENGINE } from './lab-engine';

/**
 * The Calico sentinel: a GlobalNetworkPolicy of the lowest order on the sentinel pods only, so that
 * no scenario's Calico policy (a global default deny) can hide the flip. Its ingress rules flip.
 */
export const CALICO_SENTINEL_POLICY = 'default.lab-sentinel';

/** The admin-policy CRDs (v0.1.5, as JSON) installed for an engine that enforces them: labgo/knp/crds. */
const ADMIN_CRDS_DIR = path.join(__dirname, '..', '..', 'labgo', 'knp', 'crds');
const CRD_API = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
/** kube-network-policies' NFQUEUE number (its default; the DNS cache of admin policies takes the next). */
const KNP_QUEUE = 100;

/** The processes of a lab, in start order; each has a `<name>.pid` and `<name>.log` in the state dir. */
const PROCESSES = ['etcd', 'apiserver', 'proxy', 'netpol'] as const;

/** Timings of `LabCluster.up`, in milliseconds. */
export interface LabStartTimes {
  readonly binaryMs: number;
  readonly controlPlaneMs: number;
  readonly engineMs: number;
  readonly totalMs: number;
}

/**
 * A running lab: etcd, kube-apiserver v1.29.3 and a policy engine (kube-router's network policy
 * controller, Calico's felix, or kube-network-policies) inside the node network namespace, with the
 * sentinel pods. `up` starts one (or reuses the one running); `down` stops everything and deletes every
 * namespace and file of it, also after a failed start.
 */
export class LabCluster {
  /**
   * Starts a lab with the engine, or returns the running one (`reused` says which). Throws
   * `LabUnavailableError`, also when the running lab has another engine.
   */
  public static async up(log: (line: string) => void = () => {}, engine: LabEngine = KUBE_ROUTER_ENGINE): Promise<LabCluster> {
    assertLabEnvironment();
    const t0 = Date.now();
    // Calico's checkout is checked before anything is built or started.
    const crdDir = engine === CALICO_ENGINE ? calicoCrdDir() : undefined;
    const binary = labBinary();
    const felix = engine === CALICO_ENGINE ? felixBinary() : undefined;
    const knp = engine === KUBE_NETWORK_POLICIES_ENGINE ? knpBinary() : undefined;
    const binaryMs = Date.now() - t0;
    const dir = labStateDir();
    const running = await LabCluster.attach(binary);
    if (running) {
      if (running.engine !== engine) {
        throw new LabUnavailableError(`a lab with ${running.engine.name} is running; \`lab down\` stops it before a lab with ${engine.name} can start`);
      }
      log('reusing the running lab');
      return running;
    }
    LabCluster.down();
    try {
      const t1 = Date.now();
      fs.mkdirSync(path.join(dir, 'certs'), { recursive: true });
      createNodeNamespace();
      writeCredentials(dir);
      startProcess(dir, 'etcd', ['etcd', '--name', 'lab', '--data-dir', path.join(dir, 'etcd'),
        '--listen-client-urls', 'http://127.0.0.1:2379', '--advertise-client-urls', 'http://127.0.0.1:2379',
        '--listen-peer-urls', 'http://127.0.0.1:2380', '--initial-advertise-peer-urls', 'http://127.0.0.1:2380',
        '--initial-cluster', 'lab=http://127.0.0.1:2380']);
      startProcess(dir, 'apiserver', [binary, 'kube-apiserver',
        '--etcd-servers=http://127.0.0.1:2379', '--bind-address=127.0.0.1', '--secure-port=6443',
        `--advertise-address=${NODE_IP}`, `--cert-dir=${path.join(dir, 'certs')}`,
        '--service-account-issuer=https://kubernetes.default.svc',
        `--service-account-key-file=${path.join(dir, 'sa.key')}`, `--service-account-signing-key-file=${path.join(dir, 'sa.key')}`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`, '--authorization-mode=AlwaysAllow',
        `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
        // No controller-manager: nothing would create the service account tokens it waits for.
        '--disable-admission-plugins=ServiceAccount', '--profiling=false']);
      startProcess(dir, 'proxy', [binary, 'kubectl', '--kubeconfig', path.join(dir, 'kubeconfig'), 'proxy',
        `--unix-socket=${path.join(dir, 'api.sock')}`]);
      fs.writeFileSync(path.join(dir, 'engine'), engine.name);
      const lab = new LabCluster(dir, binary, engine);
      await lab.waitReady(180_000);
      const controlPlaneMs = Date.now() - t1;
      log(`control plane ready in ${(controlPlaneMs / 1000).toFixed(1)} s`);
      await lab.registerNode();
      if (felix !== undefined && crdDir !== undefined) await lab.installCalico(crdDir);
      await lab.createSentinels();
      const t2 = Date.now();
      if (felix !== undefined) {
        startProcess(dir, 'netpol', [felix], felixEnvironment(dir, NODE_NAME));
        await waitFor('felix\'s chains', 180_000, async () => {
          lab.assertAlive();
          return commandSucceeds('ip', ['netns', 'exec', NODE_NETNS, 'iptables', '-S', 'cali-FORWARD']);
        });
      } else if (knp !== undefined) {
        // Its admin-policy informers list these kinds: the CRDs first.
        await lab.installAdminCrds();
        startProcess(dir, 'netpol', [knp, '--kubeconfig', path.join(dir, 'kubeconfig'), `--hostname-override=${NODE_NAME}`,
          '--admin-network-policy', '--baseline-admin-network-policy', `--nfqueue-id=${KNP_QUEUE}`, '-v=1']);
        // It binds its queue after its nftables rules are in place (and its caches synced).
        await waitFor('kube-network-policies\' queue', 60_000, async () => {
          lab.assertAlive();
          return nodeQueueBound(KNP_QUEUE);
        });
      } else {
        startProcess(dir, 'netpol', [binary, 'netpol', '--kubeconfig', path.join(dir, 'kubeconfig'), `--node=${NODE_NAME}`,
          `--service-cluster-ip-range=${SERVICE_CIDR}`, '--iptables-sync-period=5m', '-v=1']);
        await waitFor('kube-router\'s chains', 60_000, async () => {
          lab.assertAlive();
          return commandSucceeds('ip', ['netns', 'exec', NODE_NETNS, 'iptables', '-S', 'KUBE-ROUTER-FORWARD']);
        });
      }
      const engineMs = Date.now() - t2;
      lab.startTimes = { binaryMs, controlPlaneMs, engineMs, totalMs: Date.now() - t0 };
      log(`${engine.name} ${engine.version} enforcing after ${(engineMs / 1000).toFixed(1)} s; lab up in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
      return lab;
    } catch (e) {
      const logs = tailLogs(dir);
      LabCluster.down();
      if (e instanceof LabUnavailableError) throw e;
      throw new LabUnavailableError(`the lab did not start: ${e instanceof Error ? e.message : String(e)}${logs}`);
    }
  }

  /** The running lab of the state dir, if all its processes live and the API server answers. */
  public static async attach(binary?: string): Promise<LabCluster | undefined> {
    const dir = labStateDir();
    if (!fs.existsSync(path.join(dir, 'api.sock'))) return undefined;
    if (!PROCESSES.every((name) => pidAlive(readPid(dir, name)))) return undefined;
    let engine: LabEngine = KUBE_ROUTER_ENGINE;
    try {
      engine = labEngineNamed(fs.readFileSync(path.join(dir, 'engine'), 'utf8').trim()) ?? KUBE_ROUTER_ENGINE;
    } catch {
      // a lab of before engines were named runs kube-router
    }
    const lab = new LabCluster(dir, binary ?? fs.readFileSync(path.join(dir, 'binary'), 'utf8').trim(), engine);
    lab.reused = true;
    try {
      const r = await lab.api.request('GET', '/readyz');
      return r.status === 200 ? lab : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Stops the lab's processes (by the pids it recorded, checked against their command lines) and
   * deletes its network namespaces and state. Safe to call when nothing runs.
   */
  public static down(): void {
    const dir = labStateDir();
    const pids = PROCESSES.map((name) => readPid(dir, name)).filter((p): p is number => p !== undefined && pidAlive(p));
    for (const pid of pids) signal(pid, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (pids.some(pidAlive) && Date.now() < deadline) sleepSync(100);
    for (const pid of pids.filter(pidAlive)) signal(pid, 'SIGKILL');
    const netns = runCommand('ip', ['netns', 'list']).split('\n').map((l) => l.split(' ')[0]).filter((n) => LAB_NETNS_PATTERN.test(n));
    // The node last: deleting a pod namespace first removes its veth pair cleanly.
    netns.sort((a, b) => (a === NODE_NETNS ? 1 : 0) - (b === NODE_NETNS ? 1 : 0));
    for (const n of netns) commandSucceeds('ip', ['netns', 'del', n]);
    fs.rmSync(dir, { recursive: true, force: true });
  }

  public readonly api: KubeApi;
  /** Whether `up` found this lab running (it was not started by this process). */
  public reused = false;
  /** How long `up` took, when it started the lab. */
  public startTimes?: LabStartTimes;

  /** `engine`: the policy engine this lab runs (written in its state dir at start). */
  private constructor(public readonly stateDir: string, public readonly binary: string, public readonly engine: LabEngine) {
    this.api = new KubeApi(path.join(stateDir, 'api.sock'));
    fs.writeFileSync(path.join(stateDir, 'binary'), binary);
  }

  /** Throws when a process of the lab has died, with the end of its log. */
  public assertAlive(): void {
    for (const name of PROCESSES) {
      const pid = readPid(this.stateDir, name);
      if (pid !== undefined && !pidAlive(pid)) {
        throw new Error(`${name} exited${tailLog(this.stateDir, name)}`);
      }
    }
  }

  /** Runs a command inside the node namespace (iptables-save, conntrack, ...). */
  public nodeCommand(args: readonly string[]): string {
    return runCommand('ip', ['netns', 'exec', NODE_NETNS, ...args]);
  }

  /** Forgets every tracked connection of the node, so that a new verdict is not hidden by an old flow. */
  public flushConntrack(): void {
    commandSucceeds('ip', ['netns', 'exec', NODE_NETNS, 'conntrack', '-F']);
  }

  /** Installs the v0.1.5 AdminNetworkPolicy and BaselineAdminNetworkPolicy CRDs and waits until they are served. */
  private async installAdminCrds(): Promise<void> {
    for (const file of fs.readdirSync(ADMIN_CRDS_DIR).filter((f) => f.endsWith('.json')).sort()) {
      const crd = JSON.parse(fs.readFileSync(path.join(ADMIN_CRDS_DIR, file), 'utf8'));
      await this.api.expect('POST', CRD_API, crd);
      await waitFor(`${crd.metadata.name} to be established`, 60_000, async () => {
        const got = await this.api.request('GET', `${CRD_API}/${crd.metadata.name}`);
        return (got.body?.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
      }, 100);
      const plural = `/apis/${crd.spec.group}/v1alpha1/${crd.spec.names.plural}`;
      await waitFor(`${crd.spec.names.plural} to be served`, 60_000, async () => (await this.api.request('GET', plural)).status === 200, 100);
    }
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    await waitFor('the API server', timeoutMs, async () => {
      this.assertAlive();
      try {
        return (await this.api.request('GET', '/readyz')).status === 200;
      } catch {
        return false;
      }
    });
  }

  /** The Node: kube-router reads its InternalIP and enforces for the pods whose status.hostIP is it. */
  private async registerNode(): Promise<void> {
    await this.api.expect('POST', '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: NODE_NAME, labels: { 'kubernetes.io/hostname': NODE_NAME } },
    });
    await this.api.expect('PATCH', `/api/v1/nodes/${NODE_NAME}/status`, {
      status: { addresses: [{ type: 'InternalIP', address: NODE_IP }, { type: 'Hostname', address: NODE_NAME }] },
    }, [], 'application/merge-patch+json');
  }

  /**
   * Calico's CRDs (from the checkout, with the lab's kubectl), once they are served the objects felix
   * waits for, and the sentinel's GlobalNetworkPolicy (allowing, until a run flips it).
   */
  private async installCalico(crdDir: string): Promise<void> {
    this.nodeCommand([this.binary, 'kubectl', '--kubeconfig', path.join(this.stateDir, 'kubeconfig'), 'create', '-f', crdDir]);
    await waitFor('Calico\'s CRDs', 60_000, async () => {
      const r = await this.api.request('GET', `${CALICO_CRD_GROUP}/globalnetworksets`);
      return r.status === 200 && (await this.api.request('GET', `${CALICO_CRD_GROUP}/clusterinformations`)).status === 200;
    });
    for (const o of CALICO_BOOTSTRAP_OBJECTS) await this.api.expect('POST', o.collection, o.object);
    await this.api.expect('POST', `${CALICO_CRD_GROUP}/globalnetworkpolicies`, {
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'GlobalNetworkPolicy',
      metadata: { name: CALICO_SENTINEL_POLICY },
      spec: {
        order: 0,
        selector: `projectcalico.org/namespace == '${SENTINEL_NAMESPACE}'`,
        types: ['Ingress', 'Egress'],
        ingress: calicoSentinelIngress(false),
        egress: [{ action: 'Allow' }],
      },
    });
  }

  private async createSentinels(): Promise<void> {
    await this.api.expect('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SENTINEL_NAMESPACE } });
    // Felix finds a pod by the veth name Calico's CNI plugin would give it; the other engines by the pod's IP.
    const veth = (p: typeof SENTINEL_PODS[number], i: number) =>
      (this.engine === CALICO_ENGINE ? this.engine.hostVeth(SENTINEL_NAMESPACE, p.name, i) : p.veth);
    runShell(SENTINEL_PODS.flatMap((p, i) => podNetworkLines(p.netns, veth(p, i), p.ip)));
    for (const p of SENTINEL_PODS) await createPodObject(this.api, SENTINEL_NAMESPACE, p.name, { 'lab-sentinel': p.name }, [], p.ip);
  }
}

/** The Calico sentinel's ingress rules: denying the sentinel port first, or allowing everything. */
export function calicoSentinelIngress(deny: boolean): any[] {
  return [
    ...(deny ? [{ action: 'Deny', protocol: 'TCP', destination: { ports: [SENTINEL_PORT] } }] : []),
    { action: 'Allow' },
  ];
}

/** Creates the Pod (no kubelet: the lab writes its status, with hostIP = the node's InternalIP). */
export async function createPodObject(
  api: KubeApi, namespace: string, name: string, labels: { [k: string]: string },
  ports: ReadonlyArray<{ port: number; protocol: string; name?: string }>, ip: string,
): Promise<void> {
  await api.expect('POST', `/api/v1/namespaces/${namespace}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      nodeName: NODE_NAME,
      automountServiceAccountToken: false,
      containers: [{
        name: 'c',
        image: 'lab/none',
        ports: ports.map((p) => ({ containerPort: p.port, protocol: p.protocol, ...(p.name ? { name: p.name } : {}) })),
      }],
    },
  });
  await api.expect('PATCH', `/api/v1/namespaces/${namespace}/pods/${name}/status`, {
    status: { phase: 'Running', hostIP: NODE_IP, hostIPs: [{ ip: NODE_IP }], podIP: ip, podIPs: [{ ip }] },
  }, [], 'application/merge-patch+json');
}

/** The shell lines that make a pod's network: its namespace, a veth to the node, its /32 and routes. */
export function podNetworkLines(netns: string, veth: string, ip: string): string[] {
  return [
    `ip netns add ${netns}`,
    `ip -n ${netns} link set lo up`,
    `ip -n ${NODE_NETNS} link add ${veth} type veth peer name eth0 netns ${netns}`,
    `ip -n ${NODE_NETNS} link set ${veth} up`,
    `ip -n ${NODE_NETNS} route add ${ip}/32 dev ${veth}`,
    `ip -n ${netns} addr add ${ip}/32 dev eth0`,
    `ip -n ${netns} link set eth0 up`,
    `ip -n ${netns} route add ${NODE_IP} dev eth0 scope link`,
    `ip -n ${netns} route add default via ${NODE_IP} dev eth0`,
  ];
}

function createNodeNamespace(): void {
  runShell([
    `ip netns add ${NODE_NETNS}`,
    `ip -n ${NODE_NETNS} link set lo up`,
    // The kernel may have no `dummy` device: the node IP lives on lo (the node answers ARP for it on every veth).
    `ip -n ${NODE_NETNS} addr add ${NODE_IP}/32 dev lo`,
    `ip netns exec ${NODE_NETNS} sysctl -qw net.ipv4.ip_forward=1`,
    // kube-router REJECTs: rate-limited ICMP errors would turn denials into timeouts.
    `ip netns exec ${NODE_NETNS} sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000 net.ipv4.icmp_msgs_burst=100000 || true`,
  ]);
}

function writeCredentials(dir: string): void {
  runCommand('openssl', ['genrsa', '-out', path.join(dir, 'sa.key'), '2048']);
  fs.writeFileSync(path.join(dir, 'tokens.csv'), 'labtoken,admin,admin,system:masters\n');
  fs.writeFileSync(path.join(dir, 'kubeconfig'), [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: lab, cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}}]',
    'users: [{name: admin, user: {token: labtoken}}]',
    'contexts: [{name: lab, context: {cluster: lab, user: admin}}]',
    'current-context: lab',
    '',
  ].join('\n'));
}

/** Starts a process in the node namespace, detached (it outlives `lab up`), logging to `<name>.log`. */
function startProcess(dir: string, name: string, command: readonly string[], env?: { [k: string]: string }): void {
  const out = fs.openSync(path.join(dir, `${name}.log`), 'a');
  const child = spawn('ip', ['netns', 'exec', NODE_NETNS, ...command], { detached: true, stdio: ['ignore', out, out], ...(env ? { env } : {}) });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`cannot start ${name}`);
  child.unref();
  fs.writeFileSync(path.join(dir, `${name}.pid`), String(child.pid));
}

function readPid(dir: string, name: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, `${name}.pid`), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the pid lives and is still a process the lab started (not a reused pid). */
function pidAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited.
    if (/\) Z /.test(stat)) return false;
    return /etcd|labbin|felix|knpbin/.test(cmdline);
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether a process of the node namespace has bound the NFQUEUE (the namespace's /proc/net/netfilter/nfnetlink_queue lists it). */
function nodeQueueBound(queue: number): boolean {
  try {
    const table = runCommand('ip', ['netns', 'exec', NODE_NETNS, 'cat', '/proc/net/netfilter/nfnetlink_queue']);
    return table.split('\n').some((line) => line.trim().split(/\s+/)[0] === String(queue));
  } catch {
    return false;
  }
}

export async function waitFor(what: string, timeoutMs: number, ready: () => Promise<boolean>, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function tailLog(dir: string, name: string): string {
  try {
    const lines = fs.readFileSync(path.join(dir, `${name}.log`), 'utf8').trimEnd().split('\n').slice(-8);
    return `\n--- end of ${name}.log ---\n${lines.join('\n')}`;
  } catch {
    return '';
  }
}

function tailLogs(dir: string): string {
  return PROCESSES.map((name) => tailLog(dir, name)).join('');
}
