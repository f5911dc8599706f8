import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { namespace, pod, policy } from './helpers';
import { LeftOutReason, Reachability } from '../../src/analysis';
import { NetworkPolicy, Pods } from '../../src/constructs';
import { Peer, Port } from '../../src/model';
import '../../src/testing';

const QUOTED = policy('x', 'deny', { podSelector: {}, ingress: [{ ports: [{ port: '80' }] }] });
// A staged policy (Calico's preview of a policy, not enforced) is of the Calico API but not read: it stands for any unread kind.
const CALICO = { apiVersion: 'projectcalico.org/v3', kind: 'StagedGlobalNetworkPolicy', metadata: { name: 'deny' }, spec: { selector: 'all()' } };

describe('the library holds the same rule as the CLI', () => {
  test('an object that cannot be read throws, naming it and its fields', () => {
    expect(() => Reachability.fromManifests([namespace('x'), pod('x', 'a'), QUOTED])).toThrow(
      /cannot analyse: 1 object of the input cannot be read:\n {2}object #2 NetworkPolicy x\/deny: spec\.ingress\[0\]\.ports\[0\]\.port: Invalid value: "80".*\nFix them, or pass skipInvalid: true/s,
    );
  });

  test('skipInvalid: the analysis goes on, and says it is incomplete', () => {
    const r = Reachability.fromManifests([namespace('x'), pod('x', 'a'), QUOTED], { skipInvalid: true });
    expect(r.complete).toBe(false);
    expect(r.problems).toEqual([{ location: 'object #2', object: 'NetworkPolicy x/deny', field: 'spec.ingress[0].ports[0].port', message: expect.stringMatching(/^spec\.ingress\[0\]\.ports\[0\]\.port: Invalid value/), reason: LeftOutReason.UNREADABLE }]);
    expect(r.leftOut).toEqual(r.problems);
  });

  test('a policy of another API is left out and listed, never thrown and never silent', () => {
    const r = Reachability.fromManifests([namespace('x'), pod('x', 'a'), CALICO]);
    expect(r.complete).toBe(false);
    expect(r.problems).toEqual([]);
    expect(r.leftOut).toEqual([expect.objectContaining({ object: 'StagedGlobalNetworkPolicy deny', reason: LeftOutReason.OTHER_API })]);
  });

  test('an object without a kind, or with a kind in the wrong case, cannot be read', () => {
    const { kind: _kind, ...noKind } = pod('x', 'a');
    const r = Reachability.fromManifests([noKind, { ...policy('x', 'p', { podSelector: {} }), kind: 'networkpolicy' }], { skipInvalid: true });
    expect(r.problems.map((p) => [p.field, p.message])).toEqual([
      ['kind', 'kind: no kind, so what the object is cannot be known; add kind and apiVersion'],
      ['kind', 'kind: "networkpolicy" is not a kind (kinds are case-sensitive): did you mean NetworkPolicy?'],
    ]);
  });

  test('two objects with the same name: the later one is analysed, and a note names both', () => {
    const first = policy('x', 'p', { podSelector: {}, policyTypes: ['Ingress'] });
    const second = policy('x', 'p', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
    const r = Reachability.fromManifests([namespace('x'), pod('x', 'a'), pod('x', 'b'), first, second]);
    expect(r.isAllowed('a', 'b', Port.tcp(80))).toBe(true);
    expect(r.policies).toEqual(['x/p']);
    expect(r.notes).toEqual([expect.objectContaining({ location: 'object #3', message: expect.stringContaining('is defined again at object #4') })]);
    expect(Reachability.fromManifests([namespace('x'), pod('x', 'a'), pod('x', 'b'), second, first]).isAllowed('a', 'b', Port.tcp(80))).toBe(false);
  });

  test('fields of a cluster dump are ignored, and noted', () => {
    const dumped = { ...policy('x', 'p', { podSelector: {} }), status: {} };
    dumped.metadata = { ...dumped.metadata, uid: 'u', resourceVersion: '7', managedFields: [{ manager: 'kubectl', operation: 'Update' }], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } };
    const r = Reachability.fromManifests([namespace('x'), pod('x', 'a'), pod('x', 'b'), dumped]);
    expect(r.isAllowed('a', 'b', Port.tcp(80))).toBe(false);
    expect(r.notes.map((n) => n.message)).toEqual([
      'ignored what the API server writes: status, metadata.managedFields, metadata.resourceVersion, metadata.uid, metadata.annotations[kubectl.kubernetes.io/last-applied-configuration]',
    ]);
  });
});

describe('endpoints as users say them', () => {
  function shop() {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'http' }] }] });
    const db = new kplus.StatefulSet(chart, 'db', { containers: [{ image: 'postgres', ports: [{ number: 5432 }] }] });
    const dbPolicy = new NetworkPolicy(chart, 'db-policy', { selector: Pods.of(db) });
    dbPolicy.allowIngressFromPods(Pods.of(web), Port.tcp(5432));
    return { chart, web, db };
  }

  test('the construct id (web), the name without cdk8s\'s hash (shop-web), namespace/name, the id', () => {
    const { chart, web } = shop();
    const r = Reachability.of(chart);
    const id = `shop/${web.name}[Deployment]`;
    expect(web.name).toMatch(/^shop-web-[0-9a-f]{8}$/);
    for (const ref of ['web', 'shop-web', 'shop/shop-web', 'shop/web', web.name, `shop/${web.name}`, id]) {
      expect({ ref, id: r.findEndpoint(ref) }).toEqual({ ref, id });
    }
    expect(r.isAllowed('web', 'db', Port.tcp(5432))).toBe(true);
  });

  test('an ambiguous reference lists the candidates', () => {
    const r = Reachability.fromManifests([pod('x', 'shop-web-c81100ac'), pod('x', 'blog-web-d00dfeed')]);
    expect(() => r.findEndpoint('web')).toThrow(/"web" names 2 endpoints: x\/shop-web-c81100ac\[Pod\], x\/blog-web-d00dfeed\[Pod\]; give one of these ids/);
  });

  test('a pod IP names the pod; any other IP or CIDR is an address outside the cluster, without --external', () => {
    const withIp = { ...pod('x', 'a', { app: 'a' }), status: { podIP: '10.1.2.3' } };
    const r = Reachability.fromManifests([namespace('x'), withIp,
      policy('x', 'out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '8.8.0.0/16' } }], ports: [{ port: 53, protocol: 'UDP' }] }] })]);
    expect(r.findEndpoint('10.1.2.3')).toBe('x/a[Pod]');
    expect(r.isAllowed('a', '8.8.8.8', Port.udp(53))).toBe(true);
    expect(r.isAllowed('a', '9.9.9.9', Port.udp(53))).toBe(false);
    expect(r.allowedPorts('a', '8.8.4.4')).toEqual([{ protocol: 'UDP', first: 53, last: 53 }]);
    expect(r.explain('a', '1.1.1.1', Port.udp(53)).text).toContain('x/a[Pod] -> 1.1.1.1 on UDP 53: DENIED');
  });

  test('the jest matchers take the workloads themselves', () => {
    const { chart, web, db } = shop();
    expect(chart).toAllowTraffic(web, db, Port.tcp(5432));
    expect(chart).not.toAllowTraffic(web, db, Port.tcp(8080));
    expect(chart).toIsolate(db);
    expect(chart).not.toIsolate(web);
    expect(chart).toAllowTraffic('web', 'db', Port.tcp(5432));
  });

  test('a matcher on an analysis that leaves something out fails, with .not too', () => {
    const { chart, web, db } = shop();
    new ApiObject(chart, 'calico', CALICO);
    expect(() => expect(chart).toAllowTraffic(web, db, Port.tcp(5432))).toThrow(/the analysis leaves out part of the input.*shop\/calico StagedGlobalNetworkPolicy shop\/deny: a policy of the projectcalico.org API/s);
    expect(() => expect(chart).not.toAllowTraffic(db, web, Port.tcp(5432))).toThrow(/leaves out/);
  });

  test('a policy allowing from an IP named in a question', () => {
    const chart = new Chart(Testing.app(), 'x', { namespace: 'x' });
    new ApiObject(chart, 'a', pod('x', 'a', { app: 'a' }));
    const p = new NetworkPolicy(chart, 'p', { selector: Pods.labels({ app: 'a' }) });
    p.allowIngress(Peer.cidr('203.0.113.0/24'), Port.tcp(443));
    expect(chart).toAllowTraffic('203.0.113.9', 'a', Port.tcp(443));
    expect(chart).not.toAllowTraffic('198.51.100.1', 'a', Port.tcp(443));
  });
});
