/**
 * Writes the Calico validation cases as JSON lines, for libcalico-go's validator
 * (`netpolvalidate`, see test/fixtures/calico-conversion/README.md). Not a test.
 */
import { calicoValidationCases } from './validation-cases';

for (const c of calicoValidationCases()) process.stdout.write(`${JSON.stringify(c)}\n`);
