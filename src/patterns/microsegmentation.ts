import { Construct } from 'constructs';
import { ClusterDnsOptions } from './cluster-dns-options';
import { DenyAllByDefault } from './deny-all-by-default';
import { PatternProps } from './pattern-props';
import { baseName, checkCidr, metadataFor, requireChosenPods, requireNonEmpty } from './pattern-support';
import { Tier, TierEgress, TierFlow, TierIngress } from './tier';
import { TrafficDirection } from './traffic-direction';
import { NetworkPolicy } from '../constructs/network-policy';
import { Pods } from '../constructs/pods';
import { Peer } from '../model/peer';
import { Port } from '../model/port';
import { selectorCovers } from '../model/selector-coverage';

/**
 * Properties of `Microsegmentation`.
 */
export interface MicrosegmentationProps extends PatternProps {
  /** The tiers (at least one), with distinct names and pods that do not overlap. */
  readonly tiers: Tier[];
  /**
   * The allowed flows between tiers. Nothing else flows between them.
   * @default - none
   */
  readonly flows?: TierFlow[];
  /**
   * The allowed traffic from outside the tiers (other namespaces, CIDRs) into tiers.
   * @default - none
   */
  readonly ingress?: TierIngress[];
  /**
   * The allowed traffic from tiers to outside the tiers (CIDRs, other namespaces).
   * @default - none
   */
  readonly egress?: TierEgress[];
  /**
   * Keep DNS working for every pod of the namespace: UDP and TCP 53 to the cluster DNS pods.
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * Where the cluster DNS is.
   * @default - CoreDNS / kube-dns: pods `k8s-app=kube-dns` in `kube-system`, UDP and TCP 53
   */
  readonly dns?: ClusterDnsOptions;
}

interface TierState {
  readonly tier: Tier;
  readonly ports?: Port[];
  readonly policy: NetworkPolicy;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A namespace cut into tiers, where only the declared flows may pass.
 *
 * Writes a default deny for the whole namespace (ingress and egress, DNS kept unless opted out),
 * named `<name>-default-deny`, and one policy per tier, named `<name>-<tier>`, that selects the
 * tier's pods and allows exactly the declared flows: for a flow from `web` to `api`, egress from
 * `web` to the `api` pods and ingress to `api` from the `web` pods, on the same ports. Nothing flows
 * that was not declared.
 */
export class Microsegmentation extends Construct {
  /** The namespace's default deny. */
  public readonly baseline: DenyAllByDefault;

  private readonly tiers = new Map<string, TierState>();
  private readonly prefix: string;
  private readonly props: MicrosegmentationProps;

  public constructor(scope: Construct, id: string, props: MicrosegmentationProps) {
    super(scope, id);
    this.props = props;
    this.prefix = baseName(this, props.metadata);
    this.baseline = new DenyAllByDefault(this, 'DefaultDeny', {
      metadata: metadataFor(props.metadata, `${this.prefix}-default-deny`),
      direction: TrafficDirection.BOTH,
      allowDns: props.allowDns,
      dns: props.dns,
      strictCidr: props.strictCidr,
    });
    requireNonEmpty(this, 'tiers', props.tiers, 'declare at least one tier');
    props.tiers.forEach((tier, i) => this.addTier(tier, i));
    (props.flows ?? []).forEach((f, i) => this.flow(`flows[${i}]`, f.fromTier, f.toTier, f.ports));
    (props.ingress ?? []).forEach((f, i) => this.fromOutside(`ingress[${i}]`, f.peer, f.toTier, f.ports));
    (props.egress ?? []).forEach((f, i) => this.toOutside(`egress[${i}]`, f.fromTier, f.peer, f.ports));
  }

  /** The names of the tiers, in the order declared. */
  public get tierNames(): string[] {
    return [...this.tiers.keys()];
  }

  /** The policy of a tier. */
  public policyOf(tier: string): NetworkPolicy {
    return this.state(tier, 'policyOf').policy;
  }

  /** Every policy written: the default deny, then one per tier. */
  public get policies(): NetworkPolicy[] {
    return [this.baseline.policy, ...[...this.tiers.values()].map((t) => t.policy)];
  }

  /**
   * Allow `fromTier` to connect to `toTier` on the given ports, or on the ports of `toTier` when
   * none are given.
   */
  public allowFlow(fromTier: string, toTier: string, ...ports: Port[]): void {
    this.flow(`allowFlow(${fromTier}, ${toTier})`, fromTier, toTier, ports.length === 0 ? undefined : ports);
  }

  /** Allow traffic from `peer`, outside the tiers, to `toTier` on the given ports, or on the tier's ports when none are given. */
  public allowFromOutside(peer: Peer, toTier: string, ...ports: Port[]): void {
    this.fromOutside(`allowFromOutside(${peer}, ${toTier})`, peer, toTier, ports.length === 0 ? undefined : ports);
  }

  /** Allow `fromTier` to connect to `peer`, outside the tiers, on the given ports (at least one). */
  public allowToOutside(fromTier: string, peer: Peer, ...ports: Port[]): void {
    this.toOutside(`allowToOutside(${fromTier}, ${peer})`, fromTier, peer, ports);
  }

  private addTier(tier: Tier, index: number): void {
    const what = `tiers[${index}]`;
    if (!DNS_LABEL.test(tier.name ?? '') || tier.name.length > 63) {
      throw new Error(`${this.node.path}: ${what}.name '${tier.name}' must be a DNS label (lowercase letters, digits and '-', such as 'web'): it names the tier's policy`);
    }
    if (this.tiers.has(tier.name)) {
      throw new Error(`${this.node.path}: tier '${tier.name}' is declared twice: give each tier its own name`);
    }
    const pods = requireChosenPods(this, `${what}.pods`, tier.pods);
    if (pods.selector.isEmpty) {
      throw new Error(`${this.node.path}: tier '${tier.name}' selects every pod of the namespace, so it would overlap every other tier; choose its pods by labels or with Pods.of(workload)`);
    }
    for (const other of this.tiers.values()) {
      if (overlaps(pods, other.tier.pods)) {
        throw new Error(`${this.node.path}: the pods of tier '${tier.name}' (${pods.describe()}) and of tier '${other.tier.name}' (${other.tier.pods.describe()}) overlap: a pod in both would get both tiers' flows; give the tiers distinct labels`);
      }
    }
    const declared = pods.containerPorts ?? [];
    const ports = tier.ports !== undefined
      ? requireNonEmpty(this, `${what}.ports`, tier.ports, 'leave it out to use the container ports, or give the ports')
      : declared.length > 0 ? pods.ports() : undefined;
    const policy = new NetworkPolicy(this, `Tier-${tier.name}`, {
      selector: pods,
      metadata: metadataFor(this.props.metadata, `${this.prefix}-${tier.name}`),
      isolateIngress: true,
      isolateEgress: true,
      strictCidr: this.props.strictCidr,
    });
    this.tiers.set(tier.name, { tier, ports, policy });
  }

  private flow(what: string, fromTier: string, toTier: string, ports: Port[] | undefined): void {
    const from = this.state(fromTier, what);
    const to = this.state(toTier, what);
    const allowed = this.portsTo(what, to, ports);
    from.policy.allowEgressToPods(to.tier.pods, ...allowed);
    to.policy.allowIngressFromPods(from.tier.pods, ...allowed);
  }

  private fromOutside(what: string, peer: Peer, toTier: string, ports: Port[] | undefined): void {
    const to = this.state(toTier, what);
    this.checkOutsidePeer(what, peer);
    to.policy.allowIngress(peer, ...this.portsTo(what, to, ports));
  }

  private toOutside(what: string, fromTier: string, peer: Peer, ports: Port[]): void {
    const from = this.state(fromTier, what);
    this.checkOutsidePeer(what, peer);
    requireNonEmpty(this, `${what} ports`, ports, 'give the ports, or Port.allTraffic() to allow every port');
    from.policy.allowEgress(peer, ...ports);
  }

  private checkOutsidePeer(what: string, peer: Peer): void {
    if (peer.ipBlock) checkCidr(this, what, peer.ipBlock.cidr, peer.ipBlock.except);
  }

  private portsTo(what: string, to: TierState, ports: Port[] | undefined): Port[] {
    if (ports !== undefined) return requireNonEmpty(this, `${what} ports`, ports, "leave it out to use the tier's ports, or give the ports");
    if (to.ports === undefined) {
      throw new Error(`${this.node.path}: ${what}: no ports given and tier '${to.tier.name}' has none: give the flow's ports, or the tier's ports (or choose its pods with Pods.of(workload) to use their container ports)`);
    }
    return to.ports;
  }

  private state(tier: string, what: string): TierState {
    const state = this.tiers.get(tier);
    if (state === undefined) {
      throw new Error(`${this.node.path}: ${what}: tier '${tier}' is not declared; declared tiers: ${[...this.tiers.keys()].join(', ') || 'none'}. Declare it in tiers, or fix the name`);
    }
    return state;
  }
}

/**
 * Whether some pod could be in both sets, as far as the selectors tell: the same selector, or one
 * whose labels are a subset of the other's (so every pod of the other is also one of its pods).
 */
function overlaps(a: Pods, b: Pods): boolean {
  if (a.namespace !== b.namespace) return false;
  if (a.selector.toKey() === b.selector.toKey()) return true;
  return selectorCovers(a.selector, b.selector) || selectorCovers(b.selector, a.selector);
}
