import { Construct } from 'constructs';
import { PatternProps } from './pattern-props';
import { baseName, metadataFor, portsOrDeclared, requireChosenPods, requireNonEmpty } from './pattern-support';
import { NetworkPolicy } from '../constructs/network-policy';
import { Pods } from '../constructs/pods';
import { Port } from '../model/port';

/**
 * Properties of `AllowFromPods`.
 */
export interface AllowFromPodsProps extends PatternProps {
  /** The pods that accept the traffic: `Pods.of(workload)`, `Pods.labels({...})` or `Pods.all()`. */
  readonly selector: Pods;
  /**
   * The pods of the same namespace the traffic may come from (at least one; `Pods.all()` for every pod
   * of the namespace). For pods of other namespaces use `AllowFromNamespace`.
   */
  readonly sources: Pods[];
  /**
   * The ports the traffic may use (at least one).
   * @default - the container ports of `selector` when chosen with `Pods.of(workload)` (number and protocol); otherwise every port
   */
  readonly ports?: Port[];
}

/**
 * Allow ingress to the chosen pods from chosen pods of the same namespace, optionally on given ports.
 *
 * Writes one NetworkPolicy, named after the construct id. It isolates the chosen pods for ingress.
 */
export class AllowFromPods extends Construct {
  /** The policy. */
  public readonly policy: NetworkPolicy;

  public constructor(scope: Construct, id: string, props: AllowFromPodsProps) {
    super(scope, id);
    const selector = requireChosenPods(this, 'selector', props.selector);
    const sources = requireNonEmpty(this, 'sources', props.sources, 'choose the pods that may connect, or Pods.all() for every pod of the namespace')
      .map((pods, i) => requireChosenPods(this, `sources[${i}]`, pods));
    const ports = portsOrDeclared(this, 'ports', props.ports, selector);
    this.policy = new NetworkPolicy(this, 'Policy', {
      selector,
      metadata: metadataFor(props.metadata, baseName(this, props.metadata)),
      isolateIngress: true,
      strictCidr: props.strictCidr,
    });
    for (const pods of sources) {
      if (pods.namespace !== undefined && pods.namespace !== this.policy.namespace) {
        throw new Error(`${this.node.path}: ${pods.describe()} are in namespace '${pods.namespace}', not the policy's ('${this.policy.namespace ?? 'unset'}'): AllowFromPods allows pods of the same namespace; use AllowFromNamespace for other namespaces`);
      }
      this.policy.allowIngressFromPods(pods, ...ports);
    }
  }
}
