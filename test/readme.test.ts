import * as fs from 'fs';
import * as path from 'path';
import { typeCheckSnippets, typeScriptSnippets } from './support/type-check-snippets';
import { Cni, Feature, SupportLevel } from '../src/profiles';

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

test('the README says which cluster-wide APIs the article\'s plugins enforce, as their profiles do', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
  expect(readme).toContain('on the article\'s K3s v1.29.3 (kube-router) and Calico 3.27.3 no AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy is enforced');
  expect(readme).toContain('(rule `cni-admin-policy`)');
  expect(readme).toContain('Calico enforces them from 3.29, 3.30 and 3.32 respectively');
  const apis = [Feature.ADMIN_NETWORK_POLICY, Feature.BASELINE_ADMIN_NETWORK_POLICY, Feature.CLUSTER_NETWORK_POLICY];
  for (const profile of [Cni.k3s(), Cni.calico()]) expect(apis.map((f) => profile.level(f))).toEqual(apis.map(() => SupportLevel.IGNORED));
  expect(apis.map((f) => Cni.calico().support(f).note.match(/from (3\.\d+)/)![1])).toEqual(['3.29', '3.30', '3.32']);
});
