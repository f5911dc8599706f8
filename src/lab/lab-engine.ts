import { createHash } from 'crypto';
import { podVeth } from './lab-addresses';

/** A policy engine the lab can run as its node's network policy controller. */
export interface LabEngine {
  /** The name `--engine` takes. */
  readonly name: string;
  readonly version: string;
  /** Other names `--engine` accepts. */
  readonly aliases: readonly string[];
  /** The cluster-wide policy kinds (policy.networking.k8s.io/v1alpha1) it enforces besides NetworkPolicy. */
  readonly adminKinds: readonly string[];
  /** The projectcalico.org/v3 kinds it enforces (applied as crd.projectcalico.org/v1), besides NetworkPolicy. */
  readonly calicoKinds: readonly string[];
  /** Whether it drops what it denies (a denial is then a timeout, like a lost packet) instead of rejecting it. */
  readonly dropsDenied: boolean;
  /** The node end of a pod's veth: the engine finds pods by it (Calico), or the lab's own name (the others). */
  hostVeth(namespace: string, pod: string, index: number): string;
}

/** kube-router's network policy controller (iptables and ipsets; the engine K3s embeds), inside the lab binary. */
export const KUBE_ROUTER_ENGINE: LabEngine = {
  name: 'kube-router',
  version: 'v2.1.0',
  aliases: [],
  adminKinds: [],
  calicoKinds: [],
  dropsDenied: false,
  hostVeth: (_namespace, _pod, index) => podVeth(index),
};

/**
 * Calico's felix v3.27.3 (iptables dataplane, Kubernetes datastore), built from a source checkout.
 * v3.27 has no AdminNetworkPolicy; it drops what it denies (felix's default action).
 */
export const CALICO_ENGINE: LabEngine = {
  name: 'calico',
  version: 'v3.27.3',
  aliases: [],
  adminKinds: [],
  calicoKinds: ['NetworkPolicy', 'GlobalNetworkPolicy', 'NetworkSet', 'GlobalNetworkSet'],
  dropsDenied: true,
  hostVeth: (namespace, pod) => calicoHostVeth(namespace, pod),
};

/**
 * sigs.k8s.io/kube-network-policies (SIG Network's reference engine, nftables + NFQUEUE: the first packet
 * of each connection is judged in user space), with its AdminNetworkPolicy and BaselineAdminNetworkPolicy
 * feature flags on. v0.8.0 reads policy.networking.k8s.io/v1alpha1 only (no v1alpha2 ClusterNetworkPolicy).
 */
export const KUBE_NETWORK_POLICIES_ENGINE: LabEngine = {
  name: 'kube-network-policies',
  version: 'v0.8.0',
  aliases: ['knp'],
  adminKinds: ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'],
  calicoKinds: [],
  dropsDenied: true,
  hostVeth: (_namespace, _pod, index) => podVeth(index),
};

/** Every engine of the lab, the default first. */
export const LAB_ENGINES: readonly LabEngine[] = [KUBE_ROUTER_ENGINE, CALICO_ENGINE, KUBE_NETWORK_POLICIES_ENGINE];

/** The engine of a name or alias, if the lab has it. */
export function labEngineNamed(name: string): LabEngine | undefined {
  return LAB_ENGINES.find((e) => e.name === name || e.aliases.includes(name));
}

/**
 * The host-side interface Calico's CNI plugin gives a pod, and the one felix looks for: `cali` and the
 * first 11 hex digits of sha1("<namespace>.<pod>") (libcalico-go's DefaultWEPNameInterfaceName).
 */
export function calicoHostVeth(namespace: string, pod: string): string {
  return `cali${createHash('sha1').update(`${namespace}.${pod}`).digest('hex').slice(0, 11)}`;
}
