/**
 * What synth does with the linter's findings.
 */
export enum SynthCheckMode {
  /** Print every finding on standard error; synth goes on. */
  WARN = 'warn',
  /** Fail synth on findings at or above `NetpolSettings.failOn`; print the others. */
  FAIL = 'fail',
}
