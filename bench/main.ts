/**
 * `npm run bench` (node bench/run.js [all|synth|validate|analysis|profile] [--quick]).
 *
 * Synthesis, validation and analysis, each figure the median of several runs after a warm-up, the
 * variants compared in the same invocation (interleaved rounds), peaks measured in one child
 * process per variant. Prints a table and writes bench/results/latest.json (see bench/README.md).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { EXTERNALS, generateCluster, writeCluster, ClusterSize } from './cluster';
import { measure, median, Measured } from './measure';
import { benchNetpolAnalyzer, ComparisonPlan } from './netpol-analyzer';
import { benchScale, ScalePlan } from './scale';
import { describeMix, generatePolicies, namespaceCount, toManifest } from './policy-mix';
import { Layout, synthesize, Variant, VARIANTS } from './synth-variants';

const REPO = path.join(__dirname, '..', '..', '..', '..');
const RESULTS = path.join(REPO, 'bench', 'results');
const SEED = 42;

interface Plan {
  synth: Array<{ n: number; warmup: number; reps: number}>;
  /** The same, one chart per namespace (cdk8s then re-runs every validation once per chart). */
  charts: Array<{ n: number; warmup: number; reps: number}>;
  validate: { n: number; warmup: number; reps: number; cliReps: number };
  analysis: Array<ClusterSize & { warmup: number; reps: number }>;
  /** Side by side with np-guard/netpol-analyzer (bench/netpol-analyzer.ts). */
  comparison: ComparisonPlan;
  /** A large cluster's analysis and a 20 MB lint input, as whole CLI runs (bench/scale.ts). */
  scale: ScalePlan;
}

const FULL: Plan = {
  synth: [
    { n: 100, warmup: 5, reps: 15 },
    { n: 1000, warmup: 2, reps: 9 },
    { n: 10000, warmup: 1, reps: 5 },
  ],
  charts: [{ n: 1000, warmup: 1, reps: 3 }],
  validate: { n: 10000, warmup: 2, reps: 7, cliReps: 5 },
  analysis: [
    { endpoints: 500, namespaces: 50, policies: 200, warmup: 2, reps: 7 },
    { endpoints: 2000, namespaces: 200, policies: 800, warmup: 1, reps: 5 },
    { endpoints: 5000, namespaces: 500, policies: 2000, warmup: 1, reps: 3 },
  ],
  comparison: {
    generated: [
      { endpoints: 100, namespaces: 10, policies: 40, reps: 5 },
      { endpoints: 200, namespaces: 20, policies: 80, reps: 3 },
      { endpoints: 500, namespaces: 50, policies: 200, reps: 2 },
      { endpoints: 1000, namespaces: 100, policies: 400, reps: 1 },
      { endpoints: 2000, namespaces: 200, policies: 800, reps: 1 },
    ],
    timeoutS: 480,
  },
  scale: {
    analysis: { endpoints: 10000, namespaces: 1000, policies: 3500 },
    lint: { endpoints: 500, namespaces: 50, targetMb: 20 },
    reps: 1,
    // Enough to tell a goal of 1.5x the text output's time (about a minute here) met or not.
    timeoutS: 420,
  },
};

const QUICK: Plan = {
  synth: [{ n: 100, warmup: 1, reps: 3 }, { n: 1000, warmup: 1, reps: 3 }],
  charts: [{ n: 200, warmup: 1, reps: 3 }],
  validate: { n: 1000, warmup: 1, reps: 3, cliReps: 2 },
  analysis: [{ endpoints: 500, namespaces: 50, policies: 200, warmup: 1, reps: 3 }],
  comparison: { generated: [{ endpoints: 100, namespaces: 10, policies: 40, reps: 1 }, { endpoints: 200, namespaces: 20, policies: 80, reps: 1 }], timeoutS: 120 },
  scale: { analysis: { endpoints: 1000, namespaces: 100, policies: 350 }, lint: { endpoints: 100, namespaces: 10, targetMb: 2 }, reps: 1, timeoutS: 300 },
};

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

function version(pkg: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function machine(): any {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cpus: cpus.length,
    mem_gb: round(os.totalmem() / 2 ** 30, 1),
    cdk8s: version('cdk8s'),
    cdk8s_plus_29: version('cdk8s-plus-29'),
    commit: sh('git', ['rev-parse', '--short', 'HEAD']),
    date: new Date().toISOString(),
    load_start: os.loadavg().map((x) => round(x, 2)),
  };
}

// ---- synthesis -----------------------------------------------------------------------------

async function benchSynth(steps: Plan['synth'], layout: Layout): Promise<any[]> {
  log(`\n== synthesis: build + app.synthYaml() (ours includes its synth-time validation); ${layout === 'single' ? 'one chart' : 'one chart per namespace'}`);
  const mix = describeMix(generatePolicies(1000, SEED));
  log(`   mix per 1,000 policies: ${JSON.stringify(mix)}`);
  const rows: any[] = [];
  for (const step of steps) {
    const namespaces = namespaceCount(step.n);
    log(`-- N = ${step.n.toLocaleString('en-US')} policies in ${namespaces} namespaces, ${layout === 'single' ? 1 : namespaces} chart(s) (warm-up ${step.warmup}, median of ${step.reps})`);
    const tasks = VARIANTS.map((variant) => ({ label: variant as string, task: { kind: 'synth', variant, n: step.n, seed: SEED, layout } as const }));
    const results = await measure(tasks, { warmup: step.warmup, reps: step.reps, log });
    const by = (v: string): Measured => results.find((r) => r.label === v)!;
    rows.push({
      n: step.n,
      charts: layout === 'single' ? 1 : namespaces,
      ours_s: round(by('ours').medianS, 4),
      raw_s: round(by('raw').medianS, 4),
      plus_s: round(by('plus').medianS, 4),
      ours_over_raw: round(by('ours').medianS / by('raw').medianS, 2),
      ours_over_plus: round(by('ours').medianS / by('plus').medianS, 2),
      ours_peak_mb: by('ours').peakMb,
      raw_peak_mb: by('raw').peakMb,
      plus_peak_mb: by('plus').peakMb,
      baseline_mb: by('ours').baselineMb,
      reps: step.reps,
      runs_s: Object.fromEntries(results.map((r) => [r.label, r.timesS.map((t) => round(t, 4))])),
    });
  }
  return rows;
}

// ---- validation ----------------------------------------------------------------------------

async function benchValidate(plan: Plan): Promise<any[]> {
  const { n, warmup, reps, cliReps } = plan.validate;
  log(`\n== validation: ${n.toLocaleString('en-US')} policies of the synthesis mix`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-validate-'));
  try {
    // One file per namespace, as `cdk8s synth` writes one file per chart.
    const byNamespace = new Map<string, any[]>();
    for (const m of generatePolicies(n, SEED).map(toManifest)) {
      const list = byNamespace.get(m.metadata.namespace) ?? [];
      list.push(m);
      byNamespace.set(m.metadata.namespace, list);
    }
    for (const [ns, list] of byNamespace) fs.writeFileSync(path.join(dir, `${ns}.k8s.yaml`), list.map((m) => stringify(m)).join('---\n'));
    log(`   ${byNamespace.size} files in ${dir}`);

    const results = await measure([
      { label: 'in-process (objects)', task: { kind: 'validate', n, seed: SEED } },
      { label: 'in-process (read files + validate)', task: { kind: 'validate-files', dir } },
    ], { warmup, reps, log });

    const bin = path.join(__dirname, '..', 'bin', 'cdk8s-netpol');
    const cli: number[] = [];
    for (let i = 0; i < cliReps + 1; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [bin, 'validate', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0) throw new Error(`cdk8s-netpol validate exited with ${r.status}: ${r.stderr.slice(0, 500)}`);
      if (i === 0) log(`   cli: ${r.stdout.trim().split('\n').pop()}`);
      else cli.push(s);
    }
    log(`  cli (node bin/cdk8s-netpol validate <dir>, whole process): median ${median(cli).toFixed(3)} s of [${cli.map((t) => t.toFixed(3)).join(', ')}]`);
    return [{
      n,
      in_process_s: round(results[0].medianS, 4),
      cli_s: round(median(cli), 4),
      in_process_files_s: round(results[1].medianS, 4),
      files: byNamespace.size,
      peak_mb: results[0].peakMb,
      cli_runs_s: cli.map((t) => round(t, 4)),
    }];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- analysis ------------------------------------------------------------------------------

async function benchAnalysis(plan: Plan): Promise<any[]> {
  log('\n== analysis: readManifests (parse) vs Reachability.fromManifests (full class matrix)');
  const rows: any[] = [];
  for (const size of plan.analysis) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-analysis-'));
    try {
      const file = path.join(dir, 'cluster.yaml');
      const bytes = writeCluster(file, generateCluster(size, SEED));
      log(`-- ${size.endpoints} endpoints, ${size.namespaces} namespaces, ${size.policies} policies, ${(bytes / 1e6).toFixed(1)} MB of YAML (warm-up ${size.warmup}, median of ${size.reps})`);
      const [parse, analyze] = await measure([
        { label: 'parse', task: { kind: 'parse', file } },
        { label: 'analyze', task: { kind: 'analyze', file, externals: EXTERNALS } },
      ], { warmup: size.warmup, reps: size.reps, log, extra: true });
      const x = analyze.extra;
      log(`   ${x.endpoints} endpoints (with externals), ${x.classes} classes, ${x.portSets} port sets; all ${x.pairs.toLocaleString('en-US')} pairs read in ${x.pairs_s.toFixed(3)} s, ${x.allowing.toLocaleString('en-US')} allow something`);
      rows.push({
        endpoints: size.endpoints,
        namespaces: size.namespaces,
        policies: size.policies,
        parse_s: round(parse.medianS, 4),
        analyze_s: round(analyze.medianS, 4),
        analyze_over_parse: round(analyze.medianS / parse.medianS, 2),
        peak_mb: analyze.peakMb,
        yaml_mb: round(bytes / 1e6, 2),
        classes: x.classes,
        port_sets: x.portSets,
        all_pairs_s: round(x.pairs_s, 3),
        reps: size.reps,
        runs_s: { parse: parse.timesS.map((t) => round(t, 4)), analyze: analyze.timesS.map((t) => round(t, 4)) },
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    rows[i].growth_exponent_vs_policies = round(Math.log(b.analyze_s / a.analyze_s) / Math.log(b.policies / a.policies), 2);
  }
  return rows;
}

// ---- profile -------------------------------------------------------------------------------

async function profile(variant: Variant, n: number): Promise<void> {
  const policies = generatePolicies(n, SEED);
  synthesize(variant, policies); // warm-up
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: any): Promise<any> => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  const t0 = process.hrtime.bigint();
  synthesize(variant, policies);
  const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const { profile: prof } = await post('Profiler.stop');
  session.disconnect();
  fs.mkdirSync(RESULTS, { recursive: true });
  const out = path.join(os.tmpdir(), `synth-${variant}-${n}.cpuprofile`);
  fs.writeFileSync(out, JSON.stringify(prof));

  const interval = totalMs / prof.samples.length;
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const nodes = new Map<number, any>(prof.nodes.map((node: any) => [node.id, node]));
  const counts = new Map<number, number>();
  for (const id of prof.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const short = (url: string) => url.replace(/^file:\/\//, '').replace(`${REPO}/`, '').replace('node_modules/.cache/cdk8s-netpol-bench/', '');
  for (const [id, count] of counts) {
    const f = nodes.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'}  ${short(f.url)}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + count * interval);
    const file = short(f.url) || `(${f.functionName})`;
    byFile.set(file, (byFile.get(file) ?? 0) + count * interval);
  }
  // Inclusive time: every function on the stack of a sample gets the sample once (recursion counted once).
  const parent = new Map<number, number>();
  for (const node of prof.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, count] of counts) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = nodes.get(at).callFrame;
      if (!/\/(src|bench)\/|cdk8s\/lib\/|cdk8s-plus-29\/lib\/(network-policy|pod|namespace)/.test(f.url)) continue;
      seen.add(`${f.functionName || '(anonymous)'}  ${short(f.url)}:${f.lineNumber + 1}`);
    }
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + count * interval);
  }
  log(`\n== profile: ${variant}, N = ${n}: ${totalMs.toFixed(0)} ms, ${prof.samples.length} samples; ${out}`);
  log('-- inclusive time (ours, cdk8s and cdk8s-plus functions)');
  for (const [k, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 30)) log(`${ms.toFixed(0).padStart(7)} ms ${(100 * ms / totalMs).toFixed(1).padStart(5)}%  ${k}`);
  log('-- top self time by function');
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) log(`${ms.toFixed(0).padStart(7)} ms ${(100 * ms / totalMs).toFixed(1).padStart(5)}%  ${k}`);
  log('-- self time by file');
  for (const [k, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15)) log(`${ms.toFixed(0).padStart(7)} ms ${(100 * ms / totalMs).toFixed(1).padStart(5)}%  ${k}`);
}

// ---- report --------------------------------------------------------------------------------

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

/**
 * The synthesis goals (issue 10): ours/raw L1 <= 1.2 at every size with one chart, <= 1.3 with one
 * chart per namespace, and faster than cdk8s-plus-29 everywhere; each ratio is of medians of one run.
 */
export function synthGoals(result: any): any {
  const single: any[] = result.synth ?? [];
  const perNamespace: any[] = result.synth_chart_per_namespace ?? [];
  const worst = (rows: any[], key: string) => (rows.length > 0 ? Math.max(...rows.map((r) => r[key])) : undefined);
  const goal = (text: string, value: number | undefined, limit: number) => ({ goal: text, value, met: value !== undefined && value <= limit });
  return {
    one_chart_within_1_2x_of_raw: goal('max ours_over_raw, one chart <= 1.2', worst(single, 'ours_over_raw'), 1.2),
    chart_per_namespace_within_1_3x_of_raw: goal('max ours_over_raw, a chart per namespace <= 1.3', worst(perNamespace, 'ours_over_raw'), 1.3),
    faster_than_plus: goal('max ours_over_plus < 1', worst([...single, ...perNamespace], 'ours_over_plus'), 0.999),
  };
}

export function report(result: any): string {
  const parts: string[] = [];
  const m = result.machine;
  parts.push(`Machine: ${m.cpu}, ${m.cpus} CPUs, ${m.mem_gb} GB, ${m.platform}, node ${m.node}; cdk8s ${m.cdk8s}, cdk8s-plus-29 ${m.cdk8s_plus_29}; commit ${m.commit}, ${m.date}; load ${m.load_start?.join(' ')} at start, ${m.load_end?.join(' ')} at end; bench wall ${m.wall_s} s.`);
  if (result.synth?.length) {
    parts.push('Synthesis, one chart (build + app.synthYaml(); seconds, medians; peaks = max RSS of the child process)');
    parts.push(table(['N', 'ours s', 'raw L1 s', 'cdk8s-plus s', 'ours/raw', 'ours/plus', 'ours peak MB', 'raw peak MB', 'plus peak MB'],
      result.synth.map((r: any) => [r.n, r.ours_s, r.raw_s, r.plus_s, r.ours_over_raw, r.ours_over_plus, r.ours_peak_mb, r.raw_peak_mb, r.plus_peak_mb])));
  }
  if (result.synth_chart_per_namespace?.length) {
    parts.push('Synthesis with one chart per namespace (cdk8s re-runs the validations of the whole app once per chart)');
    parts.push(table(['N', 'charts', 'ours s', 'raw L1 s', 'cdk8s-plus s', 'ours/raw', 'ours/plus', 'ours peak MB'],
      result.synth_chart_per_namespace.map((r: any) => [r.n, r.charts, r.ours_s, r.raw_s, r.plus_s, r.ours_over_raw, r.ours_over_plus, r.ours_peak_mb])));
  }
  if (result.synth_goals) {
    const g = result.synth_goals;
    const verdictOf = (x: any) => `${x.value ?? '-'} (${x.met ? 'met' : 'NOT met'}: ${x.goal})`;
    parts.push(`Synthesis goals: one chart ${verdictOf(g.one_chart_within_1_2x_of_raw)}; a chart per namespace ${verdictOf(g.chart_per_namespace_within_1_3x_of_raw)}; `
      + `against cdk8s-plus-29 ${verdictOf(g.faster_than_plus)}`);
  }
  if (result.validate?.length) {
    parts.push('Validation (seconds, medians)');
    parts.push(table(['N', 'in-process (objects)', 'in-process (read YAML + validate)', 'cli (whole process)'],
      result.validate.map((r: any) => [r.n, r.in_process_s, r.in_process_files_s, r.cli_s])));
  }
  if (result.analysis?.length) {
    parts.push('Analysis (seconds, medians; peak = max RSS of the analysing process)');
    parts.push(table(['endpoints', 'namespaces', 'policies', 'YAML MB', 'parse s', 'analyze s', 'analyze/parse', 'growth exp.', 'classes', 'peak MB', 'all pairs s'],
      result.analysis.map((r: any) => [r.endpoints, r.namespaces, r.policies, r.yaml_mb, r.parse_s, r.analyze_s, r.analyze_over_parse, r.growth_exponent_vs_policies ?? '-', r.classes, r.peak_mb, r.all_pairs_s])));
  }
  const scale = result.scale;
  const verdict = (g: any) => `${g.value} (${g.met ? 'met' : 'NOT met'}: ${g.goal})`;
  if (scale?.analysis) {
    const a = scale.analysis;
    parts.push(`Large cluster, whole CLI runs (${a.endpoints} endpoints, ${a.policies} policies, ${a.yaml_mb} MB): analyze text ${a.text_s ?? '-'} s / ${a.text_peak_mb} MB, `
      + `json ${a.json_s ?? '-'} s / ${a.json_peak_mb} MB, csv ${a.csv_s ?? '-'} s / ${a.csv_peak_mb} MB; json/text ${verdict(a.goals.json_within_1_5x_of_text)}; peak ${verdict(a.goals.peak_below_1_5_gb)}`
      + `${Object.keys(a.failures).length ? `; failures: ${JSON.stringify(a.failures)}` : ''}`);
  }
  if (scale?.lint) {
    const l = scale.lint;
    parts.push(`Large lint input (${l.yaml_mb} MB, ${l.policies} policies, ${l.workloads} workloads): lint ${l.lint_s ?? '-'} s (CPU ${l.lint_cpu_s ?? '-'} s) / ${l.lint_peak_mb} MB, `
      + `validate ${l.validate_s ?? '-'} s (CPU ${l.validate_cpu_s ?? '-'} s) / ${l.validate_peak_mb} MB; `
      + `lint/validate ${verdict(l.goals.lint_within_2x_of_validate)}; peak ${verdict(l.goals.peak_below_1_5_gb)}${Object.keys(l.failures).length ? `; failures: ${JSON.stringify(l.failures)}` : ''}`);
  }
  const npa = result.netpol_analyzer;
  if (npa?.skipped) parts.push(`Side by side with netpol-analyzer: skipped (${npa.skipped})`);
  if (npa?.folders) {
    const f = npa.folders.summary;
    parts.push(`Side by side with np-guard/netpol-analyzer ${npa.version}: its test folders (${f.folders_compared} compared of ${f.folders_total}; ${f.folders_not_plain} hold other kinds): `
      + `${f.folders_agree} agree, ${f.folders_differ} differ, ${f.folders_refused.length} refused by one side; ${f.pairs_agree} of ${f.pairs_compared} pairs agree; `
      + `whole processes ours ${f.ours_total_s} s, theirs ${f.theirs_total_s} s (theirs/ours ${f.theirs_over_ours})`);
    parts.push(table(['endpoints', 'policies', 'ours s', 'theirs s', 'theirs/ours', 'pairs', 'agree'],
      npa.generated.map((r: any) => [r.endpoints, r.policies, r.ours_s ?? '-', r.theirs_s ?? (r.timed_out_after_s ? `> ${r.timed_out_after_s}` : '-'), r.theirs_over_ours ?? '-', r.pairs ?? '-', r.agree ?? '-'])));
  }
  return parts.join('\n\n');
}

export async function main(argv: string[]): Promise<void> {
  const what = argv.find((a) => !a.startsWith('--')) ?? 'all';
  const sections = ['all', 'synth', 'validate', 'analysis', 'charts', 'scale', 'scale-lint', 'netpol-analyzer', 'profile'];
  if (!sections.includes(what) || argv.some((a) => a.startsWith('--') && a !== '--quick')) {
    throw new Error(`usage: node bench/run.js [${sections.join('|')}] [--quick]`);
  }
  if (what === 'profile') {
    const variant = (argv[1] ?? 'ours') as Variant;
    await profile(variant, Number(argv[2] ?? 10000));
    return;
  }
  const quick = argv.includes('--quick');
  const plan = quick ? QUICK : FULL;
  const t0 = Date.now();
  const result: any = { machine: machine(), synth: [], validate: [], analysis: [], synth_chart_per_namespace: [] };
  log(`machine: ${JSON.stringify(result.machine)}`);
  if (what === 'all' || what === 'synth') result.synth = await benchSynth(plan.synth, 'single');
  if (what === 'all' || what === 'validate') result.validate = await benchValidate(plan);
  if (what === 'all' || what === 'analysis') result.analysis = await benchAnalysis(plan);
  if (what === 'all' || what === 'charts') result.synth_chart_per_namespace = await benchSynth(plan.charts, 'per-namespace');
  if (result.synth.length > 0 || result.synth_chart_per_namespace.length > 0) result.synth_goals = synthGoals(result);
  if (what === 'all' || what === 'scale') result.scale = await benchScale(path.join(__dirname, '..', 'bin', 'cdk8s-netpol'), plan.scale, log);
  if (what === 'scale-lint') result.scale = await benchScale(path.join(__dirname, '..', 'bin', 'cdk8s-netpol'), plan.scale, log, ['lint']);
  if (what === 'all' || what === 'netpol-analyzer') {
    result.netpol_analyzer = await benchNetpolAnalyzer(REPO, path.join(__dirname, '..', 'bin', 'cdk8s-netpol'), plan.comparison, log);
  }
  result.machine.load_end = os.loadavg().map((x) => round(x, 2));
  result.machine.wall_s = Math.round((Date.now() - t0) / 1000);
  result.machine.plan = quick ? 'quick' : 'full';
  log(`\n${report(result)}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  // The long sections may be run alone and folded into latest.json, each with the machine of its run.
  const folded = {
    'synth': 'synth', 'charts': 'synth_chart_per_namespace', 'scale': 'scale', 'scale-lint': 'scale', 'netpol-analyzer': 'netpol_analyzer',
  }[what as 'synth' | 'charts' | 'scale' | 'scale-lint' | 'netpol-analyzer'];
  if (folded && !quick) {
    const latestFile = path.join(RESULTS, 'latest.json');
    const latest = fs.existsSync(latestFile) ? JSON.parse(fs.readFileSync(latestFile, 'utf8')) : { machine: result.machine };
    // scale-lint replaces only the lint part of the scale section (each part keeps the machine of its run).
    if (what === 'scale-lint') latest.scale = { ...latest.scale, lint: { ...result.scale.lint, machine: result.machine } };
    else if (Array.isArray(result[folded])) latest[folded] = result[folded].map((row: any) => ({ ...row, machine: result.machine }));
    else latest[folded] = { ...result[folded], machine: result.machine };
    // The synthesis goals are judged on the rows in latest.json, whichever run each comes from.
    if (folded === 'synth' || folded === 'synth_chart_per_namespace') latest.synth_goals = synthGoals(latest);
    fs.writeFileSync(latestFile, `${JSON.stringify(latest, undefined, 2)}\n`);
    log(`\nfolded the ${what} section into bench/results/latest.json (${result.machine.wall_s} s)`);
    return;
  }
  const name = what === 'all' && !quick ? 'latest.json' : `${what}${quick ? '-quick' : ''}.tmp`;
  fs.writeFileSync(path.join(RESULTS, name), `${JSON.stringify(result, undefined, 2)}\n`);
  log(`\nwrote bench/results/${name} (${result.machine.wall_s} s)`);
}
