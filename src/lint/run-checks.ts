import { ALL_CHECKS } from './checks/all-checks';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { LintRules } from './lint-rules';

/** Runs every check not disabled by the context's options; findings in rule order, then policy order (internal). */
export function runChecks(ctx: LintContext): LintFinding[] {
  const disabled = new Set(ctx.options.disabledRules ?? []);
  for (const id of disabled) LintRules.byId(id); // an unknown id is a mistake: say so
  return ALL_CHECKS.filter((c) => !disabled.has(c.id)).flatMap((c) => c.run(ctx));
}
