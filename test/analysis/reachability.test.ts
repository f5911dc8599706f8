import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { analyze, namespace, pod, policy } from './helpers';
import { Reachability } from '../../src/analysis';
import { NetworkPolicy, Pods } from '../../src/constructs';
import { LabelSelector, Peer, PolicyType, Port } from '../../src/model';
import '../../src/testing';

function shopChart(app: App = Testing.app()): Chart {
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx', portNumber: 8080 }] });
  const db = new kplus.StatefulSet(chart, 'db', { containers: [{ image: 'postgres', ports: [{ number: 5432, name: 'pg' }] }] });
  const deny = new NetworkPolicy(chart, 'deny', { selector: Pods.all(), isolateIngress: true, isolateEgress: true });
  void deny;
  const toDb = new NetworkPolicy(chart, 'db-ingress', { selector: Pods.of(db) });
  toDb.allowIngressFromPods(Pods.of(web), Port.named('pg'));
  const fromWeb = new NetworkPolicy(chart, 'web-egress', { selector: Pods.of(web) });
  fromWeb.allowEgress(Peer.pods(LabelSelector.all()), Port.tcp(5432));
  return chart;
}

describe('Reachability', () => {
  test('of(chart) analyses what the chart synthesizes; the matchers read it', () => {
    const chart = shopChart();
    const r = Reachability.of(chart);
    expect(r.problems).toEqual([]);
    const ids = r.endpoints.map((e) => e.id);
    const web = ids.find((id) => id.endsWith('[Deployment]'))!;
    const db = ids.find((id) => id.endsWith('[StatefulSet]'))!;
    expect(r.isAllowed(web, db, Port.tcp(5432))).toBe(true);
    expect(r.isAllowed(db, web, Port.tcp(8080))).toBe(false);
    expect(chart).toAllowTraffic(web, db, Port.tcp(5432));
    expect(chart).not.toAllowTraffic(web, db, Port.tcp(5433));
    expect(chart).not.toAllowTraffic(db, web);
    expect(chart).toIsolate(db, PolicyType.INGRESS);
    expect(r).toIsolate(web, PolicyType.EGRESS);
  });

  test('of(app) takes every chart', () => {
    const app = Testing.app();
    shopChart(app);
    const other = new Chart(app, 'other', { namespace: 'other' });
    new ApiObject(other, 'pod', pod('other', 'lonely'));
    expect(Reachability.of(app).endpoints.map((e) => e.id)).toContain('other/lonely[Pod]');
  });

  test('a failing matcher explains itself', () => {
    const r = analyze([namespace('x'), pod('x', 'a', { app: 'a' }), pod('x', 'b', { app: 'b' }), policy('x', 'deny', { podSelector: {} })]);
    expect(() => expect(r).toAllowTraffic('a', 'b', Port.tcp(80))).toThrow(/isolated by x\/deny\n\s+no rule allows TCP 80 from x\/a\[Pod\]/);
    expect(() => expect(r).toAllowTraffic('a', 'nope', Port.tcp(80))).toThrow(/no endpoint "nope"; nearest/);
  });

  test('explain names isolating policies and allowing rules on both sides', () => {
    const r = analyze([namespace('x'), pod('x', 'a', { app: 'a' }), pod('x', 'b', { app: 'b' }),
      policy('x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy('x', 'a-out', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '1.0.0.0/8' } }, { podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 80 }] }] }),
      policy('x', 'b-in', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ ports: [{ port: 80 }, { port: 81 }] }] })]);
    const e = r.explain('a', 'b', Port.tcp(80));
    expect(e.allowed).toBe(true);
    expect(e.egress.isolatingPolicies).toEqual(['x/deny', 'x/a-out']);
    expect(e.egress.allowingRules).toEqual([{ policy: 'x/a-out', direction: PolicyType.EGRESS, ruleIndex: 0, peerIndex: 1, field: 'spec.egress[0].to[1]', peer: "pods {app=b} of the policy's namespace", ports: 'TCP 80' }]);
    expect(e.ingress.allowingRules.map((x) => x.field)).toEqual(['spec.ingress[0]']);
    expect(r.explain('a', 'b', Port.tcpRange(80, 81)).allowed).toBe(false);
    expect(r.explain('a', 'b', Port.tcpRange(80, 81)).text).toContain('but not TCP 81');
  });

  test('diff: opened and closed per pair, new and removed endpoints included', () => {
    const before = analyze([namespace('x'), pod('x', 'a'), pod('x', 'b'), policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })]);
    const after = analyze([namespace('x'), pod('x', 'a'), pod('x', 'c'), policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 443 }] }] })]);
    const changes = before.diff(after);
    expect(changes.find((c) => c.from === 'x/a[Pod]' && c.to === 'x/a[Pod]')).toMatchObject({ openedDescription: 'TCP 443', closedDescription: 'TCP 80' });
    expect(changes.find((c) => c.from === 'x/a[Pod]' && c.to === 'x/b[Pod]')).toMatchObject({ openedDescription: 'nothing', closedDescription: 'TCP 80' });
    expect(changes.find((c) => c.from === 'x/c[Pod]' && c.to === 'x/a[Pod]')).toMatchObject({ openedDescription: 'TCP 443', closedDescription: 'nothing' });
    expect(before.diff(before)).toEqual([]);
  });

  test('endpoints from every workload kind, namespaces from the names used, equivalence classes', () => {
    const template = (labels: any) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }] }] } });
    const r = analyze([
      ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'].map((kind) => ({ apiVersion: 'apps/v1', kind, metadata: { name: kind.toLowerCase() }, spec: { template: template({ app: 'same' }) } })),
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron', namespace: 'jobs' }, spec: { jobTemplate: { spec: { template: template({ app: 'cron' }) } } } },
      { apiVersion: 'v1', kind: 'List', items: [] },
    ]);
    expect(r.endpoints.map((e) => e.id)).toEqual([
      'default/deployment[Deployment]', 'default/statefulset[StatefulSet]', 'default/daemonset[DaemonSet]', 'default/replicaset[ReplicaSet]',
      'default/replicationcontroller[ReplicationController]', 'default/job[Job]', 'jobs/cron[CronJob]',
      // The address space outside the cluster: no ipBlock cuts it.
      '0.0.0.0/0', '::/0',
    ]);
    // The pods, and the addresses outside the cluster.
    expect(r.endpointClassCount).toBe(2);
    expect(r.toJson().connections).toHaveLength(81);
    expect(r.allowedPorts('0.0.0.0/0', '::/0')).toEqual([]);
    expect(Reachability.fromManifests([], { externalsFromPolicies: false }).endpoints).toEqual([]);
  });

  test('findEndpoint: ids, namespace/name, names, IPs; ambiguity and misses are errors', () => {
    const r = analyze([pod('x', 'a'), pod('y', 'a'), pod('x', 'b')], { externals: ['8.8.8.8/32'] });
    expect(r.findEndpoint('x/a')).toBe('x/a[Pod]');
    expect(r.findEndpoint('b')).toBe('x/b[Pod]');
    expect(r.findEndpoint('8.8.8.8')).toBe('8.8.8.8/32');
    expect(() => r.findEndpoint('a')).toThrow(/names 2 endpoints: x\/a\[Pod\], y\/a\[Pod\]/);
    expect(() => r.findEndpoint('x/c')).toThrow(/no endpoint "x\/c"; nearest: x\/a\[Pod\]/);
  });
});
