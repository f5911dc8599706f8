import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../io';
import { CliIo } from './cli-io';
import { Command } from './command';
import { CommandExit } from './command-input';
import { COMMANDS } from './commands';
import { parseArgs } from './parse-args';
import { commandUsage, PROGRAM, programUsage } from './usage';
import { UsageError } from './usage-error';

/** Exit code of a run whose input cannot be used (or a bad command line). */
export const EXIT_USAGE = 2;
/** Exit code of a bug of ours (an exception we did not expect); reported with its stack. */
export const EXIT_INTERNAL = 70;

/**
 * Runs `cdk8s-netpol` with the given arguments (without `node` and the script) and returns the exit code.
 * Never throws and never exits the process: `bin/cdk8s-netpol` does that, tests call this in process.
 *
 * - no arguments: the usage on stderr, exit 2; `-h`, `--help`, `help`: the usage, exit 0; `help <command>` or `<command> --help`: the command's.
 * - `--version`: the version, exit 0.
 * - an unknown command or flag, a missing value: the message and the usage on stderr, exit 2.
 * - an `InputError` (unreadable path, syntax error): `cdk8s-netpol <command>: file:line:col: reason`, exit 2.
 */
export function runCli(argv: readonly string[], io: CliIo, commands: readonly Command[] = COMMANDS): number {
  const [first, ...rest] = argv;
  if (first === undefined) {
    // Nothing to do is not success: a script that lost its arguments must not pass.
    io.stderr(programUsage(commands));
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help') {
    io.stdout(programUsage(commands));
    return 0;
  }
  if (first === '--version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0] === undefined ? undefined : commands.find(c => c.name === rest[0]);
    if (rest[0] !== undefined && !topic) return usageError(io, `unknown command ${JSON.stringify(rest[0])}`, programUsage(commands));
    io.stdout(topic ? commandUsage(topic) : programUsage(commands));
    return 0;
  }
  const command = commands.find(c => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `unknown flag ${first}` : `unknown command ${JSON.stringify(first)}`;
    return usageError(io, what, programUsage(commands));
  }
  try {
    const args = parseArgs(rest, command.flags);
    if (args.help) {
      io.stdout(commandUsage(command));
      return 0;
    }
    return command.run(args, io);
  } catch (e) {
    return commandError(command, e, io);
  }
}

/**
 * `runCli` for the command line: a command with `runAsync` (the lab) runs asynchronously; every
 * other command line gives exactly what `runCli` gives.
 */
export async function runCliAsync(argv: readonly string[], io: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  const command = commands.find(c => c.name === argv[0]);
  if (!command?.runAsync) return runCli(argv, io, commands);
  try {
    const args = parseArgs(argv.slice(1), command.flags);
    if (args.help) {
      io.stdout(commandUsage(command));
      return 0;
    }
    return await command.runAsync(args, io);
  } catch (e) {
    return commandError(command, e, io);
  }
}

/** The exit code (and message) of an error thrown by a command. */
function commandError(command: Command, e: unknown, io: CliIo): number {
  if (e instanceof CommandExit) return e.code;
  if (e instanceof UsageError) return usageError(io, `${command.name}: ${e.message}`, commandUsage(command));
  if (e instanceof InputError) {
    io.stderr(`${PROGRAM} ${command.name}: ${e.message}\n`);
    return EXIT_USAGE;
  }
  io.stderr(`${PROGRAM} ${command.name}: internal error (please report it): ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  return EXIT_INTERNAL;
}

function usageError(io: CliIo, message: string, usage: string): number {
  io.stderr(`${PROGRAM}: ${message}\n\n${usage}`);
  return EXIT_USAGE;
}

function version(): string {
  try {
    // src/cli/main.ts and lib/cli/main.js are both two levels below package.json.
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
