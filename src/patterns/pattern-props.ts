import { ApiObjectMetadata } from 'cdk8s';

/**
 * Properties shared by the pattern constructs.
 */
export interface PatternProps {
  /**
   * Metadata of the NetworkPolicy objects the pattern writes. `name` names the policy (for a pattern
   * that writes several policies, it is the prefix of their names); `namespace`, `labels` and
   * `annotations` are given to every policy.
   *
   * @default - the name is the construct id in kebab-case (`DefaultDeny` gives `default-deny`); the
   * namespace is the chart's, or else the selected workload's
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Check CIDRs as Kubernetes 1.36+ does (no host bits, no leading zeros) instead of 1.29.
   * @default false
   */
  readonly strictCidr?: boolean;
}
