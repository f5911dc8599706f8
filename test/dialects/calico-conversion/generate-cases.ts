/**
 * Writes the v1 NetworkPolicies of the Calico conversion check, one JSON line each, from the
 * property generators with a fixed seed:
 *
 *   npx ts-node --project test/tsconfig.json -T test/dialects/calico-conversion/generate-cases.ts > cases.jsonl
 *   <netpolconvert> < cases.jsonl > converted.jsonl     # Calico's own conversion (see README.md here)
 *
 * Not a test: the test reads the committed result (test/fixtures/calico-conversion).
 */
import * as fc from 'fast-check';
import { emitNetworkPolicy } from '../../../src/model/emit';
import { arbNetworkPolicyModel } from '../../arbitraries';

const SEED = Number(process.env.FC_SEED ?? 2727);
const COUNT = Number(process.env.CASES ?? 500);
for (const model of fc.sample(arbNetworkPolicyModel({ namespace: 'shop' }), { seed: SEED, numRuns: COUNT })) {
  process.stdout.write(`${JSON.stringify(emitNetworkPolicy(model))}\n`);
}
