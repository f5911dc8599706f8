/** A policy engine the lab can run as its node's network policy controller. */
export interface LabEngine {
  /** The name `--engine` takes. */
  readonly name: string;
  readonly version: string;
  /** Other names `--engine` accepts. */
  readonly aliases: readonly string[];
  /** The cluster-wide policy kinds (policy.networking.k8s.io/v1alpha1) it enforces besides NetworkPolicy. */
  readonly adminKinds: readonly string[];
  /** Whether it drops what it denies (a denial is then a timeout, like a lost packet) instead of rejecting it. */
  readonly dropsDenied: boolean;
}

/** kube-router's network policy controller (iptables and ipsets; the engine K3s embeds). */
export const KUBE_ROUTER_ENGINE: LabEngine = { name: 'kube-router', version: 'v2.1.0', aliases: [], adminKinds: [], dropsDenied: false };

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
  dropsDenied: true,
};

/** Every engine of the lab, the default first. */
export const LAB_ENGINES: readonly LabEngine[] = [KUBE_ROUTER_ENGINE, KUBE_NETWORK_POLICIES_ENGINE];

/** The engine of a name or alias, if the lab has it. */
export function labEngineNamed(name: string): LabEngine | undefined {
  return LAB_ENGINES.find((e) => e.name === name || e.aliases.includes(name));
}
