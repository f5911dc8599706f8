import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..', '..');

/** The ```ts blocks of a markdown file of the repository. */
export function typeScriptSnippets(markdownFile: string): string[] {
  const text = fs.readFileSync(path.join(root, markdownFile), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/**
 * The type errors of documentation snippets compiled against the library's source, which they
 * import as 'cdk8s-netpol'. Empty when every snippet compiles.
 */
export function typeCheckSnippets(snippets: string[]): string[] {
  // Inside the repo, so that imports resolve from its node_modules.
  const dir = fs.mkdtempSync(path.join(root, 'node_modules', '.doc-snippets-'));
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
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
