import { Testing } from 'cdk8s';
import { Analysis, chart, errorOf, kubeDns, pod, policies } from './support';
import {
  DenyAllByDefault, LabelSelector, PeerKind, Pods, Port, TrafficDirection, validateNetworkPolicy,
} from '../../src';

const KUBE_DNS = {
  to: [{
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
  }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

describe('DenyAllByDefault', () => {
  test('default: denies both directions for every pod, keeps DNS to kube-dns (UDP and TCP 53)', () => {
    const c = chart();
    const deny = new DenyAllByDefault(c, 'DefaultDeny');
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(validateNetworkPolicy(manifest)).toEqual([]);
    expect(manifest.metadata).toEqual({ name: 'default-deny', namespace: 'shop' });
    expect(manifest.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [KUBE_DNS] });

    const model = deny.policy.toModel();
    expect(model.podSelector.isEmpty).toBe(true);
    expect(model.isolatesIngress && model.isolatesEgress).toBe(true);
    expect(model.ingress).toEqual([]);
    const [dns] = model.egress;
    expect(dns.peers).toHaveLength(1);
    expect(dns.peers[0].kind).toBe(PeerKind.PODS_IN_NAMESPACES);
    expect(dns.peers[0].podSelector!.matches({ 'k8s-app': 'kube-dns', 'pod-template-hash': 'x' })).toBe(true);
    expect(dns.peers[0].namespaceSelector!.matches({ 'kubernetes.io/metadata.name': 'kube-system' })).toBe(true);
    expect(dns.ports.map((p) => p.toString())).toEqual(['UDP 53', 'TCP 53']);
  });

  test('reachability: the namespace reaches DNS and nothing else; nothing reaches it', () => {
    const c = chart();
    new DenyAllByDefault(c, 'DefaultDeny');
    pod(c, 'app', { app: 'app' }, [{ number: 8080 }]);
    pod(c, 'peer', { app: 'peer' }, [{ number: 8080 }]);
    kubeDns(c.node.scope as any);
    const other = chart('other', c.node.scope as any);
    pod(other, 'outsider', { app: 'x' }, [{ number: 80 }]);
    const a = new Analysis(c.node.scope as any, ['8.8.8.8']);
    expect(a.allowed('app', 'coredns')).toBe('TCP 53, UDP 53');
    expect(a.allowed('app', 'peer')).toBe('nothing');
    expect(a.allowed('app', 'outsider')).toBe('nothing');
    expect(a.allowed('app', '8.8.8.8')).toBe('nothing');
    expect(a.allowed('outsider', 'app')).toBe('nothing');
    expect(a.allowed('8.8.8.8', 'app')).toBe('nothing');
  });

  test('ingress only: no egress isolation and no DNS rule', () => {
    const c = chart();
    new DenyAllByDefault(c, 'deny-ingress', { direction: TrafficDirection.INGRESS });
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  test('egress only, with DNS', () => {
    const c = chart();
    new DenyAllByDefault(c, 'deny-egress', { direction: TrafficDirection.EGRESS });
    expect(policies(c)[0].spec).toEqual({ podSelector: {}, policyTypes: ['Egress'], egress: [KUBE_DNS] });
  });

  test('allowDns: false denies DNS too', () => {
    const c = chart();
    new DenyAllByDefault(c, 'DenyAll', { allowDns: false });
    expect(policies(c)[0].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(policies(c)[0].metadata.name).toBe('deny-all');
  });

  test('DNS is configurable: selector, namespace, ports, NodeLocal DNSCache', () => {
    const c = chart();
    new DenyAllByDefault(c, 'DefaultDeny', {
      dns: { selector: LabelSelector.labels({ app: 'dns' }), namespace: 'dns-system', nodeLocalDnsCache: true },
    });
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec.egress).toEqual([{
      to: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns-system' } }, podSelector: { matchLabels: { app: 'dns' } } },
        { ipBlock: { cidr: '169.254.20.10/32' } },
      ],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);

    const v6 = chart();
    new DenyAllByDefault(v6, 'DefaultDeny', { dns: { nodeLocalDnsAddress: 'fd00::a', ports: [Port.udp(5353)] } });
    expect(policies(v6)[0].spec.egress[0].to[1]).toEqual({ ipBlock: { cidr: 'fd00::a/128' } });
    expect(policies(v6)[0].spec.egress[0].ports).toEqual([{ protocol: 'UDP', port: 5353 }]);
  });

  test('metadata: name override, labels, namespace', () => {
    const c = chart();
    new DenyAllByDefault(c, 'DefaultDeny', { metadata: { name: 'baseline', namespace: 'team', labels: { owner: 'platform' } } });
    expect(policies(c)[0].metadata).toEqual({ name: 'baseline', namespace: 'team', labels: { owner: 'platform' } });
  });

  test('bad input fails with the construct path and what to change', () => {
    expect(errorOf(() => new DenyAllByDefault(chart(), 'd', { allowDns: false, dns: { ports: [Port.udp(53)] } })))
      .toMatch(/^shop\/d: allowDns is false but dns options are given \(ports UDP 53\): remove the dns options/);
    expect(errorOf(() => new DenyAllByDefault(chart(), 'd', { direction: TrafficDirection.INGRESS, allowDns: true })))
      .toMatch(/allowDns and dns apply only when egress is denied/);
    expect(errorOf(() => new DenyAllByDefault(chart(), 'd', { dns: { selector: LabelSelector.all() } })))
      .toMatch(/dns.selector is empty, which would allow every pod of namespace 'kube-system'/);
    expect(errorOf(() => new DenyAllByDefault(chart(), 'd', { dns: { ports: [] } })))
      .toMatch(/dns.ports is empty, so nothing would be allowed/);
    expect(errorOf(() => new DenyAllByDefault(chart(), 'd', { dns: { nodeLocalDnsCache: false, nodeLocalDnsAddress: '169.254.20.10' } })))
      .toMatch(/nodeLocalDnsAddress is set but dns.nodeLocalDnsCache is false/);
    expect(errorOf(() => new DenyAllByDefault(chart(), 'd', { dns: { nodeLocalDnsAddress: 'dns.local' } })))
      .toMatch(/'dns.local' is not an IP address or CIDR/);
    expect(errorOf(() => new DenyAllByDefault(chart(), 'd', { selector: Pods.labels({}) })))
      .toMatch(/Pods.labels\(\) needs at least one label: with none it would choose every pod of the namespace; use Pods.all\(\)/);
  });

  test('two policies with one name and namespace fail synth, naming both', () => {
    const c = chart();
    new DenyAllByDefault(c, 'DefaultDeny');
    new DenyAllByDefault(c, 'default-deny');
    expect(() => Testing.synth(c)).toThrow(/NetworkPolicy 'default-deny' \(shop\/DefaultDeny\/Policy\) has the same name and namespace as shop\/default-deny\/Policy/);
  });
});
