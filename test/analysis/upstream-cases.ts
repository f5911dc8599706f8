import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { ReachabilityEngine } from '../../src/analysis/class-engine';
import { ClusterModel } from '../../src/analysis/cluster-model';
import { NetworkPolicyModel, parseNetworkPolicy, Protocol } from '../../src/model';

/** The public reachability cases (provenance in its README.md). */
export const CASES_DIR = path.join(__dirname, '..', 'fixtures', 'reachability');

export interface UpstreamExpectation {
  from: string; to: string; port: number; protocol: Protocol; allowed: boolean; loopback?: boolean; note?: string;
}

export interface UpstreamCase {
  id: string;
  assumptions?: { ipBlockAppliesToPods?: boolean };
  namespaces: Array<{ name: string; labels: { [k: string]: string } }>;
  pods: Array<{
    namespace: string;
    name: string;
    labels: { [k: string]: string };
    ip?: string;
    workload?: string;
    ports: Array<{ port: number; protocol: Protocol; name?: string }>;
  }>;
  policies: any[];
  expect: UpstreamExpectation[];
}

/** Reads `file` of CASES_DIR, or its gzipped copy `file.gz` (the large files are kept compressed). */
export function loadCases(file: string): UpstreamCase[] {
  const plain = path.join(CASES_DIR, file);
  const text = fs.existsSync(plain)
    ? fs.readFileSync(plain, 'utf8')
    : zlib.gunzipSync(fs.readFileSync(`${plain}.gz`)).toString('utf8');
  return JSON.parse(text).cases;
}

export interface Disagreement { caseId: string; expectation: UpstreamExpectation; actual: boolean }

export interface CaseOutcome {
  total: number;
  agree: number;
  loopbackTotal: number;
  loopbackAgree: number;
  disagreements: Disagreement[];
  parseErrors: string[];
}

/** Runs one case through the engine and compares every expectation. */
export function runCase(c: UpstreamCase): CaseOutcome {
  const cluster = new ClusterModel();
  for (const ns of c.namespaces) cluster.addNamespace(ns.name, ns.labels);
  const ids = new Map<string, string>();
  for (const pod of c.pods) {
    const e = cluster.addWorkload({
      namespace: pod.namespace,
      name: pod.name,
      kind: pod.workload ?? 'Pod',
      labels: pod.labels,
      containerPorts: pod.ports.map((p) => (p.name ? { port: p.port, protocol: p.protocol, name: p.name } : { port: p.port, protocol: p.protocol })),
      ips: pod.ip ? [pod.ip] : [],
    });
    ids.set(`${pod.namespace}/${pod.name}`, e!.id);
  }
  for (const x of c.expect) {
    for (const ref of [x.from, x.to]) {
      if (ref.startsWith('ip:') && !ids.has(ref)) ids.set(ref, cluster.addExternal(ref.slice(3))!.id);
    }
  }
  const policies: NetworkPolicyModel[] = [];
  const parseErrors: string[] = [];
  for (const p of c.policies) {
    const r = parseNetworkPolicy(p);
    if (r.policy) policies.push(r.policy);
    else parseErrors.push(`${p.metadata?.name}: ${r.errors.map((e) => e.message).join('; ')}`);
  }
  const engine = new ReachabilityEngine(cluster, policies, { ipBlockMatchesPods: c.assumptions?.ipBlockAppliesToPods ?? true });
  const out: CaseOutcome = { total: 0, agree: 0, loopbackTotal: 0, loopbackAgree: 0, disagreements: [], parseErrors };
  for (const x of c.expect) {
    const from = engine.indexOf(ids.get(x.from)!);
    const to = engine.indexOf(ids.get(x.to)!);
    if (from < 0 || to < 0) throw new Error(`${c.id}: unknown endpoint in ${JSON.stringify(x)}`);
    const actual = engine.allowed(from, to).has(x.protocol, x.port);
    const loop = x.loopback === true || x.from === x.to;
    if (loop) {
      out.loopbackTotal++;
      if (actual === x.allowed) out.loopbackAgree++;
    } else {
      out.total++;
      if (actual === x.allowed) out.agree++;
    }
    if (actual !== x.allowed) out.disagreements.push({ caseId: c.id, expectation: x, actual });
  }
  return out;
}
