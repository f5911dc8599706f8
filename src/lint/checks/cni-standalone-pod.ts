import { LintCheck } from './lint-check';
import { LintFinding } from '../lint-finding';

const ID = 'cni-standalone-pod';

/** `cni-standalone-pod`: a selected pod without an owner, on a plugin that enforces owned pods only. */
export const cniStandalonePod: LintCheck = {
  id: ID,
  run(ctx) {
    const profile = ctx.profile;
    if (!profile || !profile.enforcesPolicy || !profile.requiresOwnerReferences) return [];
    const out: LintFinding[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== 'Pod' || w.hostNetwork || (w.owned ?? false)) continue;
      const policies = ctx.policies.filter((p) => ctx.selectedBy(p.policy).includes(w));
      if (policies.length === 0) continue;
      const names = policies.map((p) => p.policy.name).join(', ');
      out.push(ctx.workloadFinding(ID, w, 'metadata.ownerReferences',
        `Pod ${w.name} is selected by ${names}, but on ${profile.displayName} policies are applied only to pods with metadata.ownerReferences: ` +
        'this standalone pod is not isolated at all. Run it from a Deployment, StatefulSet, DaemonSet or Job instead.'));
    }
    return out;
  },
};
