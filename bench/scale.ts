/**
 * The sizes of a large cluster, as whole CLI runs (issue 10, "Big clusters"):
 *
 * - analysis: a seeded cluster of 10,000 endpoints and 3,500 policies (bench/cluster.ts, 1,000
 *   namespaces): `analyze --output text`, `json` and `csv`, stdout to /dev/null;
 * - lint: a seeded input of about 20 MB (500 workloads, the policies needed to reach the size):
 *   `lint` against `validate` of the same file.
 *
 * Each run is one process (node bench/cli-peak.js), timed from start to exit, with its peak RSS. The
 * inputs are generated into a temporary folder, never committed. Goals (measured in one run):
 * analyze JSON within 1.5x of text; lint within 2x of validate; peak memory below 1.5 GB for both.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateCluster, writeCluster, ClusterSize } from './cluster';
import { median } from './measure';

export interface ScalePlan {
  readonly analysis: ClusterSize;
  /** The lint input: workloads, namespaces, and the size in MB to reach with policies. */
  readonly lint: { endpoints: number; namespaces: number; targetMb: number };
  readonly reps: number;
  readonly timeoutS: number;
}

type Log = (line: string) => void;

interface CliRun {
  readonly seconds: number;
  /** CPU time of the process (user + system): what a loaded machine does not inflate. */
  readonly cpuS: number;
  readonly peakMb: number;
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly stderr: string;
}

const GOALS = { jsonOverText: 1.5, lintOverValidate: 2, peakMb: 1536 };

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function runCli(bin: string, args: string[], timeoutS: number): CliRun {
  const peakFile = path.join(os.tmpdir(), `netpol-bench-peak-${process.pid}-${Date.now()}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', path.join(__dirname, 'cli-peak.js'), peakFile, bin, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const timedOut = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  const usage = fs.existsSync(peakFile) ? JSON.parse(fs.readFileSync(peakFile, 'utf8')) : { maxRssKb: NaN, cpuS: NaN };
  fs.rmSync(peakFile, { force: true });
  return { seconds, cpuS: usage.cpuS, peakMb: round(usage.maxRssKb / 1024, 1), code: r.status, timedOut, stderr: (r.stderr ?? '').trim().split('\n').slice(0, 3).join(' | ') };
}

/** Runs each variant `reps` times, interleaved; medians of time, maximum of peaks. */
function measureCli(bin: string, variants: Array<{ label: string; args: string[]; okCodes: number[] }>, plan: ScalePlan, log: Log): Map<string, any> {
  const times = new Map<string, number[]>(variants.map((v) => [v.label, []]));
  const cpu = new Map<string, number[]>(variants.map((v) => [v.label, []]));
  const peaks = new Map<string, number>();
  const failures = new Map<string, string>();
  for (let r = 0; r < plan.reps; r++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(k + r) % variants.length];
      if (failures.has(v.label)) continue;
      const run = runCli(bin, v.args, plan.timeoutS);
      if (run.timedOut) failures.set(v.label, `timed out after ${plan.timeoutS} s`);
      else if (!v.okCodes.includes(run.code ?? -1)) failures.set(v.label, `exit ${run.code}: ${run.stderr}`);
      else {
        times.get(v.label)!.push(run.seconds);
        cpu.get(v.label)!.push(run.cpuS);
        peaks.set(v.label, Math.max(peaks.get(v.label) ?? 0, run.peakMb));
      }
      log(`  ${v.label}: ${run.timedOut ? `> ${plan.timeoutS}` : run.seconds.toFixed(2)} s (CPU ${run.cpuS.toFixed(2)} s), peak ${run.peakMb} MB${failures.has(v.label) ? ` (${failures.get(v.label)})` : ''}`);
    }
  }
  const out = new Map<string, any>();
  for (const v of variants) {
    const ts = times.get(v.label)!;
    const cs = cpu.get(v.label)!;
    out.set(v.label, { s: ts.length > 0 ? round(median(ts)) : null, cpu_s: cs.length > 0 ? round(median(cs)) : null, peak_mb: peaks.get(v.label) ?? null, runs_s: ts.map((t) => round(t)), failure: failures.get(v.label) ?? null });
  }
  return out;
}

export async function benchScale(ourBin: string, plan: ScalePlan, log: Log, parts: ReadonlyArray<'analysis' | 'lint'> = ['analysis', 'lint']): Promise<any> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-scale-'));
  try {
    const result: any = {};
    if (parts.includes('analysis')) result.analysis = benchLargeAnalysis(ourBin, plan, dir, log);
    if (parts.includes('lint')) result.lint = benchLargeLint(ourBin, plan, dir, log);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function benchLargeAnalysis(ourBin: string, plan: ScalePlan, dir: string, log: Log): any {
  // ---- analysis at 10,000 endpoints
  const a = plan.analysis;
  const analysisFile = path.join(dir, 'cluster.yaml');
  const analysisBytes = writeCluster(analysisFile, generateCluster(a, 42));
  log(`\n== large cluster: analyze ${a.endpoints.toLocaleString('en-US')} endpoints, ${a.policies.toLocaleString('en-US')} policies (${(analysisBytes / 1e6).toFixed(1)} MB of YAML), whole CLI runs, stdout to /dev/null; ${plan.reps} interleaved run(s) each`);
  const analysis = measureCli(ourBin, ['text', 'json', 'csv'].map((format) => ({ label: `analyze --output ${format}`, args: ['analyze', analysisFile, '--output', format], okCodes: [0] })), plan, log);
  const text = analysis.get('analyze --output text');
  const json = analysis.get('analyze --output json');
  const csv = analysis.get('analyze --output csv');
  const analysisRow: any = {
    endpoints: a.endpoints, namespaces: a.namespaces, policies: a.policies, yaml_mb: round(analysisBytes / 1e6, 2),
    text_s: text.s, json_s: json.s, csv_s: csv.s, text_cpu_s: text.cpu_s, json_cpu_s: json.cpu_s, csv_cpu_s: csv.cpu_s, text_peak_mb: text.peak_mb, json_peak_mb: json.peak_mb, csv_peak_mb: csv.peak_mb,
    json_over_text: text.s && json.s ? round(json.s / text.s, 2) : null,
    csv_over_text: text.s && csv.s ? round(csv.s / text.s, 2) : null,
    failures: Object.fromEntries([...analysis].filter(([, v]) => v.failure).map(([k, v]) => [k, v.failure])),
    runs_s: Object.fromEntries([...analysis].map(([k, v]) => [k, v.runs_s])),
    reps: plan.reps,
  };
  const analysisPeak = Math.max(...[text, json, csv].map((x) => x.peak_mb ?? 0));
  analysisRow.goals = {
    json_within_1_5x_of_text: { goal: `json_s / text_s <= ${GOALS.jsonOverText}`, value: analysisRow.json_over_text, met: analysisRow.json_over_text !== null && analysisRow.json_over_text <= GOALS.jsonOverText },
    peak_below_1_5_gb: { goal: `peak MB < ${GOALS.peakMb}`, value: analysisPeak, met: !json.failure && !csv.failure && !text.failure && analysisPeak < GOALS.peakMb },
  };
  return analysisRow;
}

function benchLargeLint(ourBin: string, plan: ScalePlan, dir: string, log: Log): any {

  // ---- lint against validate on a ~20 MB input
  const l = plan.lint;
  let policies = 4000;
  let lintBytes = 0;
  const lintFile = path.join(dir, 'lint.yaml');
  // The generator's size grows linearly with the policies: two tries reach the target within a few percent.
  for (let i = 0; i < 2; i++) {
    lintBytes = writeCluster(lintFile, generateCluster({ endpoints: l.endpoints, namespaces: l.namespaces, policies }, 43));
    policies = Math.round(policies * (l.targetMb * 1e6) / lintBytes);
  }
  lintBytes = writeCluster(lintFile, generateCluster({ endpoints: l.endpoints, namespaces: l.namespaces, policies }, 43));
  log(`\n== large lint input: ${(lintBytes / 1e6).toFixed(1)} MB, ${policies.toLocaleString('en-US')} policies, ${l.endpoints} workloads in ${l.namespaces} namespaces: lint vs validate, whole CLI runs`);
  const lint = measureCli(ourBin, [
    { label: 'lint', args: ['lint', lintFile, '--output', 'json'], okCodes: [0, 1] },
    { label: 'validate', args: ['validate', lintFile, '--output', 'json'], okCodes: [0] },
  ], plan, log);
  const lintRun = lint.get('lint');
  const validateRun = lint.get('validate');
  const lintRow: any = {
    yaml_mb: round(lintBytes / 1e6, 2), policies, workloads: l.endpoints, namespaces: l.namespaces,
    lint_s: lintRun.s, validate_s: validateRun.s, lint_cpu_s: lintRun.cpu_s, validate_cpu_s: validateRun.cpu_s,
    lint_over_validate_cpu: lintRun.cpu_s && validateRun.cpu_s ? round(lintRun.cpu_s / validateRun.cpu_s, 2) : null, lint_peak_mb: lintRun.peak_mb, validate_peak_mb: validateRun.peak_mb,
    lint_over_validate: lintRun.s && validateRun.s ? round(lintRun.s / validateRun.s, 2) : null,
    failures: Object.fromEntries([...lint].filter(([, v]) => v.failure).map(([k, v]) => [k, v.failure])),
    runs_s: Object.fromEntries([...lint].map(([k, v]) => [k, v.runs_s])),
    reps: plan.reps,
  };
  const lintPeak = Math.max(lintRun.peak_mb ?? 0, validateRun.peak_mb ?? 0);
  lintRow.goals = {
    // CPU time: on a shared machine the wall time of one run moves with the other work (both are recorded).
    lint_within_2x_of_validate: { goal: `lint CPU s / validate CPU s <= ${GOALS.lintOverValidate}`, value: lintRow.lint_over_validate_cpu, met: lintRow.lint_over_validate_cpu !== null && lintRow.lint_over_validate_cpu <= GOALS.lintOverValidate },
    peak_below_1_5_gb: { goal: `peak MB < ${GOALS.peakMb}`, value: lintPeak, met: !lintRun.failure && !validateRun.failure && lintPeak < GOALS.peakMb },
  };
  return lintRow;
}
