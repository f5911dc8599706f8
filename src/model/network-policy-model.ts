import { LabelSelector } from './label-selector';
import { PolicyRule } from './policy-rule';
import { PolicyType } from './policy-type';

/**
 * The parts of a NetworkPolicy.
 */
export interface NetworkPolicyModelProps {
  /** `metadata.name`. */
  readonly name: string;
  /**
   * `metadata.namespace`.
   * @default - none: the namespace is chosen when the manifest is applied
   */
  readonly namespace?: string;
  /**
   * `metadata.labels`.
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };
  /**
   * `metadata.annotations`.
   * @default - no annotations
   */
  readonly annotations?: { [key: string]: string };
  /** The pods the policy applies to (`spec.podSelector`), in its namespace. */
  readonly podSelector: LabelSelector;
  /**
   * The directions the policy isolates (`spec.policyTypes`), always explicit and never empty:
   * Kubernetes reads an empty list as `[Ingress]`, so "isolates nothing" cannot be written.
   */
  readonly policyTypes: PolicyType[];
  /**
   * The ingress rules.
   * @default - none: no ingress is allowed where ingress is isolated
   */
  readonly ingress?: PolicyRule[];
  /**
   * The egress rules.
   * @default - none: no egress is allowed where egress is isolated
   */
  readonly egress?: PolicyRule[];
}

/**
 * A NetworkPolicy as data: the one model that constructs build, emitters write, the parser reads
 * and the analysis evaluates.
 */
export class NetworkPolicyModel {
  /** `metadata.name`. */
  public readonly name: string;
  /**
   * `metadata.namespace`.
   * @default - none
   */
  public readonly namespace?: string;
  /** `metadata.labels`. */
  public readonly labels: { [key: string]: string };
  /** `metadata.annotations`. */
  public readonly annotations: { [key: string]: string };
  /** `spec.podSelector`. */
  public readonly podSelector: LabelSelector;
  /** `spec.policyTypes`, in order, without duplicates. */
  public readonly policyTypes: PolicyType[];
  /** `spec.ingress`. */
  public readonly ingress: PolicyRule[];
  /** `spec.egress`. */
  public readonly egress: PolicyRule[];

  public constructor(props: NetworkPolicyModelProps) {
    if (props.policyTypes.length === 0) {
      throw new Error(`NetworkPolicy '${props.name}' has no policyTypes: Kubernetes would read that as [Ingress]; say which directions it isolates`);
    }
    this.name = props.name;
    this.namespace = props.namespace;
    this.labels = { ...(props.labels ?? {}) };
    this.annotations = { ...(props.annotations ?? {}) };
    this.podSelector = props.podSelector;
    this.policyTypes = [...new Set(props.policyTypes)];
    this.ingress = [...(props.ingress ?? [])];
    this.egress = [...(props.egress ?? [])];
  }

  /** Whether the selected pods are isolated for ingress. */
  public get isolatesIngress(): boolean {
    return this.policyTypes.includes(PolicyType.INGRESS);
  }

  /** Whether the selected pods are isolated for egress. */
  public get isolatesEgress(): boolean {
    return this.policyTypes.includes(PolicyType.EGRESS);
  }
}
