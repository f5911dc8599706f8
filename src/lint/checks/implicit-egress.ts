import { LintCheck } from './lint-check';
import { policyNamespace, policySelects } from '../../analysis/policy-semantics';
import { selectorCovers } from '../../model/selector-coverage';
import { LintFinding } from '../lint-finding';
import { LintPolicy } from '../lint-inputs';

const ID = 'implicit-egress';

function isEmptyList(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/**
 * `implicit-egress`: a policy written without policyTypes and without egress rules (so egress
 * stays open) in a namespace whose other policies isolate egress, for pods that none of them
 * isolates. Needs the manifest as written.
 */
export const implicitEgress: LintCheck = {
  id: ID,
  run(ctx) {
    const out: LintFinding[] = [];
    const isolatingIn = new Map<string, LintPolicy[]>();
    for (const target of ctx.policies) {
      const spec = target.manifest?.spec;
      if (target.manifest === undefined || (spec !== undefined && (typeof spec !== 'object' || spec === null))) continue;
      if (!isEmptyList(spec?.policyTypes) || !isEmptyList(spec?.egress)) continue;
      const ns = policyNamespace(target.policy);
      let isolatingHere = isolatingIn.get(ns);
      if (!isolatingHere) isolatingIn.set(ns, isolatingHere = ctx.policiesIn(ns).filter((p) => p.policy.isolatesEgress));
      const isolating = isolatingHere.filter((p) => p !== target);
      if (isolating.length === 0) continue;
      // Quiet when another policy isolates egress of these very pods: then nothing stays open.
      const pods = ctx.selectedBy(target.policy);
      const covered = pods.length > 0
        ? pods.every((pod) => isolating.some((p) => policySelects(p.policy, pod)))
        : isolating.some((p) => selectorCovers(p.policy.podSelector, target.policy.podSelector));
      if (covered) continue;
      const others = isolating.map((p) => p.policy.name).join(', ');
      const written = Array.isArray(spec?.egress) ? 'has `egress: []` but no policyTypes' : 'has no policyTypes and no egress rules';
      out.push(ctx.finding(ID, target, Array.isArray(spec?.egress) ? 'spec.egress' : 'spec',
        `this policy ${written}, so the API server sets policyTypes to [Ingress] and egress of its pods stays open, while other policies of namespace ${ns} isolate egress (${others}). ` +
        'To deny egress here, write policyTypes: [Ingress, Egress]; to leave egress open on purpose, write policyTypes: [Ingress].'));
    }
    return out;
  },
};
