import { Command } from './command';
import { Flag } from './flag';

/** The name of the program, as users type it. */
export const PROGRAM = 'cdk8s-netpol';

/** The help of the program: how to call it and the list of commands. */
export function programUsage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map(c => c.name.length));
  return [
    `Usage: ${PROGRAM} <command> [flags] <args>`,
    '',
    'Validate and analyse Kubernetes NetworkPolicy manifests (YAML or JSON files, directories).',
    '',
    'Commands:',
    ...commands.map(c => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Flags:',
    '  -h, --help     Show this help',
    '      --version  Print the version',
    '',
    `Run '${PROGRAM} <command> --help' for the flags of a command.`,
    '',
  ].join('\n');
}

/** The help of one command: its usage line, its flags and its details. */
export function commandUsage(command: Command): string {
  const rows: Array<[string, string]> = command.flags.map(flag => [flagSignature(flag), flagDescription(flag)]);
  rows.push(['-h, --help', 'Show this help']);
  const width = Math.max(...rows.map(([signature]) => signature.length));
  return [
    `Usage: ${PROGRAM} ${command.name} ${command.synopsis}`,
    '',
    `${command.summary}.`,
    '',
    'Flags:',
    ...rows.map(([signature, description]) => `  ${signature.padEnd(width)}  ${description}`),
    ...(command.details ? ['', command.details.trimEnd()] : []),
    '',
  ].join('\n');
}

function flagSignature(flag: Flag): string {
  const name = flag.short !== undefined ? `-${flag.short}, --${flag.name}` : `--${flag.name}`;
  if (flag.valueName === undefined) return name;
  return `${name} ${flag.choices ? flag.choices.join('|') : flag.valueName}`;
}

function flagDescription(flag: Flag): string {
  return flag.defaultValue !== undefined ? `${flag.description} (default: ${flag.defaultValue})` : flag.description;
}
