import { LintCheck } from './lint-check';
import { describeSelector, PeerKind } from '../../model/peer';
import { allRules } from '../lint-context';

const ID = 'or-peer';

/** `or-peer`: a namespaceSelector item and a podSelector item in one rule (OR), where one AND item was likely meant. */
export const orPeer: LintCheck = {
  id: ID,
  run(ctx) {
    // Constructs spell AND as one peer: OR there is deliberate.
    return allRules(ctx.policies.filter((p) => !p.fromConstruct)).flatMap(({ target, direction, rule, field }) => {
      const pods = rule.peers.find((p) => p.kind === PeerKind.PODS);
      const namespaces = rule.peers.find((p) => p.kind === PeerKind.NAMESPACES);
      if (!pods || !namespaces) return [];
      const ns = describeSelector(namespaces.namespaceSelector!);
      const podSel = describeSelector(pods.podSelector!);
      const list = `${field}.${direction.peersField}`;
      return [ctx.finding(ID, target, list,
        `${list} has a namespaceSelector ${ns} and a podSelector ${podSel} as separate items: that allows every pod of the namespaces ${ns} OR the pods ${podSel} of the policy's own namespace. ` +
        `If you meant the pods ${podSel} in the namespaces ${ns}, put both selectors in one item (drop the "-" before podSelector). If OR is meant, split it into two rules to say so.`)];
    });
  },
};
