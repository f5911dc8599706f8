import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { Cni, LabelSelector, NetpolSettings, NetworkPolicy, Peer, Pods, Port, Severity, SynthCheckMode } from '../../src';

function shop(): { app: App; chart: Chart; web: kplus.Deployment } {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const web = new kplus.Deployment(chart, 'web', {
    containers: [{ image: 'nginx', ports: [{ number: 8080, name: 'http' }], securityContext: { ensureNonRoot: false } }],
  });
  return { app, chart, web };
}

function captureStderr(fn: () => void): string {
  let text = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { text += String(chunk); return true; });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return text;
}

function policies(chart: Chart): any[] {
  return Testing.synth(chart).filter((o: any) => o.kind === 'NetworkPolicy');
}

describe('NetpolSettings', () => {
  test('warns on stderr (default mode) about what the plugin would not enforce, and synth goes on', () => {
    const { app, chart, web } = shop();
    NetpolSettings.of(app).cni = Cni.weave();
    const policy = new NetworkPolicy(chart, 'web-ingress', { selector: Pods.of(web) });
    policy.allowIngress(Peer.anyPodInCluster(), Port.named('http'));
    let synthesized: any[] = [];
    const err = captureStderr(() => { synthesized = policies(chart); });
    expect(synthesized).toHaveLength(1);
    expect(err).toContain('cdk8s-netpol error at shop/web-ingress: [cni-named-port] NetworkPolicy shop/');
    expect(err).toContain('drop this whole policy');
    expect(err).toContain('write port: 8080');
  });

  test('fails synth in FAIL mode, naming the rule and the field', () => {
    const { app, chart, web } = shop();
    const settings = NetpolSettings.of(app);
    settings.cni = Cni.azureNpm();
    settings.mode = SynthCheckMode.FAIL;
    const policy = new NetworkPolicy(chart, 'web-egress', { selector: Pods.of(web) });
    policy.allowEgress(Peer.cidr('192.0.2.0/24'), Port.tcpRange(30000, 30100));
    policy.allowEgress(Peer.podsInNamespace('kube-system', LabelSelector.labels({ 'k8s-app': 'kube-dns' })), ...Port.DNS);
    expect(() => captureStderr(() => policies(chart))).toThrow(/\[cni-endport\] NetworkPolicy shop\/.* spec\.egress\[\d\]\.ports\[0\]\.endPort: on Azure Network Policy Manager/);
  });

  test('with FAIL mode, findings below failOn are still only printed', () => {
    const { app, chart, web } = shop();
    const settings = NetpolSettings.of(app);
    settings.mode = SynthCheckMode.FAIL;
    expect(settings.failOn).toBe(Severity.ERROR);
    new NetworkPolicy(chart, 'deny-egress', { selector: Pods.of(web), isolateEgress: true });
    const err = captureStderr(() => policies(chart));
    expect(err).toContain('cdk8s-netpol warning at shop/deny-egress: [dns-blocked]');
    settings.failOn = Severity.WARNING;
    expect(() => captureStderr(() => policies(chart))).toThrow(/\[dns-blocked\]/);
  });

  test('a Chart\'s settings govern its policies instead of the App\'s', () => {
    const { app, chart, web } = shop();
    const appSettings = NetpolSettings.of(app);
    appSettings.cni = Cni.calico();
    appSettings.mode = SynthCheckMode.FAIL;
    const chartSettings = NetpolSettings.of(chart);
    chartSettings.cni = Cni.flannel();
    new NetworkPolicy(chart, 'web-policy', { selector: Pods.of(web), isolateIngress: true });
    expect(appSettings.findings()).toEqual([]);
    expect(chartSettings.findings().map((f) => f.rule)).toEqual(['cni-no-enforcement']);
    expect(NetpolSettings.of(chart)).toBe(chartSettings);
  });

  test('the checks see workloads of the App: hostNetwork pods, standalone pods, selectors matching nothing', () => {
    const { app, chart } = shop();
    const settings = NetpolSettings.of(app);
    settings.cni = Cni.awsVpcCni();
    new kplus.Pod(chart, 'debug', { containers: [{ image: 'busybox', securityContext: { ensureNonRoot: false } }], metadata: { labels: { app: 'debug' } } });
    new ApiObject(chart, 'agent', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { hostNetwork: true, containers: [{ name: 'a', image: 'x' }] } } },
    } as any);
    new NetworkPolicy(chart, 'debug-policy', { selector: Pods.labels({ app: 'debug' }), isolateIngress: true });
    new NetworkPolicy(chart, 'agent-policy', { selector: Pods.labels({ app: 'agent' }), isolateIngress: true });
    new NetworkPolicy(chart, 'typo', { selector: Pods.labels({ app: 'Debug' }), isolateIngress: true });
    const rules = settings.findings().map((f) => `${f.rule} ${f.kind}`);
    expect(rules).toEqual(expect.arrayContaining(['cni-standalone-pod Pod', 'cni-host-network NetworkPolicy', 'selects-nothing NetworkPolicy']));
  });

  test('the App\'s objects are read as the analysis reads manifests: a workload finding names its construct path', () => {
    const { app, chart } = shop();
    const settings = NetpolSettings.of(app);
    settings.cni = Cni.awsVpcCni();
    const pod = new kplus.Pod(chart, 'debug', { containers: [{ image: 'busybox', securityContext: { ensureNonRoot: false } }], metadata: { labels: { app: 'debug' } } });
    new NetworkPolicy(chart, 'debug-policy', { selector: Pods.labels({ app: 'debug' }), isolateIngress: true });
    const [f] = settings.findings().filter((x) => x.rule === 'cni-standalone-pod');
    expect(f).toMatchObject({ kind: 'Pod', namespace: 'shop', path: `${pod.node.path}/Resource` });
  });

  test('or-peer is left out for constructs, where OR is spelled deliberately', () => {
    const { app, chart, web } = shop();
    const policy = new NetworkPolicy(chart, 'web-policy', { selector: Pods.of(web) });
    policy.allowIngress(Peer.namespace('frontend'), Port.tcp(8080));
    policy.allowIngress(Peer.podsWithLabels({ app: 'gateway' }), Port.tcp(8080));
    expect(NetpolSettings.of(app).findings().filter((f) => f.rule === 'or-peer')).toEqual([]);
  });

  test('resolveNamedPorts writes the number when every selected pod agrees, and says so', () => {
    const { app, chart, web } = shop();
    const settings = NetpolSettings.of(app);
    settings.cni = Cni.ovnKubernetes();
    settings.mode = SynthCheckMode.FAIL;
    settings.resolveNamedPorts = true;
    const policy = new NetworkPolicy(chart, 'web-policy', { selector: Pods.of(web) });
    policy.allowIngress(Peer.anyPodInCluster(), Pods.of(web).port('http'));
    let synthesized: any[] = [];
    const err = captureStderr(() => { synthesized = policies(chart); });
    expect(synthesized[0].spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(err).toContain("spec.ingress[0].ports[0].port: named port 'http' (TCP) written as 8080, because OVN-Kubernetes does not support named ports");
    expect(settings.rewrites).toHaveLength(1);
    // Synthesizing again neither repeats nor breaks the rewrite.
    captureStderr(() => { synthesized = policies(chart); });
    expect(synthesized[0].spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(settings.rewrites).toHaveLength(1);
  });

  test('resolveNamedPorts leaves a port alone when the pods disagree', () => {
    const { app, chart, web } = shop();
    new kplus.Deployment(chart, 'web2', {
      containers: [{ image: 'nginx', ports: [{ number: 9090, name: 'http' }], securityContext: { ensureNonRoot: false } }],
      podMetadata: { labels: { tier: 'web' } },
    });
    web.podMetadata.addLabel('tier', 'web');
    const settings = NetpolSettings.of(app);
    settings.cni = Cni.ovnKubernetes();
    settings.resolveNamedPorts = true;
    const policy = new NetworkPolicy(chart, 'tier', { selector: Pods.labels({ tier: 'web' }) });
    policy.allowIngress(Peer.anyPodInCluster(), Port.named('http'));
    let synthesized: any[] = [];
    const err = captureStderr(() => { synthesized = policies(chart); });
    expect(synthesized[0].spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
    expect(err).toContain("'http' resolves to 8080, 9090 on different pods");
    expect(settings.rewrites).toEqual([]);
  });
});
