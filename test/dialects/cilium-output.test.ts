import { Chart, Testing } from 'cdk8s';
import { CalicoOutput, CiliumOutput, NetworkPolicy, Peer, Pods, Port, RestrictEgressToCidr } from '../../src';
import { chart } from '../patterns/support';

describe('CiliumOutput: existing v1 constructs written as Cilium policies', () => {
  test('a NetworkPolicy and a pattern become CiliumNetworkPolicies with the same name and namespace', () => {
    const c = chart('shop');
    CiliumOutput.enable(c);
    const api = new NetworkPolicy(c, 'Api', { selector: Pods.labels({ app: 'api' }), metadata: { name: 'api' } });
    api.allowIngress(Peer.podsWithLabels({ app: 'web' }), Port.tcp(8080));
    new RestrictEgressToCidr(c, 'Egress', { selector: Pods.labels({ app: 'api' }), cidrs: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }], ports: [Port.tcp(443)] });
    const out = Testing.synth(c);
    expect(out.map((o: any) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'cilium.io/v2 CiliumNetworkPolicy shop/api', 'cilium.io/v2 CiliumNetworkPolicy shop/egress',
    ]);
    expect(out[0].spec.ingress).toEqual([{ fromEndpoints: [{ matchLabels: { 'k8s:app': 'web' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }]);
    expect(out[1].spec.egress[0]).toEqual({ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] });
    // The DNS allowance of the pattern: kube-dns pods in kube-system.
    expect(out[1].spec.egress[1].toEndpoints).toEqual([{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }]);
  });

  test('what the release cannot say fails synth: a port range on Cilium 1.15; fine on 1.16', () => {
    const c = chart('shop');
    CiliumOutput.enable(c);
    new NetworkPolicy(c, 'Range', { selector: Pods.all() }).allowIngress(Peer.anywhere(), Port.tcpRange(8000, 8080));
    expect(() => Testing.synth(c)).toThrow(/as Cilium.*Cilium 1.15 has no endPort/s);
    const c2 = chart('shop');
    CiliumOutput.enable(c2, { version: '1.16' });
    new NetworkPolicy(c2, 'Range', { selector: Pods.all() }).allowIngress(Peer.anywhere(), Port.tcpRange(8000, 8080));
    expect(Testing.synth(c2)[0].spec.ingress[0].toPorts[0].ports[0]).toEqual({ port: '8000', protocol: 'TCP', endPort: 8080 });
  });

  test('one dialect per scope; the nearest scope decides, and same names in different dialects do not collide', () => {
    const c = chart('shop');
    CiliumOutput.enable(c);
    expect(() => CalicoOutput.enable(c)).toThrow(/already written in another dialect/);
    const app = Testing.app();
    CalicoOutput.enable(app);
    const cilium = new Chart(app, 'cilium', { namespace: 'shop' });
    CiliumOutput.enable(cilium);
    const calico = new Chart(app, 'calico', { namespace: 'shop' });
    new NetworkPolicy(cilium, 'P', { selector: Pods.all(), isolateIngress: true, metadata: { name: 'p' } });
    new NetworkPolicy(calico, 'P', { selector: Pods.all(), isolateIngress: true, metadata: { name: 'p' } });
    expect(Testing.synth(cilium)[0].kind).toBe('CiliumNetworkPolicy');
    expect(Testing.synth(calico)[0].apiVersion).toBe('projectcalico.org/v3');
    expect(() => app.synth()).not.toThrow();
  });
});
