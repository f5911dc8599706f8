import { NetworkPolicyModel } from '../model/network-policy-model';
import { Protocol } from '../model/protocol';

/**
 * A container port of a workload.
 */
export interface WorkloadPort {
  /** The port number. */
  readonly number: number;
  /** The protocol. */
  readonly protocol: Protocol;
  /**
   * The port's name.
   * @default - unnamed
   */
  readonly name?: string;
}

/**
 * A pod, or the pod template of a workload, as the linter sees it.
 */
export interface LintWorkload {
  /** `Pod`, `Deployment`, `StatefulSet`, ... */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /**
   * The namespace.
   * @default 'default'
   */
  readonly namespace?: string;
  /** The pod labels (of the template for workloads). */
  readonly labels: { [key: string]: string };
  /**
   * The container ports.
   * @default - none
   */
  readonly ports?: WorkloadPort[];
  /**
   * Whether the pods use the node's network.
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Whether the pods have an owner (`metadata.ownerReferences`); pods of a workload's template always do.
   * @default - true for workloads, false for a Pod
   */
  readonly owned?: boolean;
  /**
   * Pod IPs, when known (`status.podIP(s)` of a dump).
   * @default - none
   */
  readonly podIps?: string[];
  /**
   * The file the object was read from.
   * @default - none
   */
  readonly file?: string;
  /**
   * The 1-based line of the object in `file`.
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The construct path.
   * @default - none
   */
  readonly path?: string;
}

/**
 * A namespace and its labels.
 */
export interface LintNamespace {
  /** The name. */
  readonly name: string;
  /** The labels (`kubernetes.io/metadata.name` is added). */
  readonly labels: { [key: string]: string };
}

/**
 * A policy to lint, with where it came from.
 */
export interface LintPolicy {
  /** The policy as the API server reads it. */
  readonly policy: NetworkPolicyModel;
  /**
   * The manifest as written, before the API server's defaulting: needed by `implicit-egress`.
   * @default - unknown (the check is skipped)
   */
  readonly manifest?: any;
  /**
   * The file the policy was read from.
   * @default - none
   */
  readonly file?: string;
  /**
   * The 1-based line of the policy in `file`.
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The construct path, for a policy of a cdk8s app.
   * @default - none
   */
  readonly path?: string;
  /**
   * Whether the policy was built with this library's constructs, where OR peers are always
   * deliberate (`or-peer` is skipped).
   * @default false
   */
  readonly fromConstruct?: boolean;
}
