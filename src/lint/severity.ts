/**
 * How serious a lint finding is.
 */
export enum Severity {
  /** The policy will not do what it says on the target cluster (or is invalid): `lint` exits 1. */
  ERROR = 'error',
  /** Likely a mistake, or behaviour that depends on the plugin's version or settings. */
  WARNING = 'warning',
  /** Worth knowing; nothing is wrong. */
  INFO = 'info',
}

/** Whether `severity` is at least as serious as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  const rank = { [Severity.INFO]: 0, [Severity.WARNING]: 1, [Severity.ERROR]: 2 };
  return rank[severity] >= rank[threshold];
}
