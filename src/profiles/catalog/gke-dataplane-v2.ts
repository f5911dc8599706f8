import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { ciliumRows } from './cilium';
import { dialectRows, row } from './support';

const CONCEPT = 'https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2';

/** GKE Dataplane V2 (Cilium, the anetd DaemonSet). */
export const GKE_DATAPLANE_V2: CniProfileProps = {
  name: 'gke-dataplane-v2',
  aliases: ['gke-dpv2', 'dataplane-v2'],
  displayName: 'GKE Dataplane V2 (Cilium)',
  versions: 'GKE with Dataplane V2 (default for new Autopilot clusters)',
  enforcesPolicy: true,
  enforcementSources: [`${CONCEPT} (NetworkPolicy is always on)`],
  features: [
    // Built on Cilium: its rows hold, inferred, unless GKE documents otherwise.
    ...ciliumRows().filter((r) => r.feature !== Feature.CALICO_POLICY && r.feature !== Feature.CILIUM_POLICY)
      .filter((r) => r.feature !== Feature.SCTP && r.feature !== Feature.END_PORT)
      .map((r) => ({ ...r, sources: [CONCEPT, ...r.sources], verified: false })),
    row(Feature.END_PORT, SupportLevel.UNKNOWN, 'depends on the Cilium version GKE runs; not documented by GKE: check, or list the ports', [CONCEPT]),
    row(Feature.SCTP, SupportLevel.UNKNOWN, 'SCTP workloads are supported from GKE 1.32.2-gke.1297000 on Ubuntu nodes only',
      ['https://cloud.google.com/kubernetes-engine/docs/how-to/sctp']),
    ...dialectRows([SupportLevel.IGNORED, 'not Calico: projectcalico.org/v3 objects do nothing here'], [SupportLevel.IGNORED, 'Dataplane V2 is built on Cilium but GKE enforces Kubernetes NetworkPolicy (and its own FQDNNetworkPolicy), not CiliumNetworkPolicy'], false),
  ],
};
