import { describeArgument, requireInstance, requireLabels, requireString, requireText } from './argument-checks';
import { CidrPeerOptions, IpBlock } from './ip-block';
import { LabelSelector } from './label-selector';

/** The namespace label that Kubernetes sets on every namespace to its name (since 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Which kind of peer this is.
 */
export enum PeerKind {
  /** Pods of the policy's own namespace (`podSelector` alone). */
  PODS = 'Pods',
  /** Every pod of the selected namespaces (`namespaceSelector` alone). */
  NAMESPACES = 'Namespaces',
  /** The selected pods of the selected namespaces (`namespaceSelector` AND `podSelector` in one peer). */
  PODS_IN_NAMESPACES = 'PodsInNamespaces',
  /** Addresses of a CIDR (`ipBlock`). */
  IP_BLOCK = 'IpBlock',
  /** Everything: inside and outside the cluster (the rule has no `from`/`to`). */
  ANYWHERE = 'Anywhere',
  /** The nodes that match a label selector (admin policies' `nodes`; not in a Kubernetes NetworkPolicy). */
  NODES = 'Nodes',
  /**
   * Addresses of CIDRs without exceptions (admin policies' `networks`), matched by IP: pods' IPs
   * included. Not in a Kubernetes NetworkPolicy (use `Peer.cidr` there).
   */
  NETWORKS = 'Networks',
  /** Domain names resolved by the plugin (admin policies' `domainNames`, egress Allow only). */
  DOMAIN_NAMES = 'DomainNames',
}

/** The peer kinds that only the cluster-wide policy APIs have. */
export const ADMIN_ONLY_PEER_KINDS: PeerKind[] = [PeerKind.NODES, PeerKind.NETWORKS, PeerKind.DOMAIN_NAMES];

/**
 * The other side of a rule: where ingress may come from, or where egress may go.
 *
 * A pod selector and a namespace selector in one peer are an AND; to allow either, use two peers.
 */
export class Peer {
  /**
   * Pods of the policy's own namespace that match the selector. `LabelSelector.all()` means every
   * pod of that namespace, and never pods of other namespaces (use `anyPodInCluster()` for those).
   */
  public static pods(selector: LabelSelector): Peer {
    return new Peer(PeerKind.PODS, requireSelector('Peer.pods(selector)', 'selector', selector));
  }

  /** Pods of the policy's own namespace with all of these labels. */
  public static podsWithLabels(labels: { [key: string]: string }): Peer {
    return Peer.pods(LabelSelector.labels(requireLabels('Peer.podsWithLabels(labels)', 'labels', labels)));
  }

  /** Every pod of the namespaces that match the selector. */
  public static namespaces(selector: LabelSelector): Peer {
    return new Peer(PeerKind.NAMESPACES, undefined, requireSelector('Peer.namespaces(selector)', 'selector', selector));
  }

  /** Every pod of one namespace, chosen by name (label `kubernetes.io/metadata.name`). */
  public static namespace(name: string): Peer {
    return Peer.namespaces(LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: requireText('Peer.namespace(name)', 'name', name) }));
  }

  /** The pods that match `pods` in the namespaces that match `namespaces`: one AND peer. */
  public static podsIn(namespaces: LabelSelector, pods: LabelSelector): Peer {
    const call = 'Peer.podsIn(namespaces, pods)';
    return new Peer(PeerKind.PODS_IN_NAMESPACES, requireSelector(call, 'pods', pods), requireSelector(call, 'namespaces', namespaces));
  }

  /** The pods that match `pods` in the namespace with this name: one AND peer. */
  public static podsInNamespace(name: string, pods: LabelSelector): Peer {
    const call = 'Peer.podsInNamespace(name, pods)';
    return Peer.podsIn(LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: requireText(call, 'name', name) }), requireSelector(call, 'pods', pods));
  }

  /** Every pod of every namespace (`namespaceSelector: {}`); not addresses outside the cluster. */
  public static anyPodInCluster(): Peer {
    return Peer.namespaces(LabelSelector.all());
  }

  /** The addresses of a CIDR, less its exceptions (`ipBlock`). */
  public static cidr(cidr: string, options: CidrPeerOptions = {}): Peer {
    const call = 'Peer.cidr(cidr, options)';
    const except = options?.except ?? [];
    if (!Array.isArray(except)) throw new TypeError(`${call}: except must be a list of CIDRs, got ${typeof except}`);
    return new Peer(PeerKind.IP_BLOCK, undefined, undefined, {
      cidr: requireString(call, 'cidr', cidr),
      except: except.map((e, i) => requireString(call, `except[${i}]`, e)),
    });
  }

  /**
   * The nodes whose labels match the selector (`nodes` of AdminNetworkPolicy / ClusterNetworkPolicy
   * egress rules): traffic to the nodes' own addresses, host-network pods included.
   */
  public static nodes(selector: LabelSelector): Peer {
    return new Peer(PeerKind.NODES, undefined, undefined, undefined, undefined, undefined,
      requireSelector('Peer.nodes(selector)', 'selector', selector));
  }

  /**
   * The addresses of these CIDRs (`networks` of admin policies), at most 25, matched by IP, so pods
   * whose IPs are inside match too (`0.0.0.0/0` is every IPv4 pod as well).
   */
  public static networks(cidrs: string[]): Peer {
    const call = 'Peer.networks(cidrs)';
    if (!Array.isArray(cidrs) || cidrs.length === 0) throw new TypeError(`${call}: cidrs must be a non-empty list of CIDRs, got ${describeArgument(cidrs)}`);
    return new Peer(PeerKind.NETWORKS, undefined, undefined, undefined, cidrs.map((c, i) => requireString(call, `cidrs[${i}]`, c)));
  }

  /**
   * Domain names (`domainNames` of admin policies' egress rules, Allow only): `example.com`, or
   * `*.example.com` for its subdomains. The plugin resolves them; the analysis cannot, and treats
   * them as matching no endpoint (an Allow that it cannot see).
   */
  public static domainNames(names: string[]): Peer {
    const call = 'Peer.domainNames(names)';
    if (!Array.isArray(names) || names.length === 0) throw new TypeError(`${call}: names must be a non-empty list of domain names, got ${describeArgument(names)}`);
    return new Peer(PeerKind.DOMAIN_NAMES, undefined, undefined, undefined, undefined, names.map((n, i) => requireText(call, `names[${i}]`, n)));
  }

  /**
   * Everything, inside and outside the cluster: the rule is written without `from`/`to`.
   * Allowing everything takes this explicit call; an empty list of peers is never read as "all".
   */
  public static anywhere(): Peer {
    return new Peer(PeerKind.ANYWHERE);
  }

  /** The kind of peer. */
  public readonly kind: PeerKind;
  /**
   * The pod selector.
   * @default - none: not a pod peer
   */
  public readonly podSelector?: LabelSelector;
  /**
   * The namespace selector.
   * @default - none: pods of the policy's own namespace, or not a pod peer
   */
  public readonly namespaceSelector?: LabelSelector;
  /**
   * The CIDR and its exceptions.
   * @default - none: not an ipBlock peer
   */
  public readonly ipBlock?: IpBlock;
  /**
   * The CIDRs of a `networks` peer.
   * @default - none: not a networks peer
   */
  public readonly networkCidrs?: string[];
  /**
   * The domain names of a `domainNames` peer.
   * @default - none: not a domainNames peer
   */
  public readonly domainNameList?: string[];
  /**
   * The node selector of a `nodes` peer.
   * @default - none: not a nodes peer
   */
  public readonly nodeSelector?: LabelSelector;

  private cachedKey?: string;

  private constructor(kind: PeerKind, podSelector?: LabelSelector, namespaceSelector?: LabelSelector, ipBlock?: IpBlock,
    networks?: string[], domainNames?: string[], nodeSelector?: LabelSelector) {
    this.kind = kind;
    this.podSelector = podSelector;
    this.namespaceSelector = namespaceSelector;
    this.ipBlock = ipBlock;
    this.networkCidrs = networks;
    this.domainNameList = domainNames;
    this.nodeSelector = nodeSelector;
  }

  /**
   * The peer as a Kubernetes `NetworkPolicyPeer` (undefined for `anywhere()`, which has none).
   * Throws for the peers that only admin policies have (nodes, networks, domain names).
   */
  public toJson(): any {
    const json: any = {};
    if (this.kind === PeerKind.ANYWHERE) return undefined;
    if (ADMIN_ONLY_PEER_KINDS.includes(this.kind)) {
      throw new Error(`${this.toString()} cannot be written in a Kubernetes NetworkPolicy: ${this.kind} peers exist only in AdminNetworkPolicy and ClusterNetworkPolicy${this.kind === PeerKind.NETWORKS ? '; use Peer.cidr(...) for an ipBlock' : ''}`);
    }
    if (this.ipBlock) {
      json.ipBlock = { cidr: this.ipBlock.cidr };
      if (this.ipBlock.except.length > 0) json.ipBlock.except = [...this.ipBlock.except];
    }
    if (this.namespaceSelector) json.namespaceSelector = this.namespaceSelector.toJson();
    if (this.podSelector) json.podSelector = this.podSelector.toJson();
    return json;
  }

  /** A canonical string of this peer: equal peers give equal keys. */
  public toKey(): string {
    // The object is immutable and keys are asked for on every merge: compute once.
    if (this.cachedKey === undefined) this.cachedKey = this.computeKey();
    return this.cachedKey;
  }

  private computeKey(): string {
    switch (this.kind) {
      case PeerKind.ANYWHERE:
        return 'anywhere';
      case PeerKind.IP_BLOCK:
        return `ip:${this.ipBlock!.cidr}!${[...new Set(this.ipBlock!.except)].sort().join(',')}`;
      case PeerKind.NETWORKS:
        return `networks:${[...new Set(this.networkCidrs!)].sort().join(',')}`;
      case PeerKind.DOMAIN_NAMES:
        return `domains:${[...new Set(this.domainNameList!)].sort().join(',')}`;
      case PeerKind.NODES:
        return `nodes:${this.nodeSelector!.toKey()}`;
      default:
        return `${this.kind}:${this.namespaceSelector?.toKey() ?? ''}:${this.podSelector?.toKey() ?? ''}`;
    }
  }

  /** A short human form, such as `pods {app=web}`, `namespace frontend`, `10.0.0.0/16 except 10.0.1.0/24`. */
  public toString(): string {
    switch (this.kind) {
      case PeerKind.ANYWHERE:
        return 'anywhere';
      case PeerKind.IP_BLOCK: {
        const except = this.ipBlock!.except;
        return except.length > 0 ? `${this.ipBlock!.cidr} except ${except.join(', ')}` : this.ipBlock!.cidr;
      }
      case PeerKind.NETWORKS:
        return `networks ${this.networkCidrs!.join(', ')}`;
      case PeerKind.DOMAIN_NAMES:
        return `domain names ${this.domainNameList!.join(', ')}`;
      case PeerKind.NODES:
        return `nodes ${describeSelector(this.nodeSelector!)}`;
      case PeerKind.PODS:
        return `pods ${describeSelector(this.podSelector!)} of the policy's namespace`;
      case PeerKind.NAMESPACES:
        return `all pods of namespaces ${describeSelector(this.namespaceSelector!)}`;
      default:
        return `pods ${describeSelector(this.podSelector!)} of namespaces ${describeSelector(this.namespaceSelector!)}`;
    }
  }
}

function requireSelector(call: string, what: string, value: unknown): LabelSelector {
  return requireInstance(call, what, value, LabelSelector, 'a LabelSelector (LabelSelector.labels({...}), LabelSelector.of({...}) or LabelSelector.all())');
}

/** A short human form of a selector: `{app=web, tier in (a,b)}`; `{}` for all. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions) {
    const values = (r.values ?? []).join(',');
    switch (r.operator) {
      case 'In': parts.push(`${r.key} in (${values})`); break;
      case 'NotIn': parts.push(`${r.key} notin (${values})`); break;
      case 'Exists': parts.push(r.key); break;
      default: parts.push(`!${r.key}`);
    }
  }
  return `{${parts.join(', ')}}`;
}
