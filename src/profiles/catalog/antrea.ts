import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { ANTREA_ANP, ANTREA_ANP_DOC_PR, ANTREA_CNP } from './admin-api-sources';
import { hostNetworkIgnored, noDialectRows, row } from './support';

const DOCS = 'https://antrea.io/docs/main/docs/design/architecture/';

/** Antrea (Open vSwitch). */
export const ANTREA: CniProfileProps = {
  name: 'antrea',
  displayName: 'Antrea',
  versions: 'Antrea (recent releases)',
  enforcesPolicy: true,
  enforcementSources: [DOCS],
  features: [
    row(Feature.INGRESS, SupportLevel.ENFORCED, 'enforced by OVS flows', [DOCS]),
    row(Feature.EGRESS, SupportLevel.ENFORCED, 'enforced by OVS flows', [DOCS]),
    row(Feature.IP_BLOCK_EXCEPT, SupportLevel.ENFORCED, 'except CIDRs are honoured', [DOCS], false),
    row(Feature.IP_BLOCK_POD_IPS, SupportLevel.UNKNOWN, 'not documented', []),
    row(Feature.NAMED_PORTS, SupportLevel.ENFORCED, 'supported (early versions allowed all ports for a named port; fixed)', ['https://github.com/antrea-io/antrea/issues/241']),
    row(Feature.END_PORT, SupportLevel.ENFORCED, 'port ranges are supported', ['https://github.com/antrea-io/antrea/issues/1638']),
    row(Feature.SCTP, SupportLevel.ENFORCED, 'with the OVS kernel datapath', ['https://github.com/antrea-io/antrea/issues/2033']),
    hostNetworkIgnored(['https://github.com/antrea-io/antrea/issues/8041 (hostNetwork pods are excluded from enforcement)', 'https://github.com/antrea-io/antrea/issues/3078'], true),
    // Implemented, but behind feature gates: whether a given cluster enforces them depends on its settings.
    row(Feature.ADMIN_NETWORK_POLICY, SupportLevel.UNKNOWN,
      'implemented since Antrea v1.13 (except sameLabels/notSameLabels), alpha and off by default: enforced only with the AdminNetworkPolicy feature gate of antrea-controller on; deprecated for ClusterNetworkPolicy from v2.7',
      [ANTREA_ANP, ANTREA_ANP_DOC_PR, ANTREA_CNP]),
    row(Feature.BASELINE_ADMIN_NETWORK_POLICY, SupportLevel.UNKNOWN,
      'implemented since Antrea v1.13, alpha and off by default: enforced only with the AdminNetworkPolicy feature gate of antrea-controller on; deprecated for ClusterNetworkPolicy from v2.7',
      [ANTREA_ANP, ANTREA_ANP_DOC_PR, ANTREA_CNP]),
    row(Feature.CLUSTER_NETWORK_POLICY, SupportLevel.UNKNOWN,
      'implemented since Antrea v2.7, behind the ClusterNetworkPolicy feature gate (its default is not stated in the sources found): check the gate and the version',
      [ANTREA_CNP]),
    ...noDialectRows('Antrea'),
  ],
};
