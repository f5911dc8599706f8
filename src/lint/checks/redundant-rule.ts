import { LintCheck } from './lint-check';
import { ipBlockCovers, parseAddressRange, parseIpBlock } from '../../analysis/address-range';
import { policyNamespace } from '../../analysis/policy-semantics';
import { Peer, PeerKind } from '../../model/peer';
import { PolicyRule } from '../../model/policy-rule';
import { selectorCovers } from '../../model/selector-coverage';
import { EGRESS, INGRESS, LintContext, rulesOf } from '../lint-context';
import { LintFinding } from '../lint-finding';
import { portCovers } from '../port-coverage';

const ID = 'redundant-rule';

/** Whether `general` matches every peer `specific` matches (conservative). */
function peerCovers(ctx: LintContext, policyNs: string, general: Peer, specific: Peer): boolean {
  if (general.kind === PeerKind.ANYWHERE) return true;
  if (general.toKey() === specific.toKey()) return true;
  const nsOfPolicy = ctx.namespaceLabels(policyNs);
  switch (general.kind) {
    case PeerKind.IP_BLOCK: {
      if (specific.kind !== PeerKind.IP_BLOCK) return false;
      // The covering block must match every address of the other's CIDR: inside its CIDR and
      // outside each of its exceptions (10.0.0.0/8 except 10.1.0.0/16 does not cover 10.1.0.0/24).
      const g = parseIpBlock(general.ipBlock!);
      const s = parseAddressRange(specific.ipBlock!.cidr);
      return g !== undefined && s !== undefined && ipBlockCovers(g, s);
    }
    case PeerKind.NAMESPACES:
      if (specific.kind === PeerKind.NAMESPACES || specific.kind === PeerKind.PODS_IN_NAMESPACES) {
        return selectorCovers(general.namespaceSelector!, specific.namespaceSelector!);
      }
      return specific.kind === PeerKind.PODS && general.namespaceSelector!.matches(nsOfPolicy);
    case PeerKind.PODS_IN_NAMESPACES:
      if (specific.kind === PeerKind.PODS_IN_NAMESPACES) {
        return selectorCovers(general.namespaceSelector!, specific.namespaceSelector!) && selectorCovers(general.podSelector!, specific.podSelector!);
      }
      return specific.kind === PeerKind.PODS
        && general.namespaceSelector!.matches(nsOfPolicy)
        && selectorCovers(general.podSelector!, specific.podSelector!);
    case PeerKind.PODS:
      return specific.kind === PeerKind.PODS && selectorCovers(general.podSelector!, specific.podSelector!);
    default:
      return false;
  }
}

function ruleCovers(ctx: LintContext, policyNs: string, general: PolicyRule, specific: PolicyRule): boolean {
  return specific.peers.every((s) => general.peers.some((g) => peerCovers(ctx, policyNs, g, s)))
    && specific.ports.every((s) => general.ports.some((g) => portCovers(g, s)));
}

/** `redundant-rule`: a rule implied by another rule of the same policy and direction. */
export const redundantRule: LintCheck = {
  id: ID,
  run(ctx) {
    const out: LintFinding[] = [];
    for (const target of ctx.policies) {
      const ns = policyNamespace(target.policy);
      for (const direction of [INGRESS, EGRESS]) {
        const rules = rulesOf(target.policy, direction);
        rules.forEach((candidate, i) => {
          const by = rules.findIndex((other, j) => {
            if (i === j || !ruleCovers(ctx, ns, other.rule, candidate.rule)) return false;
            // Two rules that imply each other: report only the later one.
            return !(ruleCovers(ctx, ns, candidate.rule, other.rule) && j > i);
          });
          if (by < 0) return;
          out.push(ctx.finding(ID, target, candidate.field,
            `${candidate.field} is implied by ${rules[by].field}: every peer and port it allows is already allowed there. Remove it, or narrow ${rules[by].field}.`));
        });
      }
    }
    return out;
  },
};
