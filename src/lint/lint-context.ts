import { lintCluster } from './lint-cluster';
import { LintFinding } from './lint-finding';
import { LintPolicy } from './lint-inputs';
import { LintOptions } from './lint-options';
import { LintRules } from './lint-rules';
import { Severity } from './severity';
import { ClusterEndpoint, ClusterModel } from '../analysis/cluster-model';
import { EvaluationOptions, peerMatches, podSelectorMatches, policyNamespace, policySelects } from '../analysis/policy-semantics';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { Peer } from '../model/peer';
import { PolicyRule } from '../model/policy-rule';
import { Port } from '../model/port';
import { CniProfile } from '../profiles/cni-profile';
import { Feature } from '../profiles/feature';
import { SupportLevel } from '../profiles/support-level';

/** A direction of a policy's rules, with its field names. */
export interface Direction {
  readonly name: 'ingress' | 'egress';
  readonly peersField: 'from' | 'to';
}

export const INGRESS: Direction = { name: 'ingress', peersField: 'from' };
export const EGRESS: Direction = { name: 'egress', peersField: 'to' };

/**
 * Everything a check reads, with the helpers that keep the checks short (internal). The pods and
 * workloads are the endpoints of a `ClusterModel`; selection and peer matching are the analysis's
 * (`policy-semantics`), so the linter and the analysis cannot disagree.
 */
export class LintContext {
  /** A context on the workloads and namespaces of the options. */
  public static of(policies: LintPolicy[], options: LintOptions): LintContext {
    return new LintContext(policies, lintCluster(options), options);
  }

  public readonly policies: LintPolicy[];
  public readonly cluster: ClusterModel;
  public readonly profile?: CniProfile;
  public readonly options: LintOptions;
  /** How the plugin evaluates peers: ipBlocks match pods unless the profile says they never do. */
  public readonly evaluation: EvaluationOptions;
  /** The pods and workloads (the cluster's endpoints that are not external). */
  public readonly endpoints: ClusterEndpoint[];
  /** Namespaces where a pod or workload of the input could not be read: what selects nothing there may select it. */
  public readonly namespacesWithUnreadableEndpoints: ReadonlySet<string>;

  /** The policies of each namespace, built on first use (checks that compare a policy with its neighbours would otherwise be quadratic). */
  private byNamespace?: Map<string, LintPolicy[]>;

  /** A context on a cluster model (whose namespaces and workloads already include those of `options`). */
  public constructor(
    policies: LintPolicy[], cluster: ClusterModel, options: LintOptions, namespacesWithUnreadableEndpoints: ReadonlySet<string> = new Set(),
  ) {
    this.policies = policies;
    this.namespacesWithUnreadableEndpoints = namespacesWithUnreadableEndpoints;
    this.cluster = cluster;
    this.profile = options.cni;
    this.options = options;
    this.evaluation = { ipBlockMatchesPods: this.profile?.level(Feature.IP_BLOCK_POD_IPS) !== SupportLevel.IGNORED };
    this.endpoints = cluster.endpoints.filter((e) => !e.external);
  }

  /** The policies of a namespace, in input order. */
  public policiesIn(namespace: string): LintPolicy[] {
    if (!this.byNamespace) {
      this.byNamespace = new Map();
      for (const p of this.policies) {
        const ns = policyNamespace(p.policy);
        const list = this.byNamespace.get(ns);
        if (list) list.push(p);
        else this.byNamespace.set(ns, [p]);
      }
    }
    return this.byNamespace.get(namespace) ?? [];
  }

  /** The labels of a namespace: its declared labels, and always its name label. */
  public namespaceLabels(name: string): { [key: string]: string } {
    return this.cluster.namespaceLabels(name);
  }

  /** The endpoints the policy applies to (never hostNetwork pods). */
  public selectedBy(policy: NetworkPolicyModel): ClusterEndpoint[] {
    return this.endpoints.filter((e) => policySelects(policy, e));
  }

  /** The endpoints the policy's podSelector matches, hostNetwork pods included (which it does not isolate). */
  public matchedBySelector(policy: NetworkPolicyModel): ClusterEndpoint[] {
    return this.endpoints.filter((e) => podSelectorMatches(policy, e));
  }

  /** The endpoints a peer of a policy in `policyNs` matches, as the plugin evaluates it (never hostNetwork pods). */
  public matchedByPeer(peer: Peer, policyNs: string): ClusterEndpoint[] {
    return this.endpoints.filter((e) => !e.hostNetwork && this.peerMatches(peer, policyNs, e));
  }

  /** Whether a peer of a policy in `policyNs` matches the endpoint, as the plugin evaluates it. */
  public peerMatches(peer: Peer, policyNs: string, endpoint: ClusterEndpoint): boolean {
    return peerMatches(peer, policyNs, endpoint, this.cluster, this.evaluation);
  }

  /** A finding about a policy, with the rule's default severity unless given. */
  public finding(rule: string, target: LintPolicy, field: string | undefined, message: string, severity?: Severity): LintFinding {
    const policy = target.policy;
    return clean({
      rule,
      severity: severity ?? LintRules.byId(rule).severity,
      message,
      kind: 'NetworkPolicy',
      name: policy.name,
      namespace: policy.namespace,
      field,
      file: target.file,
      line: target.line,
      path: target.path,
    });
  }

  /** A finding about a pod or workload. */
  public workloadFinding(rule: string, endpoint: ClusterEndpoint, field: string | undefined, message: string, severity?: Severity): LintFinding {
    return clean({
      rule,
      severity: severity ?? LintRules.byId(rule).severity,
      message,
      kind: endpoint.kind,
      name: endpoint.name,
      namespace: endpoint.namespace,
      field,
      file: endpoint.source?.file,
      line: endpoint.source?.line,
      path: endpoint.source?.constructPath,
    });
  }
}

/** `Deployment shop/web`. */
export function describeWorkload(e: ClusterEndpoint): string {
  return `${e.kind} ${e.namespace}/${e.name}`;
}

/** The rules of one direction with their field paths. */
export function rulesOf(policy: NetworkPolicyModel, direction: Direction): Array<{ rule: PolicyRule; field: string }> {
  const rules = direction.name === 'ingress' ? policy.ingress : policy.egress;
  return rules.map((rule, i) => ({ rule, field: `spec.${direction.name}[${i}]` }));
}

/** A rule of a policy, with its direction and field path (`spec.ingress[0]`). */
export interface RuleAt {
  readonly target: LintPolicy;
  readonly direction: Direction;
  readonly rule: PolicyRule;
  readonly field: string;
}

/** Every rule of the policies: per policy, ingress then egress. */
export function allRules(policies: readonly LintPolicy[]): RuleAt[] {
  return policies.flatMap((target) => [INGRESS, EGRESS].flatMap((direction) =>
    rulesOf(target.policy, direction).map(({ rule, field }) => ({ target, direction, rule, field }))));
}

/** Every port entry of every rule of the policies, with its field path (`spec.ingress[0].ports[1]`). */
export function allPorts(policies: readonly LintPolicy[]): Array<RuleAt & { port: Port; portField: string }> {
  return allRules(policies).flatMap((at) => at.rule.ports.map((port, j) => ({ ...at, port, portField: `${at.field}.ports[${j}]` })));
}

/**
 * The index of each peer in the manifest's list. The model drops duplicate peers, so indexes hold
 * for manifests without duplicates (the usual case); they are used only to point at a line.
 */
export function peerField(ruleField: string, direction: Direction, index: number): string {
  return `${ruleField}.${direction.peersField}[${index}]`;
}

function clean(finding: { [key: string]: any }): LintFinding {
  const out: { [key: string]: any } = {};
  for (const [k, v] of Object.entries(finding)) if (v !== undefined) out[k] = v;
  return out as LintFinding;
}
