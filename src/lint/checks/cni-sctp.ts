import { LintCheck } from './lint-check';
import { onPlugin, severityOf, unsupported } from './support-wording';
import { Protocol } from '../../model/protocol';
import { Feature } from '../../profiles/feature';
import { EGRESS, INGRESS, rulesOf } from '../lint-context';
import { LintFinding } from '../lint-finding';

const ID = 'cni-sctp';

/** `cni-sctp`: an SCTP port on a plugin without (known) SCTP policy support. */
export const cniSctp: LintCheck = {
  id: ID,
  run(ctx) {
    const support = unsupported(ctx, Feature.SCTP);
    if (!support) return [];
    const out: LintFinding[] = [];
    for (const target of ctx.policies) {
      for (const direction of [INGRESS, EGRESS]) {
        for (const { rule, field } of rulesOf(target.policy, direction)) {
          rule.ports.forEach((port, j) => {
            if (port.protocol !== Protocol.SCTP) return;
            out.push(ctx.finding(ID, target, `${field}.ports[${j}].protocol`,
              `${onPlugin(ctx, support, `the SCTP port (${port.toString()})`)}. Instead, check that the plugin's SCTP support is on, or run SCTP workloads on a dataplane that enforces SCTP policy.`,
              severityOf(support)));
          });
        }
      }
    }
    return out;
  },
};
