import { ANTREA } from './catalog/antrea';
import { AWS_VPC_CNI } from './catalog/aws-vpc-cni';
import { AZURE_CILIUM } from './catalog/azure-cilium';
import { AZURE_NPM } from './catalog/azure-npm';
import { CALICO, CALICO_3_30, CALICO_EBPF } from './catalog/calico';
import { CANAL } from './catalog/canal';
import { CILIUM } from './catalog/cilium';
import { FLANNEL } from './catalog/flannel';
import { GKE_CALICO } from './catalog/gke-calico';
import { GKE_DATAPLANE_V2 } from './catalog/gke-dataplane-v2';
import { K3S } from './catalog/k3s';
import { OVN_KUBERNETES } from './catalog/ovn-kubernetes';
import { WEAVE } from './catalog/weave';
import { CniProfile, CniProfileProps } from './cni-profile';

/** The catalog, in the order `Cni.names()` lists it. */
const CATALOG: CniProfileProps[] = [
  K3S, CALICO, CALICO_EBPF, CALICO_3_30, CANAL, FLANNEL, WEAVE, CILIUM, AWS_VPC_CNI,
  GKE_DATAPLANE_V2, GKE_CALICO, AZURE_NPM, AZURE_CILIUM, ANTREA, OVN_KUBERNETES,
];

/**
 * The network plugin profiles this library knows, each with the sources of its facts.
 *
 * ```ts
 * const profile = Cni.byName('calico');
 * profile.support(Feature.END_PORT).level; // SupportLevel.ENFORCED
 * ```
 */
export class Cni {
  /** K3s's default: Flannel plus the embedded kube-router policy controller (the article's K3s v1.29.3). */
  public static k3s(): CniProfile { return new CniProfile(K3S); }

  /** Calico 3.27, iptables dataplane (the article's Calico v3.27.3); `ebpf` for the eBPF dataplane, which lacks SCTP. */
  public static calico(ebpf?: boolean): CniProfile { return new CniProfile(ebpf ? CALICO_EBPF : CALICO); }

  /** Canal: Flannel networking with Calico (Felix) policy. */
  public static canal(): CniProfile { return new CniProfile(CANAL); }

  /** Flannel alone: enforces no NetworkPolicy at all. */
  public static flannel(): CniProfile { return new CniProfile(FLANNEL); }

  /** Weave Net 2.8: a policy with a named port is dropped whole; endPort is not honoured. */
  public static weave(): CniProfile { return new CniProfile(WEAVE); }

  /** Cilium: ipBlock never matches pod IPs; endPort and SCTP depend on version and settings. */
  public static cilium(): CniProfile { return new CniProfile(CILIUM); }

  /** Amazon VPC CNI >= 1.14 with its policy agent: standalone pods are not enforced; at most 24 port/protocol combinations per peer. */
  public static awsVpcCni(): CniProfile { return new CniProfile(AWS_VPC_CNI); }

  /** GKE Dataplane V2 (Cilium). */
  public static gkeDataplaneV2(): CniProfile { return new CniProfile(GKE_DATAPLANE_V2); }

  /** GKE's legacy enforcement with Calico (`--enable-network-policy`). */
  public static gkeCalico(): CniProfile { return new CniProfile(GKE_CALICO); }

  /** Azure Network Policy Manager: endPort ignored. */
  public static azureNpm(): CniProfile { return new CniProfile(AZURE_NPM); }

  /** Azure CNI powered by Cilium: ipBlock cannot select pod or node IPs. */
  public static azureCilium(): CniProfile { return new CniProfile(AZURE_CILIUM); }

  /** Antrea. */
  public static antrea(): CniProfile { return new CniProfile(ANTREA); }

  /** OVN-Kubernetes (OpenShift): no named ports. */
  public static ovnKubernetes(): CniProfile { return new CniProfile(OVN_KUBERNETES); }

  /** Every profile, in catalog order. */
  public static all(): CniProfile[] {
    return CATALOG.map((props) => new CniProfile(props));
  }

  /** The names `byName` accepts first-hand (aliases aside), in catalog order. */
  public static names(): string[] {
    return CATALOG.map((props) => props.name);
  }

  /**
   * The profile with this name or alias (case-insensitive). Throws, listing the known names,
   * when there is none.
   */
  public static byName(name: string): CniProfile {
    const found = Cni.tryByName(name);
    if (!found) throw new Error(`unknown network plugin ${JSON.stringify(name)}; known: ${Cni.names().join(', ')}`);
    return found;
  }

  /**
   * The profile with this name or alias (case-insensitive), or undefined.
   * @returns the profile, or undefined when the name is unknown
   */
  public static tryByName(name: string): CniProfile | undefined {
    const wanted = name.trim().toLowerCase();
    const props = CATALOG.find((p) => p.name === wanted || (p.aliases ?? []).includes(wanted));
    return props ? new CniProfile(props) : undefined;
  }

  private constructor() {}
}
