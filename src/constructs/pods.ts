import * as kplus from 'cdk8s-plus-29';
import { describeArgument, requireInstance, requireLabels } from '../model/argument-checks';
import { LabelSelector, LabelSelectorRequirement, SelectorOperator } from '../model/label-selector';
import { Peer } from '../model/peer';
import { dedupe } from '../model/policy-rule';
import { Port } from '../model/port';
import { Protocol } from '../model/protocol';

/**
 * A port that a container declares (`containers[].ports[]`).
 */
export interface DeclaredContainerPort {
  /** The port number. */
  readonly number: number;
  /** The protocol. */
  readonly protocol: Protocol;
  /**
   * The port's name, which named ports in policies refer to.
   * @default - unnamed
   */
  readonly name?: string;
}

/**
 * Options of `Pods.select`.
 */
export interface PodsSelectOptions {
  /**
   * The namespace of the pods.
   * @default - the namespace of the policy that uses them
   */
  readonly namespace?: string;
}

/**
 * A set of pods: chosen by labels, or the pods of a cdk8s-plus workload.
 *
 * Pods chosen from a workload (`Pods.of(deployment)`) know its namespace and its containers'
 * ports, so named ports can be checked and resolved against them.
 */
export class Pods {
  /** Every pod of the policy's namespace. */
  public static all(): Pods {
    return new Pods(LabelSelector.all(), undefined, undefined, 'all pods');
  }

  /** The pods with all of these labels (at least one: every pod is `Pods.all()`). */
  public static labels(labels: { [key: string]: string }): Pods {
    if (Object.keys(requireLabels('Pods.labels(labels)', 'labels', labels)).length === 0) {
      throw new Error('Pods.labels() needs at least one label: with none it would choose every pod of the namespace; use Pods.all() if every pod is meant');
    }
    return Pods.select(LabelSelector.labels(labels));
  }

  /** The pods that match a selector (not the empty one: every pod is `Pods.all()`). */
  public static select(selector: LabelSelector, options: PodsSelectOptions = {}): Pods {
    requireInstance('Pods.select(selector)', 'selector', selector, LabelSelector, 'a LabelSelector (LabelSelector.labels({...}) or LabelSelector.of({...}))');
    if (selector.isEmpty) {
      throw new Error('Pods.select() got an empty selector, which would choose every pod of the namespace; use Pods.all() if every pod is meant');
    }
    return new Pods(selector, options.namespace, undefined, undefined);
  }

  /**
   * The pods of a cdk8s-plus-29 workload or pod (`Deployment`, `StatefulSet`, `DaemonSet`, `Job`,
   * `Pod`, ...), with its namespace and its containers' ports.
   */
  public static of(workload: kplus.IPodSelector): Pods {
    if (typeof (workload as { toPodSelectorConfig?: unknown } | undefined)?.toPodSelectorConfig !== 'function') {
      throw new TypeError(`Pods.of(workload): workload must be a cdk8s-plus workload or pod (Deployment, StatefulSet, DaemonSet, Job, Pod, ...), got ${describeArgument(workload)}`);
    }
    const config = workload.toPodSelectorConfig();
    const selector = fromPlusSelector(config.labelSelector);
    const names = config.namespaces?.names ?? [];
    const namespace = names.length === 1 ? names[0] : undefined;
    const ports = workload instanceof kplus.AbstractPod ? containerPortsOf(workload) : undefined;
    return new Pods(selector, namespace, ports, workload.node.path);
  }

  /** The label selector of these pods. */
  public readonly selector: LabelSelector;
  /**
   * The namespace of these pods.
   * @default - the namespace of the policy that uses them
   */
  public readonly namespace?: string;
  /**
   * The ports their containers declare, when known (pods of a workload).
   * @default - unknown
   */
  public readonly containerPorts?: DeclaredContainerPort[];
  /**
   * What these pods are, for messages: the workload's construct path.
   * @default - described by their selector
   */
  public readonly source?: string;

  private constructor(selector: LabelSelector, namespace?: string, containerPorts?: DeclaredContainerPort[], source?: string) {
    this.selector = selector;
    this.namespace = namespace;
    this.containerPorts = containerPorts;
    this.source = source;
  }

  /** Whether these are every pod of the namespace (`Pods.all()`). */
  public get isAll(): boolean {
    return this.selector.isEmpty;
  }

  /**
   * The named port `name` of these pods' containers, with the container's protocol.
   * Throws when the pods' ports are not known or none is called `name`.
   */
  public port(name: string): Port {
    const found = this.declared().filter((p) => p.name === name);
    if (found.length === 0) {
      throw new Error(`${this.describe()} declares no container port named '${name}'; declared: ${describePorts(this.declared())}`);
    }
    return Port.named(name, found[0].protocol);
  }

  /** Every port the pods' containers declare, by number and protocol. Throws when the ports are not known. */
  public ports(): Port[] {
    const declared = this.declared();
    if (declared.length === 0) throw new Error(`${this.describe()} declares no container ports`);
    return dedupePorts(declared.map((p) => Port.of(p.protocol, p.number)));
  }

  /**
   * These pods as a peer of a policy in `policyNamespace`: pods of the policy's namespace, or,
   * when they live in another namespace, the pods of that namespace (one AND peer).
   */
  public toPeer(policyNamespace?: string): Peer {
    if (this.namespace === undefined || this.namespace === policyNamespace) return Peer.pods(this.selector);
    return Peer.podsInNamespace(this.namespace, this.selector);
  }

  /** A short human form: the workload's path, or the selector. */
  public describe(): string {
    return this.source ?? `pods ${JSON.stringify(this.selector.toJson())}`;
  }

  private declared(): DeclaredContainerPort[] {
    if (this.containerPorts === undefined) {
      throw new Error(`the container ports of ${this.describe()} are not known: choose the pods with Pods.of(workload)`);
    }
    return this.containerPorts;
  }
}

function dedupePorts(ports: Port[]): Port[] {
  return dedupe(ports, (p) => p.toKey());
}

/** A short human form of declared ports: `http/TCP 8080, dns/UDP 53`. */
export function describePorts(ports: DeclaredContainerPort[]): string {
  if (ports.length === 0) return 'none';
  return ports.map((p) => `${p.name ?? '(unnamed)'}/${p.protocol} ${p.number}`).join(', ');
}

function containerPortsOf(pod: kplus.AbstractPod): DeclaredContainerPort[] {
  const out: DeclaredContainerPort[] = [];
  for (const container of [...pod.containers, ...pod.initContainers]) {
    for (const p of container.ports) {
      out.push({ number: p.number, protocol: (p.protocol ?? Protocol.TCP) as unknown as Protocol, name: p.name });
    }
  }
  return out;
}

/** cdk8s-plus keeps its selector's parts private; its Kubernetes form is the stable way to read them. */
function fromPlusSelector(selector: kplus.LabelSelector): LabelSelector {
  const kube = (selector as any)._toKube() as { matchLabels?: { [key: string]: string }; matchExpressions?: any[] };
  const expressions: LabelSelectorRequirement[] = (kube.matchExpressions ?? []).map((e: any) => ({
    key: e.key,
    operator: e.operator as SelectorOperator,
    values: e.values,
  }));
  return LabelSelector.of({ labels: kube.matchLabels ?? {}, expressions });
}
