import { readFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { calicoValidationCases } from './calico-conversion/validation-cases';
import { validateCalicoManifest } from '../../src/dialects/calico/validate-calico';

/**
 * validateCalicoManifest against Calico's own validator (libcalico-go v3.27.3, run once and committed):
 * the same verdict, valid or not, on every object, both sides of each rule.
 */
const VERDICTS: Array<{ object: any; valid: boolean; error: string | null }> = gunzipSync(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'calico-conversion', 'validator-verdicts-v3.27.3.jsonl.gz')),
).toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

test('the fixture judges the current cases (regenerate it when they change)', () => {
  expect(VERDICTS.map((v) => v.object)).toEqual(JSON.parse(JSON.stringify(calicoValidationCases())));
  // Both sides are present.
  expect(VERDICTS.filter((v) => v.valid).length).toBeGreaterThan(50);
  expect(VERDICTS.filter((v) => !v.valid).length).toBeGreaterThan(50);
});

test('validateCalicoManifest agrees with libcalico-go\'s validator on every object', () => {
  const disagreements = VERDICTS
    .map((v, i) => ({ i, v, ours: validateCalicoManifest(v.object).map((e) => e.message) }))
    .filter(({ v, ours }) => (ours.length === 0) !== v.valid)
    .map(({ i, v, ours }) => `case ${i}: Calico ${v.valid ? 'valid' : `invalid (${v.error})`}, ours ${ours.length === 0 ? 'valid' : ours.join('; ')}`);
  expect(disagreements).toEqual([]);
});
