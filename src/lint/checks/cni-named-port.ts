import { destinationsOf, resolvedNumbers } from './destinations';
import { LintCheck } from './lint-check';
import { onPlugin, severityOf, unsupported } from './support-wording';
import { isNamedPort } from '../../analysis/policy-semantics';
import { Feature } from '../../profiles/feature';
import { allPorts } from '../lint-context';

const ID = 'cni-named-port';

/** `cni-named-port`: a named port on a plugin that does not support named ports. */
export const cniNamedPort: LintCheck = {
  id: ID,
  run(ctx) {
    const support = unsupported(ctx, Feature.NAMED_PORTS);
    if (!support) return [];
    return allPorts(ctx.policies).filter(({ port }) => isNamedPort(port)).map(({ target, direction, rule, port, portField }) => {
      const numbers = resolvedNumbers(port, destinationsOf(ctx, target, direction, rule));
      const instead = numbers.length === 1
        ? `write port: ${numbers[0]} (what '${port.name}' resolves to on the ${direction.name === 'ingress' ? 'selected' : 'destination'} pods of the input)`
        : numbers.length > 1
          ? `'${port.name}' resolves to ${numbers.join(', ')} on different pods: write one port per number`
          : 'write the container port\'s number';
      return ctx.finding(ID, target, `${portField}.port`,
        `${onPlugin(ctx, support, `the named port '${port.name}' (${port.protocol})`)}. Instead, ${instead}.`, severityOf(support));
    });
  },
};
