/* eslint-disable */
// Prints, as JSON, the Cilium objects that the dialect examples (examples/dialects.ts) synthesize.
// Run by gen-cases.js with ts-node.
import { Testing } from 'cdk8s';
import { addDialectCharts } from '../../examples/dialects';

const app = Testing.app();
const out: Array<{ id: string; manifest: any }> = [];
for (const chart of addDialectCharts(app)) {
  for (const o of Testing.synth(chart)) {
    if (String(o.apiVersion).startsWith('cilium.io/')) out.push({ id: `example/${chart.node.id}/${o.kind}/${o.metadata.name}`, manifest: o });
  }
}
process.stdout.write(JSON.stringify(out));
