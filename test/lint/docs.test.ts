import * as fs from 'fs';
import * as path from 'path';
import { LintRules } from '../../src/lint';
import { ALL_FEATURES, Cni, SupportLevel } from '../../src/profiles';
import { typeCheckSnippets, typeScriptSnippets } from '../support/type-check-snippets';

/** Every ```ts block of docs/plugins.md compiles against the library's source (imported as 'cdk8s-netpol'). */
const root = path.join(__dirname, '..', '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'plugins.md'), 'utf8');
const snippets = typeScriptSnippets('docs/plugins.md');

test('docs/plugins.md has TypeScript examples', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(2);
});

test('every docs/plugins.md TypeScript example type-checks', () => {
  expect(typeCheckSnippets(snippets)).toEqual([]);
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
