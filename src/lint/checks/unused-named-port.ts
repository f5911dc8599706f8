import { destinationsOf, onlyIpBlocks, resolvesOn } from './destinations';
import { LintCheck } from './lint-check';
import { isNamedPort } from '../../analysis/policy-semantics';
import { allPorts } from '../lint-context';

const ID = 'unused-named-port';

/** `unused-named-port`: a named port that no destination pod of the input declares (or only ipBlock destinations). */
export const unusedNamedPort: LintCheck = {
  id: ID,
  run(ctx) {
    return allPorts(ctx.policies).filter(({ port }) => isNamedPort(port)).flatMap(({ target, direction, rule, port, portField }) => {
      const field = `${portField}.port`;
      // Egress to ipBlocks only: the destinations are the pods of the input whose IPs they match, if the plugin matches pods by IP.
      const destinations = destinationsOf(ctx, target, direction, rule);
      if (direction.name === 'egress' && onlyIpBlocks(rule) && destinations.length === 0) {
        return [ctx.finding(ID, target, field,
          `the named port '${port.name}' is used with ipBlock destinations only: a name resolves against the container ports of pods, never against addresses outside the cluster, ` +
          'so this rule allows no traffic to them. Write the port number.')];
      }
      if (destinations.length === 0) return []; // the destinations are not in the input: nothing to say
      if (destinations.some((pod) => resolvesOn(port, pod))) return [];
      const otherProtocol = destinations.flatMap((pod) => pod.containerPorts).find((p) => p.name === port.name);
      const who = direction.name === 'ingress' ? 'the pods this policy selects' : 'the destination pods of this rule';
      const names = [...new Set(destinations.flatMap((pod) => pod.containerPorts.filter((p) => p.name).map((p) => `${p.name}/${p.protocol}`)))];
      const hint = otherProtocol
        ? `'${port.name}' is declared as ${otherProtocol.protocol}, not ${port.protocol}: name and protocol must both match; write protocol: ${otherProtocol.protocol}`
        : names.length > 0 ? `declared names: ${names.join(', ')}` : 'they declare no named ports';
      return [ctx.finding(ID, target, field,
        `the named port '${port.name}' (${port.protocol}) is declared by none of ${who} (${destinations.map((pod) => pod.name).join(', ')}), so it allows nothing: ${hint}.`)];
    });
  },
};
