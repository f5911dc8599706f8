import { Construct } from 'constructs';
import { AdminPolicyVersion } from './admin-policy-version';
import { EVERY_NETWORK, namespacesExcept } from './cluster-policy-support';
import { BaselineAdminNetworkPolicy } from '../constructs/baseline-admin-network-policy';
import { ClusterNetworkPolicy } from '../constructs/cluster-network-policy';
import { ClusterWidePolicy } from '../constructs/cluster-wide-policy';
import { ClusterSubject } from '../model/cluster-subject';
import { LabelSelector } from '../model/label-selector';
import { Peer } from '../model/peer';
import { PolicyTier } from '../model/policy-tier';
import { Port } from '../model/port';
import { RuleAction } from '../model/rule-action';

/**
 * Properties of `ClusterDefaultDeny`.
 */
export interface ClusterDefaultDenyProps {
  /**
   * The namespaces left alone (by name), such as the system ones.
   * @default ['kube-system']
   */
  readonly exceptNamespaces?: string[];
  /**
   * Keep DNS: allow egress to the cluster DNS pods on UDP and TCP 53 before denying the rest.
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * The namespace of the cluster DNS pods.
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;
  /**
   * The labels of the cluster DNS pods.
   * @default { 'k8s-app': 'kube-dns' }
   */
  readonly dnsPodLabels?: { [key: string]: string };
  /**
   * The API to write: a BaselineAdminNetworkPolicy (v1alpha1) or a Baseline-tier ClusterNetworkPolicy (v1alpha2).
   * @default AdminPolicyVersion.V1ALPHA1
   */
  readonly version?: AdminPolicyVersion;
  /**
   * The priority of the ClusterNetworkPolicy within the Baseline tier (v1alpha2 only).
   * @default 1000 (the last baseline policy)
   */
  readonly priority?: number;
}

/**
 * A cluster-wide default deny at the baseline tier: every pod of every namespace (except those named)
 * is denied ingress from, and egress to, every pod and every address, unless a NetworkPolicy of its
 * namespace allows it (NetworkPolicies come before the baseline). DNS to the cluster DNS pods stays
 * allowed (UDP and TCP 53) unless `allowDns: false`.
 */
export class ClusterDefaultDeny extends Construct {
  /** The policy written. */
  public readonly policy: ClusterWidePolicy;

  public constructor(scope: Construct, id: string, props: ClusterDefaultDenyProps = {}) {
    super(scope, id);
    const except = props.exceptNamespaces ?? ['kube-system'];
    const subject = ClusterSubject.namespaces(namespacesExcept(except));
    const version = props.version ?? AdminPolicyVersion.V1ALPHA1;
    if (version === AdminPolicyVersion.V1ALPHA1 && props.priority !== undefined) {
      throw new Error(`${this.node.path}: priority applies to v1alpha2 only: a BaselineAdminNetworkPolicy has none`);
    }
    this.policy = version === AdminPolicyVersion.V1ALPHA2
      ? new ClusterNetworkPolicy(this, 'Policy', { tier: PolicyTier.BASELINE, priority: props.priority ?? 1000, subject })
      : new BaselineAdminNetworkPolicy(this, 'Policy', { subject });
    if (props.allowDns ?? true) {
      const dns = Peer.podsInNamespace(props.dnsNamespace ?? 'kube-system', LabelSelector.labels(props.dnsPodLabels ?? { 'k8s-app': 'kube-dns' }));
      this.policy.addEgressRule(RuleAction.ALLOW, [dns], [...Port.DNS], { name: 'allow-dns' });
    }
    this.policy.addIngressRule(RuleAction.DENY, [Peer.anyPodInCluster()], [Port.allTraffic()], { name: 'default-deny-ingress' });
    this.policy.addEgressRule(RuleAction.DENY, [Peer.anyPodInCluster(), Peer.networks(EVERY_NETWORK)], [Port.allTraffic()], { name: 'default-deny-egress' });
  }
}
