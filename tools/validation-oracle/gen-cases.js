#!/usr/bin/env node
/* eslint-disable */
/**
 * Generates the differential corpus of NetworkPolicy create requests, runs the Go oracles over it
 * and writes test/fixtures/validation-oracle/cases.json (cases and upstream verdicts).
 *
 *   node tools/validation-oracle/gen-cases.js --oracle129 /tmp/oracle129 --oracle137 /tmp/oracle137 [--oracle136 /tmp/oracle136]
 *   node tools/validation-oracle/gen-cases.js --cases-only out.json   # just the cases (expanded)
 *
 * Categories: the upstream TestValidateNetworkPolicy cases (read from
 * test/model/validation/upstream-cases.test.ts), hand-written boundaries for each rule of
 * /work/shared/research/validation-rules.md, and a seeded mutation fuzzer over valid policies.
 *
 * Long strings are written in the fixture as "<<repeat:CHUNK:COUNT>>" (CHUNK repeated COUNT
 * times; see expand()) so that the 256 KiB annotation cases stay small; the oracle is given the
 * expanded manifests.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const vm = require('vm');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'validation-oracle', 'cases.json');
const SEED = 20240315;

// ---------------------------------------------------------------------------------------------
// Helpers

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
/** A compact marker for a long string: CHUNK repeated COUNT times. */
const rep = (chunk, count) => `<<repeat:${chunk}:${count}>>`;
const REPEAT_RE = /^<<repeat:(.*):(\d+)>>$/s;
/** Expands the repeat markers (in keys and string values, also as part of a longer string). */
function expand(v) {
  const s = (x) => x.replace(/<<repeat:(.*?):(\d+)>>/gs, (_m, c, n) => c.repeat(Number(n)));
  if (typeof v === 'string') return s(v);
  if (Array.isArray(v)) return v.map(expand);
  if (v !== null && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[s(k)] = expand(x);
    return o;
  }
  return v;
}
const str = (n, ch = 'a') => ch.repeat(n);

function base() {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'ns' }, spec: { podSelector: {} } };
}
function withSpec(spec) { const m = base(); m.spec = spec; return m; }
function withMeta(meta) { const m = base(); m.metadata = meta; return m; }
function patchMeta(patch) { const m = base(); Object.assign(m.metadata, patch); return m; }
function patchSpec(patch) { const m = base(); Object.assign(m.spec, patch); return m; }
const ingressPorts = (...ports) => patchSpec({ ingress: [{ ports }] });
const egressPorts = (...ports) => patchSpec({ egress: [{ ports }], policyTypes: ['Egress'] });
const ingressFrom = (...from) => patchSpec({ ingress: [{ from }] });
const egressTo = (...to) => patchSpec({ egress: [{ to }] });
function ipb(cidr, except) { const b = { cidr }; if (except !== undefined) b.except = except; return b; }
const ipBlock = (cidr, except) => ingressFrom({ ipBlock: ipb(cidr, except) });
const egressIpBlock = (cidr, except) => egressTo({ ipBlock: ipb(cidr, except) });

const cases = [];
const ids = new Set();
function add(category, label, manifest, note) {
  let id = `${category}/${label}`;
  for (let n = 2; ids.has(id); n++) id = `${category}/${label}#${n}`;
  ids.add(id);
  const c = { id, category, manifest };
  if (note) c.note = note;
  cases.push(c);
}
const show = (v) => (v === undefined ? 'absent' : typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v) : JSON.stringify(v));

// ---------------------------------------------------------------------------------------------
// 1. upstream: the cases of test/model/validation/upstream-cases.test.ts

function upstreamCases() {
  const ts = require(path.join(ROOT, 'node_modules', 'typescript'));
  const file = path.join(ROOT, 'test', 'model', 'validation', 'upstream-cases.test.ts');
  const source = fs.readFileSync(file, 'utf8') + '\n;(globalThis as any).__upstream = { successCases, errorCases };\n';
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const noop = () => {};
  const sandbox = {
    exports: {}, module: { exports: {} },
    require: (m) => (m.includes('src/model/validation') ? { validateNetworkPolicy: () => [] } : require(m)),
    describe: noop, test: Object.assign(noop, { each: () => noop }), it: noop, expect: () => new Proxy({}, { get: () => noop }),
  };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(js, sandbox, { filename: file });
  const { successCases, errorCases } = sandbox.__upstream;
  for (const [name, manifest] of successCases) add('upstream', `success: ${name}`, clone(manifest));
  for (const [name, manifest] of errorCases) add('upstream', `error: ${name}`, clone(manifest));
}

// ---------------------------------------------------------------------------------------------
// 2. boundaries, rule by rule

function portCases() {
  const ports = [0, 1, 80, 65535, 65536, -1, 2147483647, 2147483648, -2147483648, -2147483649, 4294967296, 1.5, 80.5, 1e3,
    '80', '0', 'http', 'HTTP', 'Http', 'a--b', '-http', 'http-', 'h-t-t-p', '8080-alt', 'a1', '1a', 'abcdefghijklmno', 'abcdefghijklmnop',
    '', 'a', '1', 'h_t', ' http', 'http ', 'ht.tp', 'é', '!@#$', true, false, null, [], {}, [80], { port: 80 }];
  for (const p of ports) {
    add('port', `ingress port ${show(p)}`, ingressPorts({ port: p }));
    add('port', `egress port ${show(p)} UDP`, egressPorts({ protocol: 'UDP', port: p }));
  }
  const ranges = [[80, 80], [80, 79], [80, 81], [80, 0], [80, 65535], [80, 65536], [80, -1], [0, 100], [0, 0], [-1, 100], [65535, 65535],
    [65536, 65537], [65536, 100], [1, 65535], [undefined, 90], [undefined, 0], [null, 90], ['http', 90], ['http', 0], ['80', 90], ['', 90],
    [80, '90'], [80, 90.5], [80, 2147483648], [80, null], [80, true], [80, 2147483647], [2147483647, 2147483647], [80, -2147483648], [100, 50.0]];
  for (const [p, e] of ranges) {
    const port = {};
    if (p !== undefined) port.port = p;
    if (e !== undefined) port.endPort = e;
    add('endPort', `port ${show(p)} endPort ${show(e)}`, ingressPorts(port));
    add('endPort', `egress SCTP port ${show(p)} endPort ${show(e)}`, egressPorts({ protocol: 'SCTP', ...port }));
  }
  const protocols = ['TCP', 'UDP', 'SCTP', 'tcp', 'Udp', 'sctp', '', null, 'ICMP', 'ICMPv6', 'TCP ', ' TCP', 'ALL', '*', 6, true, {}, []];
  for (const pr of protocols) {
    add('protocol', `protocol ${show(pr)}`, ingressPorts({ protocol: pr, port: 443 }));
    add('protocol', `protocol ${show(pr)} without port`, egressPorts({ protocol: pr }));
  }
  // list shapes
  const lists = [[], [{}], null, {}, '80', 80, [null], [80], [{}, {}], [{ port: 80 }, { port: 80 }], [{ port: 0 }, { port: 'x--y' }, { endPort: 5 }]];
  for (const l of lists) {
    add('ports-list', `ingress ports ${show(l)}`, patchSpec({ ingress: [{ ports: l }] }));
    add('ports-list', `egress ports ${show(l)}`, patchSpec({ egress: [{ ports: l }] }));
  }
  // several errors in one port
  add('port', 'ICMP, port 0, endPort 70000', ingressPorts({ protocol: 'ICMP', port: 0, endPort: 70000 }));
  add('port', 'tcp, named HTTP with endPort', ingressPorts({ protocol: 'tcp', port: 'HTTP', endPort: 80 }));
  add('port', '"" protocol, port 65536, endPort 1', ingressPorts({ protocol: '', port: 65536, endPort: 1 }));
}

const CIDRS = ['10.0.0.0/8', '10.0.0.1/8', '10.0.0.0/0', '0.0.0.0/0', '1.2.3.4/0', '1.2.3.4/32', '255.255.255.255/32', '10.0.0.0/32', '10.0.0.0/31',
  '010.0.0.0/8', '10.0.0.0/08', '10.00.0.0/16', '10.0.0.00/24', '00.0.0.0/0', '0.0.0.0/00', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/+8',
  '10.0.0.0/ 8', ' 10.0.0.0/8', '10.0.0.0/8 ', '10.0.0.0 /8', '10.0.0.0/8\n', '\t10.0.0.0/8', '10.0.0.0', '10.0.0.0/8/8', '10.0.0.0/', '/8', '/',
  '10.0.0.256/32', '1.2.3/24', '1.2.3.4.5/32', '10.0.0.0/8.0', '1.2.3.4/0x8', '10.0.0.0/1000000000000', 'localhost/32', 'a.b.c.d/8', '10.0.0.0/8,10.1.0.0/16',
  '::/0', '::1/128', '::/128', 'fd00::/64', 'fd00::1/64', 'fd00::/8', 'fd00::/129', 'fd00::/128', 'FD00::/8', '2001:DB8::/32', '2001:db8:0:0::/64',
  '2001:0db8::/32', '2001:db8::/032', '2001:db8:::/64', '2001:db8::/-64', 'fe80::1%eth0/64', 'fe80::%eth0/64', 'fe80::/64%eth0', '::ffff:10.0.0.0/104',
  '::ffff:a00:0/104', '::ffff:10.0.0.0/128', '::ffff:10.0.0.1/128', '::ffff:0:0/96', '::ffff:0.0.0.0/96', '::10.0.0.0/104', '64:ff9b::10.0.0.0/120',
  '0000:0000::/0', '[fd00::]/64', 'fd00::/64 ', '1:2:3:4:5:6:7:8/128', '1:2:3:4:5:6:7:8:9/128', '1::2::3/64', '::ffff:1.2.3.4/120', ':/0', ''];

function cidrCases() {
  for (const c of CIDRS) add('cidr', `cidr ${show(c)}`, ipBlock(c));
  for (const c of ['10.0.0.1/8', '010.0.0.0/8', '::ffff:10.0.0.0/104', 'fd00::1/64', '10.0.0.0/33', 'fe80::1%eth0/64']) add('cidr', `egress cidr ${show(c)}`, egressIpBlock(c));
  // the same strings as an except, in a cidr of the right family that contains them after masking
  for (const c of CIDRS) {
    if (c === '') continue;
    const v6 = c.includes(':');
    add('except-format', `except ${show(c)}`, ipBlock(v6 ? '::/0' : '0.0.0.0/0', [c]));
  }
  const pairs = [
    ['10.0.0.0/8', ['10.0.0.0/8']], ['10.0.0.0/8', ['10.0.0.0/7']], ['10.0.0.0/8', ['11.0.0.0/16']], ['10.0.0.0/8', ['10.1.0.0/16']],
    ['10.0.0.0/8', ['10.255.255.255/32']], ['10.0.0.0/8', ['10.1.2.3/16']], ['10.0.0.1/8', ['10.1.0.0/16']], ['10.0.0.1/8', ['10.0.0.1/8']],
    ['10.0.0.0/8', ['10.0.0.0/9', '10.0.0.0/9']], ['10.0.0.0/8', ['10.1.0.0/16', '10.1.0.0/24']], ['10.0.0.0/8', []], ['10.0.0.0/8', null],
    ['10.0.0.0/8', ['']], ['10.0.0.0/8', [' ']], ['10.0.0.0/8', ['x', '11.0.0.0/8']], ['10.0.0.0/8', ['11.0.0.0/8', 'x']], ['10.0.0.0/8', ['x', 'y']],
    ['10.0.0.0/8', ['10.1.0.0/16', 'x', '11.0.0.0/8']], ['10.0.0.0/8', ['fd00::/64']], ['fd00::/8', ['10.0.0.0/16']], ['0.0.0.0/0', ['::/1']],
    ['::/0', ['0.0.0.0/1']], ['10.0.0.0/8', ['::ffff:10.1.0.0/112']], ['::ffff:10.0.0.0/104', ['10.1.0.0/16']], ['::ffff:10.0.0.0/104', ['::ffff:10.1.0.0/112']],
    ['10.0.0.0/8', ['010.1.0.0/16']], ['10.0.0.0/8', ['10.1.0.0/016']], ['10.0.0.0/8', ['10.1.0.1/16']], ['0.0.0.0/0', ['0.0.0.0/0']], ['0.0.0.0/0', ['0.0.0.0/1']],
    ['::/0', ['::/0']], ['::/0', ['::/1']], ['fd00::/8', ['fd00::/9']], ['fd00::/8', ['fe00::/9']], ['fd00::/64', ['fd00::1/128']], ['fd00::1/64', ['fd00::2/128']],
    ['fd00::/64', ['fd00::/65', 'fd00:0:0:0:8000::/65']], ['10.0.0.0/33', ['10.0.0.0/34']], ['10.0.0.0', ['10.0.0.0/8']], ['', ['x']], ['', ['10.0.0.0/8']],
    ['10.0.0.0/8', ['10.0.0.0/33']], ['10.0.0.0/8', ['10.1.0.0']], ['10.0.0.0/8', ['fe80::1%eth0/64']], ['192.168.0.0/16', ['192.168.3.0/24', '192.168.4.0/24', '192.169.0.0/24']],
  ];
  for (const [c, e] of pairs) {
    add('except', `cidr ${show(c)} except ${show(e)}`, ipBlock(c, e));
  }
  for (const [c, e] of pairs.slice(0, 12)) add('except', `egress cidr ${show(c)} except ${show(e)}`, egressIpBlock(c, e));
  // ipBlock shapes
  for (const b of [{}, { except: ['10.0.0.0/8'] }, { cidr: null }, { cidr: '' }, { cidr: null, except: ['x'] }]) add('ipblock', `ipBlock ${show(b)}`, ingressFrom({ ipBlock: b }));
}

const KEYS = ['a', 'A', 'a_b', 'a.b', 'a-b', '_a', 'a_', '.a', 'a.', '-a', 'a-', 'a b', 'é', '1', '', str(63), str(64), 'example.com/a', 'example.com/A_b.c',
  'Example.com/a', 'EXAMPLE.COM/a', 'example.com/', '/a', 'a/b/c', 'example_com/a', '-example.com/a', 'example..com/a', `${str(253)}/a`, `${str(254)}/a`,
  `${str(63)}.${str(63)}.${str(63)}.${str(61)}/a`, `${str(100)}.com/a`, `example.com/${str(63)}`, `example.com/${str(64)}`, 'kubernetes.io/metadata.name', 'a/', '//'];
const VALUES = ['', 'a', 'A', 'a_b', 'a.b', 'a-b', '_a', 'a_', '.a', 'a.', '-a', 'a-', 'a b', 'é', str(63), str(64), 'a/b', '1', '0.0.0.0'];

function labelCases() {
  add('label-key', 'labels null', patchMeta({ labels: null }));
  for (const k of KEYS) {
    add('label-key', `metadata.labels key ${show(k)}`, patchMeta({ labels: { [k]: 'v' } }));
    add('label-key', `matchLabels key ${show(k)}`, patchSpec({ podSelector: { matchLabels: { [k]: 'v' } } }));
    add('label-key', `matchExpressions key ${show(k)}`, patchSpec({ podSelector: { matchExpressions: [{ key: k, operator: 'Exists' }] } }));
  }
  for (const v of VALUES) {
    add('label-value', `metadata.labels value ${show(v)}`, patchMeta({ labels: { app: v } }));
    add('label-value', `namespaceSelector matchLabels value ${show(v)}`, ingressFrom({ namespaceSelector: { matchLabels: { app: v } } }));
    add('label-value', `matchExpressions In value ${show(v)}`, egressTo({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [v] }] } }));
  }
  add('label-value', 'labels: bad key and bad value', patchMeta({ labels: { 'a/b/c': 'x y', ok: 'fine', 'Bad.Prefix/x': '-' } }));
  add('label-value', 'matchLabels: two bad entries', patchSpec({ podSelector: { matchLabels: { '': '', 'a b': str(64) } } }));
}

function metadataCases() {
  const names = ['a', 'np', 'A', 'a_b', 'a.b', 'a..b', '.a', '-a', 'a-', 'a.-b', '.', '..', 'a/b', 'a%b', 'a b', 'é', '1', '1.2.3.4', str(63), str(100), str(253),
    str(254), `${str(63)}.${str(63)}.${str(63)}.${str(61)}`, `${str(63)}.${str(63)}.${str(63)}.${str(62)}`, '', null];
  for (const n of names) add('name', `name ${show(n)}`, patchMeta({ name: n }));
  add('name', 'no name, no generateName', withMeta({ namespace: 'ns' }));
  add('name', 'no metadata', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', spec: {} });
  const gen = ['a-', 'a', 'A-', '-', 'a.', 'a.-', '.', 'a_', 'a--', '-a', str(57) + '-', str(58), str(59) + '-', str(100), str(252) + '-', str(253), str(254), str(253) + '-', 'a..', 'a.b-',
    'é-', 'aé-', 'é', 'a-é-', 'éa-', str(57) + 'é'];
  for (const g of gen) {
    add('generateName', `generateName ${show(g)}`, withMeta({ generateName: g, namespace: 'ns' }));
  }
  add('generateName', 'name and a bad generateName', patchMeta({ generateName: 'Bad_' }));
  add('generateName', 'bad name and a good generateName', patchMeta({ name: 'Bad', generateName: 'good-' }));
  add('generateName', 'empty name and generateName', patchMeta({ name: '', generateName: '' }));
  const nss = ['a', 'ns', 'default', 'kube-system', 'A', 'a.b', '-a', 'a-', 'a_b', '1', str(63), str(64), '', null, 'a b', 'é'];
  for (const ns of nss) add('namespace', `namespace ${show(ns)}`, patchMeta({ namespace: ns }));
  add('namespace', 'no namespace', withMeta({ name: 'np' }));

  // metadata fields that are decoded but not validated (or reset on create)
  const metaValues = [['generation', [-1, 0, 5, 9223372036854775807, 1e19]], ['deletionGracePeriodSeconds', [-1, 0, 30]],
    ['creationTimestamp', ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.5+01:00', '2024-01-01', '2024-01-01T00:00:00', '2024-01-01 00:00:00Z', '', null]],
    ['deletionTimestamp', ['2024-01-01T00:00:00Z', '']], ['uid', ['', 'not-a-uuid']], ['selfLink', ['/x', 5]], ['resourceVersion', ['', 'abc']]];
  for (const [f, vs] of metaValues) for (const v of vs) add('metadata-fields', `${f} ${show(v)}`, patchMeta({ [f]: v }));

  // ownerReferences (apimachinery ValidateOwnerReferences)
  const ref = (o) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: '0b6a1e8c-5c5e-4b1e-9d1a-1c2b3c4d5e6f', ...o });
  const refs = [[ref({})], [ref({ controller: true, blockOwnerDeletion: true })], [ref({ controller: true }), ref({ name: 'e', controller: true })],
    [ref({ controller: true }), ref({ name: 'e', controller: false })], [ref({ apiVersion: '' })], [ref({ apiVersion: 'v1' })], [ref({ apiVersion: 'apps' })],
    [ref({ apiVersion: 'apps/' })], [ref({ apiVersion: 'a/b/c' })], [ref({ kind: '' })], [ref({ name: '' })], [ref({ uid: '' })],
    [ref({ apiVersion: 'v1', kind: 'Event' })], [ref({ apiVersion: 'events.k8s.io/v1', kind: 'Event' })], [{}], [ref({ bogus: 1 })],
    [ref({ controller: 'yes' })], [ref({ name: 5 })], [], null, [null]];
  for (const r of refs) add('ownerReferences', `ownerReferences ${show(r)}`, patchMeta({ ownerReferences: r }));

  // annotations
  const akeys = ['a', 'A', 'Example.COM/Owner', 'EXAMPLE.com/' + 'X_y', 'example.com/a', 'a/b/c', '', 'a b', '_a', str(63), str(64), 'A'.repeat(64),
    `${str(253)}/a`, `${str(254)}/a`, 'kubectl.kubernetes.io/last-applied-configuration', '/a', 'a/'];
  for (const k of akeys) add('annotations', `annotation key ${show(k)}`, patchMeta({ annotations: { [k]: 'any value: \u00e9 / ' } }));
  const LIMIT = 262144;
  // total = len(key) + len(value)
  add('annotations', 'total exactly 256 KiB', patchMeta({ annotations: { k: rep('a', LIMIT - 1) } }));
  add('annotations', 'total 256 KiB + 1', patchMeta({ annotations: { k: rep('a', LIMIT) } }));
  add('annotations', 'total 256 KiB over two entries', patchMeta({ annotations: { k1: rep('a', 131070), k2: rep('b', LIMIT - 4 - 131070) } }));
  add('annotations', 'total 256 KiB + 1 over two entries', patchMeta({ annotations: { k1: rep('a', 131070), k2: rep('b', LIMIT - 4 - 131070 + 1) } }));
  add('annotations', 'multi-byte value: 256 KiB in bytes, fewer chars', patchMeta({ annotations: { k: rep('é', (LIMIT - 2) / 2) + 'a' } }));
  add('annotations', 'multi-byte value: 256 KiB + 1 in bytes', patchMeta({ annotations: { k: rep('é', (LIMIT - 2) / 2) + 'ab' } }));
  add('annotations', 'empty annotations', patchMeta({ annotations: {} }));
  add('annotations', 'annotation value null', patchMeta({ annotations: { a: null } }));
  add('annotations', 'big and bad key', patchMeta({ annotations: { 'a/b/c': rep('x', LIMIT) } }));

  // finalizers
  const fins = [['kubernetes'], ['orphan'], ['foregroundDeletion'], ['example.com/x'], ['custom'], ['Example.com/x'], ['example.com/X_y'], ['a/b/c'], [''],
    ['orphan', 'foregroundDeletion'], ['foregroundDeletion', 'orphan', 'kubernetes'], ['example.com/x', 'example.com/x'], ['example.com/'], ['/x'],
    ['Kubernetes'], ['foregrounddeletion'], [str(64)], [`example.com/${str(64)}`], [], null, ['kubernetes.io/pv-protection'], ['a b']];
  for (const f of fins) add('finalizers', `finalizers ${show(f)}`, patchMeta({ finalizers: f }));
}

function selectorCases() {
  const ops = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'in', 'notin', 'exists', 'Gt', 'Lt', '', null, undefined, 'Equals', '=', '!='];
  const valueSets = [undefined, null, [], ['a'], ['a', 'b'], [''], ['bad value'], [str(64)], ['_a'], ['a', 'Bad Value', str(64)]];
  for (const op of ops) {
    for (const vs of valueSets) {
      const r = { key: 'app' };
      if (op !== undefined) r.operator = op;
      if (vs !== undefined) r.values = vs;
      add('selector-expr', `operator ${show(op)} values ${show(vs)}`, patchSpec({ podSelector: { matchExpressions: [r] } }));
    }
  }
  const where = {
    'spec.podSelector': (s) => patchSpec({ podSelector: s }),
    'ingress from podSelector': (s) => ingressFrom({ podSelector: s }),
    'ingress from namespaceSelector': (s) => ingressFrom({ namespaceSelector: s }),
    'egress to podSelector': (s) => egressTo({ podSelector: s }),
    'egress to namespaceSelector + podSelector': (s) => egressTo({ namespaceSelector: s, podSelector: s }),
  };
  const sels = [{}, { matchLabels: {} }, { matchExpressions: [] }, { matchLabels: null, matchExpressions: null },
    { matchExpressions: [{ key: '', operator: 'Exists' }] }, { matchExpressions: [{ operator: 'Exists' }] }, { matchExpressions: [{}] },
    { matchExpressions: [{ key: 'a/b/c', operator: 'Gt', values: ['1'] }] }, { matchLabels: { 'a b': 'c d' }, matchExpressions: [{ key: 'x', operator: 'In' }] },
    { matchExpressions: [null] }, { matchExpressions: [{ key: 'k', operator: 'In', values: [null] }] }];
  for (const [w, f] of Object.entries(where)) {
    for (const s of sels) add('selector', `${w} ${show(s)}`, f(clone(s)));
  }
  add('selector', 'no podSelector', withSpec({}));
  add('selector', 'podSelector null', withSpec({ podSelector: null }));
  add('selector', 'no spec', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' } });
  add('selector', 'spec null', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: null });
}

function peerCases() {
  const sel = { matchLabels: { a: 'b' } };
  const block = ipb('10.0.0.0/8');
  const peers = [{}, null, { podSelector: null }, { podSelector: null, namespaceSelector: null, ipBlock: null }, { podSelector: {} }, { namespaceSelector: {} },
    { podSelector: sel, namespaceSelector: sel }, { ipBlock: block, podSelector: {} }, { ipBlock: block, namespaceSelector: {} },
    { ipBlock: block, podSelector: sel, namespaceSelector: sel }, { ipBlock: block, podSelector: null }, { ipBlock: ipb(''), podSelector: {} },
    { ipBlock: ipb('x'), namespaceSelector: { matchLabels: { 'a b': 'c' } } }];
  for (const p of peers) {
    add('peer', `ingress from ${show(p)}`, ingressFrom(clone(p)));
    add('peer', `egress to ${show(p)}`, egressTo(clone(p)));
  }
  for (const l of [[], null, [{}, {}], [{ podSelector: {} }, {}]]) {
    add('peer', `ingress from list ${show(l)}`, patchSpec({ ingress: [{ from: l }] }));
    add('peer', `egress to list ${show(l)}`, patchSpec({ egress: [{ to: l }] }));
  }
  for (const r of [[], null, [{}], [null], [{}, {}]]) {
    add('rules', `ingress ${show(r)}`, patchSpec({ ingress: r }));
    add('rules', `egress ${show(r)}`, patchSpec({ egress: r }));
  }
}

function policyTypeCases() {
  const pts = [[], null, ['Ingress'], ['Egress'], ['Ingress', 'Egress'], ['Egress', 'Ingress'], ['Ingress', 'Ingress'], ['ingress'], ['EGRESS'], [''],
    ['Ingress', 'Egress', 'Ingress'], ['a', 'b', 'c'], ['Both'], ['Ingress', 'egress'], ['Ingress ', 'Egress'], [null], ['Ingress', null],
    ['Ingress', 'Egress', 'Egress', 'Ingress'], 'Ingress', 'Ingress,Egress', [1], {}, [['Ingress']]];
  for (const p of pts) {
    add('policyTypes', `policyTypes ${show(p)}`, patchSpec({ policyTypes: p }));
    add('policyTypes', `policyTypes ${show(p)} with egress rules`, patchSpec({ policyTypes: p, egress: [{}] }));
  }
}

function unknownFieldCases() {
  const U = 'bogus';
  const rich = () => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'ns' },
    spec: {
      podSelector: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] },
      ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 80, endPort: 90 }] }],
      egress: [{ to: [{ podSelector: {} }], ports: [{ port: 'dns' }] }],
      policyTypes: ['Ingress', 'Egress'],
    },
  });
  const targets = {
    root: (m) => m, metadata: (m) => m.metadata, spec: (m) => m.spec, 'spec.podSelector': (m) => m.spec.podSelector,
    'matchExpressions[0]': (m) => m.spec.podSelector.matchExpressions[0], 'ingress[0]': (m) => m.spec.ingress[0], 'egress[0]': (m) => m.spec.egress[0],
    'ingress[0].from[0]': (m) => m.spec.ingress[0].from[0], 'ingress[0].from[0].podSelector': (m) => m.spec.ingress[0].from[0].podSelector,
    ipBlock: (m) => m.spec.ingress[0].from[1].ipBlock, 'ingress[0].ports[0]': (m) => m.spec.ingress[0].ports[0], 'egress[0].ports[0]': (m) => m.spec.egress[0].ports[0],
  };
  add('unknown-field', 'the rich policy itself', rich());
  for (const [t, f] of Object.entries(targets)) {
    const m = rich();
    f(m)[U] = 1;
    add('unknown-field', `${U} in ${t}`, m);
    const n = rich();
    f(n)[U] = null;
    add('unknown-field', `${U}: null in ${t}`, n);
  }
  const renames = [
    ['Spec at root', (m) => { m.Spec = m.spec; delete m.spec; }], ['status at root', (m) => { m.status = {}; }],
    ['podselector', (m) => { m.spec.podselector = {}; }], ['ingress[0].to', (m) => { m.spec.ingress[0].to = []; }],
    ['egress[0].from', (m) => { m.spec.egress[0].from = []; }], ['ports[0].Port', (m) => { m.spec.ingress[0].ports[0].Port = 80; }],
    ['ports[0].portName', (m) => { m.spec.ingress[0].ports[0].portName = 'x'; }], ['ipBlock.CIDR', (m) => { m.spec.ingress[0].from[1].ipBlock.CIDR = '1.0.0.0/8'; }],
    ['ipBlock.exceptions', (m) => { m.spec.ingress[0].from[1].ipBlock.exceptions = []; }], ['matchLabel', (m) => { m.spec.podSelector.matchLabel = {}; }],
    ['metadata.labelz', (m) => { m.metadata.labelz = {}; }], ['metadata.uid (known)', (m) => { m.metadata.uid = 'abc'; }],
    ['metadata.selfLink (known)', (m) => { m.metadata.selfLink = '/x'; }], ['metadata.clusterName (removed)', (m) => { m.metadata.clusterName = 'x'; }],
    ['two unknown fields', (m) => { m.a = 1; m.spec.b = 2; }], ['spec.ingress[0].ports[0].name', (m) => { m.spec.ingress[0].ports[0].name = 'http'; }],
    ['peer.serviceAccount', (m) => { m.spec.egress[0].to[0].serviceAccount = 'x'; }], ['unknown + type error', (m) => { m.spec.bogus = 1; m.spec.ingress[0].ports[0].port = 1.5; }],
  ];
  for (const [l, f] of renames) { const m = rich(); f(m); add('unknown-field', l, m); }
}

function wrongTypeCases() {
  const set = (f) => { const m = base(); m.spec = { podSelector: {}, ingress: [{ from: [{ podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 80 }] }] }; f(m); return m; };
  const roots = [null, 'x', 1, [], true];
  for (const r of roots) add('wrong-type', `root ${show(r)}`, r);
  const tries = [
    ['metadata', ['x', 1, [], true]], ['spec', ['x', 1, [], true]], ['spec.podSelector', ['x', 1, [], true]],
    ['spec.podSelector.matchLabels', ['x', [], ['a=b'], 1]], ['spec.podSelector.matchLabels.a', [1, true, {}, [], 1.5]],
    ['spec.podSelector.matchExpressions', [{}, 'x', 1]], ['spec.podSelector.matchExpressions.0', ['x', 1, []]],
    ['spec.podSelector.matchExpressions.0.key', [1, true, [], {}]], ['spec.podSelector.matchExpressions.0.operator', [1, true, ['In']]],
    ['spec.podSelector.matchExpressions.0.values', ['v', 1, {}, [1], [true], [['v']]]],
    ['spec.ingress', [{}, 'x', 1, true]], ['spec.ingress.0', ['x', 1, [], true]], ['spec.ingress.0.from', [{}, 'x', 1]], ['spec.ingress.0.from.0', ['x', 1, []]],
    ['spec.ingress.0.from.0.podSelector', ['x', 1, []]], ['spec.ingress.0.from.1.ipBlock', ['10.0.0.0/8', 1, []]], ['spec.ingress.0.from.1.ipBlock.cidr', [1, true, [], {}, ['10.0.0.0/8']]],
    ['spec.ingress.0.from.1.ipBlock.except', ['10.1.0.0/16', 1, {}, [1], [null], [['10.1.0.0/16']]]], ['spec.ingress.0.ports', [{}, '80', 80]],
    ['spec.ingress.0.ports.0', ['80', 80, [], true]], ['spec.ingress.0.ports.0.port', [true, {}, [], 80.5, 1e10, -1e10]],
    ['spec.ingress.0.ports.0.endPort', ['90', 90.5, true, {}, [], 1e10]], ['spec.ingress.0.ports.0.protocol', [6, true, {}, []]],
    ['spec.policyTypes', ['Ingress', {}, 1, true]], ['spec.policyTypes.0', [1, true, {}, []]], ['spec.egress', ['x', {}]],
    ['metadata.name', [1, true, {}, [], 1.5]], ['metadata.namespace', [1, true, {}]], ['metadata.generateName', [1, true]], ['metadata.labels', ['a=b', [], 1]],
    ['metadata.labels.a', [1, true, {}]], ['metadata.annotations', ['a', []]], ['metadata.annotations.a', [1, true, {}, []]], ['metadata.finalizers', ['kubernetes', {}, 1]],
    ['metadata.finalizers.0', [1, null, {}]], ['metadata.creationTimestamp', ['bad', '2024-01-01T00:00:00Z', 1, null]], ['metadata.generation', ['1', 1.5, 1]],
    ['metadata.uid', [5, 'x']], ['metadata.resourceVersion', [5]], ['metadata.ownerReferences', ['x', {}]], ['metadata.deletionGracePeriodSeconds', ['x', 30]],
    ['metadata.managedFields', ['x']], ['metadata.deletionTimestamp', ['bad']], ['apiVersion', [1, null, {}]], ['kind', [1, null, []]],
  ];
  for (const [p, values] of tries) {
    for (const v of values) {
      const m = set((mm) => {
        const parts = p.split('.');
        let o = mm;
        for (const part of parts.slice(0, -1)) {
          if (o[part] === undefined) o[part] = /^\d+$/.test(parts[parts.indexOf(part) + 1] ?? '') ? [] : {};
          o = o[part];
        }
        const last = parts[parts.length - 1];
        if (p === 'spec.podSelector.matchExpressions.0.values' || p.startsWith('spec.podSelector.matchExpressions.0.')) {
          mm.spec.podSelector.matchExpressions = mm.spec.podSelector.matchExpressions ?? [{ key: 'k', operator: 'In', values: ['v'] }];
          o = p.endsWith('.0') ? mm.spec.podSelector.matchExpressions : mm.spec.podSelector.matchExpressions[0];
        }
        if (p === 'spec.policyTypes.0') { mm.spec.policyTypes = ['Ingress']; o = mm.spec.policyTypes; }
        if (p === 'metadata.finalizers.0') { mm.metadata.finalizers = ['kubernetes']; o = mm.metadata.finalizers; }
        if (p === 'spec.podSelector.matchLabels.a') { mm.spec.podSelector.matchLabels = { a: 'b' }; o = mm.spec.podSelector.matchLabels; }
        if (p === 'metadata.labels.a') { mm.metadata.labels = { a: 'b' }; o = mm.metadata.labels; }
        if (p === 'metadata.annotations.a') { mm.metadata.annotations = { a: 'b' }; o = mm.metadata.annotations; }
        o[last] = v;
      });
      add('wrong-type', `${p} = ${show(v)}`, m);
    }
  }
  add('wrong-type', 'two type errors (first decides)', set((m) => { m.spec.ingress[0].ports[0].port = true; m.metadata.name = 5; }));
}

function nullCases() {
  const full = () => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
    metadata: { name: 'np', namespace: 'ns', labels: { a: 'b' }, annotations: { a: 'b' }, finalizers: ['kubernetes'], generateName: 'g-' },
    spec: {
      podSelector: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'k', operator: 'Exists', values: [] }] },
      ingress: [{ from: [{ podSelector: { matchLabels: { a: 'b' } }, namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ protocol: 'UDP', port: 53, endPort: 54 }] }],
      egress: [{ to: [{ ipBlock: { cidr: 'fd00::/8', except: ['fd00::/16'] } }], ports: [{ protocol: 'SCTP', port: 'sctp-x' }] }],
      policyTypes: ['Ingress', 'Egress'],
    },
  });
  add('null', 'full policy', full());
  // every path, set to null
  const paths = [];
  const walk = (v, p) => {
    if (p.length > 0) paths.push(p);
    if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...p, k]);
  };
  walk(full(), []);
  for (const p of paths) {
    const m = full();
    let o = m;
    for (const k of p.slice(0, -1)) o = o[k];
    o[p[p.length - 1]] = null;
    add('null', `${p.join('.')} = null`, m);
  }
}

function apiVersionKindCases() {
  const mk = (av, k) => { const m = base(); if (av === undefined) delete m.apiVersion; else m.apiVersion = av; if (k === undefined) delete m.kind; else m.kind = k; return m; };
  const combos = [[undefined, 'NetworkPolicy'], ['networking.k8s.io/v1', undefined], [undefined, undefined], ['networking.k8s.io/v1beta1', 'NetworkPolicy'],
    ['extensions/v1beta1', 'NetworkPolicy'], ['v1', 'NetworkPolicy'], ['networking.k8s.io/v1', 'networkpolicy'], ['networking.k8s.io/v1', 'Pod'],
    ['networking.k8s.io/v1', 'NetworkPolicyList'], ['networking.k8s.io/v1', ''], ['', 'NetworkPolicy'], ['networking.k8s.io/v2', 'NetworkPolicy'], ['Networking.k8s.io/v1', 'NetworkPolicy']];
  for (const [av, k] of combos) add('apiVersion-kind', `apiVersion ${show(av)} kind ${show(k)}`, mk(av, k));
}

// ---------------------------------------------------------------------------------------------
// 3. seeded mutation fuzzer

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzCases(count) {
  const rnd = mulberry32(SEED);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const seeds = [
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'prod', labels: { app: 'web', 'example.com/tier': 'front' } },
      spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchExpressions: [{ key: 'role', operator: 'In', values: ['lb', 'proxy'] }] } }], ports: [{ protocol: 'TCP', port: 8080 }, { port: 'metrics' }] }], policyTypes: ['Ingress'] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'egress.allow', namespace: 'ns-1', annotations: { 'Example.COM/Owner': 'me' }, finalizers: ['example.com/f'] },
      spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } }, { ipBlock: { cidr: 'fd00::/8', except: ['fd00:1::/32'] } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 30000, endPort: 32767 }] }], policyTypes: ['Egress'] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { generateName: 'deny-' },
      spec: { podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'env', operator: 'NotIn', values: ['dev'] }] }, ingress: [{}], egress: [{ to: [{ podSelector: {} }, { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['kube-system'] }] } }], ports: [{ protocol: 'SCTP', port: 9000, endPort: 9000 }] }], policyTypes: ['Ingress', 'Egress'] } },
  ];
  const boundaries = [0, 1, -1, 65535, 65536, 2147483648, 1.5, '', ' ', 'a', 'A', '-', 'a--b', '80', 'HTTP', 'http', 'TCP', 'tcp', 'In', 'Exists', 'Gt', 'Ingress',
    'ingress', '10.0.0.1/8', '010.0.0.0/8', '::ffff:10.0.0.0/104', '10.0.0.0/33', '10.0.0.0', 'fd00::1/64', '0.0.0.0/0', '::/0', 'a/b/c', 'Example.com/a', 'a_b',
    str(63), str(64), str(253), str(254), null, true, {}, [], ['x'], [''], [null], { a: 'b' }, 'kubernetes', 'orphan'];
  const leaves = (v, p, out) => {
    if (p.length > 0 && p[0] !== 'apiVersion' && p[0] !== 'kind') out.push(p);
    if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) leaves(v[k], [...p, Array.isArray(v) ? Number(k) : k], out);
    return out;
  };
  const mutate = (m) => {
    const all = leaves(m, [], []);
    const p = pick(all);
    let o = m;
    for (const k of p.slice(0, -1)) o = o[k];
    const last = p[p.length - 1];
    const r = rnd();
    if (r < 0.08 && !Array.isArray(o)) { delete o[last]; return `delete ${p.join('.')}`; }
    if (r < 0.14 && !Array.isArray(o)) { o[`${last}X`] = 1; return `unknown ${p.join('.')}X`; }
    if (r < 0.22 && typeof o[last] === 'string' && !Array.isArray(o) && o === m.metadata.labels) {
      const v = o[last]; delete o[last]; const nk = pick(KEYS); o[nk] = v; return `label key -> ${show(nk)}`;
    }
    if (r < 0.3 && typeof o[last] === 'string' && o[last].includes('/') && /\d/.test(o[last])) { const v = pick(CIDRS); o[last] = v; return `${p.join('.')} = cidr ${show(v)}`; }
    const v = clone(pick(boundaries));
    o[last] = v;
    return `${p.join('.')} = ${show(v)}`;
  };
  for (let i = 0; i < count; i++) {
    const m = clone(pick(seeds));
    const n = rnd() < 0.75 ? 1 : 2;
    const what = [];
    for (let j = 0; j < n; j++) what.push(mutate(m));
    add('fuzz', `${String(i).padStart(3, '0')} ${what.join('; ')}`, m);
  }
}

// ---------------------------------------------------------------------------------------------

function buildCases() {
  upstreamCases();
  portCases();
  cidrCases();
  labelCases();
  metadataCases();
  selectorCases();
  peerCases();
  policyTypeCases();
  unknownFieldCases();
  wrongTypeCases();
  nullCases();
  apiVersionKindCases();
  fuzzCases(250);
  return cases;
}

function runOracle(bin, args, inputFile) {
  const t0 = Date.now();
  const out = execFileSync(bin, ['-cases', inputFile, ...args], { maxBuffer: 1 << 30 });
  const parsed = JSON.parse(out.toString('utf8'));
  process.stderr.write(`${bin} ${args.join(' ')}: ${parsed.verdicts.length} verdicts in ${Date.now() - t0} ms\n`);
  return parsed;
}

function main() {
  const argv = process.argv.slice(2);
  const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const all = buildCases();
  const expanded = all.map((c) => ({ id: c.id, manifest: expand(c.manifest) }));
  const casesOnly = opt('--cases-only');
  if (casesOnly) { fs.writeFileSync(casesOnly, JSON.stringify(expanded)); return; }
  const o129 = opt('--oracle129');
  const o137 = opt('--oracle137');
  if (!o129 || !o137) throw new Error('usage: gen-cases.js --oracle129 BIN --oracle137 BIN [--oracle136 BIN] [--out FILE]');
  const input = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-oracle-')), 'cases.json');
  fs.writeFileSync(input, JSON.stringify(expanded));

  const legacy = runOracle(o129, [], input);
  const strict = runOracle(o137, ['-strict-cidr=true'], input);
  // Cross-checks (only the differing ids are stored): 1.37 with the gate off against 1.29, and 1.37's default against the gate on.
  const off = runOracle(o137, ['-strict-cidr=false'], input);
  const dflt = runOracle(o137, [], input);
  const key = (v) => JSON.stringify([v.verdict, v.stage, v.errors.map((e) => [e.field, e.type]).sort()]);
  const diff = (a, b) => a.verdicts.filter((v, i) => key(v) !== key(b.verdicts[i])).map((v) => v.id);
  const offDiff = diff(legacy, off);
  const dfltDiff = diff(strict, dflt);
  process.stderr.write(`1.37 gate off vs 1.29: ${offDiff.length} differ${offDiff.length ? `: ${offDiff.join(' | ')}` : ''}\n`);
  process.stderr.write(`1.37 default (${dflt.options.strictCIDR}) vs 1.37 gate on: ${dfltDiff.length} differ\n`);
  // Optional: the first release with the gate on by default, as it is, against the newest.
  const o136 = opt('--oracle136');
  let v136Diff;
  if (o136) {
    const v136 = runOracle(o136, [], input);
    v136Diff = diff(v136, strict);
    process.stderr.write(`${v136.kubernetesVersion} default (${v136.options.strictCIDR}) vs ${strict.kubernetesVersion} gate on: ${v136Diff.length} differ${v136Diff.length ? `: ${v136Diff.join(' | ')}` : ''}\n`);
    v136Diff = { kubernetes: v136.kubernetesVersion, strictCIDR: v136.options.strictCIDR, differences: v136Diff };
  }

  const strip = (v) => ({ verdict: v.verdict, stage: v.stage, errors: v.errors });
  const fixture = {
    description: 'NetworkPolicy create requests and the verdicts of the real kube-apiserver code (tools/validation-oracle). Generated by tools/validation-oracle/gen-cases.js; do not edit. Strings "<<repeat:CHUNK:COUNT>>" stand for CHUNK repeated COUNT times.',
    legacy: { kubernetes: legacy.kubernetesVersion, options: legacy.options },
    strict: { kubernetes: strict.kubernetesVersion, options: strict.options },
    crossChecks: { gateOffVsLegacy: { kubernetes: off.kubernetesVersion, differences: offDiff }, defaultVsStrict: { strictCIDR: dflt.options.strictCIDR, differences: dfltDiff }, firstDefaultOnVsStrict: v136Diff ?? null },
    cases: all.map((c, i) => {
      if (legacy.verdicts[i].id !== c.id || strict.verdicts[i].id !== c.id) throw new Error(`order mismatch at ${i}`);
      return { ...c, legacy: strip(legacy.verdicts[i]), strict: strip(strict.verdicts[i]) };
    }),
  };
  const out = opt('--out') ?? FIXTURE;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(fixture, null, 0).replace(/\{"id":/g, '\n{"id":') + '\n');
  const counts = {};
  for (const c of all) counts[c.category] = (counts[c.category] ?? 0) + 1;
  process.stderr.write(`${all.length} cases ${JSON.stringify(counts)}; wrote ${out} (${fs.statSync(out).size} bytes)\n`);
}

main();
