import { batched } from './cli-io';
import { completenessJson, incompleteCsvLines, incompleteTextLines, LeftOutEntry } from './command-input';
import { policyId, ruleField, SideVerdict } from '../analysis/explain';
import { EndpointExposure } from '../analysis/exposure';
import { describeFocus, Focus } from '../analysis/focus';
import { PortSet } from '../analysis/port-set';
import { endpointJson, Reachability } from '../analysis/reachability';
import { PolicyType } from '../model/policy-type';

/** What an analysis output lists. */
export interface AnalysisOutputOptions {
  /** List every ordered pair, those that allow nothing too (json and csv). */
  readonly allPairs: boolean;
  /** Only the connections of one endpoint (with one peer, in one direction). */
  readonly focus?: Focus;
}

/**
 * The text answer of `analyze`, piece by piece: the endpoints, then the pairs that allow something.
 * It reads the analysis's results and computes nothing of its own.
 */
export function* analysisText(r: Reachability, leftOut: readonly LeftOutEntry[], focus?: Focus): Generator<string> {
  yield* batched(analysisTextLines(r, leftOut, focus));
}

function* analysisTextLines(r: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  for (const line of incompleteTextLines(leftOut)) yield `${line}\n`;
  const endpoints = r.endpoints;
  yield `${count(endpoints.length, 'endpoint')} (${count(r.endpointClassCount, 'class', 'classes')}), ${count(r.policies.length, 'NetworkPolicy', 'NetworkPolicies')}${clusterPolicySummary(r)}\n`;
  const hostNetwork = endpoints.filter((e) => e.hostNetwork);
  if (hostNetwork.length > 0) yield `Host-network pods, not subject to NetworkPolicy: ${hostNetwork.map((e) => e.id).join(', ')}\n`;
  yield* notModelledLines(r);
  if (focus) yield `Only the ${describeFocus(focus)}.\n`;
  yield '\nEndpoints:\n';
  for (const e of endpoints) if (!focus || e.id === focus.endpoint || e.id === focus.peer) yield `  ${e.id}  (${isolation(e)})\n`;
  yield '\nAllowed connections:\n';
  let allowed = 0;
  for (const pair of r._pairs(false, focus)) {
    allowed++;
    yield `  ${pair.from.id} -> ${pair.to.id}: ${pair.allowed.toString()}\n`;
  }
  if (allowed === 0) yield '  (none)\n';
  if (focus) {
    yield `\n${allowed} of the ${describeFocus(focus)} allow something.\n`;
    return;
  }
  const pairs = endpoints.length * endpoints.length;
  yield `\n${allowed} of ${pairs} ordered pairs (self pairs included) allow something; the other ${pairs - allowed} allow nothing.\n`;
}

/**
 * The JSON answer of `analyze`, piece by piece: every endpoint, then the pairs that allow
 * something (every pair with `allPairs`), so that a pair that is not listed allows nothing.
 */
export function* analysisJson(r: Reachability, leftOut: readonly LeftOutEntry[], options: AnalysisOutputOptions): Generator<string> {
  yield* batched(analysisJsonLines(r, leftOut, options));
}

function* analysisJsonLines(r: Reachability, leftOut: readonly LeftOutEntry[], options: AnalysisOutputOptions): Generator<string> {
  const completeness = completenessJson(leftOut);
  const focus = options.focus ? `\n  "focus": ${JSON.stringify(options.focus)},` : '';
  yield `{\n  "complete": ${completeness.complete},\n  "leftOut": ${JSON.stringify(completeness.leftOut)},\n  "notModelled": ${notModelledJson(r)},\n  "allPairs": ${options.allPairs},${focus}\n  "endpoints": [`;
  yield* jsonList(r._inventory.cluster.endpoints.map(endpointJson));
  yield '],\n  "connections": [';
  let first = true;
  for (const pair of r._pairs(options.allPairs, options.focus)) {
    yield `${first ? '\n' : ',\n'}    ${JSON.stringify({ from: pair.from.id, to: pair.to.id, allowed: pair.allowed.toJson() })}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}

/**
 * The CSV answer of `analyze`, piece by piece: `from,to,TCP,UDP,SCTP`, one row per pair that allows
 * something (every pair with `allPairs`).
 */
export function* analysisCsv(r: Reachability, leftOut: readonly LeftOutEntry[], options: AnalysisOutputOptions): Generator<string> {
  yield* batched(analysisCsvLines(r, leftOut, options));
}

function* analysisCsvLines(r: Reachability, leftOut: readonly LeftOutEntry[], options: AnalysisOutputOptions): Generator<string> {
  for (const line of incompleteCsvLines(leftOut)) yield `${line}\n`;
  yield 'from,to,TCP,UDP,SCTP\n';
  for (const pair of r._pairs(options.allPairs, options.focus)) yield `${csvRow([pair.from.id, pair.to.id, ...portColumns(pair.allowed)])}\n`;
}

/**
 * The grouped text answer: the classes of endpoints that the policies cannot tell apart, and what
 * each class allows towards each class.
 */
export function* groupedText(r: Reachability, leftOut: readonly LeftOutEntry[]): Generator<string> {
  yield* batched(groupedTextLines(r, leftOut));
}

function* groupedTextLines(r: Reachability, leftOut: readonly LeftOutEntry[]): Generator<string> {
  for (const line of incompleteTextLines(leftOut)) yield `${line}\n`;
  const classes = r.endpointClasses();
  yield `${count(r.endpoints.length, 'endpoint')} in ${count(classes.length, 'class', 'classes')} that the policies cannot tell apart, ${count(r.policies.length, 'NetworkPolicy', 'NetworkPolicies')}${clusterPolicySummary(r)}\n`;
  yield '\nClasses:\n';
  for (const c of classes) {
    const dirs = [c.ingressIsolated ? 'ingress' : '', c.egressIsolated ? 'egress' : ''].filter((d) => d !== '');
    yield `  C${c.index} (${count(c.members.length, 'endpoint')}; ${dirs.length > 0 ? `isolated for ${dirs.join(' and ')}` : 'not isolated'}): ${c.members.join(', ')}\n`;
  }
  yield '\nAllowed connections between classes:\n';
  let connections = 0;
  for (const c of r._classPairs(false)) {
    connections++;
    yield `  C${c.fromClass} -> C${c.toClass}: ${c.allowed.toString()}\n`;
  }
  if (connections === 0) yield '  (none)\n';
  const pairs = classes.length * classes.length;
  yield `\n${connections} of ${pairs} ordered pairs of classes allow something; the other ${pairs - connections} allow nothing.\n`;
}

/**
 * The grouped JSON answer: every endpoint with its class, the classes with their members, and what
 * each class allows towards each class (only those that allow something, unless `allPairs`).
 */
export function* groupedJson(r: Reachability, leftOut: readonly LeftOutEntry[], options: AnalysisOutputOptions): Generator<string> {
  yield* batched(groupedJsonLines(r, leftOut, options));
}

function* groupedJsonLines(r: Reachability, leftOut: readonly LeftOutEntry[], options: AnalysisOutputOptions): Generator<string> {
  const completeness = completenessJson(leftOut);
  const classes = r.endpointClasses();
  const classOf = new Map<string, number>();
  for (const c of classes) for (const m of c.members) classOf.set(m, c.index);
  yield `{\n  "complete": ${completeness.complete},\n  "leftOut": ${JSON.stringify(completeness.leftOut)},\n  "notModelled": ${notModelledJson(r)},\n  "allPairs": ${options.allPairs},\n  "endpoints": [`;
  yield* jsonList(r._inventory.cluster.endpoints.map((e) => ({ ...endpointJson(e), class: classOf.get(e.id) })));
  yield '],\n  "classes": [';
  yield* jsonList(classes.map((c) => ({ id: c.index, ingressIsolated: c.ingressIsolated, egressIsolated: c.egressIsolated, members: c.members })));
  yield '],\n  "connections": [';
  let first = true;
  for (const c of r._classPairs(options.allPairs)) {
    yield `${first ? '\n' : ',\n'}    ${JSON.stringify({ from: c.fromClass, to: c.toClass, allowed: c.allowed.toJson() })}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}

/** The items of a JSON array, one a line (the caller writes the brackets). */
function* jsonList(items: readonly unknown[]): Generator<string> {
  for (let i = 0; i < items.length; i++) yield `${i === 0 ? '\n' : ',\n'}    ${JSON.stringify(items[i])}`;
  if (items.length > 0) yield '\n  ';
}

function portColumns(set: PortSet): string[] {
  const json = set.toJson();
  return ['TCP', 'UDP', 'SCTP'].map((p) => json[p].map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(';'));
}

/** A CSV row: fields with a quote, comma or newline are quoted. */
export function csvRow(fields: readonly string[]): string {
  return fields.map((value) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(',');
}

function isolation(e: { external: boolean; hostNetwork: boolean; ingressIsolated: boolean; egressIsolated: boolean }): string {
  if (e.external) return 'outside the cluster';
  if (e.hostNetwork) return 'host network';
  const dirs = [e.ingressIsolated ? 'ingress' : '', e.egressIsolated ? 'egress' : ''].filter((d) => d !== '');
  return dirs.length > 0 ? `isolated for ${dirs.join(' and ')}` : 'not isolated';
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The text answer of `analyze --explain`: each allowed connection (within the focus) with the rules
 * that allow it on each side, as the analysis explains them.
 */
export function* explainedText(r: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  yield* batched(explainedTextLines(r, leftOut, focus));
}

function* explainedTextLines(r: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  for (const line of incompleteTextLines(leftOut)) yield `${line}\n`;
  if (focus) yield `Only the ${describeFocus(focus)}.\n\n`;
  let explained = 0;
  for (const { pair, verdict } of r._explanations(focus)) {
    explained++;
    yield `${pair.from.id} -> ${pair.to.id}: ${pair.allowed.toString()}\n`;
    for (const side of [verdict.egress, verdict.ingress]) {
      const direction = side.direction === PolicyType.EGRESS ? 'egress' : 'ingress';
      const reason = sideJson(side);
      if (reason.notSubject) yield `  ${direction}: not restricted (${reason.notSubject})\n`;
      else if (!reason.isolated) yield `  ${direction}: not isolated: all traffic allowed\n`;
      else for (const rule of reason.rules) yield `  ${direction}: allowed by ${rule.policy} ${rule.field} (${rule.peer}; ${rule.ports})\n`;
    }
  }
  yield `${explained === 0 ? 'No connection is allowed.' : `${explained} allowed ${explained === 1 ? 'connection' : 'connections'}, each with the rules that allow it.`}\n`;
}

/** The JSON answer of `analyze --explain`: `connections` with, for each side, the rules that allow it. */
export function* explainedJson(r: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  yield* batched(explainedJsonLines(r, leftOut, focus));
}

function* explainedJsonLines(r: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  const completeness = completenessJson(leftOut);
  yield `{\n  "complete": ${completeness.complete},\n  "leftOut": ${JSON.stringify(completeness.leftOut)},\n  "focus": ${JSON.stringify(focus ?? null)},\n  "connections": [`;
  let first = true;
  for (const { pair, verdict } of r._explanations(focus)) {
    const item = {
      from: pair.from.id, to: pair.to.id, allowed: pair.allowed.toJson(), egress: sideJson(verdict.egress), ingress: sideJson(verdict.ingress),
    };
    yield `${first ? '\n' : ',\n'}    ${JSON.stringify(item)}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}

/** One side of an explained connection: whether it is isolated, and the rules that allow the connection. */
function sideJson(side: SideVerdict): { isolated: boolean; notSubject?: string; rules: Array<{ policy: string; field: string; peer: string; ports: string }> } { // eslint-disable-line @stylistic/max-len
  return {
    isolated: side.isolating.length > 0,
    ...(side.notSubject ? { notSubject: side.notSubject } : {}),
    rules: side.allowing.map((m) => {
      const rule = m.direction === PolicyType.EGRESS ? m.policy.egress[m.ruleIndex] : m.policy.ingress[m.ruleIndex];
      return { policy: policyId(m.policy), field: ruleField(m), peer: m.peerIndex < 0 ? 'any peer' : rule.peers[m.peerIndex].toString(), ports: m.ports.toString() };
    }),
  };
}

/** The text answer of `analyze --exposure`: the exposed pods and workloads, and how. */
export function* exposureText(r: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  yield* batched(exposureTextLines(r, leftOut, focus));
}

function* exposureTextLines(r: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  for (const line of incompleteTextLines(leftOut)) yield `${line}\n`;
  const all = r._exposures().filter((x) => !focus || x.endpoint.id === focus.endpoint);
  const exposed = all.filter((x) => x.exposed);
  yield 'Exposure: what each workload\'s own policies allow from and to any namespace (on any network plugin), and from and to outside the cluster.\n';
  for (const x of exposed) {
    yield `  ${x.endpoint.id}\n`;
    for (const [what, set] of exposureParts(x)) if (!set.isEmpty) yield `    ${what}: ${set.toString()}\n`;
  }
  yield `${exposed.length} of ${count(all.length, 'pod or workload', 'pods and workloads')} exposed.\n`;
}

/** The JSON answer of `analyze --exposure`: every pod and workload with its exposure. */
export function* exposureJson(r: Reachability, leftOut: readonly LeftOutEntry[], focus: Focus | undefined): Generator<string> {
  const completeness = completenessJson(leftOut);
  yield `{\n  "complete": ${completeness.complete},\n  "leftOut": ${JSON.stringify(completeness.leftOut)},\n  "exposure": [`;
  const items = r._exposures().filter((x) => !focus || x.endpoint.id === focus.endpoint).map((x) => ({
    endpoint: x.endpoint.id,
    exposed: x.exposed,
    fromAnyNamespace: x.fromAnyNamespace.toJson(),
    toAnyNamespace: x.toAnyNamespace.toJson(),
    fromEverywhereOutside: x.fromEverywhereOutside.toJson(),
    fromSomewhereOutside: x.fromSomewhereOutside.toJson(),
    toEverywhereOutside: x.toEverywhereOutside.toJson(),
  }));
  yield* batched(jsonList(items));
  yield ']\n}\n';
}

function exposureParts(x: EndpointExposure): Array<[string, PortSet]> {
  return [
    ['ingress from any namespace', x.fromAnyNamespace],
    ['ingress from every address outside the cluster', x.fromEverywhereOutside],
    ['ingress from some addresses outside the cluster only', x.fromSomewhereOutside.subtract(x.fromEverywhereOutside)],
    ['egress to any namespace', x.toAnyNamespace],
    ['egress to every address outside the cluster', x.toEverywhereOutside],
  ];
}

/** What Calico/Cilium policies allow that the answer cannot show as connections (egress to domains, L7 rules). */
function* notModelledLines(r: Reachability): Generator<string> {
  const notes = r.notModelled;
  if (notes.length === 0) return;
  yield 'Not shown as connections (said here instead):\n';
  for (const n of notes) yield `  ${n.object}: ${n.message}\n`;
}

function notModelledJson(r: Reachability): string {
  return JSON.stringify(r.notModelled.map((n) => ({
    object: n.object, ...(n.file !== undefined ? { file: n.file } : {}), ...(n.line !== undefined ? { line: n.line } : {}), message: n.message,
  })));
}

/** `, 2 cluster-wide policies (AdminNetworkPolicy/a, ...)`, or nothing when there are none. */
function clusterPolicySummary(r: Reachability): string {
  const names = r.clusterPolicies;
  const dialect = r.dialectPolicies;
  return (names.length > 0 ? `, ${count(names.length, 'cluster-wide policy', 'cluster-wide policies')} (${names.join(', ')})` : '')
    + (dialect.length > 0 ? `, ${count(dialect.length, 'Calico/Cilium policy', 'Calico/Cilium policies')} (${dialect.join(', ')})` : '');
}
