import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { calicoRows } from './calico';
import { row } from './support';

/** Canal: Flannel for the network, Calico's Felix for policy. */
export const CANAL: CniProfileProps = {
  name: 'canal',
  displayName: 'Canal (Flannel networking + Calico policy)',
  versions: 'Canal with Calico 3.27 policy (Felix, iptables)',
  enforcesPolicy: true,
  enforcementSources: [
    'https://docs.k3s.io/networking/basic-network-options (Canal tab)',
    'https://docs.tigera.io/calico/3.27/getting-started/kubernetes/flannel/install-for-flannel',
  ],
  caveats: ['Policy behaviour follows the Calico (Felix) version bundled with Canal; the rows are Calico 3.27\'s, inferred for Canal.'],
  // Calico's facts, inferred for Canal: none of them is stated for Canal itself.
  features: calicoRows(row(Feature.SCTP, SupportLevel.ENFORCED, 'as Calico\'s iptables dataplane',
    ['tigera/docs:calico_versioned_docs/version-3.27/operations/ebpf/enabling-ebpf.mdx'])).map((r) => ({ ...r, verified: false })),
};
