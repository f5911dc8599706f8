import * as fs from 'fs';
import * as path from 'path';

// The extractor is plain JavaScript so that .ci/run can use it without compiling (test/consumer/run.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readConsumerProject, TARBALL_PLACEHOLDER } = require('./readme-project');

const root = path.join(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** `npm install a@1 b@^2 ...` → { a: '1', b: '^2' } for every install command. */
function installedRanges(commands: string[]): Record<string, string> {
  const ranges: Record<string, string> = {};
  for (const command of commands.filter((c) => c.startsWith('npm install '))) {
    for (const word of command.split(/\s+/).slice(2).filter((w) => !w.startsWith('-'))) {
      const at = word.lastIndexOf('@');
      if (at > 0) ranges[word.slice(0, at)] = word.slice(at + 1);
    }
  }
  return ranges;
}

describe('README "Use it in your project"', () => {
  const project = readConsumerProject(readme);

  test('describes a whole project: the files and the commands that install and run it', () => {
    expect(Object.keys(project.files).sort()).toEqual(['cdk8s.yaml', 'main.ts', 'tsconfig.json']);
    expect(project.setupCommands[0]).toMatch(/^mkdir \S+ && cd \S+$/);
    expect(project.runCommands[0]).toBe('npx cdk8s synth');
    expect(project.setupCommands.join('\n').split(TARBALL_PLACEHOLDER)).toHaveLength(2);
  });

  test('installs the versions the library is built and tested with (TypeScript 6, not 7)', () => {
    const ranges = installedRanges(project.setupCommands);
    expect(ranges.typescript).toBe('~6.0.3');
    for (const name of ['cdk8s', 'constructs', 'cdk8s-plus-29']) expect([name, ranges[name]]).toEqual([name, packageJson.peerDependencies[name]]);
    for (const name of ['typescript', 'ts-node', 'cdk8s-cli']) expect([name, ranges[name]]).toEqual([name, packageJson.devDependencies[name]]);
  });

  test('the CLI reads the folder cdk8s.yaml writes to', () => {
    const output = /^output: (\S+)$/m.exec(project.files['cdk8s.yaml']);
    expect(output).not.toBeNull();
    const cliCommands = project.runCommands.filter((c: string) => c.startsWith('npx cdk8s-netpol '));
    expect(cliCommands.length).toBeGreaterThanOrEqual(2);
    for (const command of cliCommands) expect(command.endsWith(` ${output![1]}/`)).toBe(true);
  });

  test('a code block that names no file is refused (the extraction can fail)', () => {
    const broken = readme.replace('`main.ts`, a shop', 'A shop');
    expect(() => readConsumerProject(broken)).toThrow(/the ts block at "import \{ App, Chart \} from 'cdk8s';.*has no paragraph naming its file/s);
    expect(() => readConsumerProject('# x\n')).toThrow(/no "## Use it in your project" section/);
  });
});
