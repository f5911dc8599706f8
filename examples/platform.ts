// docs:start
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AdminPolicyVersion, AlwaysAllowFrom, ClusterDefaultDeny, Peer, Port, ProtectMetadataEndpoint } from '../src';

/**
 * Cluster-wide guardrails of a platform team: a default deny at the baseline tier (DNS kept, the system
 * namespaces left alone) that each namespace's NetworkPolicies override, the cloud metadata endpoint
 * denied at the admin tier (no namespace can allow it), and the monitoring namespace always allowed to
 * scrape metrics (no namespace can deny it). `version` chooses AdminNetworkPolicy /
 * BaselineAdminNetworkPolicy (v1alpha1) or ClusterNetworkPolicy (v1alpha2).
 */
export class PlatformChart extends Chart {
  constructor(scope: Construct, id: string, version: AdminPolicyVersion = AdminPolicyVersion.V1ALPHA1) {
    super(scope, id);
    new ClusterDefaultDeny(this, 'default-deny', { version, exceptNamespaces: ['kube-system', 'monitoring'] });
    new ProtectMetadataEndpoint(this, 'no-cloud-metadata', { version, priority: 10 });
    new AlwaysAllowFrom(this, 'monitoring', { version, priority: 20, from: Peer.namespace('monitoring'), ports: [Port.tcp(9090)] });
  }
}
// docs:end
