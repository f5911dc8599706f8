import { CliIo } from './cli-io';
import { Flag } from './flag';
import { ParsedArgs } from './parse-args';

/**
 * A subcommand of `cdk8s-netpol`. To add one, write a file exporting a `Command` and list it in
 * `commands.ts`; the dispatcher does the rest (usage, `--help`, flag parsing, errors).
 */
export interface Command {
  /** What the user types: `validate`. */
  readonly name: string;
  /** One line for the list of commands. */
  readonly summary: string;
  /** The arguments after the name, for the usage line: `[--strict-cidr] [--output text|json] <file|dir>...`. */
  readonly synopsis: string;
  /** Paragraphs printed after the flags in the command's help (exit codes, examples). */
  readonly details?: string;
  /** The flags it accepts (`-h`/`--help` is added by the dispatcher). */
  readonly flags: readonly Flag[];
  /**
   * Runs the command and returns the exit code. It may throw `UsageError` (exit 2 with usage) or
   * `InputError` (exit 2 with the file and line); the dispatcher prints them.
   */
  run(args: ParsedArgs, io: CliIo): number;
  /**
   * For a command that must wait on processes or sockets (the lab): run instead of `run` by
   * `runCliAsync`, which `bin/cdk8s-netpol` uses. The same errors as `run` may be thrown.
   * @default - the command is synchronous
   */
  runAsync?(args: ParsedArgs, io: CliIo): Promise<number>;
}
