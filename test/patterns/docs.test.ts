import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as yaml from 'yaml';
import { ShopChart } from '../../examples/shop';
import { typeCheckSnippets, typeScriptSnippets } from '../support/type-check-snippets';

/** docs/patterns.md: every ```ts block compiles (as test/readme.test.ts does for the README), and the shop is the example's. */
const root = path.join(__dirname, '..', '..');
const docs = fs.readFileSync(path.join(root, 'docs', 'patterns.md'), 'utf8');
const snippets = typeScriptSnippets('docs/patterns.md');

test('docs/patterns.md has TypeScript examples', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(6);
});

test('every TypeScript example of docs/patterns.md type-checks', () => {
  expect(typeCheckSnippets(snippets)).toEqual([]);
});

test('the shop code of the docs is examples/shop.ts', () => {
  const source = fs.readFileSync(path.join(root, 'examples', 'shop.ts'), 'utf8');
  const region = source.slice(source.indexOf('// docs:start\n') + '// docs:start\n'.length, source.indexOf('// docs:end'));
  expect(snippets).toContain(region.replace("'../src'", "'cdk8s-netpol'"));
});

test('the shop output of the docs is what the shop synthesizes', () => {
  const block = /```yaml\n([\s\S]*?)```/.exec(docs.slice(docs.indexOf('## A shop')))![1];
  const documented = yaml.parseAllDocuments(block).map((d) => d.toJSON());
  const synthesized = Testing.synth(new ShopChart(Testing.app(), 'shop')).filter((o: any) => o.kind === 'NetworkPolicy');
  expect(documented).toEqual(synthesized);
});
