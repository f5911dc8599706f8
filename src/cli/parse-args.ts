import { Flag } from './flag';
import { UsageError } from './usage-error';

/** A command line, parsed against the flags of a command. */
export interface ParsedArgs {
  /** Flag values by name: the value for a flag with a value, `true` for a switch given; defaults filled in. */
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
  /** Every value of each repeatable flag, in order (empty when not given). */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  /** The other arguments, in order. */
  readonly positionals: readonly string[];
  /** Whether `-h` or `--help` was given. */
  readonly help: boolean;
}

/**
 * Parses arguments by hand: flags may come before, between or after positionals; `--name value` and
 * `--name=value` are the same; the last occurrence of a flag wins, except that a repeatable flag
 * keeps them all; `--` ends the flags; `-` is a positional
 * (standard input).
 *
 * @throws UsageError on an unknown flag, a missing value, a value not among the choices, or a value given to a switch.
 */
export function parseArgs(argv: readonly string[], flags: readonly Flag[]): ParsedArgs {
  const values: Record<string, string | boolean | undefined> = {};
  for (const flag of flags) values[flag.name] = flag.valueName !== undefined ? flag.defaultValue : false;
  const lists: Record<string, string[]> = {};
  for (const flag of flags) if (flag.repeatable) lists[flag.name] = [];
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, equals < 0 ? undefined : equals) : undefined;
    const short = !arg.startsWith('--') && equals < 0 && arg.length === 2 ? arg[1] : undefined;
    const flag = flags.find(f => (name !== undefined && f.name === name) || (short !== undefined && f.short === short));
    if (!flag) throw new UsageError(`unknown flag ${equals < 0 ? arg : arg.slice(0, equals)}`);
    if (flag.valueName === undefined) {
      if (equals >= 0) throw new UsageError(`flag --${flag.name} takes no value`);
      values[flag.name] = true;
      continue;
    }
    let value: string;
    if (equals >= 0) {
      value = arg.slice(equals + 1);
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`flag --${flag.name} needs a value${choicesText(flag)}`);
      value = argv[++i];
    }
    if (flag.choices && !flag.choices.includes(value)) {
      throw new UsageError(`invalid value ${JSON.stringify(value)} for --${flag.name}${choicesText(flag)}`);
    }
    values[flag.name] = value;
    if (flag.repeatable) lists[flag.name].push(value);
  }
  return { flags: values, lists, positionals, help };
}

function choicesText(flag: Flag): string {
  return flag.choices ? `: expected one of ${flag.choices.join(', ')}` : '';
}
