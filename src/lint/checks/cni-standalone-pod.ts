import { LintCheck } from './lint-check';
import { policySelects } from '../../analysis/policy-semantics';
import { LintFinding } from '../lint-finding';

const ID = 'cni-standalone-pod';

/** `cni-standalone-pod`: a selected pod without an owner, on a plugin that enforces owned pods only. */
export const cniStandalonePod: LintCheck = {
  id: ID,
  run(ctx) {
    const profile = ctx.profile;
    if (!profile || !profile.enforcesPolicy || !profile.requiresOwnerReferences) return [];
    const out: LintFinding[] = [];
    for (const pod of ctx.endpoints) {
      if (pod.kind !== 'Pod' || pod.owned) continue;
      const policies = ctx.policies.filter((p) => policySelects(p.policy, pod));
      if (policies.length === 0) continue;
      const names = policies.map((p) => p.policy.name).join(', ');
      out.push(ctx.workloadFinding(ID, pod, 'metadata.ownerReferences',
        `Pod ${pod.name} is selected by ${names}, but on ${profile.displayName} policies are applied only to pods with metadata.ownerReferences: ` +
        'this standalone pod is not isolated at all. Run it from a Deployment, StatefulSet, DaemonSet or Job instead.'));
    }
    return out;
  },
};
