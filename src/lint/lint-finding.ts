import { Severity } from './severity';

/**
 * One finding of the linter: which rule, how serious, where, and what to do.
 */
export interface LintFinding {
  /** The rule's stable id (`cni-named-port`, `dns-blocked`, ...). */
  readonly rule: string;
  /** How serious it is. */
  readonly severity: Severity;
  /** What happens (on the plugin, where it matters) and what to do instead. */
  readonly message: string;
  /** The kind of the object the finding is about (`NetworkPolicy`, or `Pod` for cni-standalone-pod). */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /**
   * The object's namespace.
   * @default - none written
   */
  readonly namespace?: string;
  /**
   * The field, as the API server writes paths (`spec.ingress[0].ports[1].port`).
   * @default - the whole object
   */
  readonly field?: string;
  /**
   * The file the object was read from.
   * @default - not read from a file (a construct)
   */
  readonly file?: string;
  /**
   * The 1-based line of the field (or of the object) in `file`.
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The construct path, for objects of a cdk8s app.
   * @default - not a construct
   */
  readonly path?: string;
}
