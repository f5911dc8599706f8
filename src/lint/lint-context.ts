import { LintFinding } from './lint-finding';
import { LintPolicy, LintWorkload } from './lint-inputs';
import { LintOptions } from './lint-options';
import { LintRules } from './lint-rules';
import { Severity } from './severity';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { NAMESPACE_NAME_LABEL, Peer, PeerKind } from '../model/peer';
import { PolicyRule } from '../model/policy-rule';
import { CniProfile } from '../profiles/cni-profile';

/** The namespace of objects that name none. */
export const DEFAULT_NAMESPACE = 'default';

/** A direction of a policy's rules, with its field names. */
export interface Direction {
  readonly name: 'ingress' | 'egress';
  readonly peersField: 'from' | 'to';
}

export const INGRESS: Direction = { name: 'ingress', peersField: 'from' };
export const EGRESS: Direction = { name: 'egress', peersField: 'to' };

/** Everything a check reads, with the helpers that keep the checks short (internal). */
export class LintContext {
  public readonly policies: LintPolicy[];
  public readonly workloads: LintWorkload[];
  public readonly profile?: CniProfile;
  public readonly options: LintOptions;
  private readonly namespaceLabelMap = new Map<string, { [key: string]: string }>();

  public constructor(policies: LintPolicy[], options: LintOptions) {
    this.policies = policies;
    this.workloads = options.workloads ?? [];
    this.profile = options.cni;
    this.options = options;
    for (const ns of options.namespaces ?? []) this.namespaceLabelMap.set(ns.name, { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name });
  }

  /** The labels of a namespace: its declared labels, and always its name label. */
  public namespaceLabels(name: string): { [key: string]: string } {
    return this.namespaceLabelMap.get(name) ?? { [NAMESPACE_NAME_LABEL]: name };
  }

  /** The workloads whose pods the policy's podSelector matches (hostNetwork ones included). */
  public selectedBy(policy: NetworkPolicyModel): LintWorkload[] {
    const ns = namespaceOf(policy);
    return this.workloads.filter((w) => workloadNamespace(w) === ns && policy.podSelector.matches(w.labels));
  }

  /** The workloads a peer of a policy in `policyNs` matches by selectors (never hostNetwork pods; ipBlock: none). */
  public matchedByPeer(peer: Peer, policyNs: string): LintWorkload[] {
    return this.workloads.filter((w) => !w.hostNetwork && this.peerMatches(peer, policyNs, w));
  }

  /** Whether a selector peer matches a pod with these labels in this namespace. */
  public peerMatchesPod(peer: Peer, policyNs: string, namespace: string, labels: { [key: string]: string }): boolean {
    switch (peer.kind) {
      case PeerKind.ANYWHERE: return true;
      case PeerKind.IP_BLOCK: return false;
      case PeerKind.PODS: return namespace === policyNs && peer.podSelector!.matches(labels);
      case PeerKind.NAMESPACES: return peer.namespaceSelector!.matches(this.namespaceLabels(namespace));
      default: return peer.namespaceSelector!.matches(this.namespaceLabels(namespace)) && peer.podSelector!.matches(labels);
    }
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

  /** A finding about a workload. */
  public workloadFinding(rule: string, workload: LintWorkload, field: string | undefined, message: string, severity?: Severity): LintFinding {
    return clean({
      rule,
      severity: severity ?? LintRules.byId(rule).severity,
      message,
      kind: workload.kind,
      name: workload.name,
      namespace: workload.namespace,
      field,
      file: workload.file,
      line: workload.line,
      path: workload.path,
    });
  }

  private peerMatches(peer: Peer, policyNs: string, w: LintWorkload): boolean {
    return this.peerMatchesPod(peer, policyNs, workloadNamespace(w), w.labels);
  }
}

/** The namespace a policy applies in. */
export function namespaceOf(policy: NetworkPolicyModel): string {
  return policy.namespace ?? DEFAULT_NAMESPACE;
}

/** The namespace of a workload. */
export function workloadNamespace(w: LintWorkload): string {
  return w.namespace ?? DEFAULT_NAMESPACE;
}

/** `Deployment shop/web`. */
export function describeWorkload(w: LintWorkload): string {
  return `${w.kind} ${workloadNamespace(w)}/${w.name}`;
}

/** The rules of one direction with their field paths. */
export function rulesOf(policy: NetworkPolicyModel, direction: Direction): Array<{ rule: PolicyRule; field: string }> {
  const rules = direction.name === 'ingress' ? policy.ingress : policy.egress;
  return rules.map((rule, i) => ({ rule, field: `spec.${direction.name}[${i}]` }));
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
