import { Direction, LintContext, namespaceOf } from '../lint-context';
import { LintPolicy, LintWorkload } from '../lint-inputs';
import { PeerKind } from '../../model/peer';
import { PolicyRule } from '../../model/policy-rule';
import { Port } from '../../model/port';

/**
 * The pods a named port of a rule resolves against: the pods the policy selects (ingress), or
 * the pods the rule's peers match (egress). hostNetwork pods are never among them.
 */
export function destinationsOf(ctx: LintContext, target: LintPolicy, direction: Direction, rule: PolicyRule): LintWorkload[] {
  const policy = target.policy;
  if (direction.name === 'ingress') return ctx.selectedBy(policy).filter((w) => !w.hostNetwork);
  const ns = namespaceOf(policy);
  const seen = new Set<LintWorkload>();
  for (const peer of rule.peers) for (const w of ctx.matchedByPeer(peer, ns)) seen.add(w);
  return [...seen];
}

/** Whether every peer of the rule is an ipBlock (a named port can resolve against no pod). */
export function onlyIpBlocks(rule: PolicyRule): boolean {
  return rule.peers.every((p) => p.kind === PeerKind.IP_BLOCK);
}

/** The numbers a named port resolves to on these pods (name and protocol must match). */
export function resolvedNumbers(port: Port, pods: LintWorkload[]): number[] {
  const numbers = new Set<number>();
  for (const w of pods) {
    for (const p of w.ports ?? []) if (p.name === port.name && p.protocol === port.protocol) numbers.add(p.number);
  }
  return [...numbers].sort((a, b) => a - b);
}
