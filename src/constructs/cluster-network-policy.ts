import { Construct } from 'constructs';
import { ClusterWidePolicy, ClusterWidePolicyProps } from './cluster-wide-policy';
import { AdminPolicyKind } from '../dialects/admin/admin-api';
import { Peer } from '../model/peer';
import { PolicyTier } from '../model/policy-tier';
import { Port } from '../model/port';
import { RuleAction } from '../model/rule-action';

/**
 * Properties of a `ClusterNetworkPolicy`.
 */
export interface ClusterNetworkPolicyProps extends ClusterWidePolicyProps {
  /** Admin (before NetworkPolicies, which cannot override it) or Baseline (after them). */
  readonly tier: PolicyTier;
  /** 0 to 1000 within the tier: lower is evaluated first. Ties have no defined order. */
  readonly priority: number;
}

/**
 * A `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy (network-policy-api v0.2.0), the
 * successor of AdminNetworkPolicy and BaselineAdminNetworkPolicy: one kind for both tiers. Allow is
 * written `Accept`; Pass skips the rest of the tier.
 */
export class ClusterNetworkPolicy extends ClusterWidePolicy {
  /** The tier. */
  public readonly policyTier: PolicyTier;
  /** The priority within the tier. */
  public readonly priority: number;

  public constructor(scope: Construct, id: string, props: ClusterNetworkPolicyProps) {
    super(scope, id, AdminPolicyKind.CLUSTER_NETWORK_POLICY, props, props?.tier, props?.priority);
    this.policyTier = props.tier;
    this.priority = props.priority;
  }

  /** Skip the rest of the tier for traffic from `peer`. */
  public passIngress(peer: Peer, ...ports: Port[]): void {
    this.addIngressRule(RuleAction.PASS, [peer], ports);
  }

  /** Skip the rest of the tier for traffic to `peer`. */
  public passEgress(peer: Peer, ...ports: Port[]): void {
    this.addEgressRule(RuleAction.PASS, [peer], ports);
  }

}
