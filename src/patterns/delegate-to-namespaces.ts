import { Construct } from 'constructs';
import { AdminPolicyVersion } from './admin-policy-version';
import { adminTierPolicy, EVERY_NETWORK } from './cluster-policy-support';
import { ClusterWidePolicy } from '../constructs/cluster-wide-policy';
import { ClusterSubject } from '../model/cluster-subject';
import { LabelSelector } from '../model/label-selector';
import { Peer } from '../model/peer';
import { Port } from '../model/port';
import { RuleAction } from '../model/rule-action';

/**
 * Properties of `DelegateToNamespaces`.
 */
export interface DelegateToNamespacesProps {
  /** The namespaces whose own NetworkPolicies decide. */
  readonly namespaces: LabelSelector;
  /**
   * The admin priority (0 to 1000, lower first): admin policies of a higher number no longer apply to
   * these namespaces' traffic.
   * @default 50
   */
  readonly priority?: number;
  /**
   * The API to write.
   * @default AdminPolicyVersion.V1ALPHA1
   */
  readonly version?: AdminPolicyVersion;
  /**
   * The policy's name.
   * @default - generated from the construct path
   */
  readonly name?: string;
}

/**
 * Passes all traffic of the selected namespaces' pods (ingress from every pod, egress to every pod and
 * every address) past the remaining admin rules: their NetworkPolicies, then the baseline, decide.
 */
export class DelegateToNamespaces extends Construct {
  /** The policy written. */
  public readonly policy: ClusterWidePolicy;

  public constructor(scope: Construct, id: string, props: DelegateToNamespacesProps) {
    super(scope, id);
    if (!(props?.namespaces instanceof LabelSelector)) throw new TypeError(`${this.node.path}: namespaces must be a LabelSelector`);
    this.policy = adminTierPolicy(this, props.version, ClusterSubject.namespaces(props.namespaces), props.priority ?? 50, props.name);
    this.policy.addIngressRule(RuleAction.PASS, [Peer.anyPodInCluster()], [Port.allTraffic()], { name: 'delegate-ingress' });
    this.policy.addEgressRule(RuleAction.PASS, [Peer.anyPodInCluster(), Peer.networks(EVERY_NETWORK)], [Port.allTraffic()], { name: 'delegate-egress' });
  }
}
