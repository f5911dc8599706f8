/**
 * Where a command writes. Each call writes its text as is (lines end with `\n`), so that tests can
 * capture the output of a run in process.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}
