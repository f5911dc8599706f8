import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { hostNetworkIgnored, row } from './support';

const NP_DOC = 'ovn-org/ovn-kubernetes:docs/features/network-security-controls/network-policy.md';

/** OVN-Kubernetes (and OpenShift's OVN-Kubernetes network). */
export const OVN_KUBERNETES: CniProfileProps = {
  name: 'ovn-kubernetes',
  aliases: ['ovn-k', 'ovnk', 'openshift'],
  displayName: 'OVN-Kubernetes',
  versions: 'OVN-Kubernetes (OpenShift 4.x default network)',
  enforcesPolicy: true,
  enforcementSources: [NP_DOC],
  features: [
    row(Feature.INGRESS, SupportLevel.ENFORCED, 'enforced by OVN ACLs', [NP_DOC]),
    row(Feature.EGRESS, SupportLevel.ENFORCED, 'enforced by OVN ACLs', [NP_DOC]),
    row(Feature.IP_BLOCK_EXCEPT, SupportLevel.ENFORCED, 'except CIDRs are honoured', [NP_DOC]),
    row(Feature.IP_BLOCK_POD_IPS, SupportLevel.UNKNOWN, 'not documented', []),
    row(Feature.NAMED_PORTS, SupportLevel.IGNORED,
      'not supported: a named port has been seen to allow every port of its protocol (ovn-kubernetes#2117), and projects targeting OVN-Kubernetes replace named ports with numbers; use numeric ports',
      ['https://github.com/ovn-kubernetes/ovn-kubernetes/issues/2117', 'https://github.com/kubevirt/cluster-network-addons-operator/pull/2369'], false),
    row(Feature.END_PORT, SupportLevel.ENFORCED, 'port ranges become OVN ACL ranges', ['https://github.com/ovn-kubernetes/ovn-kubernetes/pull/2466']),
    row(Feature.SCTP, SupportLevel.ENFORCED, 'supported', ['https://github.com/ovn-kubernetes/ovn-kubernetes/issues/1120', 'https://docs.openshift.com/container-platform/latest/networking/using-sctp.html']),
    hostNetworkIgnored(['https://docs.openshift.com/container-platform/latest/networking/network_policy/about-network-policy.html ("Pods with host networking enabled are unaffected by network policy rules")'], true),
  ],
};
