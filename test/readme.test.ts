import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** Every ```ts block of the README compiles against the library's source (imported as 'cdk8s-netpol'). */
const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has TypeScript examples', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(2);
});

test('every README TypeScript example type-checks', () => {
  // Inside the repo, so that imports resolve from its node_modules.
  const dir = fs.mkdtempSync(path.join(root, 'node_modules', '.readme-'));
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
});
