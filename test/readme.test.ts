import * as fs from 'fs';
import * as path from 'path';
import { typeCheckSnippets, typeScriptSnippets } from './support/type-check-snippets';

/** Every ```ts block of the README compiles against the library's source (imported as 'cdk8s-netpol'). */
const snippets = typeScriptSnippets('README.md');

test('the README has TypeScript examples', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(4);
});

test('every README TypeScript example type-checks', () => {
  expect(typeCheckSnippets(snippets)).toEqual([]);
});

test('a snippet that does not compile is reported (the check can fail)', () => {
  const problems = typeCheckSnippets(["import { Port } from 'cdk8s-netpol';\nconst p: string = Port.tcp(80);\n"]);
  expect(problems.join('\n')).toMatch(/snippet0.ts:2 Type 'Port' is not assignable to type 'string'/);
});

test('the README\'s plugin matrix and checks table are those of docs/plugins.md (which are tested against the code)', () => {
  const root = path.join(__dirname, '..');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const doc = fs.readFileSync(path.join(root, 'docs', 'plugins.md'), 'utf8');
  const tables = (text: string) => text.split('\n\n').filter((block) => block.startsWith('| Profile') || block.startsWith('| Rule'));
  expect(tables(doc)).toHaveLength(2);
  for (const table of tables(doc)) expect(readme).toContain(table);
});
