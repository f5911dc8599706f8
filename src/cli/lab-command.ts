import * as fs from 'fs';
import * as zlib from 'zlib';
import { CliIo } from './cli-io';
import { Command } from './command';
import { LeftOutEntry, readCommandInput, reportOtherApis, stopOnUnreadable } from './command-input';
import { ParsedArgs } from './parse-args';
import { PROGRAM } from './usage';
import { UsageError } from './usage-error';
import { Reachability } from '../analysis/reachability';
import { LeftOutReason } from '../analysis/reachability-types';
import { isCalicoV3Object } from '../lab/calico-crd-objects';
import { CALICO_REQUIREMENT } from '../lab/calico-engine';
import { ReachabilityCase } from '../lab/case-scenario';
import { LabCluster } from '../lab/lab-cluster';
import { CALICO_ENGINE, KUBE_ROUTER_ENGINE, LAB_ENGINES, LabEngine, labEngineNamed } from '../lab/lab-engine';
import { LabComparison, probeCaseIn, probeManifestsIn, tally } from '../lab/lab-probe';
import { LabSession } from '../lab/lab-session';
import { LabUnavailableError } from '../lab/lab-unavailable-error';
import { assertEngineEnforces } from '../lab/unenforced-kinds';

/** Exit code when the dataplane and the analysis (or the API server and our validator) disagree. */
const EXIT_DISAGREE = 1;
/** Exit code when the lab cannot run here. */
const EXIT_NO_LAB = 2;

/**
 * `cdk8s-netpol lab`: applies the policies to a real API server, lets a real policy engine (kube-router,
 * the one K3s embeds; Calico's felix, which also enforces Calico's own policies; or kube-network-policies,
 * which also enforces AdminNetworkPolicy and BaselineAdminNetworkPolicy) enforce them on network
 * namespaces, probes real TCP and UDP connections, and compares what passed with the analysis. Linux and
 * root only.
 */
export const labCommand: Command = {
  name: 'lab',
  summary: 'Enforce the policies with a real API server and kube-router (or Calico, or kube-network-policies) on this Linux machine, probe, compare with analyze',
  synopsis: 'up [--engine E] | down | probe [--engine kube-router|calico|kube-network-policies] [--ports P,...] [--external IP]... [--timeout MS] [--keep] [--output text|json] <file|dir>... | probe --cases FILE [--case ID]...',
  flags: [
    { name: 'engine', description: 'The policy engine: kube-router v2.1.0 (the one K3s embeds; NetworkPolicy only), calico (felix v3.27.3; also projectcalico.org/v3 policies; needs CALICO_SRC, see README "The lab") or kube-network-policies v0.8.0 (knp; also AdminNetworkPolicy and BaselineAdminNetworkPolicy v1alpha1)', valueName: 'ENGINE', choices: LAB_ENGINES.flatMap((e) => [e.name, ...e.aliases]), defaultValue: KUBE_ROUTER_ENGINE.name },
    { name: 'ports', description: 'Ports to probe on every pod besides its container ports (TCP and UDP); repeat or separate with commas', valueName: 'PORTS', repeatable: true },
    { name: 'external', description: 'An address outside the cluster to probe to and from (emulated in a namespace of the lab)', valueName: 'IP', repeatable: true },
    { name: 'cases', description: 'A file of reachability cases (the format of test/fixtures/reachability; .json or .json.gz) to run instead of manifests', valueName: 'FILE' },
    { name: 'case', description: 'With --cases: run only this case id; repeatable', valueName: 'ID', repeatable: true },
    { name: 'timeout', description: 'Milliseconds a probe waits before it counts as denied', valueName: 'MS', defaultValue: '1000' },
    { name: 'keep', description: 'Leave a lab this command started running (for the next probe; `lab down` stops it)' },
    { name: 'output', description: 'Output format', valueName: 'FORMAT', choices: ['text', 'json'], defaultValue: 'text' },
  ],
  details: [
    'lab up starts etcd, kube-apiserver v1.29.3 and the engine (kube-router v2.1.0\'s network policy controller,',
    'Calico\'s felix v3.27.3 with Calico\'s CRDs, or kube-network-policies v0.8.0 with the v0.1.5 admin-policy CRDs)',
    'in a network namespace of their own (the machine\'s own network is never touched) and leaves them running;',
    'lab down stops them and deletes every namespace of the lab. lab probe uses the running lab (of the same',
    'engine; a lab of another engine is left alone and the probe exits 2) or starts one for the run. The first',
    'use builds the lab binary from labgo/ (and labgo/knp/ for kube-network-policies) with Go (minutes; then cached).',
    '',
    '--engine calico runs felix (iptables, Kubernetes datastore); projectcalico.org/v3 NetworkPolicy,',
    'GlobalNetworkPolicy, NetworkSet and GlobalNetworkSet of the input are applied too (as crd.projectcalico.org/v1).',
    'Calico is not on the Go module proxy: set CALICO_SRC to a projectcalico/calico v3.27.3 checkout (felix is',
    'built from it once; LAB_FELIX=PATH uses a built calico-felix). The analysis does not read Calico\'s objects',
    'yet: their probes may disagree.',
    '',
    'An input with policies of kinds the engine does not enforce stops with exit 2 before a lab starts:',
    'AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1) need kube-network-policies; projectcalico.org/v3',
    'objects need calico.',
    '',
    'Exit codes: 0 the dataplane agrees with the analysis on every measured probe; 1 it does not (or the',
    'API server and validate disagree on a policy); 2 the lab cannot run here (the reason is printed).',
    'SCTP is never measured (unmeasurable), nor endpoints the lab cannot create (they are named).',
  ].join('\n'),
  run(_args: ParsedArgs, io: CliIo): number {
    io.stderr(`${PROGRAM} lab: runs only from the command line (bin/${PROGRAM}); in code, use src/lab's LabSession\n`);
    return EXIT_NO_LAB;
  },
  async runAsync(args: ParsedArgs, io: CliIo): Promise<number> {
    const [action, ...paths] = args.positionals;
    const say = (line: string) => io.stderr(`${PROGRAM} lab: ${line}\n`);
    const engine = labEngineNamed(String(args.flags.engine ?? KUBE_ROUTER_ENGINE.name)) ?? KUBE_ROUTER_ENGINE;
    if (engine === CALICO_ENGINE && !process.env.CALICO_SRC) {
      // Calico is not on the Go module proxy: say what to set instead of failing later.
      say(`cannot run --engine calico: ${CALICO_REQUIREMENT}`);
      return EXIT_NO_LAB;
    }
    try {
      if (action === 'up') {
        const lab = await LabCluster.up(say, engine);
        io.stdout(lab.reused ? 'the lab is already running\n' : `the lab is up (${((lab.startTimes?.totalMs ?? 0) / 1000).toFixed(1)} s); \`${PROGRAM} lab down\` stops it\n`);
        return 0;
      }
      if (action === 'down') {
        LabCluster.down();
        io.stdout('the lab is down\n');
        return 0;
      }
      if (action !== 'probe') throw new UsageError(action === undefined ? 'say up, down or probe' : `unknown action ${JSON.stringify(action)}: say up, down or probe`);
      return await probe(args, paths, io, say, engine);
    } catch (e) {
      if (e instanceof LabUnavailableError) {
        say(`cannot run: ${e.message}`);
        return EXIT_NO_LAB;
      }
      throw e;
    }
  },
};

async function probe(args: ParsedArgs, paths: readonly string[], io: CliIo, say: (line: string) => void, engine: LabEngine): Promise<number> {
  const timeoutMs = Number(args.flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 50 || timeoutMs > 60_000) throw new UsageError('--timeout takes milliseconds, 50 to 60000');
  const ports = (args.lists.ports ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '').map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--ports ${JSON.stringify(v)} is not a port number (1-65535)`);
    return n;
  });
  const externals = (args.lists.external ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const casesFile = args.flags.cases as string | undefined;
  const json = args.flags.output === 'json';

  // Read everything before starting anything: bad input never costs a lab start.
  let runs: Array<(s: LabSession) => Promise<LabComparison>>;
  if (casesFile !== undefined) {
    if (paths.length > 0) throw new UsageError('give either --cases FILE or manifest paths, not both');
    const cases = readCases(casesFile, args.lists.case ?? []);
    runs = cases.map((c) => (s: LabSession) => probeCaseIn(s, c, { timeoutMs }));
  } else {
    if (paths.length === 0) throw new UsageError('lab probe needs manifest files or directories (or --cases FILE)');
    const input = readCommandInput('lab', paths, args, io);
    const inputs = input.documents.map((d) => ({
      object: d.object, file: d.file, index: d.index, itemIndex: d.itemIndex, line: d.line, malformed: d.malformed,
    }));
    const r = Reachability._fromInputs(inputs, { skipInvalid: true });
    const entries: LeftOutEntry[] = [...input.unusableFiles, ...r.problems.map((p) => ({
      file: p.file, line: p.line, object: p.object, reason: p.reason === LeftOutReason.OTHER_API ? 'other-api' as const : 'unreadable' as const, message: p.message,
    }))];
    stopOnUnreadable('lab', entries, args, io);
    reportOtherApis('lab', entries, io);
    // Policies the engine would not enforce stop the run before a lab starts.
    assertEngineEnforces(engine, r._inventory.clusterPolicies.map((p) => p.manifest), inputs.map((i) => i.object).filter(isCalicoV3Object));
    if (engine === CALICO_ENGINE && inputs.some((i) => isCalicoV3Object(i.object))) {
      say('the projectcalico.org/v3 objects are applied and enforced by felix, but the analysis leaves them out: their probes may disagree');
    }
    runs = [(s: LabSession) => probeManifestsIn(s, paths.join(' '), inputs, { ports, externals, timeoutMs })];
  }

  const session = await LabSession.open(say, engine);
  const stop = () => {
    // Interrupted: take the lab down (unless it was running before), then end.
    try {
      if (!session.lab.reused && args.flags.keep !== true) LabCluster.down();
    } finally {
      process.exit(130);
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const comparisons: LabComparison[] = [];
  try {
    for (const run of runs) comparisons.push(await run(session));
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await session.close(session.lab.reused || args.flags.keep === true);
  }
  const t = tally(comparisons);
  if (t.measured === 0) {
    // An agreement over nothing proves nothing: say so instead of passing.
    say('nothing was measured: the input has fewer than two endpoints the lab can create, or only SCTP ports (add pods, --external or --ports)');
    return EXIT_NO_LAB;
  }
  const ran = session.lab.engine;
  if (json) io.stdout(`${JSON.stringify(casesFile !== undefined ? casesJson(ran, comparisons) : manifestsJson(ran, comparisons[0]), null, 2)}\n`);
  else io.stdout(textReport(ran, comparisons, t, casesFile !== undefined));
  return t.disagreements.length > 0 || t.validationDisagreements.length > 0 ? EXIT_DISAGREE : 0;
}

function readCases(file: string, only: readonly string[]): ReachabilityCase[] {
  let data: any;
  try {
    const raw = fs.readFileSync(file);
    data = JSON.parse((file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8'));
  } catch (e) {
    throw new UsageError(`--cases ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const cases: ReachabilityCase[] = Array.isArray(data?.cases) ? data.cases : [];
  if (cases.length === 0) throw new UsageError(`--cases ${file}: no "cases" array (see test/fixtures/reachability/case-file.schema.json)`);
  for (const [i, c] of cases.entries()) {
    if (typeof c?.id !== 'string' || !Array.isArray(c.pods) || !Array.isArray(c.policies) || !Array.isArray(c.expect) || !Array.isArray(c.namespaces)) {
      throw new UsageError(`--cases ${file}: cases[${i}] lacks id, namespaces, pods, policies or expect`);
    }
  }
  if (only.length === 0) return cases;
  const unknown = only.filter((id) => !cases.some((c) => c.id === id));
  if (unknown.length > 0) throw new UsageError(`--case ${unknown.join(', ')}: no such case in ${file}`);
  return cases.filter((c) => only.includes(c.id));
}

function probeLine(r: { from: string; to: string; port: number; protocol: string }): string {
  return `${r.from} -> ${r.to} ${r.port}/${r.protocol}`;
}

function manifestsJson(engine: LabEngine, c: LabComparison): object {
  return {
    engine: engine.name,
    version: engine.version,
    apiServer: c.applied,
    notRunnable: c.notRunnable,
    readdressed: c.readdressed,
    results: c.results.map((r) => ({ from: r.from, to: r.to, port: r.port, protocol: r.protocol, observed: r.observed, predicted: r.predicted })),
  };
}

function casesJson(engine: LabEngine, comparisons: readonly LabComparison[]): object {
  return {
    engine: engine.name,
    version: engine.version,
    cases: comparisons.map((c) => ({
      id: c.id,
      apiServer: c.applied,
      notRunnable: c.notRunnable,
      readdressed: c.readdressed,
      results: c.results.map((r) => ({
        from: r.from, to: r.to, port: r.port, protocol: r.protocol, expected: r.expected, observed: r.observed, predicted: r.predicted,
      })),
    })),
  };
}

function textReport(engine: LabEngine, comparisons: readonly LabComparison[], t: ReturnType<typeof tally>, cases: boolean): string {
  const lines: string[] = [];
  lines.push(`${engine.name} ${engine.version} with kube-apiserver v1.29.3: ${comparisons.length} ${cases ? 'cases' : 'run'}, ${t.measured} probes measured, ${t.unmeasurable} unmeasurable`);
  for (const c of comparisons) {
    for (const n of c.notRunnable) lines.push(`  ${c.id}: not run: ${n.endpoint}: ${n.reason}`);
    for (const r of c.readdressed) lines.push(`  ${c.id}: ${r.endpoint} runs as ${r.to} (for ${r.from}, alike to every ipBlock of the input)`);
  }
  for (const v of t.validationDisagreements) lines.push(`  API server and validate disagree: ${v}`);
  if (t.disagreements.length === 0) {lines.push('the dataplane agrees with the analysis on every measured probe');} else {
    lines.push(`the dataplane and the analysis disagree on ${t.disagreements.length} probes:`);
    for (const r of t.disagreements) lines.push(`  ${probeLine(r)}: dataplane ${r.observed}, analysis ${r.predicted}`);
  }
  if (t.loopbackDisagreements.length > 0) lines.push(`pod-to-itself probes that differ (reported apart): ${t.loopbackDisagreements.length}`);
  if (cases) {
    lines.push(t.unexpected.length === 0 ? 'the dataplane meets every expectation of the cases it measured' : `the dataplane differs from the cases' expectations on ${t.unexpected.length} probes:`);
    for (const r of t.unexpected.slice(0, 50)) lines.push(`  ${probeLine(r)}: dataplane ${r.observed}, expected ${r.expected}`);
  }
  return `${lines.join('\n')}\n`;
}


