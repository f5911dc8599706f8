import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { NPAPI_IMPLEMENTATIONS, OPENSHIFT_ANP, OPENSHIFT_ANP_PREVIEW, OVNK_ANP } from './admin-api-sources';
import { hostNetworkIgnored, noDialectRows, row } from './support';

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
    row(Feature.ADMIN_NETWORK_POLICY, SupportLevel.ENFORCED,
      'enforced as OVN ACL tier 1, before NetworkPolicies (standard fields, plus the experimental nodes and networks peers). On OpenShift 4.14 a Technology Preview (feature set TechPreviewNoUpgrade); the 4.17 network security guide documents it without a preview notice',
      [OVNK_ANP, OPENSHIFT_ANP, OPENSHIFT_ANP_PREVIEW, NPAPI_IMPLEMENTATIONS]),
    row(Feature.BASELINE_ADMIN_NETWORK_POLICY, SupportLevel.ENFORCED,
      'enforced as OVN ACL tier 3, after NetworkPolicies; same versions and settings as AdminNetworkPolicy',
      [OVNK_ANP, OPENSHIFT_ANP, OPENSHIFT_ANP_PREVIEW, NPAPI_IMPLEMENTATIONS]),
    row(Feature.CLUSTER_NETWORK_POLICY, SupportLevel.UNKNOWN, 'not documented for OVN-Kubernetes in the sources found', []),
    ...noDialectRows('OVN-Kubernetes'),
  ],
};
