// Seeded test graphs: N namespaces (clusters) of M boxes, E random labelled edges per box, as DOT.
function dot(nNs, perNs, edgesPer) {
  let s = 'digraph G { rankdir=LR; node [shape=box];\n';
  let ids = [];
  for (let n = 0; n < nNs; n++) { s += ` subgraph cluster_${n} { label="ns${n}";\n`; for (let i = 0; i < perNs; i++) { const id=`n${n}_${i}`; ids.push(id); s += `  ${id} [label="w${i}\\n(3)"];\n`; } s += ' }\n'; }
  let r = 1; const rnd = () => (r = (r * 48271) % 2147483647) / 2147483647;
  for (let i = 0; i < ids.length * edgesPer; i++) { s += ` ${ids[Math.floor(rnd()*ids.length)]} -> ${ids[Math.floor(rnd()*ids.length)]} [label="TCP 80, 443"];\n`; }
  return s + '}\n';
}
module.exports = { dot };
