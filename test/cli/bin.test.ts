import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// This test runs the real `bin/cdk8s-netpol` with node. The script loads lib/cli/main.js, which the jsii
// build writes (`npx jsii --silence-warnings=reserved-word`, the `compile` step): the test assumes lib/ has
// been built from the current sources before jest runs (`npm test` compiles first). It does not build lib/
// itself because the jsii build is too slow for a test.
const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'cdk8s-netpol');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'manifests');

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/cdk8s-netpol', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) {
      throw new Error('lib/cli/main.js is missing: build lib/ first (npx jsii --silence-warnings=reserved-word)');
    }
  });

  test('is an executable node script', () => {
    expect(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(BIN).mode & 0o111).not.toBe(0); // eslint-disable-line no-bitwise
  });

  test('prints the usage', () => {
    const { code, stdout } = cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/validate/);
  });

  test('validate: exit 0 and JSON on stdout for valid manifests', () => {
    const { code, stdout, stderr } = cli(['validate', path.join(FIXTURES, 'valid'), '--output=json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results).toHaveLength(7);
  });

  test('validate: exit code 1 for an invalid policy, 2 for a syntax error and for an unknown command', () => {
    expect(cli(['validate', path.join(FIXTURES, 'invalid', 'old-api-version.yaml')]).code).toBe(1);
    const broken = cli(['validate', path.join(FIXTURES, 'broken', 'syntax-error.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/syntax-error\.yaml:\d+:\d+: YAML syntax error/);
    expect(cli(['frobnicate']).code).toBe(2);
  });

  test('validate reads standard input for `-`', () => {
    const input = fs.readFileSync(path.join(FIXTURES, 'valid', 'multi.yaml'), 'utf8');
    const { code, stdout } = cli(['validate', '-'], input);
    expect(code).toBe(0);
    expect(stdout).toBe('OK -#0 shop/default-deny\nOK -#4 shop/web-to-db\n2 NetworkPolicies: 2 valid, 0 invalid\n');
  });
});
