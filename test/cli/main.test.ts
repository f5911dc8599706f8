import { runCliInProcess as run } from './run-cli-in-process';
import { Command } from '../../src/cli/command';
import { OUTPUT_FLAG } from '../../src/cli/flag';
import { EXIT_INTERNAL } from '../../src/cli/main';
import { parseArgs } from '../../src/cli/parse-args';
import { UsageError } from '../../src/cli/usage-error';
import { InputError } from '../../src/io';

describe('cdk8s-netpol dispatcher', () => {
  test('no arguments: the usage on stderr, exit 2 (a script that lost its arguments must not pass)', () => {
    const { code, stdout, stderr } = run([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: cdk8s-netpol <command>/);
  });

  test.each([[['--help']], [['-h']], [['help']]])('%j prints the usage listing the commands, exit 0', (argv) => {
    const { code, stdout, stderr } = run(argv);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: cdk8s-netpol <command>/);
    expect(stdout).toMatch(/Commands:\n {2}validate {2}Check NetworkPolicy manifests/);
  });

  test.each([[['validate', '--help']], [['validate', 'x.yaml', '-h']], [['help', 'validate']]])('%j prints the usage of validate, exit 0', (argv) => {
    const { code, stdout, stderr } = run(argv);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: cdk8s-netpol validate \[--strict-cidr\] \[--calico-version X\.Y\] \[--cilium-version X\.Y\] \[--verbose\] \[--output text\|json\] \[--kubeconfig PATH\] \[--context NAME\] <file\|dir\|cluster>\.\.\./);
    expect(stdout).toContain('--strict-cidr');
    expect(stdout).toContain('--output text|json');
    expect(stdout).toMatch(/Exit codes:/);
  });

  test('--version prints the version of the package', () => {
    const { code, stdout } = run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+.*\n$/);
  });

  test('an unknown command prints the usage to stderr, exit 2', () => {
    const { code, stdout, stderr } = run(['frobnicate', 'x.yaml']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cdk8s-netpol: unknown command "frobnicate"\n/);
    expect(stderr).toContain('Usage: cdk8s-netpol <command>');
    expect(run(['help', 'frobnicate']).code).toBe(2);
  });

  test('an unknown flag before the command prints the usage to stderr, exit 2', () => {
    const { code, stdout, stderr } = run(['--loud', 'validate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown flag --loud/);
    expect(stderr).toContain('Usage: cdk8s-netpol <command>');
  });

  test.each([
    [['validate', '--loud', 'x.yaml'], /unknown flag --loud/],
    [['validate', 'x.yaml', '--verbose=1'], /flag --verbose takes no value/],
    [['validate', '-v', 'x.yaml'], /unknown flag -v/],
    [['validate', '--output', 'xml', 'x.yaml'], /invalid value "xml" for --output: expected one of text, json/],
    [['validate', '--output=', 'x.yaml'], /invalid value "" for --output/],
    [['validate', 'x.yaml', '--output'], /flag --output needs a value/],
    [['validate', '--strict-cidr=true', 'x.yaml'], /flag --strict-cidr takes no value/],
  ])('%j is a usage error of the command, exit 2', (argv, message) => {
    const { code, stdout, stderr } = run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: cdk8s-netpol validate');
  });
});

describe('the command registry', () => {
  const seen: Array<{ flags: unknown; positionals: readonly string[] }> = [];
  const echo: Command = {
    name: 'echo',
    summary: 'Print the arguments',
    synopsis: '[--loud] [--output text|json] <word>...',
    flags: [{ name: 'loud', description: 'Shout' }, OUTPUT_FLAG],
    run(args, io) {
      seen.push({ flags: args.flags, positionals: args.positionals });
      if (args.positionals[0] === 'missing') throw new UsageError('missing words');
      if (args.positionals[0] === 'input') throw new InputError('f.yaml', 'broken', 3, 4);
      if (args.positionals[0] === 'bug') throw new TypeError('cannot read properties of undefined');
      io.stdout(`${args.positionals.join(' ')}\n`);
      return 0;
    },
  };
  beforeEach(() => { seen.length = 0; });

  test('a command is found by name and listed in the usage', () => {
    expect(run(['echo', 'hi'], [echo])).toEqual({ code: 0, stdout: 'hi\n', stderr: '' });
    expect(run(['--help'], [echo]).stdout).toContain('  echo  Print the arguments');
    expect(run(['echo', '--help'], [echo]).stdout).toMatch(/--loud\s+Shout\n\s+--output text\|json\s+Output format \(default: text\)/);
  });

  test('flags may come before or after the positionals; --flag value and --flag=value are the same', () => {
    run(['echo', '--output', 'json', 'a', 'b'], [echo]);
    run(['echo', 'a', '--output=json', 'b'], [echo]);
    run(['echo', 'a', 'b', '--output', 'json'], [echo]);
    expect(seen).toEqual(Array(3).fill({ flags: { loud: false, output: 'json' }, positionals: ['a', 'b'] }));
  });

  test('defaults, switches, `-` and `--`', () => {
    run(['echo', '--loud', '-', '--', '--output', '-h'], [echo]);
    expect(seen).toEqual([{ flags: { loud: true, output: 'text' }, positionals: ['-', '--output', '-h'] }]);
  });

  test('errors thrown by a command: usage (2), input (2, with file and line), bug (70)', () => {
    const usage = run(['echo', 'missing'], [echo]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^cdk8s-netpol: echo: missing words\n\nUsage: cdk8s-netpol echo/);
    const input = run(['echo', 'input'], [echo]);
    expect(input).toEqual({ code: 2, stdout: '', stderr: 'cdk8s-netpol echo: f.yaml:3:4: broken\n' });
    const bug = run(['echo', 'bug'], [echo]);
    expect(bug.code).toBe(EXIT_INTERNAL);
    expect(bug.stderr).toMatch(/internal error \(please report it\): TypeError: cannot read properties of undefined/);
  });
});

describe('parseArgs', () => {
  test('the last occurrence of a flag wins', () => {
    expect(parseArgs(['--output', 'json', '--output=text'], [OUTPUT_FLAG]).flags.output).toBe('text');
  });

  test('a value may start with a dash when given after the flag', () => {
    const flag = { name: 'name', description: 'x', valueName: 'NAME' };
    expect(parseArgs(['--name', '-x'], [flag]).flags.name).toBe('-x');
    expect(parseArgs(['--name=a=b'], [flag]).flags.name).toBe('a=b');
  });

  test('help is reported, not an error', () => {
    expect(parseArgs(['a', '--help'], []).help).toBe(true);
    expect(parseArgs(['a'], []).help).toBe(false);
  });
});
