import { runCliAsync } from './main';
import { ProcessOutput } from './process-output';
import { PROGRAM } from './usage';

/** Exit code when stdout fails for another reason than its reader going away. */
const EXIT_OUTPUT_FAILED = 74;

/**
 * Runs `cdk8s-netpol` as the process: the arguments after the script, the output streamed to
 * stdout with backpressure, and `process.exitCode` set when all of it is written. Used by
 * `bin/cdk8s-netpol`.
 */
export async function runProcess(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const output = new ProcessOutput(process.stdout, (text) => process.stderr.write(text));
  // Commands that wait on other processes (the lab) run asynchronously; the others answer at once.
  let code = await runCliAsync(argv, output);
  try {
    await output.finished();
  } catch (e) {
    process.stderr.write(`${PROGRAM}: cannot write the output: ${(e as Error).message}\n`);
    code = EXIT_OUTPUT_FAILED;
  }
  process.exitCode = code;
  return code;
}
