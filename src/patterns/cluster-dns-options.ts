import { LabelSelector } from '../model/label-selector';
import { Port } from '../model/port';

/**
 * Where the cluster DNS is, for the egress allowance that keeps name resolution working.
 *
 * The defaults match CoreDNS as K3s, kubeadm, EKS, GKE and most distributions deploy it: pods labelled
 * `k8s-app=kube-dns` in `kube-system`, on UDP 53 and TCP 53. Policies are enforced on the DNS pods
 * themselves (after the Service's DNAT), so the allowance selects the pods, not the Service's IP.
 */
export interface ClusterDnsOptions {
  /**
   * The labels of the DNS server pods. An empty selector is refused: it would allow every pod of
   * the namespace.
   * @default - pods labelled `k8s-app=kube-dns`
   */
  readonly selector?: LabelSelector;
  /**
   * The namespace of the DNS server pods, by name.
   * @default 'kube-system'
   */
  readonly namespace?: string;
  /**
   * The DNS ports (at least one).
   * @default - UDP 53 and TCP 53 (`Port.DNS`; TCP carries answers too large for UDP)
   */
  readonly ports?: Port[];
  /**
   * Also allow NodeLocal DNSCache, which runs on the host network and listens on a link-local address
   * that no pod selector can match.
   * @default false
   */
  readonly nodeLocalDnsCache?: boolean;
  /**
   * The address NodeLocal DNSCache listens on (an IP, or a CIDR). Setting it turns `nodeLocalDnsCache` on.
   * @default '169.254.20.10'
   */
  readonly nodeLocalDnsAddress?: string;
}
