import { destinationsOf, onlyIpBlocks, resolvesOn } from './destinations';
import { LintCheck } from './lint-check';
import { EGRESS, INGRESS, rulesOf } from '../lint-context';
import { LintFinding } from '../lint-finding';

const ID = 'unused-named-port';

/** `unused-named-port`: a named port that no destination pod of the input declares (or only ipBlock destinations). */
export const unusedNamedPort: LintCheck = {
  id: ID,
  run(ctx) {
    const out: LintFinding[] = [];
    for (const target of ctx.policies) {
      for (const direction of [INGRESS, EGRESS]) {
        for (const { rule, field } of rulesOf(target.policy, direction)) {
          const ipOnly = direction.name === 'egress' && onlyIpBlocks(rule);
          const destinations = ipOnly ? [] : destinationsOf(ctx, target, direction, rule);
          rule.ports.forEach((port, j) => {
            if (port.name === undefined) return;
            const portField = `${field}.ports[${j}].port`;
            if (ipOnly) {
              out.push(ctx.finding(ID, target, portField,
                `the named port '${port.name}' is used with ipBlock destinations only: a name resolves against the container ports of pods, never against addresses, so this rule allows nothing. Write the port number.`));
              return;
            }
            if (destinations.length === 0) return; // the destinations are not in the input: nothing to say
            if (destinations.some((pod) => resolvesOn(port, pod))) return;
            const otherProtocol = destinations.flatMap((pod) => pod.containerPorts).find((p) => p.name === port.name);
            const who = direction.name === 'ingress' ? 'the pods this policy selects' : 'the destination pods of this rule';
            const names = [...new Set(destinations.flatMap((pod) => pod.containerPorts.filter((p) => p.name).map((p) => `${p.name}/${p.protocol}`)))];
            const hint = otherProtocol
              ? `'${port.name}' is declared as ${otherProtocol.protocol}, not ${port.protocol}: name and protocol must both match; write protocol: ${otherProtocol.protocol}`
              : names.length > 0 ? `declared names: ${names.join(', ')}` : 'they declare no named ports';
            out.push(ctx.finding(ID, target, portField,
              `the named port '${port.name}' (${port.protocol}) is declared by none of ${who} (${destinations.map((pod) => pod.name).join(', ')}), so it allows nothing: ${hint}.`));
          });
        }
      }
    }
    return out;
  },
};
