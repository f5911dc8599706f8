/**
 * Benchmark of the reachability analysis: 5,000 endpoints and 2,000 NetworkPolicies (sizes can be
 * given as arguments), written as YAML to a temporary directory, then
 *   - parse: reading the YAML into objects (readManifests), the floor any analysis pays;
 *   - analyse: endpoints, policies, equivalence classes and the full class-pair matrix of port sets;
 *   - all pairs: reading the allowed ports of every ordered pair of endpoints once.
 *
 * Run: npx jsii --silence-warnings=reserved-word && node bench/run-analysis.js [endpoints] [policies]
 *  or: npx ts-node --transpile-only bench/analysis.ts [endpoints] [policies]  (see bench/README.md)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

const lib = process.env.BENCH_LIB ?? path.join(__dirname, '..', 'src');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readManifests } = require(path.join(lib, 'io'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Reachability } = require(path.join(lib, 'analysis'));

const ENDPOINTS = Number(process.argv[2] ?? 5000);
const POLICIES = Number(process.argv[3] ?? 2000);
const NAMESPACES = 50;
const APPS = 400;

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(): any[] {
  const rand = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const objects: any[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns${n}`, labels: { team: `t${n % 10}`, env: pick(['prod', 'dev', 'staging']) } } });
  }
  const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'];
  for (let i = 0; i < ENDPOINTS; i++) {
    const ns = `ns${i % NAMESPACES}`;
    const labels = { app: `app${Math.floor(rand() * APPS)}`, tier: pick(['web', 'api', 'db', 'cache', 'batch']), release: `r${i % 7}`, instance: `i${i}` };
    const spec = { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8000 + (i % 50) }, { name: 'metrics', containerPort: 9090 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }] };
    const kind = pick(kinds);
    const metadata = { name: `w${i}`, namespace: ns };
    if (kind === 'Pod') objects.push({ apiVersion: 'v1', kind, metadata: { ...metadata, labels }, spec, status: { podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } });
    else objects.push({ apiVersion: 'apps/v1', kind, metadata, spec: { selector: { matchLabels: { app: labels.app } }, template: { metadata: { labels }, spec } } });
  }
  const peer = (): any => {
    switch (Math.floor(rand() * 5)) {
      case 0: return { podSelector: { matchLabels: { app: `app${Math.floor(rand() * APPS)}` } } };
      case 1: return { namespaceSelector: { matchLabels: { team: `t${Math.floor(rand() * 10)}` } } };
      case 2: return { namespaceSelector: { matchLabels: { env: pick(['prod', 'dev']) } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(['web', 'api']), pick(['db', 'cache'])] }] } };
      case 3: {
        const net = Math.floor(rand() * 20);
        return { ipBlock: { cidr: `10.0.${net}.0/24`, except: [`10.0.${net}.128/25`] } };
      }
      default: return { podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['batch'] }] } };
    }
  };
  const ports = (): any[] => {
    switch (Math.floor(rand() * 4)) {
      case 0: return [{ port: 80 + Math.floor(rand() * 10) }, { port: 443 }];
      case 1: return [{ port: 8000, endPort: 8000 + Math.floor(rand() * 60) }];
      case 2: return [{ port: 'http' }, { port: 'dns', protocol: 'UDP' }];
      default: return [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }];
    }
  };
  for (let p = 0; p < POLICIES; p++) {
    const ns = `ns${p % NAMESPACES}`;
    let spec: any;
    if (p < NAMESPACES) spec = { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }] }] };
    else {
      const selectorKind = rand();
      const podSelector = selectorKind < 0.6 ? { matchLabels: { app: `app${Math.floor(rand() * APPS)}` } }
        : selectorKind < 0.9 ? { matchLabels: { tier: pick(['web', 'api', 'db', 'cache', 'batch']) } } : { matchExpressions: [{ key: 'release', operator: 'In', values: ['r1', 'r2'] }] };
      const rules = (dir: 'from' | 'to') => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ [dir]: Array.from({ length: 1 + Math.floor(rand() * 2) }, peer), ports: ports() }));
      spec = rand() < 0.7 ? { podSelector, ingress: rules('from') } : { podSelector, policyTypes: ['Ingress', 'Egress'], ingress: rules('from'), egress: rules('to') };
    }
    objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np${p}`, namespace: ns }, spec });
  }
  return objects;
}

function time<T>(f: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const out = f();
  return [out, Number(process.hrtime.bigint() - t0) / 1e6];
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-'));
  const file = path.join(dir, 'cluster.yaml');
  const objects = generate();
  fs.writeFileSync(file, objects.map((o) => stringify(o, { version: '1.1' })).join('---\n'));
  const size = fs.statSync(file).size;

  const [documents, parseMs] = time(() => readManifests([file]));
  const [r, analyseMs] = time(() => Reachability.fromManifests(documents.map((d: any) => d.object), { externals: ['8.8.8.8/32', '10.0.3.7'] }));
  if (r.problems.length > 0) throw new Error(`generated input has problems: ${JSON.stringify(r.problems.slice(0, 3))}`);
  const endpoints = r.endpoints.length;
  const [nonEmpty, pairsMs] = time(() => {
    let n = 0;
    for (let f = 0; f < endpoints; f++) for (let t = 0; t < endpoints; t++) if (!r._allowedSetByIndex(f, t).isEmpty) n++;
    return n;
  });
  fs.rmSync(dir, { recursive: true, force: true });

  const rows: Array<[string, string]> = [
    ['input', `${endpoints} endpoints, ${r.policies.length} NetworkPolicies, ${NAMESPACES} namespaces, ${(size / 1e6).toFixed(1)} MB of YAML`],
    ['endpoint classes', `${r.endpointClassCount} (${r._engine.table.size} distinct port sets)`],
    ['parse YAML (readManifests)', `${parseMs.toFixed(0)} ms`],
    ['analyse (inventory + classes + full class matrix)', `${analyseMs.toFixed(0)} ms`],
    ['read every ordered pair once', `${pairsMs.toFixed(0)} ms (${(endpoints * endpoints).toLocaleString('en-US')} pairs, ${nonEmpty.toLocaleString('en-US')} allow something)`],
    ['node', `${process.version}, ${os.cpus().length} CPUs`],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(52)} ${v}`);
}

main();
