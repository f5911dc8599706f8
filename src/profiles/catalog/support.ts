import { Feature } from '../feature';
import { FeatureSupport } from '../feature-support';
import { SupportLevel } from '../support-level';

/** One row of a profile's table (internal shorthand for the catalog). */
export function row(feature: Feature, level: SupportLevel, note: string, sources: string[], verified = true): FeatureSupport {
  return { feature, level, note, sources, verified };
}

/** The Kubernetes concept page "Network Policies". */
export const K8S_NETWORK_POLICIES = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

/** danwinship in kubernetes/website PR #39875: no plugin lets a podSelector select hostNetwork pods. */
export const HOST_NETWORK_EVERYWHERE = 'https://github.com/kubernetes/website/pull/39875';

/** The hostNetwork row shared by plugins that, like all known ones, never select hostNetwork pods. */
export function hostNetworkIgnored(sources: string[], verified: boolean): FeatureSupport {
  return row(Feature.HOST_NETWORK_PODS, SupportLevel.IGNORED,
    'a podSelector never selects hostNetwork pods: policies that select them do not isolate them, and peers that name them do not match them (they use the node\'s IP); protect nodes with the plugin\'s host policies instead',
    [...sources, HOST_NETWORK_EVERYWHERE, K8S_NETWORK_POLICIES], verified);
}

/** Calico's policy API reference (v3.27). */
export const CALICO_V3_POLICY = 'https://docs.tigera.io/calico/3.27/reference/resources/globalnetworkpolicy';
/** Cilium's policy language reference. */
export const CILIUM_POLICY_DOCS = 'https://docs.cilium.io/en/stable/security/policy/language/';

/**
 * The rows for the plugins' own policy dialects: Calico's `projectcalico.org/v3` and Cilium's
 * `cilium.io/v2`. A plugin enforces at most its own; the other's objects are accepted (where their
 * CRDs are installed) and do nothing.
 */
export function dialectRows(calico: [SupportLevel, string], cilium: [SupportLevel, string], verified = true): FeatureSupport[] {
  return [
    row(Feature.CALICO_POLICY, calico[0], calico[1], [CALICO_V3_POLICY], verified),
    row(Feature.CILIUM_POLICY, cilium[0], cilium[1], [CILIUM_POLICY_DOCS], verified),
  ];
}

/** A plugin that is neither Calico nor Cilium: both dialects do nothing there. */
export function noDialectRows(plugin: string): FeatureSupport[] {
  return dialectRows(
    [SupportLevel.IGNORED, `${plugin} does not read Calico's policies: a projectcalico.org/v3 object does nothing here (without Calico, its API is not even served)`],
    [SupportLevel.IGNORED, `${plugin} does not read Cilium's policies: a CiliumNetworkPolicy does nothing here (without Cilium, its CRD is not even installed)`],
  );
}
