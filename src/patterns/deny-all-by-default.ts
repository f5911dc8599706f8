import { Construct } from 'constructs';
import { ClusterDnsOptions } from './cluster-dns-options';
import { PatternProps } from './pattern-props';
import { baseName, dnsAllowances, metadataFor, requireChosenPods } from './pattern-support';
import { TrafficDirection } from './traffic-direction';
import { NetworkPolicy } from '../constructs/network-policy';
import { Pods } from '../constructs/pods';

/**
 * Properties of `DenyAllByDefault`.
 */
export interface DenyAllByDefaultProps extends PatternProps {
  /**
   * The directions to deny.
   * @default TrafficDirection.BOTH
   */
  readonly direction?: TrafficDirection;
  /**
   * The pods the baseline applies to.
   * @default - every pod of the namespace (`Pods.all()`)
   */
  readonly selector?: Pods;
  /**
   * When egress is denied, still allow DNS to the cluster DNS (UDP and TCP 53 to `k8s-app=kube-dns`
   * pods in `kube-system`, configurable with `dns`). Without it every name lookup of the namespace fails.
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * Where the cluster DNS is (only when egress is denied and `allowDns` is not false).
   * @default - CoreDNS / kube-dns: pods `k8s-app=kube-dns` in `kube-system`, UDP and TCP 53
   */
  readonly dns?: ClusterDnsOptions;
}

/**
 * A namespace's baseline: deny all ingress, all egress, or both (the default), so that only what
 * other policies allow may flow.
 *
 * When egress is denied, DNS stays allowed (UDP and TCP 53 to the cluster DNS pods) unless
 * `allowDns: false`: that is the one exception, and it is written in the same policy.
 *
 * Writes one NetworkPolicy, named after the construct id (`DefaultDeny` gives `default-deny`).
 */
export class DenyAllByDefault extends Construct {
  /** The policy. */
  public readonly policy: NetworkPolicy;
  /** The directions denied. */
  public readonly direction: TrafficDirection;

  public constructor(scope: Construct, id: string, props: DenyAllByDefaultProps = {}) {
    super(scope, id);
    this.direction = props.direction ?? TrafficDirection.BOTH;
    const selector = requireChosenPods(this, 'selector', props.selector ?? Pods.all());
    const denyIngress = this.direction !== TrafficDirection.EGRESS;
    const denyEgress = this.direction !== TrafficDirection.INGRESS;
    if (!denyEgress && (props.allowDns !== undefined || props.dns !== undefined)) {
      throw new Error(`${this.node.path}: allowDns and dns apply only when egress is denied, and direction is ${this.direction}: remove them, or deny egress too`);
    }
    this.policy = new NetworkPolicy(this, 'Policy', {
      selector,
      metadata: metadataFor(props.metadata, baseName(this, props.metadata)),
      isolateIngress: denyIngress,
      isolateEgress: denyEgress,
      strictCidr: props.strictCidr,
    });
    if (denyEgress) {
      for (const dns of dnsAllowances(this, props.allowDns, props.dns)) this.policy.allowEgress(dns.peer, ...dns.ports);
    }
  }
}
