import * as fs from 'fs';
import * as path from 'path';

// The names the README gives for each language are the ones jsii builds (package.json, from .projenrc.ts),
// and the Go example uses that module.
const root = path.join(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const targets = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).jsii.targets;

test('jsii builds Python, Java and Go (no .NET: no SDK on these machines)', () => {
  expect(Object.keys(targets).sort()).toEqual(['go', 'java', 'python']);
});

test('the README names each package as jsii builds it', () => {
  const row = (language: string) => readme.split('\n').find((line) => line.startsWith(`| ${language} |`)) ?? '';
  expect(row('Python')).toContain(`PyPI \`${targets.python.distName}\`, module \`${targets.python.module}\``);
  expect(row('Java')).toContain(`\`${targets.java.maven.groupId}:${targets.java.maven.artifactId}\`, package \`${targets.java.package}\``);
  expect(row('Go')).toContain(`\`${targets.go.moduleName}/cdk8snetpol\``);
  expect(row('.NET')).toContain('not built');
});

test('examples/go uses the Go module jsii builds, from dist/go', () => {
  const goMod = fs.readFileSync(path.join(root, 'examples', 'go', 'go.mod'), 'utf8');
  expect(goMod).toContain(`\t${targets.go.moduleName}/cdk8snetpol => ../../dist/go/cdk8snetpol\n`);
});
