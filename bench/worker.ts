/**
 * A measuring child process (forked with --expose-gc by bench/measure.ts). It prepares one task,
 * then runs it when told, reporting the wall time of each run; at the end it reports its peak
 * memory. One task per process, so the peaks of different variants never mix.
 *
 * Messages in:  {op:'setup', task}, {op:'run'}, {op:'stats'}, {op:'extra'}
 * Messages out: {ok:true, ...} or {ok:false, error}
 */
import { buildApp, Layout, synthesize, Variant } from './synth-variants';
import { generatePolicies, toManifest, NAMED_PORT_NUMBERS, PolicyDesc } from './policy-mix';
import { readManifests } from '../src/io';
import { validateNetworkPolicy } from '../src/model';
import { Reachability } from '../src/analysis';

export type TaskSpec =
  | { kind: 'synth'; variant: Variant; n: number; seed: number; layout: Layout }
  | { kind: 'validate'; n: number; seed: number }
  | { kind: 'validate-files'; dir: string }
  | { kind: 'parse'; file: string }
  | { kind: 'analyze'; file: string; externals: string[] };

interface Task {
  run(): number;
  extra?(): any;
  info?: any;
}

const gc: () => void = (global as any).gc ?? (() => undefined);

function mb(bytes: number): number {
  return Math.round(bytes / 1048576 * 10) / 10;
}

/** JSON with sorted keys: equal objects give equal strings whatever their key order. */
export function canonical(value: any): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).filter((k) => value[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What a policy allows, as sorted (direction, peer, port) triples plus its policyTypes: equal for
 * manifests that mean the same, however they group peers into rules. Named ports are taken as
 * their numbers, an empty podSelector beside a namespaceSelector is dropped (it means all pods).
 */
function meaning(m: any): string[] {
  const out = [`${m.metadata.namespace}/${m.metadata.name} types=${[...(m.spec.policyTypes ?? [])].sort().join(',')} pods=${canonical(m.spec.podSelector ?? {})}`];
  for (const [dir, field] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const rule of m.spec[dir] ?? []) {
      for (const peer of rule[field] ?? [{}]) {
        const p = { ...peer };
        if (p.namespaceSelector && p.podSelector && Object.keys(p.podSelector).length === 0) delete p.podSelector;
        for (const port of rule.ports ?? [{}]) {
          const number = typeof port.port === 'string' ? NAMED_PORT_NUMBERS[port.port] : port.port;
          out.push(`${m.metadata.namespace}/${m.metadata.name} ${dir} ${canonical(p)} ${port.protocol}:${number}-${port.endPort ?? number}`);
        }
      }
    }
  }
  return out;
}

/** Throws unless `variant` synthesizes the expected manifests (ours, raw) or their meaning (plus). */
function checkSynth(variant: Variant, policies: PolicyDesc[], layout: Layout): string {
  const app = buildApp(variant, policies, layout);
  const actual = app.charts.flatMap((c) => c.toJson()).filter((o: any) => o.kind === 'NetworkPolicy');
  const expected = policies.map(toManifest);
  if (actual.length !== expected.length) throw new Error(`${variant}: ${actual.length} NetworkPolicies synthesized, ${expected.length} expected`);
  if (variant === 'plus') {
    const a = actual.flatMap(meaning).sort();
    const e = expected.flatMap(meaning).sort();
    const i = a.findIndex((x, k) => x !== e[k]);
    if (i >= 0 || a.length !== e.length) throw new Error(`plus: meaning differs at ${i}: ${a[i]} vs ${e[i]}`);
    return 'same policies and meaning (rules split per peer, named ports as numbers)';
  }
  for (let k = 0; k < expected.length; k++) {
    if (canonical(actual[k]) !== canonical(expected[k])) {
      throw new Error(`${variant}: manifest ${k} differs:\n${canonical(actual[k])}\nexpected:\n${canonical(expected[k])}`);
    }
  }
  return 'identical manifests';
}

function setup(spec: TaskSpec): Task {
  switch (spec.kind) {
    case 'synth': {
      const policies = generatePolicies(spec.n, spec.seed);
      const check = checkSynth(spec.variant, policies, spec.layout);
      return { run: () => synthesize(spec.variant, policies, spec.layout), info: { check } };
    }
    case 'validate': {
      const manifests = generatePolicies(spec.n, spec.seed).map(toManifest);
      return {
        run: () => {
          let errors = 0;
          for (const m of manifests) errors += validateNetworkPolicy(m).length;
          if (errors > 0) throw new Error(`${errors} validation errors in the generated policies`);
          return manifests.length;
        },
      };
    }
    case 'validate-files':
      return {
        run: () => {
          let errors = 0;
          const documents = readManifests([spec.dir]);
          for (const d of documents) errors += validateNetworkPolicy(d.object).length;
          if (errors > 0) throw new Error(`${errors} validation errors in the generated files`);
          return documents.length;
        },
      };
    case 'parse':
      return { run: () => readManifests([spec.file]).length };
    case 'analyze': {
      const objects = readManifests([spec.file]).map((d: any) => d.object);
      let last: Reachability | undefined;
      return {
        run: () => {
          last = undefined;
          last = Reachability.fromManifests(objects, { externals: spec.externals });
          if (last.problems.length > 0) throw new Error(`analysis problems: ${JSON.stringify(last.problems.slice(0, 3))}`);
          return last.endpoints.length;
        },
        extra: () => {
          const r = last!;
          const endpoints = r.endpoints.length;
          const t0 = process.hrtime.bigint();
          let allowing = 0;
          for (let f = 0; f < endpoints; f++) for (let t = 0; t < endpoints; t++) if (!r._allowedSetByIndex(f, t).isEmpty) allowing++;
          const pairsS = Number(process.hrtime.bigint() - t0) / 1e9;
          return { endpoints, classes: r.endpointClassCount, portSets: r._engine.table.size, policies: r.policies.length, pairs: endpoints * endpoints, allowing, pairs_s: pairsS };
        },
      };
    }
    default:
      throw new Error(`unknown task ${JSON.stringify(spec)}`);
  }
}

let task: Task | undefined;
let baselineMb = 0;

function handle(message: any): any {
  switch (message.op) {
    case 'setup': {
      task = setup(message.task);
      gc();
      baselineMb = mb(process.memoryUsage().rss);
      return { info: task.info ?? null, baselineMb };
    }
    case 'run': {
      gc();
      const t0 = process.hrtime.bigint();
      const size = task!.run();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      return { ms, size };
    }
    case 'extra':
      return { extra: task!.extra ? task!.extra() : null };
    case 'stats':
      return { peakMb: mb(process.resourceUsage().maxRSS * 1024), baselineMb };
    default:
      throw new Error(`unknown op ${message.op}`);
  }
}

process.on('message', (message: any) => {
  let reply: any;
  try {
    reply = { ok: true, ...handle(message) };
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
  process.send!(reply);
});
