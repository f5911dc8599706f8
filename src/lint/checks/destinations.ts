import { ClusterEndpoint } from '../../analysis/cluster-model';
import { policyNamespace, portEntrySet } from '../../analysis/policy-semantics';
import { PortSet } from '../../analysis/port-set';
import { PeerKind } from '../../model/peer';
import { PolicyRule } from '../../model/policy-rule';
import { Port } from '../../model/port';
import { Direction, LintContext } from '../lint-context';
import { LintPolicy } from '../lint-inputs';

/**
 * The pods a named port of a rule resolves against: the pods the policy selects (ingress), or
 * the pods the rule's peers match (egress). hostNetwork pods are never among them.
 */
export function destinationsOf(ctx: LintContext, target: LintPolicy, direction: Direction, rule: PolicyRule): ClusterEndpoint[] {
  const policy = target.policy;
  if (direction.name === 'ingress') return ctx.selectedBy(policy);
  const ns = policyNamespace(policy);
  const seen = new Set<ClusterEndpoint>();
  for (const peer of rule.peers) for (const e of ctx.matchedByPeer(peer, ns)) seen.add(e);
  return [...seen];
}

/** Whether every peer of the rule is an ipBlock (a named port can resolve against no pod). */
export function onlyIpBlocks(rule: PolicyRule): boolean {
  return rule.peers.every((p) => p.kind === PeerKind.IP_BLOCK);
}

/** Whether the port allows anything on the pod: for a named port, whether the pod declares it (name and protocol). */
export function resolvesOn(port: Port, pod: ClusterEndpoint): boolean {
  return !portEntrySet(port, pod).isEmpty;
}

/** The numbers a named port resolves to on these pods, ascending. */
export function resolvedNumbers(port: Port, pods: ClusterEndpoint[]): number[] {
  let ports = PortSet.EMPTY;
  for (const pod of pods) ports = ports.union(portEntrySet(port, pod));
  const numbers: number[] = [];
  for (const [first, last] of ports.intervals(port.protocol!)) for (let n = first; n <= last; n++) numbers.push(n);
  return numbers;
}
