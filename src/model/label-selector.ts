import { describeArgument, requireLabels } from './argument-checks';

/**
 * An operator of a label selector requirement (`matchExpressions[].operator`).
 */
export enum SelectorOperator {
  /** The label's value is one of the values. */
  IN = 'In',
  /** The label is absent, or its value is none of the values. */
  NOT_IN = 'NotIn',
  /** The label is present, whatever its value. */
  EXISTS = 'Exists',
  /** The label is absent. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/**
 * One requirement of a label selector (an item of `matchExpressions`).
 */
export interface LabelSelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** How the label's value is compared. */
  readonly operator: SelectorOperator;
  /**
   * The values, for `In` and `NotIn` (at least one). Must be empty for `Exists` and `DoesNotExist`.
   * @default - no values
   */
  readonly values?: string[];
}

/**
 * Options of a label selector.
 */
export interface LabelSelectorOptions {
  /**
   * Labels that must all be present with exactly these values (`matchLabels`).
   * @default - no label is required
   */
  readonly labels?: { [key: string]: string };
  /**
   * Requirements that must all hold (`matchExpressions`).
   * @default - no requirement
   */
  readonly expressions?: LabelSelectorRequirement[];
}

/**
 * A Kubernetes label selector: `matchLabels` AND `matchExpressions`.
 *
 * The empty selector selects everything (all pods of a namespace, or all namespaces).
 */
export class LabelSelector {
  /** A selector that matches everything (`{}`). */
  public static all(): LabelSelector {
    return new LabelSelector({}, []);
  }

  /** A selector that matches the given labels exactly (`matchLabels`). */
  public static labels(labels: { [key: string]: string }): LabelSelector {
    return new LabelSelector({ ...requireLabels('LabelSelector.labels(labels)', 'labels', labels) }, []);
  }

  /** A selector of labels and expressions, all of which must hold. */
  public static of(options: LabelSelectorOptions): LabelSelector {
    const call = 'LabelSelector.of(options)';
    if (typeof options !== 'object' || options === null) throw new TypeError(`${call}: options must be an object ({ labels, expressions }), got ${describeArgument(options)}`);
    const labels = options.labels === undefined ? {} : requireLabels(call, 'labels', options.labels);
    const expressions = options.expressions ?? [];
    if (!Array.isArray(expressions)) throw new TypeError(`${call}: expressions must be a list, got ${describeArgument(expressions)}`);
    return new LabelSelector({ ...labels }, expressions.map((r, i) => copyRequirement(checkRequirement(call, i, r))));
  }

  /** The required labels (`matchLabels`). */
  public readonly matchLabels: { [key: string]: string };
  /** The requirements (`matchExpressions`). */
  public readonly matchExpressions: LabelSelectorRequirement[];

  private cachedKey?: string;

  private constructor(matchLabels: { [key: string]: string }, matchExpressions: LabelSelectorRequirement[]) {
    this.matchLabels = matchLabels;
    this.matchExpressions = matchExpressions;
  }

  /** Whether this selector matches everything. */
  public get isEmpty(): boolean {
    return Object.keys(this.matchLabels).length === 0 && this.matchExpressions.length === 0;
  }

  /** Whether an object with these labels is selected. */
  public matches(labels: { [key: string]: string }): boolean {
    for (const [key, value] of Object.entries(this.matchLabels)) {
      if (!hasOwn(labels, key) || labels[key] !== value) return false;
    }
    for (const requirement of this.matchExpressions) {
      if (!requirementMatches(requirement, labels)) return false;
    }
    return true;
  }

  /** The selector as Kubernetes JSON; empty parts are left out. */
  public toJson(): any {
    const json: any = {};
    if (Object.keys(this.matchLabels).length > 0) json.matchLabels = { ...this.matchLabels };
    if (this.matchExpressions.length > 0) {
      json.matchExpressions = this.matchExpressions.map((r) => {
        const out: any = { key: r.key, operator: r.operator };
        if (r.values !== undefined && r.values.length > 0) out.values = [...r.values];
        return out;
      });
    }
    return json;
  }

  /** A canonical string of this selector: equal selectors give equal keys. */
  public toKey(): string {
    // The object is immutable and keys are asked for on every merge: compute once.
    if (this.cachedKey === undefined) this.cachedKey = this.computeKey();
    return this.cachedKey;
  }

  private computeKey(): string {
    const labels = Object.keys(this.matchLabels).sort().map((k) => [k, this.matchLabels[k]]);
    const expressions = this.matchExpressions
      .map((r) => [r.key, r.operator, [...new Set(r.values ?? [])].sort()])
      .map((e) => JSON.stringify(e))
      .sort();
    return JSON.stringify([labels, [...new Set(expressions)]]);
  }
}

/** A requirement must name its key and a known operator; its values must be strings. */
function checkRequirement(call: string, index: number, r: unknown): LabelSelectorRequirement {
  const what = `expressions[${index}]`;
  if (typeof r !== 'object' || r === null) throw new TypeError(`${call}: ${what} must be an object ({ key, operator, values }), got ${describeArgument(r)}`);
  const req = r as LabelSelectorRequirement;
  // Missing values are refused here; wrong ones (an empty key, an unknown operator) are the API server's
  // validation, which names the construct and the field at synth.
  if (typeof req.key !== 'string') throw new TypeError(`${call}: ${what}.key must be a label key, got ${describeArgument(req.key)}`);
  if (typeof req.operator !== 'string') {
    throw new TypeError(`${call}: ${what}.operator must be one of ${Object.values(SelectorOperator).join(', ')}, got ${describeArgument(req.operator)}`);
  }
  if (req.values !== undefined) {
    if (!Array.isArray(req.values)) throw new TypeError(`${call}: ${what}.values must be a list of strings, got ${describeArgument(req.values)}`);
    req.values.forEach((v, j) => {
      if (typeof v !== 'string') throw new TypeError(`${call}: ${what}.values[${j}] must be a string, got ${describeArgument(v)}`);
    });
  }
  return req;
}

/** `values: []` is written as no values, so it is kept as none: equal selectors stay equal after a round trip. */
function copyRequirement(r: LabelSelectorRequirement): LabelSelectorRequirement {
  if (r.values === undefined || r.values.length === 0) return { key: r.key, operator: r.operator };
  return { key: r.key, operator: r.operator, values: [...r.values] };
}

function hasOwn(labels: { [key: string]: string }, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** Whether one requirement holds for these labels, as apimachinery's labels.Requirement.Matches. */
export function requirementMatches(requirement: LabelSelectorRequirement, labels: { [key: string]: string }): boolean {
  const present = hasOwn(labels, requirement.key);
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case SelectorOperator.IN:
      return present && values.includes(labels[requirement.key]);
    case SelectorOperator.NOT_IN:
      return !present || !values.includes(labels[requirement.key]);
    case SelectorOperator.EXISTS:
      return present;
    case SelectorOperator.DOES_NOT_EXIST:
      return !present;
    default:
      // An unknown operator can only come from unvalidated input: match nothing rather than widen.
      return false;
  }
}
