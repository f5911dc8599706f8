import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as ts from 'typescript';
import * as yaml from 'yaml';
import { ShopChart } from '../../examples/shop';

/** docs/patterns.md: every ```ts block compiles (as test/readme.test.ts does for the README), and the shop is the example's. */
const root = path.join(__dirname, '..', '..');
const docs = fs.readFileSync(path.join(root, 'docs', 'patterns.md'), 'utf8');
const snippets = [...docs.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

test('docs/patterns.md has TypeScript examples', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(6);
});

test('every TypeScript example of docs/patterns.md type-checks', () => {
  // Inside the repo, so that imports resolve from its node_modules.
  const dir = fs.mkdtempSync(path.join(root, 'node_modules', '.docs-patterns-'));
  try {
    const files = snippets.map((code, i) => {
      const file = path.join(dir, `snippet${i}.ts`);
      fs.writeFileSync(file, code.includes('export') || code.includes('import') ? code : `${code}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node', 'jest'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
      paths: {
        'cdk8s-netpol': [path.join(root, 'src', 'index.ts')],
        'cdk8s-netpol/lib/*': [path.join(root, 'src', '*')],
      },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
