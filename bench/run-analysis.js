#!/usr/bin/env node
// Runs bench/analysis.ts against the compiled lib/ (build it first: npx jsii --silence-warnings=reserved-word).
process.env.BENCH_LIB = process.env.BENCH_LIB || require('path').join(__dirname, '..', 'lib');
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs', moduleResolution: 'node', ignoreDeprecations: '6.0' } });
require('./analysis.ts');
