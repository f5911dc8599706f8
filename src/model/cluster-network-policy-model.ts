import { AdminPolicyRule } from './admin-policy-rule';
import { ClusterSubject } from './cluster-subject';
import { PolicyTier } from './policy-tier';

/**
 * The parts of a cluster-wide policy.
 */
export interface ClusterNetworkPolicyModelProps {
  /** `metadata.name` (a BaselineAdminNetworkPolicy must be named `default`). */
  readonly name: string;
  /**
   * `metadata.labels`.
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };
  /**
   * `metadata.annotations`.
   * @default - no annotations
   */
  readonly annotations?: { [key: string]: string };
  /** Admin (before NetworkPolicies) or Baseline (after them). */
  readonly tier: PolicyTier;
  /**
   * The precedence within the tier, 0 to 1000: lower first. Two policies of one tier with the same
   * priority that match the same traffic have no defined order.
   * @default - none: only a BaselineAdminNetworkPolicy has none (there is one, named `default`)
   */
  readonly priority?: number;
  /** The pods the policy applies to. */
  readonly subject: ClusterSubject;
  /**
   * The ingress rules, in order: the first that matches decides.
   * @default - none
   */
  readonly ingress?: AdminPolicyRule[];
  /**
   * The egress rules, in order: the first that matches decides.
   * @default - none
   */
  readonly egress?: AdminPolicyRule[];
}

/**
 * A cluster-wide policy as data, whatever API writes it: AdminNetworkPolicy (tier Admin) and
 * BaselineAdminNetworkPolicy (tier Baseline) of `policy.networking.k8s.io/v1alpha1`, or
 * ClusterNetworkPolicy of `v1alpha2`. Constructs build it, the admin dialect writes and reads it, and
 * the analysis evaluates it together with NetworkPolicies.
 */
export class ClusterNetworkPolicyModel {
  /** `metadata.name`. */
  public readonly name: string;
  /** `metadata.labels`. */
  public readonly labels: { [key: string]: string };
  /** `metadata.annotations`. */
  public readonly annotations: { [key: string]: string };
  /** The tier. */
  public readonly tier: PolicyTier;
  /**
   * The priority within the tier (lower first).
   * @default - none
   */
  public readonly priority?: number;
  /** The pods it applies to. */
  public readonly subject: ClusterSubject;
  /** The ingress rules, in order. */
  public readonly ingress: AdminPolicyRule[];
  /** The egress rules, in order. */
  public readonly egress: AdminPolicyRule[];

  public constructor(props: ClusterNetworkPolicyModelProps) {
    if (!Object.values(PolicyTier).includes(props.tier)) throw new TypeError(`ClusterNetworkPolicyModel '${props.name}': tier must be Admin or Baseline, got ${String(props.tier)}`);
    if (props.priority !== undefined && (typeof props.priority !== 'number' || !Number.isFinite(props.priority))) {
      throw new TypeError(`ClusterNetworkPolicyModel '${props.name}': priority must be a number from 0 to 1000, got ${String(props.priority)}`);
    }
    if (!(props.subject instanceof ClusterSubject)) throw new TypeError(`ClusterNetworkPolicyModel '${props.name}': subject must be a ClusterSubject`);
    this.name = props.name;
    this.labels = { ...(props.labels ?? {}) };
    this.annotations = { ...(props.annotations ?? {}) };
    this.tier = props.tier;
    this.priority = props.priority;
    this.subject = props.subject;
    this.ingress = [...(props.ingress ?? [])];
    this.egress = [...(props.egress ?? [])];
  }
}
