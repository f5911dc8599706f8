import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { FeatureSupport } from '../feature-support';
import { SupportLevel } from '../support-level';
import {
  CALICO_ANP_3_29, CALICO_ANP_ISSUE, CALICO_ANP_REMOVED_3_32, CALICO_BANP_3_30, CALICO_CNP_3_32, CALICO_OPERATOR_3_30,
} from './admin-api-sources';
import { dialectRows, hostNetworkIgnored, row } from './support';

const DOCS = 'https://docs.tigera.io/calico/3.27';
const ENFORCEMENT = [`${DOCS}/network-policy/get-started/kubernetes-policy/kubernetes-network-policy`];

/** The rows Calico 3.27 shares between its dataplanes (and with Canal, which runs Calico's Felix). */
export function calicoRows(sctp: FeatureSupport): FeatureSupport[] {
  return [
    row(Feature.INGRESS, SupportLevel.ENFORCED, 'enforced by Felix', ENFORCEMENT),
    row(Feature.EGRESS, SupportLevel.ENFORCED, 'enforced by Felix', ENFORCEMENT),
    row(Feature.IP_BLOCK_EXCEPT, SupportLevel.ENFORCED, 'translated to nets and notNets of one rule',
      ['tigera/docs:calico_versioned_docs/version-3.27/reference/resources/networkpolicy.mdx', 'tigera/docs:calico_versioned_docs/version-3.27/_includes/content/_entityrule.mdx']),
    row(Feature.IP_BLOCK_POD_IPS, SupportLevel.ENFORCED, 'nets match pod IPs too: an ipBlock such as 0.0.0.0/0 also opens traffic with pods (not portable to Cilium)',
      ['tigera/docs:calico_versioned_docs/version-3.27/_includes/content/_entityrule.mdx']),
    row(Feature.NAMED_PORTS, SupportLevel.ENFORCED, 'resolved per endpoint (more CPU than numeric ports)',
      ['tigera/docs:calico_versioned_docs/version-3.27/_includes/content/_ports.mdx']),
    row(Feature.END_PORT, SupportLevel.ENFORCED, 'port ranges are supported',
      ['https://github.com/projectcalico/libcalico-go/pull/1357', 'https://github.com/projectcalico/calico/issues/4249']),
    sctp,
    hostNetworkIgnored(['https://github.com/projectcalico/felix/issues/1361', 'https://github.com/projectcalico/calico/issues/4667 (hostNetwork pods need HostEndpoints and GlobalNetworkPolicy)'], true),
    ...calicoAdminApiRows(),
    ...dialectRows(
      [SupportLevel.ENFORCED, 'Felix enforces projectcalico.org/v3 NetworkPolicy and GlobalNetworkPolicy (ordered, with actions) together with NetworkPolicies (order 1000); the v3 API is served by Calico\'s API server (or written with calicoctl)'],
      [SupportLevel.IGNORED, 'not Cilium: CiliumNetworkPolicy does nothing here'],
    ),
  ];
}

/** Calico 3.27 implements none of the cluster-wide policy APIs: they came in 3.29 (ANP), 3.30 (BANP), 3.32 (ClusterNetworkPolicy). */
export function calicoAdminApiRows(): FeatureSupport[] {
  return [
    row(Feature.ADMIN_NETWORK_POLICY, SupportLevel.IGNORED,
      'Calico 3.27 does not implement AdminNetworkPolicy: every such object is ignored. Calico enforces it from 3.29; 3.32 removes it in favour of ClusterNetworkPolicy',
      [CALICO_ANP_3_29, CALICO_ANP_ISSUE, CALICO_ANP_REMOVED_3_32]),
    row(Feature.BASELINE_ADMIN_NETWORK_POLICY, SupportLevel.IGNORED,
      'Calico 3.27 does not implement BaselineAdminNetworkPolicy: the object is ignored. Calico enforces it from 3.30',
      [CALICO_BANP_3_30, CALICO_OPERATOR_3_30]),
    row(Feature.CLUSTER_NETWORK_POLICY, SupportLevel.IGNORED,
      'Calico 3.27 does not implement ClusterNetworkPolicy (v1alpha2): every such object is ignored. Calico enforces it from 3.32 (standard fields; networks peers and named ports of the experimental ones)',
      [CALICO_CNP_3_32]),
  ];
}

/** Calico 3.27 with the iptables dataplane (the article's cluster: Calico v3.27.3 on K3s). */
export const CALICO: CniProfileProps = {
  name: 'calico',
  aliases: ['calico-iptables', 'calico-3.27'],
  displayName: 'Calico 3.27 (iptables dataplane)',
  versions: 'Calico OSS 3.27, iptables dataplane',
  enforcesPolicy: true,
  enforcementSources: ENFORCEMENT,
  caveats: ['On K3s, start the server with --flannel-backend=none --disable-network-policy so that kube-router does not enforce policies too (https://docs.k3s.io/networking/basic-network-options).'],
  features: calicoRows(row(Feature.SCTP, SupportLevel.ENFORCED, 'supported by the iptables dataplane (the eBPF dataplane does not)',
    ['tigera/docs:calico_versioned_docs/version-3.27/operations/ebpf/enabling-ebpf.mdx'])),
};

/** Calico 3.27 with the eBPF dataplane. */
export const CALICO_EBPF: CniProfileProps = {
  name: 'calico-ebpf',
  displayName: 'Calico 3.27 (eBPF dataplane)',
  versions: 'Calico OSS 3.27, eBPF dataplane',
  enforcesPolicy: true,
  enforcementSources: ENFORCEMENT,
  features: calicoRows(row(Feature.SCTP, SupportLevel.IGNORED, 'the eBPF dataplane does not support SCTP "either for policy or services": an SCTP rule does not allow SCTP traffic; use the iptables dataplane for SCTP workloads',
    ['tigera/docs:calico_versioned_docs/version-3.27/operations/ebpf/enabling-ebpf.mdx'])),
};

/**
 * Calico 3.30 (iptables dataplane): as 3.27 for NetworkPolicy, plus AdminNetworkPolicy (3.29) and
 * BaselineAdminNetworkPolicy (3.30) enforced as tiers around the default tier; not yet
 * ClusterNetworkPolicy (3.32). From release notes and pull requests, not measured here.
 */
export const CALICO_3_30: CniProfileProps = {
  name: 'calico-3.30',
  aliases: ['calico-3.31'],
  displayName: 'Calico 3.30 (iptables dataplane)',
  versions: 'Calico OSS 3.30 and 3.31, iptables dataplane',
  enforcesPolicy: true,
  enforcementSources: ENFORCEMENT,
  features: [
    ...calicoRows(row(Feature.SCTP, SupportLevel.ENFORCED, 'supported by the iptables dataplane (the eBPF dataplane does not)',
      ['tigera/docs:calico_versioned_docs/version-3.27/operations/ebpf/enabling-ebpf.mdx']))
      .filter((r) => ![Feature.ADMIN_NETWORK_POLICY, Feature.BASELINE_ADMIN_NETWORK_POLICY, Feature.CLUSTER_NETWORK_POLICY].includes(r.feature)),
    row(Feature.ADMIN_NETWORK_POLICY, SupportLevel.ENFORCED,
      'enforced since 3.29 in a tier before the default tier (priority order); 3.32 removes it in favour of ClusterNetworkPolicy',
      [CALICO_ANP_3_29, CALICO_ANP_ISSUE, CALICO_ANP_REMOVED_3_32], false),
    row(Feature.BASELINE_ADMIN_NETWORK_POLICY, SupportLevel.ENFORCED,
      'enforced since 3.30 in a tier after the default tier',
      [CALICO_BANP_3_30, CALICO_OPERATOR_3_30], false),
    row(Feature.CLUSTER_NETWORK_POLICY, SupportLevel.IGNORED,
      'Calico 3.30 does not implement ClusterNetworkPolicy (v1alpha2): Calico enforces it from 3.32',
      [CALICO_CNP_3_32], false),
  ],
};
