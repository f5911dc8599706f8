import { Construct } from 'constructs';
import { AdminPolicyVersion } from './admin-policy-version';
import { adminTierPolicy, namespacesExcept } from './cluster-policy-support';
import { ClusterWidePolicy } from '../constructs/cluster-wide-policy';
import { ClusterSubject } from '../model/cluster-subject';
import { Peer } from '../model/peer';
import { Port } from '../model/port';
import { RuleAction } from '../model/rule-action';

/**
 * Properties of `AlwaysAllowFrom`.
 */
export interface AlwaysAllowFromProps {
  /** Where the traffic comes from: `Peer.namespace('monitoring')`, `Peer.podsInNamespace(...)`. */
  readonly from: Peer;
  /**
   * The ports allowed.
   * @default - every port (`Port.allTraffic()`)
   */
  readonly ports?: Port[];
  /**
   * The pods that always accept it.
   * @default - every pod of every namespace
   */
  readonly subject?: ClusterSubject;
  /**
   * The admin priority (0 to 1000, lower first).
   * @default 20
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
 * Always allows ingress from a peer (a monitoring namespace, say) at the admin tier: no NetworkPolicy
 * of a namespace, and no baseline deny, can block it.
 */
export class AlwaysAllowFrom extends Construct {
  /** The policy written. */
  public readonly policy: ClusterWidePolicy;

  public constructor(scope: Construct, id: string, props: AlwaysAllowFromProps) {
    super(scope, id);
    if (!(props?.from instanceof Peer)) throw new TypeError(`${this.node.path}: from must be a Peer, such as Peer.namespace('monitoring')`);
    const subject = props.subject ?? ClusterSubject.namespaces(namespacesExcept([]));
    this.policy = adminTierPolicy(this, props.version, subject, props.priority ?? 20, props.name);
    this.policy.addIngressRule(RuleAction.ALLOW, [props.from], props.ports ?? [Port.allTraffic()], { name: 'always-allow' });
  }
}
