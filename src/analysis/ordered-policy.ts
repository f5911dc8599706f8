import { AddressRange } from './address-range';
import { ClusterEndpoint, ClusterModel } from './cluster-model';
import { PortSet } from './port-set';

/**
 * Policies of the ordered dialects (Calico v3, Cilium), read into the one form the engine and
 * explain evaluate: a subject, and per direction an ordered list of rules with an action. Each dialect
 * reader (src/dialects/<dialect>/read-*.ts) writes its objects in this form; how the form is
 * evaluated next to NetworkPolicies and the admin tiers is in ordered-tier-semantics.ts.
 * Internal to the analysis (not part of the jsii surface).
 */

/** What a rule does with the traffic it matches. */
export enum OrderedAction {
  ALLOW = 'Allow',
  DENY = 'Deny',
  /** Skips the rest of the tier: the next tier (or, if none, the default) decides. */
  PASS = 'Pass',
  /** Decides nothing: evaluation goes on with the next rule. */
  LOG = 'Log',
}

/** A test on endpoints (a selector, a set of networks, an entity), with a key that identifies it. */
export interface EndpointTest {
  /** Equal keys test the same endpoints (the engine evaluates each key once). */
  readonly key: string;
  /** How explain names it: `selector app == 'web'`, `nets 10.0.0.0/8`. */
  readonly description: string;
  /** The address ranges the test names, so that the address space is cut at their bounds. */
  readonly bounds: AddressRange[];
  matches(endpoint: ClusterEndpoint, cluster: ClusterModel): boolean;
}

/** One rule of an ordered policy. */
export interface OrderedRule {
  readonly action: OrderedAction;
  /** The index of the rule in the object's `spec.ingress` / `spec.egress` (or the dialect's list). */
  readonly index: number;
  /** The field path of the rule in the object (`spec.egress[2]`), as explain names it. */
  readonly field: string;
  /** The other side of the connection; undefined: every endpoint. */
  readonly peer?: EndpointTest;
  /** A further test on the policy's own endpoint (Calico's `destination` in an ingress rule); undefined: none. */
  readonly self?: EndpointTest;
  /** The ports on the destination the rule matches (named ports resolve on it). */
  readonly ports: (destination: ClusterEndpoint) => PortSet;
  /** The named ports `ports` resolves on the destination, as `name/PROTOCOL` (empty when none). */
  readonly namedPorts: string[];
}

/** A policy of an ordered dialect. */
export interface OrderedPolicy {
  /** `CalicoNetworkPolicy`-style kind as written (`GlobalNetworkPolicy`, `CiliumNetworkPolicy`, ...). */
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespace?: string;
  readonly name: string;
  /** Evaluation order in the tier (lower first); policies of equal order go by `sortName`. */
  readonly order: number;
  /**
   * The name ties of order are broken by, as the dataplane stores the policy (Calico:
   * `<namespace>/default.<name>`, where NetworkPolicies are `<namespace>/knp.default.<name>`).
   * @default - `name`
   */
  readonly sortName?: string;
  /** The endpoints the policy applies to. */
  readonly subject: EndpointTest;
  /** The ingress rules in order; undefined when the policy does not apply to ingress. */
  readonly ingress?: OrderedRule[];
  /** The egress rules in order; undefined when the policy does not apply to egress. */
  readonly egress?: OrderedRule[];
  /** Whether traffic no rule decides is denied once the policy applies (Calico: always; Cilium: `enableDefaultDeny`). */
  readonly isolatesIngress: boolean;
  readonly isolatesEgress: boolean;
  /** What the policy allows or does that the analysis does not model (FQDN rules, L7 rules), said in the answer. */
  readonly notes: string[];
}

/** `Kind namespace/name` (or `Kind name` for cluster-wide objects). */
export function orderedPolicyId(policy: OrderedPolicy): string {
  return `${policy.kind}/${policy.namespace !== undefined ? `${policy.namespace}/` : ''}${policy.name}`;
}
