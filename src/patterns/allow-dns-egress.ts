import { Construct } from 'constructs';
import { ClusterDnsOptions } from './cluster-dns-options';
import { PatternProps } from './pattern-props';
import { baseName, dnsAllowances, metadataFor, requireChosenPods } from './pattern-support';
import { NetworkPolicy } from '../constructs/network-policy';
import { Pods } from '../constructs/pods';

/**
 * Properties of `AllowDnsEgress`.
 */
export interface AllowDnsEgressProps extends PatternProps {
  /** The pods that may query the cluster DNS: `Pods.of(workload)`, `Pods.labels({...})` or `Pods.all()`. */
  readonly selector: Pods;
  /**
   * Where the cluster DNS is.
   * @default - CoreDNS / kube-dns: pods `k8s-app=kube-dns` in `kube-system`, UDP and TCP 53
   */
  readonly dns?: ClusterDnsOptions;
}

/**
 * Allow the chosen pods to query the cluster DNS: egress on UDP and TCP 53 to the `k8s-app=kube-dns`
 * pods of `kube-system` (configurable), and to NodeLocal DNSCache if asked.
 *
 * Like any policy with egress rules, it isolates the chosen pods' egress: alone, it lets them reach
 * DNS and nothing else. It is meant beside a default deny, or with other egress allowances.
 */
export class AllowDnsEgress extends Construct {
  /** The policy. */
  public readonly policy: NetworkPolicy;

  public constructor(scope: Construct, id: string, props: AllowDnsEgressProps) {
    super(scope, id);
    const selector = requireChosenPods(this, 'selector', props.selector);
    this.policy = new NetworkPolicy(this, 'Policy', {
      selector,
      metadata: metadataFor(props.metadata, baseName(this, props.metadata)),
      isolateEgress: true,
      strictCidr: props.strictCidr,
    });
    for (const dns of dnsAllowances(this, true, props.dns)) this.policy.allowEgress(dns.peer, ...dns.ports);
  }
}
