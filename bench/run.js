#!/usr/bin/env node
'use strict';
// `npm run bench`: transpile src/ and bench/ (bench/build.js), then run bench/main.ts.
//   node bench/run.js [all|synth|validate|analysis|profile|report] [--quick]
const { build } = require('./build');
const path = require('path');

const t0 = Date.now();
const { out, files } = build();
console.log(`transpiled ${files} files to ${path.relative(process.cwd(), out)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const args = process.argv.slice(2);
// `report`: the pictures' own benchmark (bench/report.ts), outside the interleaved harness.
const run = args[0] === 'report'
  ? require(path.join(out, 'bench', 'report.js')).benchReport(args.includes('--quick'))
  : require(path.join(out, 'bench', 'main.js')).main(args);
run.catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
