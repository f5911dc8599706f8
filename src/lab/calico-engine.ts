import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LABGO_DIR } from './lab-binary';
import { LabUnavailableError } from './lab-unavailable-error';

/** What to set for the Calico engine, said whenever it cannot run. */
export const CALICO_REQUIREMENT = 'set CALICO_SRC to a projectcalico/calico v3.27.3 checkout '
  + '(e.g. `git clone --branch v3.27.3 --depth 1 https://github.com/projectcalico/calico`; its Calico CRDs are installed from it '
  + 'and felix is built from it once, 20-30 min, with Go and the Go module proxy), and optionally LAB_FELIX to a calico-felix '
  + 'binary built elsewhere (Calico is not on the Go module proxy, so the lab cannot fetch it)';

/** Where Calico's CRDs are in a projectcalico/calico checkout. */
const CRD_DIRS = ['libcalico-go/config/crd', 'api/config/crd'];

/** The checkout of `CALICO_SRC`, or why there is none. */
function calicoSource(): string {
  const src = process.env.CALICO_SRC;
  if (!src) throw new LabUnavailableError(`the Calico engine needs Calico's source: ${CALICO_REQUIREMENT}`);
  if (!fs.existsSync(src)) throw new LabUnavailableError(`CALICO_SRC=${src} does not exist: ${CALICO_REQUIREMENT}`);
  return src;
}

/** The folder of Calico's CRD manifests in `CALICO_SRC`. */
export function calicoCrdDir(): string {
  const src = calicoSource();
  const dir = CRD_DIRS.map((d) => path.join(src, d)).find((d) => fs.existsSync(path.join(d, 'crd.projectcalico.org_globalnetworkpolicies.yaml')));
  if (!dir) throw new LabUnavailableError(`CALICO_SRC=${src} has no Calico CRDs (looked in ${CRD_DIRS.join(', ')}): ${CALICO_REQUIREMENT}`);
  return dir;
}

/**
 * Felix: `LAB_FELIX` if set, else the one `labgo/build-felix.sh` finds in the lab's cache or builds
 * from `CALICO_SRC` (tens of minutes the first time; the build's progress goes to stderr).
 */
export function felixBinary(): string {
  const given = process.env.LAB_FELIX;
  if (given) {
    if (!fs.existsSync(given)) throw new LabUnavailableError(`LAB_FELIX=${given} does not exist`);
    return given;
  }
  calicoSource();
  const r = spawnSync(path.join(LABGO_DIR, 'build-felix.sh'), [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.error) throw new LabUnavailableError(`cannot run labgo/build-felix.sh: ${r.error.message}`);
  if (r.status !== 0) throw new LabUnavailableError(`building felix failed (labgo/build-felix.sh exited with ${r.status}; its messages are above)`);
  const bin = r.stdout.trim().split('\n').pop() ?? '';
  if (!fs.existsSync(bin)) throw new LabUnavailableError(`labgo/build-felix.sh printed no binary (${JSON.stringify(bin)})`);
  return bin;
}

/** Felix if it is ready without a build (LAB_FELIX, or the cache for CALICO_SRC), for tests that must not build. */
export function cachedFelixBinary(): string | undefined {
  if (process.env.LAB_FELIX) return fs.existsSync(process.env.LAB_FELIX) ? process.env.LAB_FELIX : undefined;
  if (!process.env.CALICO_SRC) return undefined;
  const r = spawnSync(path.join(LABGO_DIR, 'build-felix.sh'), ['--cached'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const bin = r.status === 0 ? r.stdout.trim() : '';
  return bin !== '' && fs.existsSync(bin) ? bin : undefined;
}

/**
 * The two objects felix waits for, which calico-node's start-up writes in a real cluster: the
 * ClusterInformation saying the datastore is ready, and the default FelixConfiguration.
 */
export const CALICO_BOOTSTRAP_OBJECTS = [
  {
    collection: '/apis/crd.projectcalico.org/v1/clusterinformations',
    object: {
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'ClusterInformation',
      metadata: { name: 'default' },
      spec: { datastoreReady: true, clusterType: 'k8s,kdd', calicoVersion: 'v3.27.3' },
    },
  },
  {
    collection: '/apis/crd.projectcalico.org/v1/felixconfigurations',
    object: {
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'FelixConfiguration',
      metadata: { name: 'default' },
      spec: { bpfEnabled: false, logSeverityScreen: 'Info', reportingInterval: '0s' },
    },
  },
];

/**
 * Felix's environment: the Kubernetes datastore through the lab's kubeconfig, the iptables dataplane
 * on nftables (this machine's iptables), IPv4 only, no health or usage reports, no syslog (there is
 * none in the namespace), and traffic from pods to the node itself accepted (the lab's node address
 * is every pod's gateway). Denied packets are dropped (felix's default; REJECT is not supported here).
 */
export function felixEnvironment(stateDir: string, nodeName: string): { [k: string]: string } {
  return {
    PATH: `${process.env.PATH ?? '/usr/bin:/bin'}:/usr/sbin:/sbin`,
    FELIX_DATASTORETYPE: 'kubernetes',
    KUBECONFIG: path.join(stateDir, 'kubeconfig'),
    FELIX_FELIXHOSTNAME: nodeName,
    FELIX_IPTABLESBACKEND: 'nft',
    FELIX_USAGEREPORTINGENABLED: 'false',
    FELIX_IPV6SUPPORT: 'false',
    FELIX_XDPENABLED: 'false',
    FELIX_BPFENABLED: 'false',
    FELIX_HEALTHENABLED: 'false',
    FELIX_DEFAULTENDPOINTTOHOSTACTION: 'ACCEPT',
    FELIX_LOGSEVERITYSYS: 'none',
    FELIX_LOGSEVERITYSCREEN: 'info',
    FELIX_LOGFILEPATH: 'none',
    FELIX_ENDPOINTSTATUSPATHPREFIX: path.join(stateDir, 'calico-status'),
  };
}
