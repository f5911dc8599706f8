import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { calicoAdminApiRows, calicoRows } from './calico';
import { dialectRows, row } from './support';

const ADMIN_APIS = [Feature.ADMIN_NETWORK_POLICY, Feature.BASELINE_ADMIN_NETWORK_POLICY, Feature.CLUSTER_NETWORK_POLICY];
const GKE_NP = 'https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy';

/** GKE's legacy network policy enforcement (--enable-network-policy), which deploys Calico. */
export const GKE_CALICO: CniProfileProps = {
  name: 'gke-calico',
  aliases: ['gke-legacy'],
  displayName: 'GKE network policy enforcement (Calico)',
  versions: 'GKE Standard without Dataplane V2, created with --enable-network-policy (GKE-managed Calico, version not stated)',
  enforcesPolicy: true,
  enforcementSources: [GKE_NP, 'https://kubernetes.io/docs/tasks/administer-cluster/network-policy-provider/calico-network-policy/'],
  features: [
    ...calicoRows(row(Feature.SCTP, SupportLevel.UNKNOWN, '', [])).filter((r) => r.feature !== Feature.CALICO_POLICY && r.feature !== Feature.CILIUM_POLICY)
      .filter((r) => r.feature !== Feature.SCTP && r.feature !== Feature.END_PORT && !ADMIN_APIS.includes(r.feature))
      .map((r) => ({ ...r, sources: [GKE_NP, ...r.sources], verified: false })),
    row(Feature.END_PORT, SupportLevel.UNKNOWN, 'depends on the Calico version GKE manages, which GKE does not state: check, or list the ports', [GKE_NP]),
    row(Feature.SCTP, SupportLevel.UNKNOWN, 'not documented for GKE-managed Calico', [GKE_NP]),
    // Calico added these APIs in 3.29, 3.30 and 3.32; GKE states neither its Calico version nor support for them.
    ...calicoAdminApiRows().map((r) => row(r.feature, SupportLevel.UNKNOWN,
      `not documented for GKE-managed Calico, whose version GKE does not state (upstream: ${r.note.replace(/^.*?\. /, '')})`, [GKE_NP, ...r.sources])),
    ...dialectRows([SupportLevel.UNKNOWN, 'GKE runs Calico for Kubernetes NetworkPolicy; GKE documents only NetworkPolicy, and the projectcalico.org/v3 API needs Calico\'s API server: check before relying on Calico\'s own policies'], [SupportLevel.IGNORED, 'not Cilium: CiliumNetworkPolicy does nothing here'], false),
  ],
};
