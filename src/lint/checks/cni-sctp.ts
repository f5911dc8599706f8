import { LintCheck } from './lint-check';
import { onPlugin, severityOf, unsupported } from './support-wording';
import { Protocol } from '../../model/protocol';
import { Feature } from '../../profiles/feature';
import { allPorts } from '../lint-context';

const ID = 'cni-sctp';

/** `cni-sctp`: an SCTP port on a plugin without (known) SCTP policy support. */
export const cniSctp: LintCheck = {
  id: ID,
  run(ctx) {
    const support = unsupported(ctx, Feature.SCTP);
    if (!support) return [];
    return allPorts(ctx.policies).filter(({ port }) => port.protocol === Protocol.SCTP).map(({ target, port, portField }) => ctx.finding(ID, target, `${portField}.protocol`,
      `${onPlugin(ctx, support, `the SCTP port (${port.toString()})`)}. Instead, check that the plugin's SCTP support is on, or run SCTP workloads on a dataplane that enforces SCTP policy.`,
      severityOf(support)));
  },
};
