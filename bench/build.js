'use strict';
// Transpiles src/**/*.ts and bench/**/*.ts (no type check, like ts-node --transpile-only) into
// node_modules/.cache/cdk8s-netpol-bench/{src,bench}, and copies bin/cdk8s-netpol there pointing at
// that src. The benchmark then runs plain JavaScript: no ts-node in the measured processes, no
// dependency on a fresh lib/, and nothing written to the shared lib/ that `npx jsii` owns.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-netpol-bench');

function tsFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function build() {
  fs.rmSync(OUT, { recursive: true, force: true });
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, sourceMap: false };
  let count = 0;
  for (const dir of ['src', 'bench']) {
    for (const file of tsFiles(path.join(ROOT, dir))) {
      const rel = path.relative(ROOT, file);
      const { outputText, diagnostics } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file, reportDiagnostics: true });
      if (diagnostics && diagnostics.length > 0) throw new Error(`${rel}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`);
      const target = path.join(OUT, rel.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, outputText);
      count++;
    }
  }
  // The real command-line entry point, loading the transpiled src instead of lib/.
  const bin = fs.readFileSync(path.join(ROOT, 'bin', 'cdk8s-netpol'), 'utf8');
  if (!bin.includes("'../lib/cli/")) throw new Error('bin/cdk8s-netpol no longer loads ../lib/cli/: update bench/build.js');
  fs.mkdirSync(path.join(OUT, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(OUT, 'bin', 'cdk8s-netpol'), bin.split("'../lib/cli/").join("'../src/cli/"));
  // src/cli/main.ts reads ../../package.json for --version.
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(OUT, 'package.json'));
  return { out: OUT, files: count };
}

module.exports = { build, OUT };
