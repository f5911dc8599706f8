import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { LintPolicy } from './lint-inputs';
import { LintOptions } from './lint-options';
import { runChecks } from './run-checks';
import { NetworkPolicyModel } from '../model/network-policy-model';

/**
 * Lints NetworkPolicies: what a network plugin would not enforce (with `cni`), and the common
 * mistakes of any cluster (DNS, AND/OR peers, selectors that match nothing, ...).
 */
export class Linter {
  /** Lints policies with their origins; findings come in rule order, then policy order. */
  public static lint(policies: LintPolicy[], options: LintOptions = {}): LintFinding[] {
    return runChecks(LintContext.of(policies, options));
  }

  /** Lints policy models (no file, no manifest as written). */
  public static lintModels(policies: NetworkPolicyModel[], options: LintOptions = {}): LintFinding[] {
    return Linter.lint(policies.map((policy) => ({ policy })), options);
  }

  private constructor() {}
}
