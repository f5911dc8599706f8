import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import {
  LabelSelector, NetworkPolicy, Peer, PeerKind, Pods, PolicyType, Port, Protocol, SelectorOperator,
  validateNetworkPolicy,
} from '../../src';

function chart(namespace: string | null = 'shop'): Chart {
  return new Chart(Testing.app(), 'test', namespace === null ? {} : { namespace });
}

function policies(c: Chart): any[] {
  return Testing.synth(c).filter((o: any) => o.kind === 'NetworkPolicy');
}

describe('NetworkPolicy', () => {
  test('synthesizes a valid manifest with explicit policyTypes and protocols', () => {
    const c = chart();
    const policy = new NetworkPolicy(c, 'db', { selector: Pods.labels({ app: 'db' }), metadata: { name: 'db' } });
    policy.allowIngress(Peer.podsWithLabels({ app: 'api' }), Port.tcp(5432));
    policy.allowEgress(Peer.cidr('10.0.0.0/16', { except: ['10.0.5.0/24'] }), Port.tcpRange(8000, 8080), Port.udp(53));

    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(validateNetworkPolicy(manifest)).toEqual([]);
    expect(manifest.metadata).toEqual({ name: 'db', namespace: 'shop' });
    expect(manifest.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(manifest.spec.podSelector).toEqual({ matchLabels: { app: 'db' } });
    expect(manifest.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }]);
    expect(manifest.spec.egress).toEqual([{
      to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.5.0/24'] } }],
      ports: [{ protocol: 'TCP', port: 8000, endPort: 8080 }, { protocol: 'UDP', port: 53 }],
    }]);
  });

  test('the model it reports is what it synthesizes', () => {
    const c = chart();
    const policy = new NetworkPolicy(c, 'web', { selector: Pods.labels({ app: 'web' }) });
    policy.allowIngress(Peer.namespace('frontend'), Port.tcp(80));
    const model = policy.toModel();
    expect(model.namespace).toBe('shop');
    expect(model.podSelector.matches({ app: 'web' })).toBe(true);
    expect(model.podSelector.matches({ app: 'db' })).toBe(false);
    expect(model.ingress).toHaveLength(1);
    expect(model.ingress[0].peers[0].kind).toBe(PeerKind.NAMESPACES);
    expect(model.ingress[0].peers[0].namespaceSelector!.matches({ 'kubernetes.io/metadata.name': 'frontend' })).toBe(true);
    expect(model.isolatesIngress).toBe(true);
    expect(model.isolatesEgress).toBe(false);
    expect(policies(c)[0].metadata.name).toBe(policy.name);
  });

  test('repeated calls merge ports per peer and group peers with equal ports; never an id collision', () => {
    const c = chart();
    const policy = new NetworkPolicy(c, 'api', { selector: Pods.labels({ app: 'api' }) });
    policy.allowIngress(Peer.podsWithLabels({ app: 'web' }), Port.tcp(8080));
    policy.allowIngress(Peer.podsWithLabels({ app: 'web' }), Port.tcp(8080));
    policy.allowIngress(Peer.podsWithLabels({ app: 'web' }), Port.tcp(9090));
    policy.allowIngress(Peer.podsWithLabels({ app: 'batch' }), Port.tcp(9090), Port.tcp(8080));
    policy.allowIngress(Peer.namespace('monitoring'), Port.tcp(9100));
    const [manifest] = policies(c);
    expect(manifest.spec.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { app: 'web' } } }, { podSelector: { matchLabels: { app: 'batch' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 9090 }],
      },
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ protocol: 'TCP', port: 9100 }],
      },
    ]);
  });

  test('Port.allTraffic() and Peer.anywhere() are the only ways to allow everything', () => {
    const c = chart();
    const policy = new NetworkPolicy(c, 'open', { selector: Pods.all() });
    expect(() => policy.allowIngress(Peer.anywhere())).toThrow(/needs at least one port; pass Port.allTraffic\(\)/);
    policy.allowIngress(Peer.anywhere(), Port.allTraffic());
    policy.allowIngress(Peer.podsWithLabels({ app: 'x' }), Port.tcp(1));
    const [manifest] = policies(c);
    // Anywhere on all ports covers the narrower grant, which is kept as its own rule (harmless, explicit).
    expect(manifest.spec.ingress[0]).toEqual({});
    expect(manifest.spec.podSelector).toEqual({});
  });

  test('default deny: isolation without rules', () => {
    const c = chart();
    new NetworkPolicy(c, 'deny', { selector: Pods.all(), isolateIngress: true, isolateEgress: true, metadata: { name: 'deny-all' } });
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('a policy that isolates nothing and allows nothing fails synth, naming the construct', () => {
    const c = chart();
    new NetworkPolicy(c, 'empty', { selector: Pods.all() });
    expect(() => Testing.synth(c)).toThrow(/\[test\/empty\] the policy isolates nothing and allows nothing/);
  });

  test('rules with their direction switched off fail synth instead of being silently unenforced', () => {
    const c = chart();
    const policy = new NetworkPolicy(c, 'p', { selector: Pods.all(), isolateEgress: false });
    policy.allowEgress(Peer.anyPodInCluster(), Port.tcp(80));
    expect(() => Testing.synth(c)).toThrow(/egress rules were added but isolateEgress is false/);
  });

  test('invalid values fail synth with the API server field path and the construct path', () => {
    const c = chart();
    const policy = new NetworkPolicy(c, 'bad', { selector: Pods.all() });
    policy.allowIngress(Peer.anyPodInCluster(), Port.tcpRange(8080, 80), Port.tcp(70000));
    let message = '';
    try {
      Testing.synth(c);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('[test/bad]');
    expect(message).toContain('spec.ingress[0].ports[0].endPort');
    expect(message).toContain('spec.ingress[0].ports[1].port');
  });

  test('a CIDR with host bits: accepted for 1.29, refused with a hint under strictCidr', () => {
    const lenient = chart();
    new NetworkPolicy(lenient, 'p', { selector: Pods.all() }).allowEgress(Peer.cidr('10.0.0.1/16'), Port.tcp(443));
    expect(policies(lenient)[0].spec.egress[0].to[0].ipBlock.cidr).toBe('10.0.0.1/16');

    const strict = chart();
    new NetworkPolicy(strict, 'p', { selector: Pods.all(), strictCidr: true }).allowEgress(Peer.cidr('10.0.0.1/16'), Port.tcp(443));
    expect(() => Testing.synth(strict)).toThrow(/spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr.*10\.0\.0\.0\/16/);
  });

  test('user JSON patches that break the object are caught too', () => {
    const c = chart();
    const policy = new NetworkPolicy(c, 'p', { selector: Pods.all(), isolateIngress: true });
    policy.apiObject.addJsonPatch(JsonPatch.add('/spec/policyTypes/-', 'ingress'));
    expect(() => Testing.synth(c)).toThrow(/spec\.policyTypes\[1\]/);
  });

  test('a change after a first synth is validated again (validation is cached only while nothing changes)', () => {
    const c = chart();
    const policy = new NetworkPolicy(c, 'p', { selector: Pods.all() });
    policy.allowIngress(Peer.anyPodInCluster(), Port.tcp(80));
    expect(policies(c)[0].spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 80 }]);
    policy.allowIngress(Peer.anyPodInCluster(), Port.tcp(0));
    expect(() => Testing.synth(c)).toThrow(/spec\.ingress\[0\]\.ports\[1\]\.port/);
  });

  test('metadata the model does not carry is validated too (finalizers, labels)', () => {
    const c = chart();
    new NetworkPolicy(c, 'p', { selector: Pods.all(), isolateIngress: true, metadata: { finalizers: ['example.com/Bad_'], labels: { ok: 'yes' } } });
    expect(() => Testing.synth(c)).toThrow(/metadata\.finalizers/);
    const d = chart();
    const q = new NetworkPolicy(d, 'p', { selector: Pods.all(), isolateIngress: true });
    expect(policies(d)).toHaveLength(1);
    // A change of the metadata after a first synth is validated again.
    q.apiObject.metadata.addLabel('bad key', 'x');
    expect(() => Testing.synth(d)).toThrow(/metadata\.labels/);
  });

  test('namespace: from metadata, else the chart, else the selected workload', () => {
    const withChart = chart('team-a');
    expect(new NetworkPolicy(withChart, 'p', { selector: Pods.all(), isolateIngress: true }).namespace).toBe('team-a');

    const explicit = chart('team-a');
    expect(new NetworkPolicy(explicit, 'p', { selector: Pods.all(), isolateIngress: true, metadata: { namespace: 'team-b' } }).namespace).toBe('team-b');

    const fromWorkload = chart(null);
    const dep = new kplus.Deployment(fromWorkload, 'dep', { metadata: { namespace: 'team-c' }, containers: [{ image: 'nginx', portNumber: 80 }] });
    expect(new NetworkPolicy(fromWorkload, 'p', { selector: Pods.of(dep), isolateIngress: true }).namespace).toBe('team-c');
  });

  test('selecting a workload of another namespace fails synth', () => {
    const c = chart('team-a');
    const dep = new kplus.Deployment(c, 'dep', { metadata: { namespace: 'team-b' }, containers: [{ image: 'nginx', portNumber: 80 }] });
    new NetworkPolicy(c, 'p', { selector: Pods.of(dep), isolateIngress: true });
    expect(() => Testing.synth(c)).toThrow(/are in namespace 'team-b' but the policy is in 'team-a'/);
  });

  test('an empty label map or selector is refused: every pod is Pods.all()', () => {
    expect(() => Pods.labels({})).toThrow(/needs at least one label.*use Pods.all\(\)/);
    expect(() => Pods.select(LabelSelector.all())).toThrow(/empty selector.*use Pods.all\(\)/);
    expect(Pods.all().isAll).toBe(true);
    expect(Pods.labels({ app: 'x' }).isAll).toBe(false);
  });

  test('two policies with one namespace and name fail synth, naming both; other namespaces are fine', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'shop' });
    const b = new Chart(app, 'b', { namespace: 'shop' });
    const c = new Chart(app, 'c', { namespace: 'other' });
    for (const ch of [a, b, c]) new NetworkPolicy(ch, 'p', { selector: Pods.all(), isolateIngress: true, metadata: { name: 'deny' } });
    expect(() => Testing.synth(a)).toThrow(/NetworkPolicy 'deny' \(a\/p\) has the same name and namespace as b\/p/);
    expect(() => Testing.synth(a)).not.toThrow(/as c\/p/);
  });

  test('expressions in selectors', () => {
    const c = chart();
    const selector = LabelSelector.of({
      labels: { tier: 'backend' },
      expressions: [{ key: 'app', operator: SelectorOperator.IN, values: ['database', 'cache'] }, { key: 'canary', operator: SelectorOperator.DOES_NOT_EXIST }],
    });
    new NetworkPolicy(c, 'p', { selector: Pods.select(selector) }).allowIngress(Peer.podsWithLabels({ app: 'web' }), Port.tcp(5432));
    const [manifest] = policies(c);
    expect(manifest.spec.podSelector).toEqual({
      matchLabels: { tier: 'backend' },
      matchExpressions: [{ key: 'app', operator: 'In', values: ['database', 'cache'] }, { key: 'canary', operator: 'DoesNotExist' }],
    });
    expect(selector.matches({ tier: 'backend', app: 'cache' })).toBe(true);
    expect(selector.matches({ tier: 'backend', app: 'cache', canary: 'true' })).toBe(false);
    expect(selector.matches({ tier: 'frontend', app: 'cache' })).toBe(false);
  });
});

describe('NetworkPolicy with cdk8s-plus workloads', () => {
  function shop() {
    const c = chart();
    const db = new kplus.StatefulSet(c, 'db', {
      containers: [{ image: 'postgres', ports: [{ number: 5432, name: 'pg' }, { number: 9187, name: 'metrics' }] }],
      service: new kplus.Service(c, 'db-svc', { ports: [{ port: 5432 }] }),
    });
    const api = new kplus.Deployment(c, 'api', { containers: [{ image: 'api', ports: [{ number: 8080, name: 'http' }, { number: 8125, name: 'statsd', protocol: kplus.Protocol.UDP }] }] });
    return { c, db, api };
  }

  test('selects the workload pods and takes named ports with their protocol', () => {
    const { c, db, api } = shop();
    const policy = new NetworkPolicy(c, 'db-policy', { selector: Pods.of(db) });
    policy.allowIngressFromPods(Pods.of(api), Pods.of(db).port('pg'));
    const [manifest] = policies(c);
    const dbPods = Testing.synth(c).find((o: any) => o.kind === 'StatefulSet').spec.template.metadata.labels;
    const apiPods = Testing.synth(c).find((o: any) => o.kind === 'Deployment').spec.template.metadata.labels;
    const model = policy.toModel();
    expect(model.podSelector.matches(dbPods)).toBe(true);
    expect(model.podSelector.matches(apiPods)).toBe(false);
    expect(model.ingress[0].peers[0].podSelector!.matches(apiPods)).toBe(true);
    expect(manifest.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 'pg' }]);
    expect(Pods.of(api).port('statsd').protocol).toBe(Protocol.UDP);
    expect(Pods.of(api).ports().map((p) => p.toString())).toEqual(['TCP 8080', 'UDP 8125']);
  });

  test('a named port the destination does not declare is an error that lists what it declares', () => {
    const { c, db, api } = shop();
    const policy = new NetworkPolicy(c, 'db-policy', { selector: Pods.of(db) });
    expect(() => policy.allowIngressFromPods(Pods.of(api), Port.named('postgres'))).toThrow(/port 'postgres' \(TCP\) is not declared by test\/db.*declared: pg\/TCP 5432, metrics\/TCP 9187/);
    expect(() => policy.allowIngressFromPods(Pods.of(api), Port.named('pg', Protocol.UDP))).toThrow(/not declared/);
    const egress = new NetworkPolicy(c, 'api-policy', { selector: Pods.of(api) });
    expect(() => egress.allowEgressToPods(Pods.of(db), Port.named('http'))).toThrow(/'http' \(TCP\) is not declared by test\/db/);
    expect(() => Pods.of(db).port('nope')).toThrow(/declares no container port named 'nope'; declared: pg\/TCP 5432/);
    expect(() => Pods.labels({ app: 'x' }).port('http')).toThrow(/not known: choose the pods with Pods.of/);
  });

  test('pods of a workload in another namespace become one AND peer', () => {
    const app = new App();
    const front = new Chart(app, 'front', { namespace: 'frontend' });
    const back = new Chart(app, 'back', { namespace: 'backend' });
    const web = new kplus.Deployment(front, 'web', { containers: [{ image: 'web', portNumber: 80 }] });
    const policy = new NetworkPolicy(back, 'api', { selector: Pods.labels({ app: 'api' }) });
    policy.allowIngressFromPods(Pods.of(web), Port.tcp(8080));
    const peer = policy.toModel().ingress[0].peers[0];
    expect(peer.kind).toBe(PeerKind.PODS_IN_NAMESPACES);
    expect(peer.namespaceSelector!.matches({ 'kubernetes.io/metadata.name': 'frontend' })).toBe(true);
    expect(peer.namespaceSelector!.matches({ 'kubernetes.io/metadata.name': 'backend' })).toBe(false);
    expect(policy.toModel().policyTypes).toEqual([PolicyType.INGRESS]);
  });
});

describe('synthesis reuses what validation resolved only while it is unchanged', () => {
  test('metadata and rules changed between two syntheses are written the second time', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    const p = new NetworkPolicy(c, 'web', { selector: Pods.labels({ app: 'web' }), metadata: { name: 'web' } });
    p.allowIngress(Peer.namespace('frontend'), Port.tcp(80));
    const first = app.synthYaml();
    expect(first).not.toContain('team: a');
    p.apiObject.metadata.addLabel('team', 'a');
    p.allowIngress(Peer.namespace('admin'), Port.tcp(22));
    const second = Testing.synth(c)[0];
    expect(second.metadata.labels).toEqual({ team: 'a' });
    expect(second.spec.ingress).toHaveLength(2);
    expect(app.synthYaml()).toContain('team: a');
  });

  test('a label that makes the metadata invalid after a first synthesis is caught by the next one', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    const p = new NetworkPolicy(c, 'web', { selector: Pods.labels({ app: 'web' }), metadata: { name: 'web' } });
    p.allowIngress(Peer.namespace('frontend'), Port.tcp(80));
    app.synthYaml();
    p.apiObject.metadata.addLabel('bad key!', 'x');
    expect(() => app.synthYaml()).toThrow(/bad key!/);
  });
});
