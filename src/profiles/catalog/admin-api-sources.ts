/**
 * Sources on which plugins implement the cluster-wide policy APIs of `policy.networking.k8s.io`
 * (AdminNetworkPolicy, BaselineAdminNetworkPolicy: v1alpha1; ClusterNetworkPolicy: v1alpha2).
 */

/** The API's implementations page (lists implementations and their status). */
export const NPAPI_IMPLEMENTATIONS = 'kubernetes-sigs/network-policy-api:site-src/implementations.md';

/** Calico 3.29.0 release notes: "k8s AdminNetworkPolicy support". */
export const CALICO_ANP_3_29 = 'https://github.com/projectcalico/calico/pull/9404 (v3.29.0 release notes, 28 Oct 2024: "k8s AdminNetworkPolicy support")';
/** The Calico AdminNetworkPolicy tracking issue, closed by the implementation PR #9206. */
export const CALICO_ANP_ISSUE = 'https://github.com/projectcalico/calico/issues/7578 (implementation: projectcalico/calico#9206)';
/** Calico's BaselineAdminNetworkPolicy PR, merged after 3.29.0; the operator for Calico 3.30.0 adds its RBAC. */
export const CALICO_BANP_3_30 = 'https://github.com/projectcalico/calico/pull/9464 (Add support for BaselineAdminNetworkPolicy, merged after v3.29.0)';
export const CALICO_OPERATOR_3_30 = 'https://github.com/tigera/operator/pull/3634 (BaselineAdminNetworkPolicy; tigera/operator v1.38.0 ships Calico v3.30.0)';
/** ClusterNetworkPolicy from Calico 3.32, which removes AdminNetworkPolicy. */
export const CALICO_CNP_3_32 = 'https://github.com/kubernetes-sigs/network-policy-api/pull/376 ("ClusterNetworkPolicy support is introduced in Calico in v3.32 release")';
export const CALICO_ANP_REMOVED_3_32 = 'https://github.com/projectcalico/calico/issues/10745 (maintainer, 2026-01-06: "merged changes to remove AdminNetworkPolicy and introduce ClusterNetworkPolicy into master, targeting v3.32")';

/** Antrea: ANP and BANP since v1.13, alpha, behind a feature gate that is off by default. */
export const ANTREA_ANP = 'https://antrea.io/docs/main/docs/admin-network-policy/ ("Starting with v1.13, Antrea supports the AdminNetworkPolicy and BaselineAdminNetworkPolicy API types"; feature gate AdminNetworkPolicy, alpha, disabled by default)';
export const ANTREA_ANP_DOC_PR = 'https://github.com/antrea-io/antrea/pull/5270';
/** Antrea: ClusterNetworkPolicy (v1alpha2) from v2.7; ANP/BANP deprecated. */
export const ANTREA_CNP = 'https://github.com/antrea-io/antrea/pull/8044 (docs: upstream v1alpha2 ClusterNetworkPolicy support introduced in Antrea v2.7, behind a new ClusterNetworkPolicy feature gate; AdminNetworkPolicy deprecated)';

/** OVN-Kubernetes: ANP and BANP as ACL tiers (OpenShift: tech preview in 4.14). */
export const OVNK_ANP = 'ovn-org/ovn-kubernetes:docs/features/network-security-controls/admin-network-policy.md';
export const OPENSHIFT_ANP = 'https://docs.redhat.com/en/documentation/openshift_container_platform/4.17/html/network_security/network-policy-apis (OVN-Kubernetes evaluates ANP in ACL tier 1, NetworkPolicy in tier 2, BANP in tier 3)';
export const OPENSHIFT_ANP_PREVIEW = 'https://github.com/openshift/openshift-docs/pull/65682 (OpenShift 4.14: Technology Preview)';

/** Cilium: the upstream tracking issue; AKS paused its own cluster-wide policy waiting for it. */
export const CILIUM_ANP_ISSUE = 'https://github.com/cilium/cilium/issues/23380 (tracking issue, listed as such on the API\'s implementations page)';
export const AKS_CILIUM_ANP = 'https://github.com/Azure/AKS/issues/4582 (AKS, 2025-02: paused "because AdminNetworkPolicies could be brought into Cilium")';

/** Amazon VPC CNI: ANP/BANP requested, not implemented; a ClusterNetworkPolicy of AWS's own API group later. */
export const AWS_ANP_ISSUE = 'https://github.com/aws/aws-network-policy-agent/issues/237 (closed in favour of the open roadmap request aws/containers-roadmap#2243)';
export const AWS_ROADMAP = 'https://github.com/aws/containers-roadmap/issues/2243 ("Kubernetes Network Policy v2 Support", open)';
export const AWS_CNP = 'https://github.com/aws/aws-network-policy-agent/pull/496 (Cluster Network Policy with tiers Admin and Baseline, Dec 2025; EKS documents it as networking.k8s.aws/v1alpha1, VPC CNI v1.21.1+)';

/** kube-router's policy controller (K3s): it watches NetworkPolicy objects, pods and namespaces only. */
export const KUBE_ROUTER_NETPOL_ONLY = 'cloudnativelabs/kube-router:pkg/controllers/netpol/network_policy_controller.go (the controller lists pods, NetworkPolicies and namespaces only: podLister, npLister, nsLister)';

/** Weave Net's last release (v2.8.1, January 2021), unmaintained since, is older than the API. */
export const WEAVE_PREDATES = 'https://github.com/weaveworks/weave/releases/tag/v2.8.1 (January 2021, the last release; weave-npc is built against k8s.io/api v0.18.6 and reads networking/v1 NetworkPolicies only)';
