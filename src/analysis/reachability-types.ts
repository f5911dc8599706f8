import { PolicyTier } from '../model/policy-tier';
import { PolicyType } from '../model/policy-type';
import { Protocol } from '../model/protocol';
import { RuleAction } from '../model/rule-action';

/**
 * Options of a reachability analysis.
 */
export interface ReachabilityOptions {
  /**
   * Endpoints outside the cluster, as IPs or CIDRs (`8.8.8.8`, `10.0.0.0/8`); each one's id is the
   * text as given. An ipBlock matches a CIDR endpoint only when it covers all of it (give finer CIDRs
   * to see a block's edges).
   * @default - none
   */
  readonly externals?: string[];
  /**
   * Whether the address space outside the cluster is an endpoint too, cut into ranges at every
   * bound of the policies' ipBlocks (`cidr` and `except`) and of `externals`: each range is one
   * endpoint (`0.0.0.0-9.255.255.255`, `10.0.0.0/8`, `::/0`), whose id is the range written
   * compactly. No ipBlock tells two addresses of one range apart, so these endpoints show all that
   * the policies allow outside the cluster (egress opened to `0.0.0.0/0`, or to a CIDR nobody named)
   * without guessing addresses. A diff compares them range by range.
   * @default true
   */
  readonly externalsFromPolicies?: boolean;
  /**
   * Whether ipBlock peers match pods by their IPs (where known), as the Kubernetes e2e suite and
   * Calico do. Set it to false for plugins that never match pods by IP, such as Cilium.
   * @default true
   */
  readonly ipBlockMatchesPods?: boolean;
  /**
   * Pod IPs you know, by endpoint id (`shop/db[Pod]`) or `namespace/name`, besides those read from
   * `status.podIP`/`status.podIPs` of the manifests.
   * @default - only the IPs of the manifests
   */
  readonly podIps?: { [endpoint: string]: string[] };
  /**
   * Go on when an object of the input cannot be read (a NetworkPolicy the API server would reject,
   * a workload with a malformed pod template, an object without a kind): it is left out, listed in
   * `problems` and `leftOut`, and `complete` is false. By default such an input throws an error that
   * names every such object and field, since an answer computed without one of the input's policies
   * can allow what the cluster denies.
   * @default false
   */
  readonly skipInvalid?: boolean;
}

/**
 * A pod, the pod template of a workload, or an address range outside the cluster.
 */
export interface EndpointInfo {
  /** `namespace/name[Kind]` (`shop/db[Deployment]`), or the IP/CIDR as given for an external endpoint. */
  readonly id: string;
  /** `Pod`, `Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet`, `ReplicationController`, `Job`, `CronJob` or `External`. */
  readonly kind: string;
  /**
   * The namespace.
   * @default - none: an external endpoint
   */
  readonly namespace?: string;
  /** The name (the IP/CIDR for an external endpoint). */
  readonly name: string;
  /** The pod labels. */
  readonly labels: { [key: string]: string };
  /** Whether it is a host-network pod: policies do not apply to it, and selectors do not match it. */
  readonly hostNetwork: boolean;
  /** Whether it is outside the cluster. */
  readonly external: boolean;
  /** For an endpoint outside the cluster, the fewest CIDRs that cover exactly its addresses; empty for pods. */
  readonly cidrs: string[];
  /** Whether some policy selects it with Ingress in its policyTypes. */
  readonly ingressIsolated: boolean;
  /** Whether some policy selects it with Egress in its policyTypes. */
  readonly egressIsolated: boolean;
}

/**
 * The ports `first..last` (inclusive) of one protocol.
 */
export interface PortRange {
  readonly protocol: Protocol;
  readonly first: number;
  readonly last: number;
}

/**
 * What is allowed from one endpoint to another.
 */
export interface AllowedConnection {
  /** The source endpoint's id. */
  readonly from: string;
  /** The destination endpoint's id. */
  readonly to: string;
  /** The allowed destination ports, by protocol and ascending. Empty when nothing is allowed. */
  readonly ports: PortRange[];
  /** The allowed ports as text: `TCP 80, TCP 8000-8080, UDP 53, all SCTP`, `all traffic` or `nothing`. */
  readonly description: string;
}

/**
 * A class of endpoints that the policies cannot tell apart: each member is allowed exactly what
 * every other member is allowed, in both directions.
 */
export interface EndpointClassInfo {
  /** The class's number (0, 1, ...), in the order of the endpoints. */
  readonly index: number;
  /** The ids of the member endpoints, in endpoint order. */
  readonly members: string[];
  /** Whether some policy selects the members with Ingress in its policyTypes. */
  readonly ingressIsolated: boolean;
  /** Whether some policy selects the members with Egress in its policyTypes. */
  readonly egressIsolated: boolean;
}

/**
 * How open a pod or workload is, each as ports in text (`TCP 80, UDP 53`, `all traffic`, `nothing`).
 */
export interface EndpointExposureInfo {
  /** The endpoint's id. */
  readonly endpoint: string;
  /** Whether any of the below is something. */
  readonly exposed: boolean;
  /** What any pod of any namespace, present or future, may open to it: its ingress alone decides. */
  readonly fromAnyNamespace: string;
  /** What it may open to any pod of any namespace: its egress alone decides (named ports count only where resolved). */
  readonly toAnyNamespace: string;
  /** What every address outside the cluster may open to it. */
  readonly fromEverywhereOutside: string;
  /** What some address outside the cluster may open to it. */
  readonly fromSomewhereOutside: string;
  /** What it may open to every address outside the cluster. */
  readonly toEverywhereOutside: string;
}

/**
 * What any member of one class of endpoints is allowed towards any member of another.
 */
export interface ClassConnection {
  /** The source class's index. */
  readonly fromClass: number;
  /** The destination class's index. */
  readonly toClass: number;
  /** The allowed destination ports, by protocol and ascending. Empty when nothing is allowed. */
  readonly ports: PortRange[];
  /** The allowed ports as text (`TCP 80, UDP 53`, `all traffic` or `nothing`). */
  readonly description: string;
}

/**
 * How what is allowed from one endpoint to another changed.
 */
export interface ConnectionChange {
  readonly from: string;
  readonly to: string;
  /** The ports allowed after and not before. */
  readonly opened: PortRange[];
  /** The ports allowed before and not after. */
  readonly closed: PortRange[];
  /** `opened` as text (`nothing` when empty). */
  readonly openedDescription: string;
  /** `closed` as text (`nothing` when empty). */
  readonly closedDescription: string;
}

/**
 * A rule (and the peer of it) that allows the traffic asked about.
 */
export interface PolicyRuleReference {
  /** The policy, as `namespace/name`. */
  readonly policy: string;
  /** Whether it is an ingress or an egress rule. */
  readonly direction: PolicyType;
  /** The index of the rule in `spec.ingress` or `spec.egress`. */
  readonly ruleIndex: number;
  /** The index of the first matching peer in `from`/`to`, or -1 when the rule allows every peer. */
  readonly peerIndex: number;
  /** The field path of that peer (or rule): `spec.ingress[0].from[1]`. */
  readonly field: string;
  /** The peer as text (`pods {app=web} of the policy's namespace`, `any peer`). */
  readonly peer: string;
  /** The ports the rule allows on the destination, as text (named ports resolved). */
  readonly ports: string;
}

/**
 * A rule of a cluster-wide policy that decided (or passed on) some of the ports asked about.
 */
export interface TierRuleReference {
  /** Admin (before NetworkPolicies) or Baseline (after them). */
  readonly tier: PolicyTier;
  /** The policy, as `Kind/name` (`AdminNetworkPolicy/guard`). */
  readonly policy: string;
  /** `AdminNetworkPolicy`, `BaselineAdminNetworkPolicy` or `ClusterNetworkPolicy`. */
  readonly kind: string;
  /** Allow, Deny or Pass (Pass hands the ports to the NetworkPolicies). */
  readonly action: RuleAction;
  /** The index of the rule in `spec.ingress` or `spec.egress`. */
  readonly ruleIndex: number;
  /**
   * The rule's name.
   * @default - the rule has none
   */
  readonly ruleName?: string;
  /** The index of the first matching peer. */
  readonly peerIndex: number;
  /** The field path of that peer: `spec.egress[0].to[1]`. */
  readonly field: string;
  /** The peer as text. */
  readonly peer: string;
  /** The ports asked about that this rule decided (those no earlier rule had), as text. */
  readonly ports: string;
}

/**
 * A rule of a Calico or Cilium policy that decided some of the ports asked about on one side (or the
 * default deny at the end of their tier).
 */
export interface DialectRuleReference {
  /** The policy, as `Kind/namespace/name` (`GlobalNetworkPolicy/deny-db`, `NetworkPolicy/shop/api`). */
  readonly policy: string;
  /** Allow, Deny, Pass; `Default deny` when no rule decided and a policy isolates the endpoint. */
  readonly action: string;
  /**
   * The field path of the rule: `spec.ingress[0]`.
   * @default - none (the NetworkPolicies as a whole, or the default deny)
   */
  readonly field?: string;
  /** The rule's peer as text (`any peer` when it names none). */
  readonly peer: string;
  /** The ports asked about that this rule decided, as text. */
  readonly ports: string;
}

/**
 * Why one side of a connection (the source's egress or the destination's ingress) allows it or not.
 */
export interface DirectionExplanation {
  /** Egress (the source's side) or Ingress (the destination's side). */
  readonly direction: PolicyType;
  /** The endpoint on this side. */
  readonly endpoint: string;
  /** Whether NetworkPolicies apply to this endpoint at all (not to host-network pods or external endpoints). */
  readonly subjectToPolicy: boolean;
  /** Whether some policy isolates the endpoint for this direction. */
  readonly isolated: boolean;
  /** The policies (`namespace/name`) that isolate it. */
  readonly isolatingPolicies: string[];
  /** The rules that allow some of the ports asked about. */
  readonly allowingRules: PolicyRuleReference[];
  /**
   * The rules of cluster-wide policies that decided some port asked about on this side, in evaluation order: the
   * admin tier's first (they come before NetworkPolicies), then the baseline's (read only where no
   * NetworkPolicy isolates the endpoint).
   */
  readonly tierRules: TierRuleReference[];
  /**
   * The rules of Calico and Cilium policies (and the NetworkPolicies among them, at order 1000) that decided some
   * port asked about on this side, in evaluation order, then the default deny if it decided any.
   */
  readonly dialectRules: DialectRuleReference[];
  /** Whether this side allows every port asked about. */
  readonly allowed: boolean;
}

/**
 * Why traffic from one endpoint to another is allowed or not.
 */
export interface ConnectionExplanation {
  readonly from: string;
  readonly to: string;
  /** The ports asked about, as text (named ports resolved on the destination). */
  readonly ports: string;
  /** Whether both sides allow all of those ports. */
  readonly allowed: boolean;
  /** The source's side. */
  readonly egress: DirectionExplanation;
  /** The destination's side. */
  readonly ingress: DirectionExplanation;
  /** The whole explanation as lines of text. */
  readonly text: string;
}

/**
 * Why an object of the input is not part of an analysis.
 */
export enum LeftOutReason {
  /** It cannot be read: the API server would reject it, or it is malformed (see the message). */
  UNREADABLE = 'unreadable',
  /** A policy of another API (Antrea, Istio, Calico's staged policies, ...), which this library does not read. */
  OTHER_API = 'other-api',
}

/**
 * An object of the input that is not part of the analysis, and why: the answer is incomplete.
 */
export interface AnalysisProblem {
  /** Where: `file#document` (with `.items[i]` for a List item), the construct path, or `object #n` for in-memory input. */
  readonly location: string;
  /**
   * The file.
   * @default - not read from a file
   */
  readonly file?: string;
  /**
   * The 1-based line of the object in `file`.
   * @default - unknown
   */
  readonly line?: number;
  /** `Kind namespace/name` of the object, as far as it could be read (empty when nothing could). */
  readonly object: string;
  /** The field path of the (first) problem; empty for the whole object. */
  readonly field: string;
  /** What is wrong: every problem of the object, each with its field. */
  readonly message: string;
  /** Why it is left out. */
  readonly reason: LeftOutReason;
}

/**
 * Something to know about an object of the input that does not change the answer: a duplicate that
 * a later object replaces, or fields of a cluster dump that were ignored.
 */
export interface AnalysisNote {
  /** Where: `file#document`, the construct path, or `object #n`. */
  readonly location: string;
  /**
   * The file.
   * @default - not read from a file
   */
  readonly file?: string;
  /**
   * The 1-based line of the object in `file`.
   * @default - unknown
   */
  readonly line?: number;
  /** `Kind namespace/name` of the object. */
  readonly object: string;
  /** What to know. */
  readonly message: string;
}
