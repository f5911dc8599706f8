import { LintCheck } from './lint-check';

const ID = 'cni-no-enforcement';

/** `cni-no-enforcement`: the plugin enforces no policy at all. */
export const cniNoEnforcement: LintCheck = {
  id: ID,
  run(ctx) {
    const profile = ctx.profile;
    if (!profile || profile.enforcesPolicy) return [];
    return ctx.policies.map((p) => ctx.finding(ID, p, undefined,
      `${profile.displayName} enforces no NetworkPolicy: the API server accepts this policy and nothing applies it, so the pods it selects stay open. ` +
      'Run a policy controller (on K3s keep the embedded one: do not start the server with --disable-network-policy; with Flannel >= 0.25.5 set the chart value netpol.enabled), ' +
      'or lint with the profile of the plugin that enforces your policies.'));
  },
};
