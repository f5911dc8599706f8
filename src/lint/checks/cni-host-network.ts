import { LintCheck } from './lint-check';
import { unsupported } from './support-wording';
import { Feature } from '../../profiles/feature';
import { describeWorkload } from '../lint-context';
import { LintFinding } from '../lint-finding';

const ID = 'cni-host-network';

/** `cni-host-network`: a policy selects hostNetwork pods, which the plugin does not isolate. */
export const cniHostNetwork: LintCheck = {
  id: ID,
  run(ctx) {
    const support = unsupported(ctx, Feature.HOST_NETWORK_PODS);
    if (!support) return [];
    const out: LintFinding[] = [];
    for (const target of ctx.policies) {
      const hostPods = ctx.matchedBySelector(target.policy).filter((e) => e.hostNetwork);
      if (hostPods.length === 0) continue;
      out.push(ctx.finding(ID, target, 'spec.podSelector',
        `the policy selects ${hostPods.map(describeWorkload).join(', ')}, which ${hostPods.length === 1 ? 'uses' : 'use'} hostNetwork: ` +
        `on ${ctx.profile!.displayName} ${support.note}. ${hostPods.length === 1 ? 'It stays' : 'They stay'} open whatever this policy says; run ${hostPods.length === 1 ? 'it' : 'them'} on the pod network, or narrow the podSelector so that it says what is really isolated.`));
    }
    return out;
  },
};
