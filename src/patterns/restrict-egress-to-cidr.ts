import { Construct } from 'constructs';
import { CidrBlock } from './cidr-block';
import { ClusterDnsOptions } from './cluster-dns-options';
import { PatternProps } from './pattern-props';
import { baseName, checkCidr, dnsAllowances, metadataFor, requireChosenPods, requireNonEmpty } from './pattern-support';
import { PodScope } from './pod-scope';
import { NetworkPolicy } from '../constructs/network-policy';
import { Pods } from '../constructs/pods';
import { LabelSelector } from '../model/label-selector';
import { Peer } from '../model/peer';
import { Port } from '../model/port';

/**
 * Properties of `RestrictEgressToCidr`.
 */
export interface RestrictEgressToCidrProps extends PatternProps {
  /** The pods whose egress is restricted: `Pods.of(workload)`, `Pods.labels({...})` or `Pods.all()`. */
  readonly selector: Pods;
  /** The CIDRs egress may go to (at least one), each with its exceptions. */
  readonly cidrs: CidrBlock[];
  /**
   * The ports egress may use, to the CIDRs and to the pods of `alsoToPods` (at least one).
   * @default - every port
   */
  readonly ports?: Port[];
  /**
   * Pods that egress may also reach, on the same ports.
   * @default PodScope.NONE
   */
  readonly alsoToPods?: PodScope;
  /**
   * Also isolate the chosen pods for ingress, allowing none here (`policyTypes: [Ingress, Egress]`
   * with no ingress rule). This is what a policy with only an egress section and no `policyTypes`
   * does, since Kubernetes always implies Ingress.
   * @default false
   */
  readonly denyIngress?: boolean;
  /**
   * Keep DNS working: UDP and TCP 53 to the cluster DNS pods (configurable with `dns`).
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * Where the cluster DNS is.
   * @default - CoreDNS / kube-dns: pods `k8s-app=kube-dns` in `kube-system`, UDP and TCP 53
   */
  readonly dns?: ClusterDnsOptions;
}

/**
 * Restrict the egress of the chosen pods to given CIDRs (with exceptions), on given ports if any;
 * optionally also to the pods of their namespace or of the whole cluster. DNS stays allowed unless
 * `allowDns: false`.
 *
 * Writes one NetworkPolicy, named after the construct id. It isolates the chosen pods for egress
 * (and for ingress with `denyIngress: true`).
 * Plain NetworkPolicy has no domain names: to allow a host by name, allow its addresses.
 */
export class RestrictEgressToCidr extends Construct {
  /** The policy. */
  public readonly policy: NetworkPolicy;

  public constructor(scope: Construct, id: string, props: RestrictEgressToCidrProps) {
    super(scope, id);
    const selector = requireChosenPods(this, 'selector', props.selector);
    const cidrs = requireNonEmpty(this, 'cidrs', props.cidrs, 'give at least one CIDR, or use Peer.anywhere() on a NetworkPolicy if every address is meant');
    const ports = props.ports === undefined
      ? [Port.allTraffic()]
      : requireNonEmpty(this, 'ports', props.ports, 'leave it out for every port');
    const peers = cidrs.map((block, i) => {
      const except = block.except ?? [];
      checkCidr(this, `cidrs[${i}]`, block.cidr, except);
      return Peer.cidr(block.cidr, { except });
    });
    switch (props.alsoToPods ?? PodScope.NONE) {
      case PodScope.SAME_NAMESPACE: peers.push(Peer.pods(LabelSelector.all())); break;
      case PodScope.CLUSTER: peers.push(Peer.anyPodInCluster()); break;
      default: break;
    }
    this.policy = new NetworkPolicy(this, 'Policy', {
      selector,
      metadata: metadataFor(props.metadata, baseName(this, props.metadata)),
      isolateIngress: props.denyIngress === true ? true : undefined,
      isolateEgress: true,
      strictCidr: props.strictCidr,
    });
    for (const peer of peers) this.policy.allowEgress(peer, ...ports);
    for (const dns of dnsAllowances(this, props.allowDns, props.dns)) this.policy.allowEgress(dns.peer, ...dns.ports);
  }
}
