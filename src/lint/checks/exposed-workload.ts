import { LintCheck } from './lint-check';
import { policyId } from '../../analysis/explain';
import { anyPodIngressRules } from '../../analysis/exposure';
import { describeWorkload } from '../lint-context';
import { LintFinding } from '../lint-finding';

const ID = 'exposed-workload';

/**
 * `exposed-workload`: a workload that a policy isolates for ingress, and that a rule of such a
 * policy opens to every pod of every namespace (a rule without `from`, or a peer with an empty
 * namespaceSelector and no or an empty podSelector). It holds on every network plugin, for
 * namespaces created later too; `analyze --exposure` also lists workloads that no policy isolates.
 */
export const exposedWorkload: LintCheck = {
  id: ID,
  run(ctx) {
    const out: LintFinding[] = [];
    const policies = ctx.policies.map((p) => p.policy);
    for (const endpoint of ctx.endpoints) {
      if (endpoint.hostNetwork) continue;
      const rules = anyPodIngressRules(endpoint, policies);
      if (rules.length === 0) continue;
      const ports = rules.reduce((set, r) => set.union(r.ports), rules[0].ports);
      const why = rules.map((r) => `${policyId(r.policy)} spec.ingress[${r.ruleIndex}]${r.peerIndex >= 0 ? `.from[${r.peerIndex}]` : ''}${r.peerIndex < 0 ? ' (no from: also every address outside the cluster)' : ''}`);
      out.push(ctx.workloadFinding(ID, endpoint, undefined,
        `${describeWorkload(endpoint)} can be reached on ${ports.toString()} from every pod of every namespace, present or future, by ${why.join(', ')}. ` +
        'If only some namespaces need it, select them by label (namespaceSelector: {matchLabels: {...}}).'));
    }
    return out;
  },
};
