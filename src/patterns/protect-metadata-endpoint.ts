import { Construct } from 'constructs';
import { AdminPolicyVersion } from './admin-policy-version';
import { adminTierPolicy, namespacesExcept } from './cluster-policy-support';
import { ClusterWidePolicy } from '../constructs/cluster-wide-policy';
import { ClusterSubject } from '../model/cluster-subject';
import { Peer } from '../model/peer';
import { Port } from '../model/port';
import { RuleAction } from '../model/rule-action';

/**
 * Properties of `ProtectMetadataEndpoint`.
 */
export interface ProtectMetadataEndpointProps {
  /**
   * The addresses of the cloud metadata service.
   * @default ['169.254.169.254/32']
   */
  readonly addresses?: string[];
  /**
   * Namespaces (by name) whose pods may still reach it (a cloud controller, a CSI driver).
   * @default - none
   */
  readonly exceptNamespaces?: string[];
  /**
   * The admin priority (0 to 1000, lower first).
   * @default 10
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
 * Denies egress to the cloud metadata endpoint (169.254.169.254) at the admin tier, for every pod of
 * every namespace not excepted: no NetworkPolicy of a namespace can allow it again.
 */
export class ProtectMetadataEndpoint extends Construct {
  /** The policy written. */
  public readonly policy: ClusterWidePolicy;

  public constructor(scope: Construct, id: string, props: ProtectMetadataEndpointProps = {}) {
    super(scope, id);
    const subject = ClusterSubject.namespaces(namespacesExcept(props.exceptNamespaces ?? []));
    this.policy = adminTierPolicy(this, props.version, subject, props.priority ?? 10, props.name);
    this.policy.addEgressRule(RuleAction.DENY, [Peer.networks(props.addresses ?? ['169.254.169.254/32'])], [Port.allTraffic()], { name: 'deny-cloud-metadata' });
  }
}
