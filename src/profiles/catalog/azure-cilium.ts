import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { ciliumRows } from './cilium';
import { dialectRows, row } from './support';

const AKS_CILIUM = 'https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium';

/** Azure CNI powered by Cilium (AKS --network-policy cilium). */
export const AZURE_CILIUM: CniProfileProps = {
  name: 'azure-cilium',
  aliases: ['aks-cilium'],
  displayName: 'Azure CNI powered by Cilium (AKS)',
  versions: 'AKS with --network-dataplane cilium --network-policy cilium',
  enforcesPolicy: true,
  enforcementSources: [AKS_CILIUM],
  features: [
    ...ciliumRows().filter((r) => r.feature !== Feature.CALICO_POLICY && r.feature !== Feature.CILIUM_POLICY)
      .filter((r) => r.feature !== Feature.IP_BLOCK_POD_IPS)
      .map((r) => ({ ...r, sources: [AKS_CILIUM, ...r.sources], verified: false })),
    row(Feature.IP_BLOCK_POD_IPS, SupportLevel.IGNORED,
      '"Network policies cannot use ipBlock to allow access to node or pod IPs": use a podSelector or namespaceSelector peer',
      [`${AKS_CILIUM} (limitations)`, 'MicrosoftDocs/azure-docs:articles/aks/azure-cni-powered-by-cilium.md']),
    ...dialectRows([SupportLevel.IGNORED, 'not Calico: projectcalico.org/v3 objects do nothing here'], [SupportLevel.UNKNOWN, 'Azure CNI powered by Cilium runs Cilium, but Azure documents Kubernetes NetworkPolicy; whether CiliumNetworkPolicy is supported depends on the offering (Advanced Container Networking Services adds FQDN filtering): check before relying on it'], false),
  ],
};
