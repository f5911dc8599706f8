import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { Analysis, chart, errorOf, pod, policies } from './support';
import { AllowFromNamespace, LabelSelector, PeerKind, Pods, Port } from '../../src';

describe('AllowFromNamespace', () => {
  test('by name, every port: one namespace peer', () => {
    const c = chart();
    const allow = new AllowFromNamespace(c, 'FromFrontend', { selector: Pods.labels({ app: 'web' }), namespace: 'frontend' });
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(manifest.metadata.name).toBe('from-frontend');
    expect(manifest.spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'frontend' } } }] }],
    });
    expect(allow.peer.kind).toBe(PeerKind.NAMESPACES);
  });

  test('by labels, only chosen pods there (one AND peer), on given ports', () => {
    const c = chart();
    const allow = new AllowFromNamespace(c, 'from-monitoring', {
      selector: Pods.labels({ app: 'api' }),
      namespaceSelector: LabelSelector.labels({ team: 'observability' }),
      fromPods: Pods.labels({ app: 'prometheus' }),
      ports: [Port.tcp(9090), Port.named('metrics')],
    });
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { team: 'observability' } }, podSelector: { matchLabels: { app: 'prometheus' } } }],
      ports: [{ protocol: 'TCP', port: 9090 }, { protocol: 'TCP', port: 'metrics' }],
    }]);
    expect(allow.peer.kind).toBe(PeerKind.PODS_IN_NAMESPACES);
  });

  test('reachability: from the namespace (and only the chosen pods there) to the chosen pods', () => {
    const app = Testing.app();
    const c = chart('shop', app);
    const web = new kplus.Deployment(c, 'web', { containers: [{ image: 'web', ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'admin' }] }] });
    pod(c, 'db', { app: 'db' }, [{ number: 5432 }]);
    new AllowFromNamespace(c, 'from-frontend', { selector: Pods.of(web), namespace: 'frontend', fromPods: Pods.labels({ role: 'ui' }) });
    const frontend = chart('frontend', app);
    pod(frontend, 'ui', { role: 'ui' });
    pod(frontend, 'batch', { role: 'batch' });
    const elsewhere = chart('elsewhere', app);
    pod(elsewhere, 'stranger', { role: 'ui' });
    const a = new Analysis(app);
    // The ports default to the workload's container ports.
    expect(a.allowed('ui', 'web')).toBe('TCP 8080, TCP 9090');
    expect(a.allowed('batch', 'web')).toBe('nothing');
    expect(a.allowed('stranger', 'web')).toBe('nothing');
    expect(a.allowed('stranger', 'db')).not.toBe('nothing');
  });

  test('the namespace can come from a workload chosen in another namespace', () => {
    const app = Testing.app();
    const ui = new kplus.Deployment(chart('frontend', app), 'ui', { containers: [{ image: 'ui' }] });
    const c = chart('shop', app);
    new AllowFromNamespace(c, 'from-ui', { selector: Pods.labels({ app: 'web' }), fromPods: Pods.of(ui), ports: [Port.tcp(80)] });
    expect(policies(c)[0].spec.ingress[0].from[0]).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'frontend' } },
      podSelector: Pods.of(ui).selector.toJson(),
    });
    expect(errorOf(() => new AllowFromNamespace(chart(), 'x', { selector: Pods.all(), namespace: 'other', fromPods: Pods.of(ui) })))
      .toMatch(/fromPods \(frontend\/ui\) are in namespace 'frontend', not 'other': set namespace to 'frontend'/);
  });

  test('bad input', () => {
    const web = Pods.labels({ app: 'web' });
    expect(errorOf(() => new AllowFromNamespace(chart(), 'x', { selector: web })))
      .toMatch(/^shop\/x: no namespace chosen: give namespace \(a name\) or namespaceSelector \(labels\)/);
    expect(errorOf(() => new AllowFromNamespace(chart(), 'x', { selector: web, namespace: 'a', namespaceSelector: LabelSelector.labels({ a: 'b' }) })))
      .toMatch(/both namespace and namespaceSelector are given: keep one/);
    expect(errorOf(() => new AllowFromNamespace(chart(), 'x', { selector: web, namespaceSelector: LabelSelector.labels({}) })))
      .toMatch(/namespaceSelector is empty, which would choose every namespace/);
    expect(errorOf(() => new AllowFromNamespace(chart(), 'x', { selector: web, namespace: 'a', ports: [] })))
      .toMatch(/ports is empty, so nothing would be allowed; leave it out for the default, or pass \[Port.allTraffic\(\)\]/);
    expect(errorOf(() => new AllowFromNamespace(chart(), 'x', { selector: web, namespace: 'a', fromPods: Pods.labels({}) })))
      .toMatch(/Pods.labels\(\) needs at least one label/);
  });
});
