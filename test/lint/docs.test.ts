import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { LintRules } from '../../src/lint';
import { ALL_FEATURES, Cni, SupportLevel } from '../../src/profiles';

/** Every ```ts block of docs/plugins.md compiles against the library's source (imported as 'cdk8s-netpol'). */
const root = path.join(__dirname, '..', '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'plugins.md'), 'utf8');
const snippets = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

test('docs/plugins.md has TypeScript examples', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(2);
});

test('every docs/plugins.md TypeScript example type-checks', () => {
  const dir = fs.mkdtempSync(path.join(root, 'node_modules', '.plugins-doc-'));
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

test('the matrix in docs/plugins.md is the profiles\' table', () => {
  const symbol: { [level: string]: string } = {
    [SupportLevel.ENFORCED]: '✅', [SupportLevel.IGNORED]: '❌', [SupportLevel.POLICY_DROPPED]: '⛔', [SupportLevel.UNKNOWN]: '?',
  };
  const expected = Cni.all().map((p) => `| \`${p.name}\` | ${p.enforcesPolicy ? '✅' : '❌'} | ${p.features
    .map((f) => `${symbol[f.level]}${f.verified === false && f.level !== SupportLevel.UNKNOWN ? '†' : ''}`).join(' | ')} |`);
  const header = `| Profile (\`--cni\`) | Enforces | ${ALL_FEATURES.map((f) => `\`${f}\``).join(' | ')} |`;
  const lines = doc.split('\n');
  const start = lines.indexOf(header);
  expect(start).toBeGreaterThan(0);
  expect(lines.slice(start + 2, start + 2 + expected.length)).toEqual(expected);
});

test('the checks table in docs/plugins.md lists every rule with its severity', () => {
  for (const rule of LintRules.all()) {
    expect(doc).toContain(`| \`${rule.id}\` | ${rule.severity} | ${rule.needsProfile ? 'yes ' : ''}|`);
  }
});
