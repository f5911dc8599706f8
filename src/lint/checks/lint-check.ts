import { LintContext } from '../lint-context';
import { LintFinding } from '../lint-finding';

/** One check of the linter (internal): a rule id and the function that finds its findings. */
export interface LintCheck {
  readonly id: string;
  run(ctx: LintContext): LintFinding[];
}
