import { LintCheck } from './lint-check';
import { policyNamespace } from '../../analysis/policy-semantics';
import { LabelSelector } from '../../model/label-selector';
import { describeSelector } from '../../model/peer';
import { describeWorkload } from '../lint-context';
import { LintFinding } from '../lint-finding';

const ID = 'selects-nothing';

/** `selects-nothing`: the pod selector matches no workload of the input (only when the input has workloads). */
export const selectsNothing: LintCheck = {
  id: ID,
  run(ctx) {
    if (ctx.endpoints.length === 0) return []; // nothing to compare with: the workloads live elsewhere
    const out: LintFinding[] = [];
    for (const target of ctx.policies) {
      const policy = target.policy;
      if (policy.podSelector.isEmpty) continue; // every pod of the namespace, including future ones
      if (ctx.matchedBySelector(policy).length > 0) continue; // hostNetwork pods only: cni-host-network's business
      const ns = policyNamespace(policy);
      if (ctx.namespacesWithUnreadableEndpoints.has(ns)) continue; // the workload it selects may be the one that could not be read
      const elsewhere = ctx.endpoints.filter((e) => e.namespace !== ns && policy.podSelector.matches(e.labels));
      const here = ctx.endpoints.filter((e) => e.namespace === ns);
      let hint: string;
      if (elsewhere.length > 0) {
        hint = `${describeWorkload(elsewhere[0])} matches, but a policy selects pods of its own namespace only: set metadata.namespace to ${elsewhere[0].namespace}`;
      } else if (here.length > 0) {
        hint = `the workloads of namespace ${ns} have labels ${here.slice(0, 3).map((e) => `${e.name} ${describeSelector(LabelSelector.labels(e.labels))}`).join(', ')}${here.length > 3 ? ', ...' : ''}; labels are case-sensitive`;
      } else {
        hint = `the input has no workload in namespace ${ns}`;
      }
      out.push(ctx.finding(ID, target, 'spec.podSelector',
        `the podSelector ${describeSelector(policy.podSelector)} matches no pod or workload of the input in namespace ${ns}, so this policy isolates nothing: ${hint}.`));
    }
    return out;
  },
};
