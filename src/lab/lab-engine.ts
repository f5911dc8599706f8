import { createHash } from 'crypto';
import { podVeth } from './lab-addresses';

/** The policy engines the lab can run in its node namespace. */
export type LabEngineName = 'kube-router' | 'calico';

/** A policy engine of the lab: its name, version, and how it names a pod's veth on the node. */
export interface LabEngine {
  readonly name: LabEngineName;
  readonly version: string;
  /** The node end of a pod's veth: the engine finds pods by it (Calico), or the lab's own name (kube-router). */
  hostVeth(namespace: string, pod: string, index: number): string;
}

/** kube-router v2.1.0's network policy controller (the engine K3s embeds), inside the lab binary. */
export const KUBE_ROUTER: LabEngine = {
  name: 'kube-router',
  version: 'v2.1.0',
  hostVeth: (_namespace, _pod, index) => podVeth(index),
};

/** Calico's felix v3.27.3 (iptables dataplane, Kubernetes datastore), built from a source checkout. */
export const CALICO: LabEngine = {
  name: 'calico',
  version: 'v3.27.3',
  hostVeth: (namespace, pod) => calicoHostVeth(namespace, pod),
};

/**
 * The host-side interface Calico's CNI plugin gives a pod, and the one felix looks for: `cali` and the
 * first 11 hex digits of sha1("<namespace>.<pod>") (libcalico-go's DefaultWEPNameInterfaceName).
 */
export function calicoHostVeth(namespace: string, pod: string): string {
  return `cali${createHash('sha1').update(`${namespace}.${pod}`).digest('hex').slice(0, 11)}`;
}

export function labEngine(name: LabEngineName): LabEngine {
  return name === 'calico' ? CALICO : KUBE_ROUTER;
}
