import { adminPolicyKindOf } from '../dialects/admin/admin-api';
import { isCalicoReadKind } from '../dialects/calico/read-calico';
import { isCiliumReadKind } from '../dialects/cilium/read-cilium';

/**
 * Policy objects of APIs that cdk8s-netpol does not read: their effect is not part of any answer,
 * and they can deny (or, in ordered dialects, allow) what a `networking.k8s.io/v1` policy decides.
 * AdminNetworkPolicy / BaselineAdminNetworkPolicy v1alpha1 and ClusterNetworkPolicy v1alpha2 are read
 * (src/dialects/admin), and so are Calico v3's NetworkPolicy, GlobalNetworkPolicy, NetworkSet and
 * GlobalNetworkSet (src/dialects/calico/read-calico.ts), and Cilium's CiliumNetworkPolicy and
 * CiliumClusterwideNetworkPolicy (src/dialects/cilium/read-cilium.ts); other kinds and versions of
 * their groups are not.
 */

/** The API groups whose policy kinds are told apart (and never called invalid Kubernetes NetworkPolicies). */
const POLICY_KINDS_BY_GROUP: { [group: string]: RegExp } = {
  'projectcalico.org': /NetworkPolicy$|^(GlobalNetworkSet|NetworkSet|Tier|HostEndpoint)$/,
  'crd.projectcalico.org': /NetworkPolicy$|^(GlobalNetworkSet|NetworkSet|Tier|HostEndpoint)$/,
  'cilium.io': /NetworkPolicy$|^CiliumCIDRGroup$/,
  'crd.antrea.io': /NetworkPolicy$|^(Tier|ClusterGroup|Group)$/,
  'policy.networking.k8s.io': /./,
  'security.istio.io': /^AuthorizationPolicy$/,
};

/** The groups whose NetworkPolicy kind is the Kubernetes one (valid or not: `extensions/v1beta1` is a removed version of it). */
const KUBERNETES_GROUPS = ['networking.k8s.io', 'extensions', ''];

/** The API group of an apiVersion (`projectcalico.org/v3` -> `projectcalico.org`; `v1` -> the core group ``). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The API group of a policy object that another API defines (Calico, Cilium, Antrea, the
 * AdminNetworkPolicy API, Istio), or undefined for anything else, the Kubernetes NetworkPolicy
 * included. A kind ending in `NetworkPolicy` of any group other than Kubernetes' is such an object.
 */
export function otherPolicyApi(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return undefined;
  if (adminPolicyKindOf(apiVersion, kind) !== undefined || isCalicoReadKind(apiVersion, kind) || isCiliumReadKind(apiVersion, kind)) return undefined;
  const group = apiGroupOf(apiVersion);
  if (KUBERNETES_GROUPS.includes(group)) return undefined;
  const kinds = POLICY_KINDS_BY_GROUP[group];
  if (kinds ? kinds.test(kind) : /NetworkPolicy$/.test(kind)) return group;
  return undefined;
}

/**
 * Whether the object is a policy (or a part of one, such as a network set) of an API other than
 * Kubernetes' NetworkPolicy: one that the analysis reads (Calico v3, Cilium, the admin policies) or
 * one it leaves out. A cluster's reader lists every such resource.
 */
export function isNonKubernetesPolicyObject(apiVersion: unknown, kind: unknown): boolean {
  if (typeof apiVersion === 'string' && typeof kind === 'string' && adminPolicyKindOf(apiVersion, kind) !== undefined) return true;
  return otherPolicyApi(apiVersion, kind) !== undefined || isCalicoReadKind(apiVersion, kind) || isCiliumReadKind(apiVersion, kind);
}
