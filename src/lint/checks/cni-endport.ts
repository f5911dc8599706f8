import { LintCheck } from './lint-check';
import { onPlugin, severityOf, unsupported } from './support-wording';
import { Feature } from '../../profiles/feature';
import { SupportLevel } from '../../profiles/support-level';
import { allPorts } from '../lint-context';

const ID = 'cni-endport';

/** `cni-endport`: a port range on a plugin that does not enforce endPort. */
export const cniEndPort: LintCheck = {
  id: ID,
  run(ctx) {
    const support = unsupported(ctx, Feature.END_PORT);
    if (!support) return [];
    return allPorts(ctx.policies).flatMap(({ target, port, portField }) => {
      if (port.endPort === undefined || port.portNumber === undefined) return [];
      const range = `${port.protocol} ${port.portNumber}-${port.endPort}`;
      const effect = support.level === SupportLevel.IGNORED
        ? ` Only ${port.protocol} ${port.portNumber} is allowed, not ${port.portNumber + 1}-${port.endPort}.`
        : '';
      return [ctx.finding(ID, target, `${portField}.endPort`,
        `${onPlugin(ctx, support, `the port range ${range} (endPort)`)}.${effect} Instead, list the ports one by one (${port.endPort - port.portNumber + 1} entries), or use a plugin that supports endPort.`,
        severityOf(support))];
    });
  },
};
