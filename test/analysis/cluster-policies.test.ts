import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Port, Reachability } from '../../src';
import { PortSet } from '../../src/analysis/port-set';

/**
 * The analysis with AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy. The
 * conformance cases are those of sigs.k8s.io/network-policy-api v0.1.7 / v0.2.0 (the manifests in
 * test/fixtures/network-policy-api; the expectations are the PokeServer verdicts of the Go tests
 * conformance/tests/admin-network-policy-standard-{integration,priority}.go, transcribed here).
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'network-policy-api');

function load(file: string): any[] {
  const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8').replace(/\{\{ index \.HostNetworkPorts (\d+) \}\}/g, (_m, i) => String(9000 + Number(i)));
  return parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o && typeof o === 'object');
}

const GRYFFINDOR = 'network-policy-conformance-gryffindor/harry-potter';
const SLYTHERIN = 'network-policy-conformance-slytherin/draco-malfoy';

function withAction(objects: any[], name: string, action: string): any[] {
  return objects.map((o) => (o.metadata?.name !== name ? o : {
    ...o,
    spec: { ...o.spec, ingress: o.spec.ingress?.map((r: any) => ({ ...r, action })), egress: o.spec.egress?.map((r: any) => ({ ...r, action })) },
  }));
}

const RELEASES: Array<[string, string, string, string, string]> = [
  // release, admin kind, baseline id, priority file, priority policies' kind
  ['v0.1.7', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy/default', 'admin_network_policy/standard-priority-field.yaml', 'AdminNetworkPolicy'],
  ['v0.2.0', 'ClusterNetworkPolicy', 'ClusterNetworkPolicy/default', 'admin_tier/standard-priority-field.yaml', 'ClusterNetworkPolicy'],
];

describe.each(RELEASES)('conformance %s: admin policy, NetworkPolicy and baseline together (api_integration)', (release, adminKind, baselineId) => {
  const pods = load(`${release}/conformance/manifests.yaml`);
  const policies = load(`${release}/conformance/api_integration/standard-anp-np-banp.yaml`);
  const analyse = (objects: any[]) => Reachability.fromManifests([...pods, ...objects]);

  test('the ANP Deny wins over the NetworkPolicy Allow, both ways', () => {
    const r = analyse(policies);
    expect(r.complete).toBe(true);
    expect(r.clusterPolicies).toEqual([`${adminKind}/pass-example`, baselineId]);
    expect(r.isAllowed(SLYTHERIN, GRYFFINDOR, Port.tcp(80))).toBe(false);
    expect(r.isAllowed(SLYTHERIN, GRYFFINDOR, Port.tcp(8080))).toBe(false);
    expect(r.isAllowed(GRYFFINDOR, SLYTHERIN, Port.tcp(80))).toBe(false);
  });
  test('Pass hands the traffic to the NetworkPolicy, which allows it', () => {
    const r = analyse(withAction(policies, 'pass-example', 'Pass'));
    expect(r.isAllowed(SLYTHERIN, GRYFFINDOR, Port.tcp(80))).toBe(true);
    expect(r.isAllowed(GRYFFINDOR, SLYTHERIN, Port.tcp(8080))).toBe(true);
  });
  test('Pass with no NetworkPolicy: the baseline denies', () => {
    const r = analyse(withAction(policies, 'pass-example', 'Pass').filter((o) => o.kind !== 'NetworkPolicy'));
    expect(r.isAllowed(SLYTHERIN, GRYFFINDOR, Port.tcp(80))).toBe(false);
    expect(r.isAllowed(GRYFFINDOR, SLYTHERIN, Port.tcp(8080))).toBe(false);
    // Traffic that no tier names is allowed.
    expect(r.isAllowed('network-policy-conformance-hufflepuff/cedric-diggory', GRYFFINDOR, Port.tcp(80))).toBe(true);
  });
  test('explain names the tier, the object and the rule that decided', () => {
    const r = analyse(policies);
    const e = r.explain(SLYTHERIN, GRYFFINDOR, Port.tcp(80));
    expect(e.allowed).toBe(false);
    expect(e.ingress.tierRules).toEqual([expect.objectContaining({
      tier: 'Admin', policy: `${adminKind}/pass-example`, action: 'Deny', ruleIndex: 0, ruleName: 'deny-all-ingress-from-slytherin', field: 'spec.ingress[0].from[0]',
    })]);
    expect(e.text).toContain(`admin tier: TCP 80 denied by ${adminKind}/pass-example spec.ingress[0].from[0] "deny-all-ingress-from-slytherin" (Deny;`);
    const passed = analyse(withAction(policies, 'pass-example', 'Pass').filter((o) => o.kind !== 'NetworkPolicy')).explain(SLYTHERIN, GRYFFINDOR, Port.tcp(80));
    expect(passed.text).toContain(`passed on (to the NetworkPolicies) by ${adminKind}/pass-example`);
    expect(passed.text).toMatch(new RegExp(`baseline tier .*: TCP 80 denied by ${baselineId} spec.ingress\\[0\\]`));
  });
});

describe.each(RELEASES)('conformance %s: priority', (release, _adminKind, _baselineId, priorityFile) => {
  const pods = load(`${release}/conformance/manifests.yaml`);
  const policies = load(`${release}/conformance/${priorityFile}`);
  test('priority 50 Deny before priority 60 Pass; at 40 the Pass comes first and the BANP allows', () => {
    const r = Reachability.fromManifests([...pods, ...policies]);
    expect(r.isAllowed(SLYTHERIN, GRYFFINDOR, Port.tcp(80))).toBe(false);
    expect(r.isAllowed(GRYFFINDOR, SLYTHERIN, Port.tcp(80))).toBe(false);
    const moved = policies.map((o) => (o.metadata.name === 'old-priority-60-new-priority-40-example' ? { ...o, spec: { ...o.spec, priority: 40 } } : o));
    const r2 = Reachability.fromManifests([...pods, ...moved]);
    expect(r2.isAllowed(SLYTHERIN, GRYFFINDOR, Port.tcp(80))).toBe(true);
    expect(r2.isAllowed(GRYFFINDOR, SLYTHERIN, Port.tcp(8080))).toBe(true);
  });
});

describe('tier semantics on small clusters', () => {
  const ns = (name: string, labels: any = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  const pod = (namespace: string, name: string, ip: string, extra: any = {}) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: { containers: [{ name: 'c', ports: [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }], ...extra },
    status: { podIP: ip },
  });
  const anp = (name: string, priority: number, spec: any) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, ...spec } });
  const cluster = [ns('a'), ns('b'), ns('monitoring'), pod('a', 'web', '10.0.0.1'), pod('b', 'db', '10.0.0.2'), pod('monitoring', 'prom', '10.0.0.3'),
    pod('a', 'agent', '192.168.0.9', { hostNetwork: true })];

  test('networks match pods by IP: a Deny of 0.0.0.0/0 also denies pod traffic', () => {
    const r = Reachability.fromManifests([...cluster, anp('no-internet', 1, { subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] })]);
    expect(r.isAllowed('a/web', 'b/db', Port.tcp(80))).toBe(false);
    // Host-network pods are never subjects.
    expect(r.isAllowed('a/agent', 'b/db', Port.tcp(80))).toBe(true);
  });
  test('rules are read in order within a policy; named ports without protocol take the container\'s', () => {
    const r = Reachability.fromManifests([...cluster, anp('m', 1, {
      subject: { namespaces: {} },
      ingress: [
        { action: 'Allow', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ namedPort: 'metrics' }, { namedPort: 'dns' }] },
        { action: 'Deny', from: [{ namespaces: {} }] },
      ],
    })]);
    expect(r.isAllowed('monitoring/prom', 'b/db', Port.tcp(9090))).toBe(true);
    expect(r.isAllowed('monitoring/prom', 'b/db', Port.udp(53))).toBe(true);
    expect(r.isAllowed('monitoring/prom', 'b/db', Port.tcp(53))).toBe(false);
    expect(r.isAllowed('a/web', 'b/db', Port.tcp(9090))).toBe(false);
  });
  test('an admin Allow cannot be narrowed by a NetworkPolicy; the NetworkPolicy still decides the rest', () => {
    const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'b' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
    const r = Reachability.fromManifests([...cluster, np, anp('mon', 1, {
      subject: { namespaces: {} },
      ingress: [{ action: 'Allow', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ portNumber: { protocol: 'TCP', port: 9090 } }] }],
    })]);
    expect(r.isAllowed('monitoring/prom', 'b/db', Port.tcp(9090))).toBe(true);
    expect(r.isAllowed('monitoring/prom', 'b/db', Port.tcp(80))).toBe(false);
    const e = r.explain('monitoring/prom', 'b/db', Port.tcp(9090));
    expect(e.ingress.tierRules.map((t) => `${t.policy} ${t.action} ${t.ports}`)).toEqual(['AdminNetworkPolicy/mon Allow TCP 9090']);
  });
  test('ClusterNetworkPolicy v1alpha2: Accept, tiers and Pass in the baseline', () => {
    const cnp = (name: string, tier: string, priority: number, egress: any[]) => ({
      apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject: { namespaces: {} }, egress },
    });
    const toB = [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }];
    const r = Reachability.fromManifests([...cluster,
      cnp('admin-accept', 'Admin', 5, [{ action: 'Accept', to: toB, protocols: [{ tcp: { destinationPort: { number: 5432 } } }] }]),
      cnp('baseline-deny', 'Baseline', 5, [{ action: 'Pass', to: toB, protocols: [{ tcp: { destinationPort: { number: 80 } } }] }, { action: 'Deny', to: [{ namespaces: {} }] }])]);
    expect(r.isAllowed('a/web', 'b/db', Port.tcp(5432))).toBe(true);
    expect(r.isAllowed('a/web', 'b/db', Port.tcp(80))).toBe(true); // passed by the baseline: nothing after it denies
    expect(r.isAllowed('a/web', 'b/db', Port.tcp(443))).toBe(false);
    expect(r.complete).toBe(true);
  });
  test('diff tells what adding an admin policy closes', () => {
    const before = Reachability.fromManifests(cluster);
    const after = Reachability.fromManifests([...cluster, anp('no-b', 1, {
      subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } },
      egress: [{ action: 'Deny', to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }], ports: [{ portNumber: { protocol: 'TCP', port: 5432 } }] }],
    })]);
    expect(before.diff(after).map((c) => `${c.from} -> ${c.to}: opened ${c.openedDescription}, closed ${c.closedDescription}`))
      .toEqual(['a/web[Pod] -> b/db[Pod]: opened nothing, closed TCP 5432']);
  });
  test('an invalid admin policy makes the answer incomplete, never ignored', () => {
    const bad = anp('bad', 2000, { subject: { namespaces: {} } });
    expect(() => Reachability.fromManifests([...cluster, bad])).toThrow(/AdminNetworkPolicy bad: spec.priority: Invalid value: 2000/);
    const r = Reachability.fromManifests([...cluster, bad], { skipInvalid: true });
    expect(r.complete).toBe(false);
    expect(r.leftOut.map((p) => p.reason)).toEqual(['unreadable']);
  });
  test('the class engine and explain agree on every pair', () => {
    const r = Reachability.fromManifests([...cluster,
      anp('x', 1, { subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } }, ingress: [{ action: 'Pass', from: [{ namespaces: {} }], ports: [{ portRange: { protocol: 'TCP', start: 1, end: 1000 } }] }, { action: 'Deny', from: [{ namespaces: {} }] }] }),
      { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: { subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }] } }], { externals: ['8.8.8.8'] });
    for (const c of r.connections(true)) {
      const v = r._verdict(c.from, c.to, PortSet.ALL);
      expect(`${c.from}->${c.to} ${v.egress.allowedPorts.intersect(v.ingress.allowedPorts).toString()}`).toBe(`${c.from}->${c.to} ${c.description}`);
    }
  });
});
