import { Feature } from '../../profiles/feature';
import { FeatureSupport } from '../../profiles/feature-support';
import { SupportLevel } from '../../profiles/support-level';
import { LintContext } from '../lint-context';
import { Severity } from '../severity';

/** The profile's support of a feature when it is not enforced, or undefined (no profile, or enforced). */
export function unsupported(ctx: LintContext, feature: Feature): FeatureSupport | undefined {
  if (!ctx.profile || !ctx.profile.enforcesPolicy) return undefined; // cni-no-enforcement says it all
  const support = ctx.profile.support(feature);
  return support.level === SupportLevel.ENFORCED ? undefined : support;
}

/** Errors for what is known not to work; warnings where support is unknown. */
export function severityOf(support: FeatureSupport): Severity {
  return support.level === SupportLevel.UNKNOWN ? Severity.WARNING : Severity.ERROR;
}

/** `on Weave Net 2.8 ...` with the level in words and the profile's note. */
export function onPlugin(ctx: LintContext, support: FeatureSupport, what: string): string {
  const plugin = ctx.profile!.displayName;
  switch (support.level) {
    case SupportLevel.POLICY_DROPPED:
      return `on ${plugin} ${what} makes the plugin drop this whole policy, so none of its rules apply (fail-open): ${support.note}`;
    case SupportLevel.IGNORED:
      return `on ${plugin} ${what} is not enforced: ${support.note}`;
    default:
      return `on ${plugin} support for ${what} is unknown: ${support.note}`;
  }
}
