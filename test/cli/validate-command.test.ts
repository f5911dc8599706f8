import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliInProcess as run } from './run-cli-in-process';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'manifests');
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

function json(argv: string[]) {
  const result = run(['validate', '--output', 'json', ...argv]);
  return { ...result, json: JSON.parse(result.stdout) };
}

describe('cdk8s-netpol validate: input', () => {
  test('every NetworkPolicy of a directory tree, in input order; other kinds ignored', () => {
    const { code, stdout, stderr } = run(['validate', fixture('valid')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe([
      `OK ${fixture('valid', 'multi.yaml')}#0 shop/default-deny`,
      `OK ${fixture('valid', 'multi.yaml')}#4 shop/web-to-db`,
      `OK ${fixture('valid', 'nested', 'deeper', 'egress.yml')}#0 shop/egress-to-cidr`,
      `OK ${fixture('valid', 'nested', 'deeper', 'policies.json')}#0.items[0] shop/json-list-item`,
      `OK ${fixture('valid', 'nested', 'list.yaml')}#0.items[0] backend/allow-from-frontend`,
      `OK ${fixture('valid', 'nested', 'list.yaml')}#0.items[2] backend/deny-all`,
      `OK ${fixture('valid', 'policy.json')}#0 shop/allow-dns`,
      '7 NetworkPolicies: 7 valid, 0 invalid',
      '',
    ].join('\n'));
    expect(stdout).not.toMatch(/Deployment|Service|README/);
  });

  test('--output json prints exactly one JSON document of the documented shape', () => {
    const { code, stdout, stderr, json: output } = json([fixture('valid', 'multi.yaml'), fixture('valid', 'policy.json')]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(output).toStrictEqual({
      complete: true,
      leftOut: [],
      results: [
        { file: fixture('valid', 'multi.yaml'), index: 0, apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'shop', name: 'default-deny', valid: true, errors: [] },
        { file: fixture('valid', 'multi.yaml'), index: 4, apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'shop', name: 'web-to-db', valid: true, errors: [] },
        { file: fixture('valid', 'policy.json'), index: 0, apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'shop', name: 'allow-dns', valid: true, errors: [] },
      ],
    });
    for (const result of output.results) {
      expect(Object.keys(result)).toEqual(['file', 'index', 'apiVersion', 'kind', 'namespace', 'name', 'valid', 'errors']);
    }
  });

  test('items of a List are results of their document, in order, with exactly the documented keys', () => {
    const { json: output } = json([fixture('valid', 'nested', 'list.yaml')]);
    expect(output.results.map((r: any) => [r.index, r.name])).toEqual([[0, 'allow-from-frontend'], [0, 'deny-all']]);
    expect(Object.keys(output.results[0])).toEqual(['file', 'index', 'apiVersion', 'kind', 'namespace', 'name', 'valid', 'errors']);
  });

  test('namespace and name are null when absent or not strings', () => {
    const { json: output } = json([fixture('wrong-types', 'metadata-string.yaml'), fixture('wrong-types', 'ports-not-list.yaml')]);
    expect(output.results.map((r: any) => [r.namespace, r.name])).toEqual([[null, null], [null, 'ports-not-list']]);
  });

  test.each([
    [['--output', 'json', 'P']],
    [['--output=json', 'P']],
    [['P', '--output', 'json']],
    [['P', '--output=json']],
  ])('flags before or after the paths: %j', (argv) => {
    const result = run(['validate', ...argv.map(a => (a === 'P' ? fixture('valid', 'policy.json') : a))]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).results).toHaveLength(1);
  });

  test('--output text is the default', () => {
    expect(run(['validate', '--output', 'text', fixture('valid')]).stdout).toBe(run(['validate', fixture('valid')]).stdout);
  });

  test('objects but no NetworkPolicy in the input: exit 0, with a note on stderr', () => {
    const { code, stdout, stderr } = run(['validate', fixture('no-policy')]);
    expect(code).toBe(0);
    expect(stdout).toBe('0 NetworkPolicies: 0 valid, 0 invalid\n');
    expect(stderr).toMatch(/no NetworkPolicy found/);
  });

  test('nothing to check is not success: paths that hold no Kubernetes object exit 2', () => {
    const { code, stdout, stderr } = run(['validate', fixture('empty')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`no Kubernetes objects found in ${fixture('empty')}`);
    expect(stderr).toContain('2 files were skipped as not manifests');
    const named = run(['validate', fixture('empty', 'empty.json')]);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('empty.json: holds no Kubernetes object (it is empty)');
  });
});

describe('cdk8s-netpol validate: exit code 2 on unusable input', () => {
  test('no paths', () => {
    const { code, stdout, stderr } = run(['validate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/no file or directory given/);
    expect(stderr).toContain('Usage: cdk8s-netpol validate');
    expect(run(['validate', '--output', 'json']).code).toBe(2);
  });

  test('a missing file, even among good ones', () => {
    const missing = fixture('valid', 'missing.yaml');
    const { code, stdout, stderr } = run(['validate', fixture('valid', 'policy.json'), missing]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`cdk8s-netpol validate: ${missing}: cannot read (ENOENT: no such file or directory)\n`);
  });

  test('a YAML syntax error, with file and line', () => {
    const file = fixture('broken', 'syntax-error.yaml');
    const { code, stdout, stderr } = run(['validate', file]);
    expect(code).toBe(2);
    expect(stdout).toContain(`INCOMPLETE: this answer leaves out 1 file of the input:\n  ${file}:13: cannot be read: YAML syntax error`);
    expect(stderr).toMatch(new RegExp(`^cdk8s-netpol validate: ${escape(file)}:1[23]:\\d+: YAML syntax error: .+\\n$`));
  });

  test('a broken file does not stop the others: they are validated, the broken one is listed, exit 2', () => {
    const { code, stdout, stderr, json: output } = json([fixture('broken'), fixture('valid', 'policy.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/syntax-error\.(json|yaml):\d+:\d+: (JSON|YAML) syntax error/);
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(output.complete).toBe(false);
    expect(output.leftOut.map((e: any) => [path.basename(e.file), e.reason])).toEqual([['syntax-error.json', 'unreadable'], ['syntax-error.yaml', 'unreadable']]);
    expect(output.results.map((r: any) => r.name)).toEqual(['allow-dns']);
  });

  test('a JSON syntax error, with file and line', () => {
    const file = fixture('broken', 'syntax-error.json');
    const { code, stderr } = run(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^cdk8s-netpol validate: ${escape(file)}:4:43: JSON syntax error: `));
  });
});

describe('cdk8s-netpol validate: invalid objects (exit 1) found without the validator', () => {
  test('a NetworkPolicy of another apiVersion', () => {
    const file = fixture('invalid', 'old-api-version.yaml');
    const { code, stdout } = run(['validate', file]);
    expect(code).toBe(1);
    expect(stdout).toBe([
      `INVALID ${file}#0 shop/legacy`,
      '  apiVersion: Invalid type: "extensions/v1beta1": must be "networking.k8s.io/v1" (NetworkPolicy is served only as networking.k8s.io/v1; extensions/v1beta1 was removed in Kubernetes 1.16)',
      '1 NetworkPolicy: 0 valid, 1 invalid',
      '',
    ].join('\n'));
    expect(json([file]).json.results[0]).toStrictEqual({
      file,
      index: 0,
      apiVersion: 'extensions/v1beta1',
      kind: 'NetworkPolicy',
      namespace: 'shop',
      name: 'legacy',
      valid: false,
      errors: [{ field: 'apiVersion', message: expect.stringMatching(/^apiVersion: Invalid type: "extensions\/v1beta1"/) }],
    });
  });

  describe('in a temporary directory', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-cli-')); });
    afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

    test('a NetworkPolicy without apiVersion, or with a kind in the wrong case', () => {
      const file = path.join(dir, 'p.yaml');
      fs.writeFileSync(file, 'kind: NetworkPolicy\nmetadata: {name: a}\nspec: {podSelector: {}}\n---\napiVersion: networking.k8s.io/v1\nkind: networkpolicy\nmetadata: {name: b}\n');
      const { code, json: output } = json([file]);
      expect(code).toBe(1);
      expect(output.results.map((r: any) => [r.kind, r.name, r.valid, r.errors.map((e: any) => e.field)])).toEqual([
        ['NetworkPolicy', 'a', false, ['apiVersion']],
        ['networkpolicy', 'b', false, ['kind']],
      ]);
      expect(output.results[1].errors[0].message).toMatch(/did you mean "NetworkPolicy"\?/);
    });
  });

  test('documents that are not objects are invalid results with kind null, never a crash', () => {
    const file = fixture('wrong-types', 'not-objects.yaml');
    const text = run(['validate', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe([
      `INVALID ${file}#0 (not a Kubernetes object)`,
      '  expected a Kubernetes object (a mapping), found a string ("just a string")',
      `INVALID ${file}#1 (not a Kubernetes object)`,
      '  expected a Kubernetes object (a mapping), found a list',
      `INVALID ${file}#2.items[0] (not a Kubernetes object)`,
      '  expected a Kubernetes object (a mapping) as item 0 of the List, found a number (42)',
      '0 NetworkPolicies: 0 valid, 0 invalid; 3 malformed documents',
      '',
    ].join('\n'));
    const { code, json: output } = json([file]);
    expect(code).toBe(1);
    expect(output.results).toHaveLength(3);
    expect(output.results[0]).toStrictEqual({
      file,
      index: 0,
      apiVersion: null,
      kind: null,
      namespace: null,
      name: null,
      valid: false,
      errors: [{ field: '', message: 'expected a Kubernetes object (a mapping), found a string ("just a string")' }],
    });
  });

  test.each(['metadata-string.yaml', 'spec-string.yaml', 'ports-not-list.yaml'])('%s with fields of the wrong type does not crash', (name) => {
    for (const output of ['text', 'json']) {
      const { code, stdout, stderr } = run(['validate', '--output', output, fixture('wrong-types', name)]);
      expect(stderr).not.toMatch(/internal error/);
      expect([0, 1]).toContain(code);
      if (output === 'json') expect(JSON.parse(stdout).results).toHaveLength(1);
    }
  });
});

// These tests need the real rules of validateNetworkPolicy (src/model/validation); they fail while it is a placeholder.
describe('cdk8s-netpol validate: verdicts of the validator', () => {
  test('an invalid port: exit 1, INVALID with the field path, the other policy OK', () => {
    const file = fixture('invalid', 'bad-port.yaml');
    const { code, stdout } = run(['validate', file]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`OK ${file}#0 shop/good`);
    expect(lines[1]).toBe(`INVALID ${file}#1 shop/bad-port`);
    expect(lines[2]).toMatch(/^ {2}spec\.ingress\[0\]\.ports\[0\]\.port: /);
    expect(stdout.endsWith('2 NetworkPolicies: 1 valid, 1 invalid\n')).toBe(true);

    const { json: output } = json([file]);
    expect(output.results[0]).toStrictEqual({ file, index: 0, apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'shop', name: 'good', valid: true, errors: [] });
    expect(output.results[1]).toMatchObject({ file, index: 1, apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'shop', name: 'bad-port', valid: false });
    expect(output.results[1].errors.length).toBeGreaterThan(0);
    for (const error of output.results[1].errors) {
      expect(Object.keys(error)).toEqual(['field', 'message']);
    }
    expect(output.results[1].errors[0].field).toBe('spec.ingress[0].ports[0].port');
    expect(output.results[1].errors[0].message).toMatch(/70000/);
  });

  test.each([
    ['metadata-string.yaml', 'metadata'],
    ['spec-string.yaml', 'spec'],
    ['ports-not-list.yaml', 'spec.ingress[0].ports'],
  ])('%s is invalid with an error at %s', (name, field) => {
    const { code, json: output } = json([fixture('wrong-types', name)]);
    expect(code).toBe(1);
    expect(output.results[0].valid).toBe(false);
    expect(output.results[0].errors.map((e: any) => e.field)).toContainEqual(expect.stringMatching(new RegExp(`^${escape(field)}`)));
  });

  test('--strict-cidr: bits beyond the prefix are accepted by default (1.29) and refused when strict', () => {
    const file = fixture('strict-cidr', 'host-bits.yaml');
    expect(run(['validate', file]).code).toBe(0);
    const strict = json(['--strict-cidr', file]);
    expect(strict.code).toBe(1);
    expect(strict.json.results[0].errors[0].field).toBe('spec.egress[0].to[0].ipBlock.cidr');
    expect(json([file, '--strict-cidr']).code).toBe(1);
  });

  test('a directory with valid and invalid policies: exit 1, summary counts both', () => {
    const { code, stdout } = run(['validate', fixture('valid'), fixture('invalid')]);
    expect(code).toBe(1);
    expect(stdout.endsWith('10 NetworkPolicies: 8 valid, 2 invalid\n')).toBe(true);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
