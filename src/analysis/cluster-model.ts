import { AddressRange, parseAddressRange } from './address-range';
import { NAMESPACE_NAME_LABEL } from '../model/peer';
import { Protocol } from '../model/protocol';

/** The namespace of objects that name none, as `kubectl apply` would put them. */
export const DEFAULT_NAMESPACE = 'default';

/** The kind given to endpoints outside the cluster. */
export const EXTERNAL_KIND = 'External';

/** A container port of an endpoint: what a named port of a policy resolves to. */
export interface ContainerPortInfo {
  readonly port: number;
  readonly protocol: Protocol;
  readonly name?: string;
}

/** Where an endpoint or a policy was read from. */
export interface SourceLocation {
  readonly file?: string;
  readonly index?: number;
  readonly line?: number;
  /** The path of the object inside its document (`items[2]`), for List objects. */
  readonly path?: string;
  /** The construct path, for an object of a cdk8s app. */
  readonly constructPath?: string;
}

/** A pod, a workload's pod template, or an address range outside the cluster. */
export interface ClusterEndpoint {
  /** `namespace/name[Kind]` for pods and workloads; the CIDR as given for external endpoints. */
  readonly id: string;
  /** `Pod`, `Deployment`, ..., or `External`. */
  readonly kind: string;
  /** The namespace; undefined for external endpoints. */
  readonly namespace?: string;
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly containerPorts: ContainerPortInfo[];
  /** The pod IPs (for external endpoints, the one range they stand for). */
  readonly addresses: AddressRange[];
  /** A pod on the node's network: never selected by a policy, never matched by a pod or namespace selector. */
  readonly hostNetwork: boolean;
  readonly external: boolean;
  /**
   * Whether the pods have `metadata.ownerReferences` (a standalone Pod has none; the pods of a
   * workload's template always do). False for external endpoints.
   */
  readonly owned: boolean;
  /**
   * Whether it is one of the ranges the address space is cut into (see `cutAddressSpace`): such
   * endpoints cover every address once, so two analyses compare range by range.
   */
  addressSpace?: boolean;
  readonly source?: SourceLocation;
}

/** A namespace with its labels (which always include `kubernetes.io/metadata.name`). */
export interface ClusterNamespace {
  readonly name: string;
  readonly labels: { [key: string]: string };
}

function rangeKey(range: AddressRange): string {
  return `${range.family}:${range.first}:${range.last}`;
}

/** The endpoint id of a pod or workload. */
export function endpointId(namespace: string, name: string, kind: string): string {
  return `${namespace}/${name}[${kind}]`;
}

/**
 * The namespaces and endpoints the analysis runs over. Internal to the engine; users reach it
 * through `Reachability`.
 */
export class ClusterModel {
  private readonly namespaceMap = new Map<string, ClusterNamespace>();
  private readonly endpointList: ClusterEndpoint[] = [];
  private readonly endpointIds = new Map<string, ClusterEndpoint>();

  /** The namespaces, in first-seen order. */
  public get namespaces(): ClusterNamespace[] {
    return [...this.namespaceMap.values()];
  }

  /** The endpoints, in the order they were added. */
  public get endpoints(): ClusterEndpoint[] {
    return this.endpointList;
  }

  /**
   * Adds (or relabels) a namespace. `kubernetes.io/metadata.name` is set to the name, as the API
   * server does for every namespace.
   */
  public addNamespace(name: string, labels: { [key: string]: string } = {}): ClusterNamespace {
    const ns: ClusterNamespace = { name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: name } };
    this.namespaceMap.set(name, ns);
    return ns;
  }

  /** The namespace, added with only its name label if unknown so far. */
  public namespace(name: string): ClusterNamespace {
    return this.namespaceMap.get(name) ?? this.addNamespace(name);
  }

  /** Whether a namespace of this name was added. */
  public hasNamespace(name: string): boolean {
    return this.namespaceMap.has(name);
  }

  /** Adds a pod or workload endpoint; its namespace is added if unknown. Returns undefined if the id is taken. */
  public addWorkload(props: {
    namespace?: string;
    name: string;
    kind: string;
    labels?: { [key: string]: string };
    containerPorts?: ContainerPortInfo[];
    ips?: string[];
    hostNetwork?: boolean;
    /** Default: true for workloads, false for a Pod. */
    owned?: boolean;
    source?: SourceLocation;
  }): ClusterEndpoint | undefined {
    const namespace = props.namespace ?? DEFAULT_NAMESPACE;
    this.namespace(namespace);
    const addresses: AddressRange[] = [];
    for (const ip of props.ips ?? []) {
      const range = parseAddressRange(ip);
      if (range && range.first === range.last && !addresses.some((a) => a.family === range.family && a.first === range.first)) addresses.push(range);
    }
    return this.add({
      id: endpointId(namespace, props.name, props.kind),
      kind: props.kind,
      namespace,
      name: props.name,
      labels: { ...(props.labels ?? {}) },
      containerPorts: [...(props.containerPorts ?? [])],
      addresses,
      hostNetwork: props.hostNetwork ?? false,
      external: false,
      owned: props.owned ?? props.kind !== 'Pod',
      source: props.source,
    });
  }

  /** Adds an external endpoint: an IP or a CIDR, whose id is the text as given. Throws if malformed. */
  public addExternal(cidr: string): ClusterEndpoint | undefined {
    const range = parseAddressRange(cidr);
    if (!range) throw new Error(`Not an IP address or CIDR: ${cidr}`);
    return this.add({
      id: cidr,
      kind: EXTERNAL_KIND,
      name: cidr,
      labels: {},
      containerPorts: [],
      addresses: [range],
      hostNetwork: false,
      external: true,
      owned: false,
    });
  }

  /** Adds IPs to a pod endpoint (IPs the user knows, beside those of its manifest). */
  public addAddresses(id: string, ips: string[]): void {
    const endpoint = this.endpointIds.get(id);
    if (!endpoint) throw new Error(`No endpoint ${id}`);
    for (const ip of ips) {
      const range = parseAddressRange(ip);
      if (!range || range.first !== range.last) throw new Error(`Not an IP address: ${ip}`);
      if (!endpoint.addresses.some((a) => a.family === range.family && a.first === range.first)) endpoint.addresses.push(range);
    }
  }

  /** The endpoint with this id. */
  public endpoint(id: string): ClusterEndpoint | undefined {
    return this.endpointIds.get(id);
  }

  /** The labels of a namespace (just its name label when it was never declared). */
  public namespaceLabels(name: string): { [key: string]: string } {
    return this.namespaceMap.get(name)?.labels ?? { [NAMESPACE_NAME_LABEL]: name };
  }

  /**
   * Adds the ranges of the cut address space as endpoints outside the cluster, after the others.
   * A range that an external endpoint already stands for exactly becomes that endpoint (its id as
   * the user wrote it).
   */
  public addAddressSpace(ranges: readonly AddressRange[], endpointOf: (range: AddressRange) => ClusterEndpoint): void {
    const given = new Map<string, ClusterEndpoint>();
    for (const e of this.endpointList) if (e.external) given.set(rangeKey(e.addresses[0]), e);
    for (const range of ranges) {
      const existing = given.get(rangeKey(range));
      if (existing) existing.addressSpace = true;
      else this.add(endpointOf(range));
    }
  }

  private add(endpoint: ClusterEndpoint): ClusterEndpoint | undefined {
    if (this.endpointIds.has(endpoint.id)) return undefined;
    this.endpointIds.set(endpoint.id, endpoint);
    this.endpointList.push(endpoint);
    return endpoint;
  }
}
