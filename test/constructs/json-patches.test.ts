import { Chart, JsonPatch, Testing } from 'cdk8s';
import { Cni, NetpolSettings, NetworkPolicy, Peer, Pods, Port, Reachability, SynthCheckMode, validateNetworkPolicy } from '../../src';

/**
 * Whatever the user does with escape hatches, the manifest written is the one judged: a JSON patch is
 * applied to the manifest (as cdk8s documents) and never lost between the patch and the YAML.
 */

function webPolicy(): { chart: Chart; policy: NetworkPolicy } {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const policy = new NetworkPolicy(chart, 'web', { selector: Pods.labels({ app: 'web' }), metadata: { name: 'web' } });
  policy.allowIngress(Peer.namespace('frontend'), Port.tcp(80));
  return { chart, policy };
}

function written(chart: Chart): any {
  return Testing.synth(chart).find((o: any) => o.kind === 'NetworkPolicy');
}

describe('JSON patches are written as given, and validated as written', () => {
  test('a plain number patched into a port is the port (it used to vanish, leaving every TCP port)', () => {
    const { chart, policy } = webPolicy();
    policy.apiObject.addJsonPatch(JsonPatch.replace('/spec/ingress/0/ports/0/port', 8080));
    const manifest = written(chart);
    expect(manifest.spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(policy.apiObject.toJson().spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(validateNetworkPolicy(manifest)).toEqual([]);
  });

  test('a patched port that the API server would reject fails synth with the construct and field path', () => {
    const { chart, policy } = webPolicy();
    policy.apiObject.addJsonPatch(JsonPatch.replace('/spec/ingress/0/ports/0/port', 70000));
    expect(() => Testing.synth(chart)).toThrow(/\[shop\/web\] spec\.ingress\[0\]\.ports\[0\]\.port: Invalid value: 70000/);
    const quoted = webPolicy();
    quoted.policy.apiObject.addJsonPatch(JsonPatch.replace('/spec/ingress/0/ports/0/port', '8080'));
    expect(() => Testing.synth(quoted.chart)).toThrow(/spec\.ingress\[0\]\.ports\[0\]\.port: Invalid value: "8080".*did you mean port: 8080/);
  });

  test('endPort', () => {
    const { chart, policy } = webPolicy();
    policy.apiObject.addJsonPatch(JsonPatch.add('/spec/ingress/0/ports/0/endPort', 90));
    expect(written(chart).spec.ingress[0].ports).toEqual([{ endPort: 90, port: 80, protocol: 'TCP' }]);
    const bad = webPolicy();
    bad.policy.apiObject.addJsonPatch(JsonPatch.add('/spec/ingress/0/ports/0/endPort', 70));
    expect(() => Testing.synth(bad.chart)).toThrow(/spec\.ingress\[0\]\.ports\[0\]\.endPort: Invalid value: 70: must be greater than or equal to `port`/);
  });

  test('peers and ipBlock', () => {
    const { chart, policy } = webPolicy();
    policy.apiObject.addJsonPatch(JsonPatch.replace('/spec/ingress/0/from/0', { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }));
    expect(written(chart).spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }]);
    // And the analysis reads what is written: the patched peer, not the construct's.
    const r = Reachability.fromManifests([written(chart), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [] } }]);
    expect(r.isAllowed('10.2.0.1', 'web', Port.tcp(80))).toBe(true);
    expect(r.isAllowed('10.1.0.1', 'web', Port.tcp(80))).toBe(false);
    const bad = webPolicy();
    bad.policy.apiObject.addJsonPatch(JsonPatch.replace('/spec/ingress/0/from/0', { ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }));
    expect(() => Testing.synth(bad.chart)).toThrow(/spec\.ingress\[0\]\.from\[0\]\.ipBlock\.except\[0\]: Invalid value: "192\.168\.0\.0\/16": must be a strict subset of `cidr`/);
    const both = webPolicy();
    both.policy.apiObject.addJsonPatch(JsonPatch.add('/spec/ingress/0/from/0/ipBlock', { cidr: '10.0.0.0/8' }));
    expect(() => Testing.synth(both.chart)).toThrow(/spec\.ingress\[0\]\.from\[0\]: Forbidden: may not specify both/);
  });

  test('policyTypes', () => {
    const { chart, policy } = webPolicy();
    policy.apiObject.addJsonPatch(JsonPatch.add('/spec/policyTypes/-', 'Egress'));
    expect(written(chart).spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const bad = webPolicy();
    bad.policy.apiObject.addJsonPatch(JsonPatch.replace('/spec/policyTypes/0', 'ingress'));
    expect(() => Testing.synth(bad.chart)).toThrow(/spec\.policyTypes\[0\]: Unsupported value: "ingress"/);
  });

  test('a patch that cannot be applied fails synth with its path, not a stack trace', () => {
    const { chart, policy } = webPolicy();
    policy.apiObject.addJsonPatch(JsonPatch.replace('/spec/ingress/3/ports', []));
    expect(() => Testing.synth(chart)).toThrow(/\[shop\/web\] a JSON patch cannot be applied to the manifest \(replace \/spec\/ingress\/3\/ports\): .*fix its path/s);
  });

  test('lint at synth judges the patched manifest', () => {
    const { chart, policy } = webPolicy();
    const settings = NetpolSettings.of(chart);
    settings.cni = Cni.byName('weave');
    settings.mode = SynthCheckMode.FAIL;
    policy.apiObject.addJsonPatch(JsonPatch.replace('/spec/ingress/0/ports/0/port', 'http'));
    expect(() => Testing.synth(chart)).toThrow(/\[cni-named-port\] NetworkPolicy shop\/web spec\.ingress\[0\]\.ports\[0\]\.port/);
  });
});
