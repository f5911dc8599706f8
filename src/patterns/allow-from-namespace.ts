import { Construct } from 'constructs';
import { PatternProps } from './pattern-props';
import { baseName, metadataFor, portsOrDeclared, requireChosenPods } from './pattern-support';
import { NetworkPolicy } from '../constructs/network-policy';
import { Pods } from '../constructs/pods';
import { LabelSelector } from '../model/label-selector';
import { NAMESPACE_NAME_LABEL, Peer } from '../model/peer';
import { Port } from '../model/port';

/**
 * Properties of `AllowFromNamespace`.
 */
export interface AllowFromNamespaceProps extends PatternProps {
  /** The pods that accept the traffic: `Pods.of(workload)`, `Pods.labels({...})` or `Pods.all()`. */
  readonly selector: Pods;
  /**
   * The namespace the traffic may come from, by name (label `kubernetes.io/metadata.name`).
   * Give this or `namespaceSelector`.
   * @default - the namespace of `fromPods` when it is a workload of another namespace; else `namespaceSelector` is required
   */
  readonly namespace?: string;
  /**
   * The namespaces the traffic may come from, by their labels. Give this or `namespace`. An empty
   * selector (every namespace) is refused.
   * @default - the namespace named `namespace`
   */
  readonly namespaceSelector?: LabelSelector;
  /**
   * Only these pods of that namespace (one peer: namespace AND pods).
   * @default - every pod of the namespace
   */
  readonly fromPods?: Pods;
  /**
   * The ports the traffic may use (at least one).
   * @default - the container ports of `selector` when chosen with `Pods.of(workload)` (number and protocol); otherwise every port
   */
  readonly ports?: Port[];
}

/**
 * Allow ingress to the chosen pods from a namespace chosen by name or by labels, optionally only
 * from chosen pods there and only on given ports.
 *
 * Writes one NetworkPolicy, named after the construct id. It isolates the chosen pods for ingress.
 */
export class AllowFromNamespace extends Construct {
  /** The policy. */
  public readonly policy: NetworkPolicy;
  /** The peer allowed: every pod of the namespace(s), or the chosen pods there. */
  public readonly peer: Peer;

  public constructor(scope: Construct, id: string, props: AllowFromNamespaceProps) {
    super(scope, id);
    const selector = requireChosenPods(this, 'selector', props.selector);
    const fromPods = props.fromPods === undefined ? undefined : requireChosenPods(this, 'fromPods', props.fromPods);
    const namespaces = this.namespaces(props, fromPods);
    this.peer = fromPods === undefined || fromPods.selector.isEmpty
      ? Peer.namespaces(namespaces)
      : Peer.podsIn(namespaces, fromPods.selector);
    const ports = portsOrDeclared(this, 'ports', props.ports, selector);
    this.policy = new NetworkPolicy(this, 'Policy', {
      selector,
      metadata: metadataFor(props.metadata, baseName(this, props.metadata)),
      isolateIngress: true,
      strictCidr: props.strictCidr,
    });
    this.policy.allowIngress(this.peer, ...ports);
  }

  private namespaces(props: AllowFromNamespaceProps, fromPods: Pods | undefined): LabelSelector {
    if (props.namespace !== undefined && props.namespaceSelector !== undefined) {
      throw new Error(`${this.node.path}: both namespace and namespaceSelector are given: keep one (namespace chooses by name, namespaceSelector by labels)`);
    }
    if (props.namespaceSelector !== undefined) {
      if (props.namespaceSelector.isEmpty) {
        throw new Error(`${this.node.path}: namespaceSelector is empty, which would choose every namespace; give labels, or use NetworkPolicy.allowIngress(Peer.anyPodInCluster(), ...) if the whole cluster is meant`);
      }
      return props.namespaceSelector;
    }
    const name = props.namespace ?? fromPods?.namespace;
    if (name === undefined || name === '') {
      throw new Error(`${this.node.path}: no namespace chosen: give namespace (a name) or namespaceSelector (labels)`);
    }
    if (fromPods?.namespace !== undefined && fromPods.namespace !== name) {
      throw new Error(`${this.node.path}: fromPods (${fromPods.describe()}) are in namespace '${fromPods.namespace}', not '${name}': set namespace to '${fromPods.namespace}' or choose other pods`);
    }
    return LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: name });
  }
}
