import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { Analysis, chart, errorOf, pod, policies } from './support';
import { AllowFromPods, Pods, Port, Protocol } from '../../src';

describe('AllowFromPods', () => {
  test('from chosen pods of the same namespace, on given ports', () => {
    const c = chart();
    new AllowFromPods(c, 'api-from-web', {
      selector: Pods.labels({ app: 'api' }),
      sources: [Pods.labels({ app: 'web' }), Pods.labels({ app: 'batch' })],
      ports: [Port.tcp(8080)],
    });
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: { app: 'web' } } }, { podSelector: { matchLabels: { app: 'batch' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    }]);
  });

  test('reachability, with the ports of the workload (protocol kept) by default', () => {
    const app = Testing.app();
    const c = chart('shop', app);
    const dns = new kplus.Deployment(c, 'resolver', {
      containers: [{ image: 'dns', ports: [{ number: 53, protocol: kplus.Protocol.UDP, name: 'dns' }, { number: 53, name: 'dns-tcp' }] }],
    });
    const web = new kplus.Deployment(c, 'web', { containers: [{ image: 'web' }] });
    pod(c, 'other', { app: 'other' });
    const allow = new AllowFromPods(c, 'resolver-from-web', { selector: Pods.of(dns), sources: [Pods.of(web)] });
    expect(allow.policy.toModel().ingress[0].ports.map((p) => p.toString())).toEqual(['UDP 53', 'TCP 53']);
    const a = new Analysis(app);
    expect(a.allowed('web', 'resolver')).toBe('TCP 53, UDP 53');
    expect(a.allowed('other', 'resolver')).toBe('nothing');
  });

  test('named ports are checked against the workload', () => {
    const c = chart();
    const api = new kplus.Deployment(c, 'api', { containers: [{ image: 'api', ports: [{ number: 8080, name: 'http' }] }] });
    new AllowFromPods(c, 'ok', { selector: Pods.of(api), sources: [Pods.all()], ports: [Pods.of(api).port('http')] });
    expect(policies(c)[0].spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
    expect(errorOf(() => new AllowFromPods(chart(), 'bad', { selector: Pods.of(api), sources: [Pods.all()], ports: [Port.named('http', Protocol.UDP)] })))
      .toMatch(/ingress port 'http' \(UDP\) is not declared by shop\/api/);
  });

  test('bad input', () => {
    const api = Pods.labels({ app: 'api' });
    expect(errorOf(() => new AllowFromPods(chart(), 'x', { selector: api, sources: [] })))
      .toMatch(/^shop\/x: sources is empty, so nothing would be allowed; choose the pods that may connect, or Pods.all\(\)/);
    expect(errorOf(() => new AllowFromPods(chart(), 'x', { selector: api, sources: [Pods.labels({})] })))
      .toMatch(/Pods.labels\(\) needs at least one label/);
    const other = new kplus.Deployment(chart('other'), 'ui', { containers: [{ image: 'ui' }] });
    expect(errorOf(() => new AllowFromPods(chart(), 'x', { selector: api, sources: [Pods.of(other)], ports: [Port.tcp(80)] })))
      .toMatch(/other\/ui are in namespace 'other', not the policy's \('shop'\): .* use AllowFromNamespace/);
  });
});
