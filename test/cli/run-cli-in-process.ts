import { Command } from '../../src/cli/command';
import { runCli } from '../../src/cli/main';

/** What a run of the CLI printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cdk8s-netpol <argv>` in process, capturing its output. */
export function runCliInProcess(argv: string[], commands?: readonly Command[]): CliRun {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (s: string) => { stdout += s; }, stderr: (s: string) => { stderr += s; } };
  const code = commands ? runCli(argv, io, commands) : runCli(argv, io);
  return { code, stdout, stderr };
}
