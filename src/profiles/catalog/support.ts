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
