/**
 * Side by side with np-guard/netpol-analyzer v1.4.4 (`netpolicy list`): the same inputs, the allowed
 * connections of every ordered pair of workloads compared, and the whole-process times.
 *
 * - netpol-analyzer is built from the Go module proxy (`go mod download` of v1.4.4, then `go build` of
 *   its cmd/netpolicy from the module cache, GOTOOLCHAIN=local) into node_modules/.cache; without Go the
 *   section is skipped with a notice.
 * - Inputs: its own test folders (tests/<dir> of the module) whose objects are all plain Kubernetes ones
 *   (namespaces, pods, workloads, NetworkPolicies, services, config), and the seeded clusters of the
 *   analysis benchmark (bench/cluster.ts) up to 2,000 endpoints, where a named port in a rule with an
 *   ipBlock peer is written as its number (netpol-analyzer refuses it: "cannot convert named port for an
 *   IP destination"; Kubernetes accepts it, and so does ours).
 * - Ours runs with `--no-ipblock-pods`, as netpol-analyzer assumes ipBlocks never match pods. Pairs are
 *   compared where both name the same two in-cluster endpoints (`ns/name[Kind]`); the external address
 *   ranges netpol-analyzer derives from the ipBlocks are counted apart (ours lists externals only when
 *   given them). Self pairs are left out (netpol-analyzer does not list them).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { generateCluster, writeCluster, ClusterSize } from './cluster';
import { median } from './measure';
import { readManifestInput } from '../src/io';

export const NETPOL_ANALYZER_VERSION = 'v1.4.4';
const MODULE = 'github.com/np-guard/netpol-analyzer';

/** The kinds a folder may hold to be compared (everything else: Ingress, Route, AdminNetworkPolicy, ... makes it "not plain"). */
const PLAIN_KINDS = new Set([
  'Namespace', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob',
  'NetworkPolicy', 'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'List',
]);

type Log = (line: string) => void;

export interface ComparisonPlan {
  readonly generated: Array<ClusterSize & { reps: number }>;
  /** Seconds after which one run is stopped (and recorded as timed out). */
  readonly timeoutS: number;
  /** Test folders compared at most (all when undefined). */
  readonly folders?: number;
}

// ---- building netpol-analyzer -------------------------------------------------------------

/** The path of netpolicy, built once into node_modules/.cache; or why it cannot be had. */
export function netpolAnalyzer(repo: string, log: Log): { bin: string; moduleDir: string } | { skipped: string } {
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };
  const go = spawnSync('go', ['version'], { encoding: 'utf8', env });
  if (go.error || go.status !== 0) return { skipped: 'Go is not installed (go version failed): the comparison with netpol-analyzer is skipped' };
  const work = path.join(repo, 'node_modules', '.cache', `netpol-analyzer-${NETPOL_ANALYZER_VERSION}`);
  fs.mkdirSync(work, { recursive: true });
  if (!fs.existsSync(path.join(work, 'go.mod'))) fs.writeFileSync(path.join(work, 'go.mod'), 'module bench\n\ngo 1.23\n');
  const download = spawnSync('go', ['mod', 'download', '-json', `${MODULE}@${NETPOL_ANALYZER_VERSION}`], { cwd: work, encoding: 'utf8', env });
  if (download.status !== 0) return { skipped: `go mod download ${MODULE}@${NETPOL_ANALYZER_VERSION} failed: ${(download.stdout + download.stderr).trim().split('\n').slice(-2).join(' ')}` };
  const moduleDir = JSON.parse(download.stdout).Dir as string;
  const bin = path.join(work, 'netpolicy');
  if (!fs.existsSync(bin)) {
    log(`   building netpol-analyzer ${NETPOL_ANALYZER_VERSION} (${go.stdout.trim()}) from the module cache; once, a few minutes`);
    const build = spawnSync('go', ['build', '-o', bin, './cmd/netpolicy'], { cwd: moduleDir, encoding: 'utf8', env });
    if (build.status !== 0) return { skipped: `go build of netpol-analyzer failed: ${build.stderr.trim().split('\n').slice(-3).join(' ')}` };
  }
  return { bin, moduleDir };
}

// ---- connection sets ----------------------------------------------------------------------

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
type Ranges = Array<[number, number]>;

function canonical(byProtocol: { [protocol: string]: Ranges }): string {
  const parts: string[] = [];
  for (const protocol of PROTOCOLS) {
    const ranges = [...(byProtocol[protocol] ?? [])].sort((a, b) => a[0] - b[0]);
    const merged: Ranges = [];
    for (const [a, b] of ranges) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    if (merged.length > 0) parts.push(`${protocol} ${merged.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`);
  }
  return parts.join(' ');
}

/** netpol-analyzer's `conn`: `All Connections`, `TCP 80,8080-8090,UDP 53`, `SCTP 1-65535,TCP 1-79,81-65535`. */
export function parseTheirConnection(conn: string): string {
  if (conn === 'All Connections') return canonical({ TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] });
  if (conn === 'No Connections') return '';
  const byProtocol: { [protocol: string]: Ranges } = {};
  let protocol = '';
  for (const token of conn.split(',')) {
    const words = token.trim().split(/\s+/);
    if (words.length === 2) [protocol] = words;
    const range = words[words.length - 1];
    const m = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!m) return `unparsed: ${conn}`;
    (byProtocol[protocol] ??= []).push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return canonical(byProtocol);
}

/** Ours, one CSV cell: `80;8000-8080`. */
function parseOurCell(cell: string): Ranges {
  if (cell === '') return [];
  return cell.split(';').map((r) => {
    const [a, b] = r.split('-').map(Number);
    return [a, b ?? a];
  });
}

const WORKLOAD_ID = /^[^/\s]+\/[^/\s]+\[[A-Za-z]+\]$/;

interface Answer {
  /** `from -> to` of in-cluster endpoints, both different, with what is allowed (canonical; pairs allowing nothing absent). */
  readonly pairs: Map<string, string>;
  readonly endpoints: Set<string>;
  /** Pairs with an endpoint outside the cluster (an address range), not compared. */
  readonly external: number;
  /** Pairs of pods renamed to one owner whose answers differ (pods of one owner with different labels). */
  readonly conflicts?: number;
}

async function readOurCsv(file: string, rename: Map<string, string> = new Map()): Promise<Answer> {
  const pairs = new Map<string, string>();
  const endpoints = new Set<string>();
  let external = 0;
  let conflicts = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let header = true;
  const seenPairs = new Map<string, string>();
  for await (const line of lines) {
    if (line.startsWith('#') || line === '') continue;
    if (header) {
      header = false;
      continue;
    }
    const [ourFrom, ourTo, tcp, udp, sctp] = line.split(',');
    if (!WORKLOAD_ID.test(ourFrom) || !WORKLOAD_ID.test(ourTo)) {
      external++;
      continue;
    }
    const from = rename.get(ourFrom) ?? ourFrom;
    const to = rename.get(ourTo) ?? ourTo;
    endpoints.add(from);
    endpoints.add(to);
    if (from === to) continue;
    const allowed = canonical({ TCP: parseOurCell(tcp), UDP: parseOurCell(udp), SCTP: parseOurCell(sctp) });
    const key = `${from} -> ${to}`;
    const seen = seenPairs.get(key);
    if (seen !== undefined && seen !== allowed) conflicts++;
    seenPairs.set(key, allowed);
    if (allowed !== '') pairs.set(key, allowed);
  }
  return { pairs, endpoints, external, conflicts };
}

function readTheirJson(file: string): Answer {
  const pairs = new Map<string, string>();
  const endpoints = new Set<string>();
  let external = 0;
  for (const c of JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ src: string; dst: string; conn: string }>) {
    if (!WORKLOAD_ID.test(c.src) || !WORKLOAD_ID.test(c.dst)) {
      external++;
      continue;
    }
    endpoints.add(c.src);
    endpoints.add(c.dst);
    if (c.src !== c.dst) pairs.set(`${c.src} -> ${c.dst}`, parseTheirConnection(c.conn));
  }
  return { pairs, endpoints, external };
}

// ---- running both -------------------------------------------------------------------------

interface Run {
  readonly ok: boolean;
  readonly seconds: number;
  readonly timedOut: boolean;
  readonly code: number | null;
  readonly stderr: string;
}

function timed(cmd: string, args: string[], stdoutFile: string | undefined, timeoutS: number): Run {
  const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (typeof out === 'number') fs.closeSync(out);
  const timedOut = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  return { ok: r.status === 0 || r.status === 3, seconds, timedOut, code: r.status, stderr: (r.stderr ?? '').trim() };
}

function runOurs(ourBin: string, dir: string, out: string, timeoutS: number, skipInvalid = false): Run {
  return timed(process.execPath, [ourBin, 'analyze', dir, '--output', 'csv', '--no-ipblock-pods', ...(skipInvalid ? ['--skip-invalid'] : [])], out, timeoutS);
}

function runTheirs(bin: string, dir: string, out: string, timeoutS: number): Run {
  if (fs.existsSync(out)) fs.rmSync(out);
  const run = timed(bin, ['list', '--dirpath', dir, '-o', 'json', '-q', '-f', out], undefined, timeoutS);
  return { ...run, ok: run.ok && fs.existsSync(out) };
}

interface PairComparison {
  readonly compared: number;
  readonly agree: number;
  readonly differ: string[];
  readonly onlyOurs: string[];
  readonly onlyTheirs: string[];
  readonly externalTheirs: number;
}

/**
 * Compares every ordered pair of the endpoints either names (netpol-analyzer names only endpoints that
 * have a connection): a pair agrees when both allow the same ports, nothing included. An endpoint that
 * only one side names (`ns/x[ReplicaSet]` against `ns/x[Deployment]`) makes its pairs differ.
 */
function comparePairs(ours: Answer, theirs: Answer): PairComparison {
  const universe = [...new Set([...ours.endpoints, ...theirs.endpoints])];
  const differ: string[] = [];
  let compared = 0;
  let agree = 0;
  for (const from of universe) {
    for (const to of universe) {
      if (from === to) continue;
      compared++;
      const key = `${from} -> ${to}`;
      const a = ours.pairs.get(key) ?? '';
      const b = theirs.pairs.get(key) ?? '';
      if (a === b) agree++;
      else if (differ.length < 5) differ.push(`${key}: ours ${a || 'nothing'}, theirs ${b || 'nothing'}`);
    }
  }
  return {
    compared,
    agree,
    differ,
    onlyOurs: [...ours.endpoints].filter((e) => !theirs.endpoints.has(e)),
    onlyTheirs: [...theirs.endpoints].filter((e) => !ours.endpoints.has(e)),
    externalTheirs: theirs.external,
  };
}

/**
 * netpol-analyzer names a pod by its owner (`ns/owner[ReplicaSet]`, `ns/agents[DaemonSet]`) even when the
 * owner object is not in the input, where ours names the pod itself (`ns/agents-x7k2p[Pod]`): rename ours
 * that way, so that pairs are compared by meaning, not by name.
 */
function ownerNames(objects: any[]): Map<string, string> {
  const rename = new Map<string, string>();
  for (const o of objects) {
    if (o?.kind !== 'Pod' || !Array.isArray(o.metadata?.ownerReferences)) continue;
    const owner = o.metadata.ownerReferences.find((r: any) => r?.controller) ?? o.metadata.ownerReferences[0];
    // A static (mirror) pod is owned by its Node: netpol-analyzer names it as the pod.
    if (!owner?.name || !owner?.kind || owner.kind === 'Node') continue;
    const ns = o.metadata.namespace ?? 'default';
    rename.set(`${ns}/${o.metadata.name}[Pod]`, `${ns}/${owner.name}[${owner.kind}]`);
  }
  return rename;
}

// ---- features of a folder that explain known differences ---------------------------------

function folderFeatures(objects: any[]): string[] {
  const features = new Set<string>();
  const labelsByOwner = new Map<string, Set<string>>();
  for (const o of objects) {
    if (typeof o !== 'object' || o === null) continue;
    const podSpec = o.kind === 'Pod' ? o.spec : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
    if (podSpec?.hostNetwork === true) features.add('host-network pods');
    if (o.kind === 'Pod') {
      const owner = (o.metadata?.ownerReferences ?? []).find((r: any) => r?.controller) ?? o.metadata?.ownerReferences?.[0];
      if (owner) {
        const key = `${o.metadata?.namespace}/${owner.kind}/${owner.name}`;
        const set = labelsByOwner.get(key) ?? new Set<string>();
        set.add(JSON.stringify(Object.entries(o.metadata?.labels ?? {}).filter(([k]) => k !== 'pod-template-hash').sort()));
        labelsByOwner.set(key, set);
      }
    }
    if (o.kind === 'NetworkPolicy') {
      for (const rule of [...(o.spec?.ingress ?? []), ...(o.spec?.egress ?? [])]) {
        const peers = [...(rule?.from ?? []), ...(rule?.to ?? [])];
        if (peers.some((p: any) => p?.ipBlock) && (rule?.ports ?? []).some((p: any) => typeof p?.port === 'string')) features.add('named ports toward IP peers');
      }
    }
  }
  if ([...labelsByOwner.values()].some((s) => s.size > 1)) features.add('pods of one owner with different labels');
  return [...features];
}

// ---- the section --------------------------------------------------------------------------

/** A generated cluster that netpol-analyzer accepts: named ports of rules with an ipBlock peer written as numbers. */
function withoutNamedPortsTowardIps(objects: any[]): any[] {
  const numbers: { [name: string]: number } = { http: 8000, metrics: 9090, dns: 53 };
  for (const o of objects) {
    if (o.kind !== 'NetworkPolicy') continue;
    for (const rule of [...(o.spec.ingress ?? []), ...(o.spec.egress ?? [])]) {
      if (![...(rule.from ?? []), ...(rule.to ?? [])].some((p: any) => p.ipBlock)) continue;
      for (const port of rule.ports ?? []) if (typeof port.port === 'string') port.port = numbers[port.port];
    }
  }
  return objects;
}

export async function benchNetpolAnalyzer(repo: string, ourBin: string, plan: ComparisonPlan, log: Log): Promise<any> {
  log(`\n== side by side with np-guard/netpol-analyzer ${NETPOL_ANALYZER_VERSION} (netpolicy list -o json; ours: analyze --output csv --no-ipblock-pods)`);
  const tool = netpolAnalyzer(repo, log);
  if ('skipped' in tool) {
    log(`   SKIPPED: ${tool.skipped}`);
    return { skipped: tool.skipped };
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-npa-'));
  try {
    const folders = await compareTestFolders(tool, ourBin, plan, scratch, log);
    const generated = await compareGenerated(tool, ourBin, plan, scratch, log);
    return { version: NETPOL_ANALYZER_VERSION, folders, generated };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function compareTestFolders(tool: { bin: string; moduleDir: string }, ourBin: string, plan: ComparisonPlan, scratch: string, log: Log): Promise<any> {
  const testsDir = path.join(tool.moduleDir, 'tests');
  const names = fs.readdirSync(testsDir).filter((n) => fs.statSync(path.join(testsDir, n)).isDirectory()).sort();
  const rows: any[] = [];
  const notPlain: Array<{ folder: string; kinds: string[] }> = [];
  let oursS = 0;
  let theirsS = 0;
  for (const folder of names.slice(0, plan.folders ?? names.length)) {
    const dir = path.join(testsDir, folder);
    let input;
    try {
      input = readManifestInput([dir]);
    } catch {
      continue;
    }
    const objects = input.documents.map((d) => d.object);
    const kinds = [...new Set(objects.map((o: any) => o?.kind).filter((k: unknown) => typeof k === 'string'))] as string[];
    const other = kinds.filter((k) => !PLAIN_KINDS.has(k));
    if (other.length > 0) {
      notPlain.push({ folder, kinds: other });
      continue;
    }
    if (!kinds.some((k) => k !== 'Namespace' && k !== 'NetworkPolicy' && PLAIN_KINDS.has(k))) {
      notPlain.push({ folder, kinds: ['(no workloads)'] });
      continue;
    }
    const oursOut = path.join(scratch, `${folder}.ours.csv`);
    const theirsOut = path.join(scratch, `${folder}.theirs.json`);
    let ours = runOurs(ourBin, dir, oursOut, plan.timeoutS);
    const theirs = runTheirs(tool.bin, dir, theirsOut, plan.timeoutS);
    oursS += ours.seconds;
    theirsS += theirs.seconds;
    const features = folderFeatures(objects);
    const row: any = { folder, features, ours_s: round(ours.seconds), theirs_s: round(theirs.seconds) };
    if (!ours.ok && ours.code === 2) {
      row.ours_refused = firstLines(ours.stderr);
      features.push('invalid objects');
      ours = runOurs(ourBin, dir, oursOut, plan.timeoutS, true);
    }
    if (!theirs.ok) row.theirs_refused = firstLines(theirs.stderr);
    if (ours.ok && theirs.ok) {
      const oursAnswer = await readOurCsv(oursOut, ownerNames(objects));
      const c = comparePairs(oursAnswer, readTheirJson(theirsOut));
      Object.assign(row, { pairs: c.compared, agree: c.agree, differ: c.differ, only_ours: c.onlyOurs, only_theirs: c.onlyTheirs, external_pairs_theirs: c.externalTheirs, owner_conflicts: oursAnswer.conflicts });
    }
    row.status = !ours.ok || !theirs.ok ? (theirs.ok ? 'ours refused' : ours.ok ? 'theirs refused' : 'both refused')
      : row.agree === row.pairs ? (row.ours_refused ? 'agree (ours without the invalid objects)' : 'agree') : 'differ';
    rows.push(row);
    log(`  ${folder}: ${row.status}${row.pairs !== undefined ? `, ${row.agree}/${row.pairs} pairs agree` : ''}${features.length ? ` [${features.join('; ')}]` : ''}`
      + `${row.theirs_refused ? ` theirs: ${row.theirs_refused}` : ''}${row.status === 'differ' && row.differ.length ? `; e.g. ${row.differ[0]}` : ''}`
      + `${row.only_theirs?.length ? `; only theirs: ${row.only_theirs.slice(0, 3).join(', ')}` : ''}`);
  }
  const compared = rows.filter((r) => r.pairs !== undefined);
  const summary = {
    folders_total: names.length,
    folders_not_plain: notPlain.length,
    folders_run: rows.length,
    folders_compared: compared.length,
    folders_agree: rows.filter((r) => r.status.startsWith('agree')).length,
    folders_differ: rows.filter((r) => r.status === 'differ').length,
    folders_refused: rows.filter((r) => r.status.endsWith('refused')).map((r) => ({ folder: r.folder, status: r.status, features: r.features, ours: r.ours_refused, theirs: r.theirs_refused })),
    pairs_compared: compared.reduce((s, r) => s + r.pairs, 0),
    pairs_agree: compared.reduce((s, r) => s + r.agree, 0),
    ours_total_s: round(oursS),
    theirs_total_s: round(theirsS),
    theirs_over_ours: round(theirsS / oursS, 2),
    unexplained_differences: rows.filter((r) => r.status === 'differ' && r.features.length === 0).map((r) => r.folder),
    differences: rows.filter((r) => r.status === 'differ').map((r) => ({ folder: r.folder, features: r.features, agree: r.agree, pairs: r.pairs, examples: r.differ.slice(0, 2), only_ours: r.only_ours.slice(0, 3), only_theirs: r.only_theirs.slice(0, 3) })),
    not_plain: notPlain,
  };
  log(`  test folders: ${summary.folders_compared} compared of ${summary.folders_total} (${summary.folders_not_plain} not plain), ${summary.folders_agree} agree, ${summary.folders_differ} differ, ${summary.folders_refused.length} refused by one side, ${summary.unexplained_differences.length} differ without a known cause${summary.unexplained_differences.length ? ` (${summary.unexplained_differences.join(', ')})` : ''}; pairs ${summary.pairs_agree}/${summary.pairs_compared} agree; whole processes ours ${summary.ours_total_s} s, theirs ${summary.theirs_total_s} s (theirs/ours ${summary.theirs_over_ours})`);
  return { summary, rows };
}

async function compareGenerated(tool: { bin: string }, ourBin: string, plan: ComparisonPlan, scratch: string, log: Log): Promise<any[]> {
  const rows: any[] = [];
  for (const size of plan.generated) {
    const dir = path.join(scratch, `generated-${size.endpoints}`);
    fs.mkdirSync(dir);
    writeCluster(path.join(dir, 'cluster.yaml'), withoutNamedPortsTowardIps(generateCluster(size, 42)));
    const oursOut = path.join(scratch, `generated-${size.endpoints}.ours.csv`);
    const theirsOut = path.join(scratch, `generated-${size.endpoints}.theirs.json`);
    const ours: number[] = [];
    const theirs: number[] = [];
    let timedOut = false;
    let failure: string | undefined;
    // Interleaved rounds, the order alternating.
    for (let r = 0; r < size.reps && !timedOut && !failure; r++) {
      const runs = r % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
      for (const who of runs) {
        const run = who === 'ours' ? runOurs(ourBin, dir, oursOut, plan.timeoutS) : runTheirs(tool.bin, dir, theirsOut, plan.timeoutS);
        if (run.timedOut) timedOut = true;
        else if (!run.ok) failure = `${who}: ${firstLines(run.stderr)}`;
        else (who === 'ours' ? ours : theirs).push(run.seconds);
      }
    }
    const row: any = { endpoints: size.endpoints, namespaces: size.namespaces, policies: size.policies, reps: size.reps, runs_s: { ours: ours.map(round), theirs: theirs.map(round) } };
    if (ours.length > 0) row.ours_s = round(median(ours));
    if (theirs.length > 0) row.theirs_s = round(median(theirs));
    if (row.ours_s && row.theirs_s) row.theirs_over_ours = round(row.theirs_s / row.ours_s, 2);
    if (timedOut) row.timed_out_after_s = plan.timeoutS;
    if (failure) row.failure = failure;
    if (ours.length > 0 && theirs.length > 0) {
      const c = comparePairs(await readOurCsv(oursOut), readTheirJson(theirsOut));
      Object.assign(row, { pairs: c.compared, agree: c.agree, differ_examples: c.differ, only_theirs: c.onlyTheirs.length, only_ours: c.onlyOurs.length, external_pairs_theirs: c.externalTheirs });
    }
    rows.push(row);
    log(`  generated ${size.endpoints} endpoints / ${size.policies} policies: ours ${row.ours_s ?? '-'} s, theirs ${row.theirs_s ?? (timedOut ? `> ${plan.timeoutS}` : '-')} s`
      + `${row.theirs_over_ours ? ` (theirs/ours ${row.theirs_over_ours})` : ''}${row.pairs !== undefined ? `; ${row.agree}/${row.pairs} pairs agree` : ''}${failure ? `; ${failure}` : ''}`);
  }
  return rows;
}

function firstLines(text: string): string {
  return text.split('\n').filter((l) => l.trim() !== '').slice(0, 2).join(' | ').slice(0, 300);
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
