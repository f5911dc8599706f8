import { Construct } from 'constructs';
import { ClusterWidePolicy, ClusterWidePolicyProps } from './cluster-wide-policy';
import { AdminPolicyKind } from '../dialects/admin/admin-api';
import { Peer } from '../model/peer';
import { PolicyTier } from '../model/policy-tier';
import { Port } from '../model/port';
import { RuleAction } from '../model/rule-action';

/**
 * Properties of an `AdminNetworkPolicy`.
 */
export interface AdminNetworkPolicyProps extends ClusterWidePolicyProps {
  /** 0 to 1000: lower is evaluated first. Give every AdminNetworkPolicy its own: ties have no defined order. */
  readonly priority: number;
}

/**
 * A `policy.networking.k8s.io/v1alpha1` AdminNetworkPolicy: cluster-wide rules evaluated before any
 * NetworkPolicy, which namespaces cannot override. Allow and Deny decide; Pass hands the traffic to
 * the NetworkPolicies (and then the baseline).
 */
export class AdminNetworkPolicy extends ClusterWidePolicy {
  /** The priority. */
  public readonly priority: number;

  public constructor(scope: Construct, id: string, props: AdminNetworkPolicyProps) {
    super(scope, id, AdminPolicyKind.ADMIN_NETWORK_POLICY, props, PolicyTier.ADMIN, props?.priority);
    this.priority = props.priority;
  }

  /** Hand traffic from `peer` to the NetworkPolicies: skip the remaining admin rules. */
  public passIngress(peer: Peer, ...ports: Port[]): void {
    this.addIngressRule(RuleAction.PASS, [peer], ports);
  }

  /** Hand traffic to `peer` to the NetworkPolicies: skip the remaining admin rules. */
  public passEgress(peer: Peer, ...ports: Port[]): void {
    this.addEgressRule(RuleAction.PASS, [peer], ports);
  }

}
