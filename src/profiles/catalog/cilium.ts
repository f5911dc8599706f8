import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { FeatureSupport } from '../feature-support';
import { SupportLevel } from '../support-level';
import { AKS_CILIUM_ANP, CILIUM_ANP_ISSUE, NPAPI_IMPLEMENTATIONS } from './admin-api-sources';
import { dialectRows, hostNetworkIgnored, row } from './support';

const POLICY_RST = 'cilium/cilium:Documentation/network/kubernetes/policy.rst';

/** The ipBlock rows of Cilium: CIDR rules never match endpoints that have a Cilium identity (pods). */
export const CILIUM_IP_BLOCK_POD_IPS = 'an ipBlock never matches pods (they are matched by identity, not IP): an ipBlock that covers the pod CIDR (even 0.0.0.0/0) does not allow traffic with pods; use a podSelector or namespaceSelector peer';

/** The rows of plain Cilium, shared (as inferred facts) by the managed offerings built on it. */
export function ciliumRows(): FeatureSupport[] {
  return [
    row(Feature.INGRESS, SupportLevel.ENFORCED, 'enforced by eBPF', [POLICY_RST]),
    row(Feature.EGRESS, SupportLevel.ENFORCED, 'enforced by eBPF', [POLICY_RST]),
    row(Feature.IP_BLOCK_EXCEPT, SupportLevel.ENFORCED, 'translated to CIDR sets with except', ['cilium/cilium:Documentation/security/policy/language.rst']),
    row(Feature.IP_BLOCK_POD_IPS, SupportLevel.IGNORED, CILIUM_IP_BLOCK_POD_IPS,
      [`${POLICY_RST} (missing feature: "ipBlock set with a pod IP", cilium/cilium#9209)`, 'cilium/cilium:Documentation/security/policy/language.rst (node IPs only with --policy-cidr-match-mode=nodes)']),
    row(Feature.NAMED_PORTS, SupportLevel.ENFORCED,
      'supported; a named port fails when pods of one namespace use the same name for different numbers (cilium/cilium#30003)',
      ['https://github.com/cilium/cilium/issues/2942', 'https://github.com/cilium/cilium/issues/30003']),
    row(Feature.END_PORT, SupportLevel.UNKNOWN,
      'depends on the version: up to 1.14 endPort was silently ignored (only the first port allowed), a later change made Cilium refuse such policies, and port ranges were implemented afterwards; check your version, or list the ports',
      ['https://github.com/cilium/cilium/issues/28684', 'https://github.com/cilium/cilium/pull/28704', 'https://github.com/cilium/cilium/pull/32389']),
    row(Feature.SCTP, SupportLevel.UNKNOWN,
      'beta and off by default: needs --set sctp.enabled=true; pod-to-pod policy works, SCTP through Services does not',
      ['https://docs.cilium.io/en/stable/configuration/sctp/', 'https://github.com/cilium/cilium/pull/35238']),
    hostNetworkIgnored(['cilium/cilium:Documentation/security/policy/language.rst (host policies need CiliumClusterwideNetworkPolicy nodeSelector)'], true),
    ...[Feature.ADMIN_NETWORK_POLICY, Feature.BASELINE_ADMIN_NETWORK_POLICY, Feature.CLUSTER_NETWORK_POLICY].map((f) => row(f, SupportLevel.IGNORED,
      `no Cilium release is known to implement ${f}: the API's implementations page lists Cilium with a tracking issue only; such objects are ignored. Cilium's own cluster-wide policy is CiliumClusterwideNetworkPolicy`,
      [CILIUM_ANP_ISSUE, NPAPI_IMPLEMENTATIONS, AKS_CILIUM_ANP], false)),
    ...dialectRows(
      [SupportLevel.IGNORED, 'not Calico: projectcalico.org/v3 objects do nothing here'],
      [SupportLevel.ENFORCED, 'Cilium enforces CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy together with NetworkPolicies (allows add up; deny rules win)'],
    ),
  ];
}

/** Cilium (upstream), any recent version. */
export const CILIUM: CniProfileProps = {
  name: 'cilium',
  displayName: 'Cilium',
  versions: 'Cilium (version-dependent rows say so)',
  enforcesPolicy: true,
  enforcementSources: [POLICY_RST],
  features: ciliumRows(),
};
