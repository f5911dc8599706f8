import { LintCheck } from './lint-check';
import { policyNamespace } from '../../analysis/policy-semantics';
import { allRules } from '../lint-context';
import { LintFinding } from '../lint-finding';
import { LintPolicy } from '../lint-inputs';

const ID = 'cni-port-limit';

/** `cni-port-limit`: more unique port/protocol combinations for one peer than the plugin accepts. */
export const cniPortLimit: LintCheck = {
  id: ID,
  run(ctx) {
    const profile = ctx.profile;
    const max = profile?.maxPortProtocolCombinations;
    if (!profile || !profile.enforcesPolicy || max === undefined) return [];
    // Per namespace, direction and peer, the combinations across every policy, and the policy
    // that brought the count over the limit.
    const groups = new Map<string, { ports: Set<string>; peer: string; direction: string; over?: LintPolicy; field?: string }>();
    for (const { target, direction, rule, field } of allRules(ctx.policies)) {
      if (rule.allowsAnyPort) continue;
      for (const peer of rule.peers) {
        const key = `${policyNamespace(target.policy)}|${direction.name}|${peer.toKey()}`;
        const group = groups.get(key) ?? { ports: new Set<string>(), peer: peer.toString(), direction: direction.name };
        for (const port of rule.ports) group.ports.add(port.toKey());
        if (group.ports.size > max && group.over === undefined) {
          group.over = target;
          group.field = `${field}.ports`;
        }
        groups.set(key, group);
      }
    }
    const out: LintFinding[] = [];
    for (const group of groups.values()) {
      if (!group.over) continue;
      out.push(ctx.finding(ID, group.over, group.field,
        `${group.ports.size} unique port/protocol combinations are allowed for ${group.direction} with ${group.peer} (counted across the policies of the namespace), ` +
        `but ${profile.displayName} accepts at most ${max} per peer. Merge consecutive ports into ranges (endPort), or allow fewer ports.`));
    }
    return out;
  },
};
