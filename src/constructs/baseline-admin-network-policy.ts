import { Construct } from 'constructs';
import { ClusterWidePolicy, ClusterWidePolicyProps } from './cluster-wide-policy';
import { AdminPolicyKind } from '../dialects/admin/admin-api';
import { AdminPolicyExpressionError } from '../dialects/admin/admin-expression-error';
import { Peer } from '../model/peer';
import { PolicyTier } from '../model/policy-tier';
import { RuleAction } from '../model/rule-action';

/**
 * Properties of a `BaselineAdminNetworkPolicy`.
 */
export interface BaselineAdminNetworkPolicyProps extends ClusterWidePolicyProps {}

/**
 * The `policy.networking.k8s.io/v1alpha1` BaselineAdminNetworkPolicy: cluster-wide defaults evaluated
 * after NetworkPolicies, so a namespace's policies override them. There is one per cluster, named
 * `default` (set by the construct). Its actions are Allow and Deny: there is no Pass.
 */
export class BaselineAdminNetworkPolicy extends ClusterWidePolicy {
  public constructor(scope: Construct, id: string, props: BaselineAdminNetworkPolicyProps) {
    if (props?.metadata?.name !== undefined && props.metadata.name !== 'default') {
      throw new AdminPolicyExpressionError(`${scope.node.path}/${id}: a BaselineAdminNetworkPolicy must be named 'default' (one per cluster), not '${props.metadata.name}'; leave metadata.name out`);
    }
    super(scope, id, AdminPolicyKind.BASELINE_ADMIN_NETWORK_POLICY, { ...props, metadata: { ...props?.metadata, name: 'default' } }, PolicyTier.BASELINE);
  }

  /** @internal */
  protected _checkRule(direction: string, action: RuleAction, peers: Peer[]): void {
    if (action === RuleAction.PASS) {
      throw new AdminPolicyExpressionError(`${this.node.path}: Pass cannot be written in a BaselineAdminNetworkPolicy (its actions are Allow and Deny): there is no later tier to pass to; use Allow, or a ClusterNetworkPolicy`);
    }
    super._checkRule(direction, action, peers);
  }
}
