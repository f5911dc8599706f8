import { LintNamespace, LintWorkload } from './lint-inputs';
import { ClusterDnsOptions } from '../patterns/cluster-dns-options';
import { CniProfile } from '../profiles/cni-profile';

/**
 * What the linter knows besides the policies.
 */
export interface LintOptions {
  /**
   * The network plugin of the target cluster: enables the `cni-*` checks.
   * @default - no plugin checks
   */
  readonly cni?: CniProfile;
  /**
   * The pods and workloads of the input (for selects-nothing, named ports, DNS, hostNetwork, ...).
   * @default - none
   */
  readonly workloads?: LintWorkload[];
  /**
   * Namespaces with their labels.
   * @default - only namespaces named by objects, with their name label
   */
  readonly namespaces?: LintNamespace[];
  /**
   * The cluster's pod CIDRs, for `cni-ipblock-pod-ip`.
   * @default - the pod IPs of the input, or else the private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7)
   */
  readonly podCidrs?: string[];
  /**
   * Where the cluster DNS is, for `dns-blocked`: the same options the patterns take (namespace,
   * pod selector, ports), e.g. OpenShift's `openshift-dns` pods on UDP and TCP 5353.
   * `nodeLocalDnsCache` is not needed here: an ipBlock to NodeLocal DNSCache is always recognised.
   * @default - CoreDNS: pods labelled `k8s-app=kube-dns` in `kube-system`, on UDP 53 and TCP 53
   */
  readonly dns?: ClusterDnsOptions;
  /**
   * The namespace of the cluster DNS pods.
   * @default 'kube-system'
   * @deprecated use `dns.namespace`
   */
  readonly dnsNamespace?: string;
  /**
   * The labels of the cluster DNS pods.
   * @default { 'k8s-app': 'kube-dns' }
   * @deprecated use `dns.selector`
   */
  readonly dnsPodLabels?: { [key: string]: string };
  /**
   * Rule ids to skip.
   * @default - none
   */
  readonly disabledRules?: string[];
}
