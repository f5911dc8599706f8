/**
 * A NetworkPolicy after the API server's decode step: every field has its Go type, `null` and
 * absent fields are Go zero values (empty strings, empty lists, undefined pointers). Internal to
 * validation.
 */

/** A label selector requirement (`matchExpressions[i]`). */
export interface DecodedRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: string[];
}

/** A label selector; map entries keep the document's order. */
export interface DecodedSelector {
  readonly matchLabels: Array<[string, string]>;
  readonly matchExpressions: DecodedRequirement[];
}

/** A `NetworkPolicyPort`: each pointer field is undefined when absent or null. */
export interface DecodedPort {
  readonly protocol?: string;
  /** A number for `intstr.Int`, a string for `intstr.String`. */
  readonly port?: number | string;
  readonly endPort?: number;
}

/** An `IPBlock`. */
export interface DecodedIpBlock {
  readonly cidr: string;
  readonly except: string[];
}

/** A `NetworkPolicyPeer`. */
export interface DecodedPeer {
  readonly podSelector?: DecodedSelector;
  readonly namespaceSelector?: DecodedSelector;
  readonly ipBlock?: DecodedIpBlock;
}

/** An ingress or egress rule; `peers` holds `from` or `to`. */
export interface DecodedRule {
  readonly ports: DecodedPort[];
  readonly peers: DecodedPeer[];
}

/** A `metav1.OwnerReference` (`controller` is undefined when absent or null). */
export interface DecodedOwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
}

/** The validated parts of `metadata`. */
export interface DecodedMetadata {
  readonly name: string;
  readonly generateName: string;
  readonly namespace: string;
  readonly labels: Array<[string, string]>;
  readonly annotations: Array<[string, string]>;
  readonly finalizers: string[];
  readonly ownerReferences: DecodedOwnerReference[];
}

/** The `spec`. */
export interface DecodedSpec {
  readonly podSelector: DecodedSelector;
  readonly ingress: DecodedRule[];
  readonly egress: DecodedRule[];
  readonly policyTypes: string[];
}

/** A whole NetworkPolicy. */
export interface DecodedNetworkPolicy {
  readonly metadata: DecodedMetadata;
  readonly spec: DecodedSpec;
}
