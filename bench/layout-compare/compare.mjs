// Measures the SVG layout libraries that docs/report.md compares. Not a dependency of the project:
// mkdir /tmp/lc && cp bench/layout-compare/* /tmp/lc && cd /tmp/lc && npm init -y && \
//   npm install @viz-js/viz@3.31.0 @hpcc-js/wasm-graphviz@1.29.2 elkjs@0.12.1 && for w in viz hpcc elk; do node compare.mjs $w; done
// Layout libraries on the same graphs: clusters of boxes with labelled edges (as the report draws).
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const gen = require('./graphs.js');
const sizes = [[3, 4, 2], [5, 10, 2], [10, 12, 2]];
const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const which = process.argv[2];
const t0 = performance.now();
if (which === 'viz') {
  const viz = await (await import('@viz-js/viz')).instance();
  const load = performance.now() - t0;
  for (const [a, b, c] of sizes) { const d = gen.dot(a, b, c); const ts = []; for (let i = 0; i < 5; i++) { const t = performance.now(); viz.render(d, { format: 'svg' }); ts.push(performance.now() - t); } console.log(`viz ${a * b} nodes ${a * b * c} edges: ${med(ts).toFixed(0)} ms`); }
  console.log(`viz load ${load.toFixed(0)} ms`);
} else if (which === 'hpcc') {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const g = await Graphviz.load();
  const load = performance.now() - t0;
  for (const [a, b, c] of sizes) { const d = gen.dot(a, b, c); const ts = []; for (let i = 0; i < 5; i++) { const t = performance.now(); g.dot(d); ts.push(performance.now() - t); } console.log(`hpcc ${a * b} nodes ${a * b * c} edges: ${med(ts).toFixed(0)} ms`); }
  console.log(`hpcc load ${load.toFixed(0)} ms`);
} else {
  const ELK = require('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const load = performance.now() - t0;
  for (const [a, b, c] of sizes) {
    const ts = [];
    for (let k = 0; k < 5; k++) {
      const children = []; const ids = [];
      for (let n = 0; n < a; n++) { const kids = []; for (let i = 0; i < b; i++) { ids.push(`n${n}_${i}`); kids.push({ id: `n${n}_${i}`, width: 80, height: 30 }); } children.push({ id: `ns${n}`, children: kids }); }
      let r = 1; const rnd = () => (r = (r * 48271) % 2147483647) / 2147483647; const edges = [];
      for (let i = 0; i < ids.length * c; i++) edges.push({ id: 'e' + i, sources: [ids[Math.floor(rnd() * ids.length)]], targets: [ids[Math.floor(rnd() * ids.length)]], labels: [{ text: 'TCP 80, 443', width: 60, height: 12 }] });
      const t = performance.now();
      await elk.layout({ id: 'root', layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' }, children, edges });
      ts.push(performance.now() - t);
    }
    console.log(`elk ${a * b} nodes ${a * b * c} edges: ${med(ts).toFixed(0)} ms (layout only, no SVG)`);
  }
  console.log(`elk load ${load.toFixed(0)} ms`);
}
