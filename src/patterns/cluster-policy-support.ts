import { Construct } from 'constructs';
import { AdminPolicyVersion } from './admin-policy-version';
import { AdminNetworkPolicy } from '../constructs/admin-network-policy';
import { ClusterNetworkPolicy } from '../constructs/cluster-network-policy';
import { ClusterWidePolicy } from '../constructs/cluster-wide-policy';
import { ClusterSubject } from '../model/cluster-subject';
import { LabelSelector, SelectorOperator } from '../model/label-selector';
import { NAMESPACE_NAME_LABEL } from '../model/peer';
import { PolicyTier } from '../model/policy-tier';

/** Every IPv4 and IPv6 address (pods' included). */
export const EVERY_NETWORK: string[] = ['0.0.0.0/0', '::/0'];

/** An admin-tier policy in the chosen API. Internal to the patterns. */
export function adminTierPolicy(
  scope: Construct, version: AdminPolicyVersion | undefined, subject: ClusterSubject, priority: number, name: string | undefined,
): ClusterWidePolicy {
  const metadata = name !== undefined ? { name } : undefined;
  if ((version ?? AdminPolicyVersion.V1ALPHA1) === AdminPolicyVersion.V1ALPHA2) {
    return new ClusterNetworkPolicy(scope, 'Policy', { tier: PolicyTier.ADMIN, priority, subject, metadata });
  }
  return new AdminNetworkPolicy(scope, 'Policy', { priority, subject, metadata });
}

/** The namespaces not named (`kubernetes.io/metadata.name NotIn (...)`), or every namespace when none is. */
export function namespacesExcept(names: string[]): LabelSelector {
  if (names.length === 0) return LabelSelector.all();
  return LabelSelector.of({ expressions: [{ key: NAMESPACE_NAME_LABEL, operator: SelectorOperator.NOT_IN, values: [...names] }] });
}

