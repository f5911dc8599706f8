import { LabelSelector, SelectorOperator } from '../../model/label-selector';

/**
 * The label Calico gives every workload endpoint of a Kubernetes pod. Calico's own conversion of a
 * v1 NetworkPolicy puts it in every pod selector, so that the selector matches pods only (not host
 * endpoints or network sets that happen to carry the same labels).
 */
export const CALICO_ORCHESTRATOR_LABEL = 'projectcalico.org/orchestrator';

/** Calico's label keys: `[a-zA-Z0-9_./-]{1,512}` (libcalico-go selector tokenizer, LabelKeyMatcher). */
const LABEL_KEY = /^[a-zA-Z0-9_./-]{1,512}$/;

/** Whether a selector is of pods (prefixed with the orchestrator term) or of namespaces. */
export enum CalicoSelectorKind {
  /** Pods: `projectcalico.org/orchestrator == 'k8s'` and the selector's terms. */
  PODS = 'pods',
  /** Namespaces: the selector's terms, `all()` for the empty selector. */
  NAMESPACES = 'namespaces',
}

/**
 * A Kubernetes label selector in Calico's selector language, as libcalico-go's
 * `k8sSelectorToCalico` writes it (sorted matchLabels, then the expressions in order), with values
 * quoted so that the tokenizer reads them back unchanged. Calico strings have no escapes: a value
 * holding `'` is written in double quotes, and one holding both quotes cannot be written (Kubernetes
 * label values never hold either).
 */
export function calicoSelector(selector: LabelSelector, kind: CalicoSelectorKind): string {
  const terms: string[] = kind === CalicoSelectorKind.PODS ? [`${CALICO_ORCHESTRATOR_LABEL} == 'k8s'`] : [];
  if (kind === CalicoSelectorKind.NAMESPACES && selector.isEmpty) return 'all()';
  for (const key of Object.keys(selector.matchLabels).sort()) {
    terms.push(`${calicoLabelKey(key)} == ${calicoString(selector.matchLabels[key])}`);
  }
  for (const r of selector.matchExpressions) {
    const key = calicoLabelKey(r.key);
    const values = (r.values ?? []).map(calicoString).join(', ');
    switch (r.operator) {
      case SelectorOperator.IN: terms.push(`${key} in { ${values} }`); break;
      case SelectorOperator.NOT_IN: terms.push(`${key} not in { ${values} }`); break;
      case SelectorOperator.EXISTS: terms.push(`has(${key})`); break;
      case SelectorOperator.DOES_NOT_EXIST: terms.push(`!has(${key})`); break;
      default: throw new Error(`label selector operator ${JSON.stringify(r.operator)} has no Calico form; use In, NotIn, Exists or DoesNotExist`);
    }
  }
  return terms.join(' && ');
}

/** `key == 'value'` for each label, joined with `&&`, in key order; `all()` when there are none. */
export function calicoLabelsSelector(labels: { [key: string]: string }): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return 'all()';
  return keys.map((k) => `${calicoLabelKey(k)} == ${calicoString(labels[k])}`).join(' && ');
}

/** A string literal of Calico's selector language. */
export function calicoString(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new Error(`the value ${JSON.stringify(value)} holds both ' and ", which Calico's selector language cannot quote`);
}

function calicoLabelKey(key: string): string {
  if (!LABEL_KEY.test(key)) {
    throw new Error(`the label key ${JSON.stringify(key)} cannot be written in a Calico selector (keys are 1 to 512 of a-z, A-Z, 0-9, _ . / -)`);
  }
  return key;
}
