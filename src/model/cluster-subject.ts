import { requireInstance } from './argument-checks';
import { LabelSelector } from './label-selector';
import { describeSelector } from './peer';

/**
 * The pods a cluster-wide policy applies to: every pod of the selected namespaces, or the selected
 * pods of the selected namespaces. Host-network pods are never subjects.
 */
export class ClusterSubject {
  /** Every pod of the namespaces that match the selector (`subject.namespaces`). */
  public static namespaces(selector: LabelSelector): ClusterSubject {
    return new ClusterSubject(requireSelector('ClusterSubject.namespaces(selector)', 'selector', selector));
  }

  /** Every pod of the cluster (`subject.namespaces: {}`). */
  public static allPods(): ClusterSubject {
    return new ClusterSubject(LabelSelector.all());
  }

  /** The pods that match `pods` in the namespaces that match `namespaces` (`subject.pods`). */
  public static podsIn(namespaces: LabelSelector, pods: LabelSelector): ClusterSubject {
    const call = 'ClusterSubject.podsIn(namespaces, pods)';
    return new ClusterSubject(requireSelector(call, 'namespaces', namespaces), requireSelector(call, 'pods', pods));
  }

  /** The namespace selector. */
  public readonly namespaceSelector: LabelSelector;
  /**
   * The pod selector.
   * @default - none: every pod of the selected namespaces
   */
  public readonly podSelector?: LabelSelector;

  private constructor(namespaceSelector: LabelSelector, podSelector?: LabelSelector) {
    this.namespaceSelector = namespaceSelector;
    this.podSelector = podSelector;
  }

  /** A canonical string: equal subjects give equal keys. */
  public toKey(): string {
    return `${this.namespaceSelector.toKey()}|${this.podSelector?.toKey() ?? '-'}`;
  }

  /** A short human form: `pods {app=web} of namespaces {team=a}`, `all pods of namespaces {}`. */
  public toString(): string {
    return this.podSelector === undefined
      ? `all pods of namespaces ${describeSelector(this.namespaceSelector)}`
      : `pods ${describeSelector(this.podSelector)} of namespaces ${describeSelector(this.namespaceSelector)}`;
  }
}

function requireSelector(call: string, what: string, value: unknown): LabelSelector {
  return requireInstance(call, what, value, LabelSelector, 'a LabelSelector (LabelSelector.labels({...}), LabelSelector.of({...}) or LabelSelector.all())');
}
