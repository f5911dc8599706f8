import { deployment, lintYaml, ofRule, policy } from './lint-helpers';
import { Cni, LabelSelector, Linter, NetworkPolicyModel, Peer, PolicyRule, PolicyType, Port, Protocol, Severity } from '../../src';
import { ClusterModel } from '../../src/analysis/cluster-model';
import { portEntrySet } from '../../src/analysis/policy-semantics';
import { portCovers } from '../../src/lint/port-coverage';

// The linter reads pods and workloads with the analysis's readInventory and decides selection,
// peers and ports through policy-semantics: these tests pin what that means for its findings.

const HOST_POLICY = policy('agent', '  podSelector: { matchLabels: { app: agent } }\n  policyTypes: [Ingress]');

/** A Deployment, its ReplicaSet and one Pod, as `kubectl get -o yaml` dumps them. */
function dump(extra = ''): string {
  return `${deployment('agent', '{ app: agent }', '', 'shop', `\n      hostNetwork: true${extra}`)}apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: agent-5d4f
  namespace: shop
  ownerReferences: [ { apiVersion: apps/v1, kind: Deployment, name: agent, uid: d1, controller: true } ]
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec: { hostNetwork: true, containers: [ { name: main, image: example } ] }
---
apiVersion: v1
kind: Pod
metadata:
  name: agent-5d4f-x7k2p
  namespace: shop
  labels: { app: agent }
  ownerReferences: [ { apiVersion: apps/v1, kind: ReplicaSet, name: agent-5d4f, uid: r1, controller: true } ]
spec: { hostNetwork: true, containers: [ { name: main, image: example } ] }
status: { podIP: 10.200.0.7 }
---
`;
}

describe('the linter reads manifests as the analysis does', () => {
  test('a workload, its ReplicaSets and its Pods in a dump are one workload', () => {
    const [f] = ofRule(lintYaml(dump() + HOST_POLICY, 'k3s'), 'cni-host-network');
    expect(f.message).toContain('the policy selects Deployment shop/agent, which uses hostNetwork');
  });

  test('the Pods\' IPs of a dump are pod IPs for cni-ipblock-pod-ip (hostNetwork ones aside)', () => {
    const egress = policy('out', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 10.200.0.0/16 } } ]', 'shop');
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop, ownerReferences: [ { apiVersion: apps/v1, kind: ReplicaSet, name: w-1, uid: "1" } ] }\n'
      + 'spec: { containers: [] }\nstatus: { podIPs: [ { ip: 10.200.3.4 } ] }\n---\n';
    const findings = ofRule(lintYaml(pod + egress, 'cilium', { disabledRules: ['dns-blocked'] }), 'cni-ipblock-pod-ip');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('covers the pod IP 10.200.3.4')]);
    // The hostNetwork pods of the dump have node IPs: they are not pod IPs.
    expect(ofRule(lintYaml(dump() + egress, 'cilium'), 'cni-ipblock-pod-ip')[0].message).toContain('the private range');
  });

  test('a malformed pod or workload is an `invalid` finding on its field, and is left out of the checks', () => {
    const bad = deployment('web', '{ app: web }', '[ { name: http, containerPort: "8080" } ]');
    const findings = lintYaml(bad + deployment('db', '{ app: db }') + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]'));
    const [invalid] = ofRule(findings, 'invalid');
    expect(invalid).toMatchObject({
      severity: Severity.ERROR,
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      field: 'spec.template.spec.containers[0].ports[0].containerPort',
    });
    expect(bad.split('\n')[invalid.line! - 1]).toContain('containerPort');
    // The policy selects the workload that could not be read: it is not reported as selecting nothing.
    expect(ofRule(findings, 'selects-nothing')).toEqual([]);
    // In another namespace, the unreadable workload changes nothing.
    const elsewhere = lintYaml(bad + deployment('db', '{ app: db }') + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]', 'other'));
    expect(ofRule(elsewhere, 'selects-nothing')).toHaveLength(1);
  });

  test('a Pod is standalone unless it has ownerReferences (whether or not its owner is in the input)', () => {
    const pod = (refs: string) => `apiVersion: v1\nkind: Pod\nmetadata: { name: debug, namespace: shop, labels: { app: web }${refs} }\nspec: { containers: [] }\n---\n`;
    const web = policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]');
    expect(ofRule(lintYaml(pod('') + web, 'aws-vpc-cni'), 'cni-standalone-pod')).toHaveLength(1);
    expect(ofRule(lintYaml(pod(', ownerReferences: [ { apiVersion: batch/v1, kind: Job, name: j, uid: "1", controller: true } ]') + web, 'aws-vpc-cni'), 'cni-standalone-pod')).toEqual([]);
  });
});

test('unused-named-port: egress to ipBlocks resolves names on the pods whose IPs they match, as the analysis does', () => {
  const pod = (port: string) => 'apiVersion: v1\nkind: Pod\nmetadata: { name: api, namespace: shop, ownerReferences: [ { apiVersion: apps/v1, kind: ReplicaSet, name: api-1, uid: "1" } ] }\n'
    + `spec: { containers: [ { name: c, image: x, ports: [ { name: ${port}, containerPort: 8443 } ] } ] }\nstatus: { podIP: 10.42.0.9 }\n---\n`;
  const egress = policy('out', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 10.42.0.0/16 } } ]\n    ports: [ { protocol: TCP, port: https } ]');
  expect(ofRule(lintYaml(egress), 'unused-named-port')[0].message).toContain('ipBlock destinations only');
  expect(ofRule(lintYaml(pod('https') + egress), 'unused-named-port')).toEqual([]);
  expect(ofRule(lintYaml(pod('tls') + egress), 'unused-named-port')[0].message).toContain('declared by none of the destination pods of this rule (api)');
  // Where ipBlocks never match pods, the pod is no destination.
  expect(ofRule(lintYaml(pod('https') + egress, 'cilium'), 'unused-named-port')[0].message).toContain('ipBlock destinations only');
});

describe('dns-blocked resolves named ports on the DNS pods of the input', () => {
  const coreDns = (udpName: string) => deployment('coredns', '{ k8s-app: kube-dns }',
    `[ { name: ${udpName}, containerPort: 53, protocol: UDP }, { name: dns-tcp, containerPort: 53, protocol: TCP } ]`, 'kube-system');
  const byName = policy('egress', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { namespaceSelector: {}, podSelector: { matchLabels: { k8s-app: kube-dns } } } ]\n'
    + '    ports: [ { protocol: UDP, port: dns }, { protocol: TCP, port: dns-tcp } ]');

  test('without DNS pods in the input, CoreDNS\'s names (dns, dns-tcp) are assumed', () => {
    expect(ofRule(lintYaml(byName), 'dns-blocked')).toEqual([]);
  });

  test('with DNS pods in the input, their names count', () => {
    expect(ofRule(lintYaml(coreDns('dns') + byName), 'dns-blocked')).toEqual([]);
    expect(ofRule(lintYaml(coreDns('domain') + byName), 'dns-blocked')).toHaveLength(1);
  });
});

describe('the public Linter API converts its workloads into the same model', () => {
  function selectWeb(...ingress: PolicyRule[]): NetworkPolicyModel {
    return new NetworkPolicyModel({ name: 'web', namespace: 'shop', podSelector: LabelSelector.labels({ app: 'web' }), policyTypes: [PolicyType.INGRESS], ingress });
  }

  test('a Pod with no owner given is standalone; a workload never is', () => {
    const pod = { kind: 'Pod', name: 'debug', namespace: 'shop', labels: { app: 'web' }, file: 'pods.yaml', line: 3 };
    const findings = Linter.lintModels([selectWeb()], { cni: Cni.awsVpcCni(), workloads: [pod] });
    expect(ofRule(findings, 'cni-standalone-pod')).toEqual([expect.objectContaining({ kind: 'Pod', name: 'debug', namespace: 'shop', file: 'pods.yaml', line: 3 })]);
    expect(ofRule(Linter.lintModels([selectWeb()], { cni: Cni.awsVpcCni(), workloads: [{ ...pod, kind: 'Deployment' }] }), 'cni-standalone-pod')).toEqual([]);
    expect(ofRule(Linter.lintModels([selectWeb()], { cni: Cni.awsVpcCni(), workloads: [{ ...pod, owned: true }] }), 'cni-standalone-pod')).toEqual([]);
  });

  test('named ports resolve on the container ports given', () => {
    const web = { kind: 'Deployment', name: 'web', namespace: 'shop', labels: { app: 'web' }, ports: [{ number: 8080, protocol: Protocol.TCP, name: 'http' }] };
    const lint = (name: string) => Linter.lintModels(
      [selectWeb(PolicyRule.of([Peer.anywhere()], [Port.named(name)]))],
      { cni: Cni.weave(), workloads: [web] },
    );
    expect(ofRule(lint('http'), 'cni-named-port')[0].message).toContain('write port: 8080');
    expect(ofRule(lint('http'), 'unused-named-port')).toEqual([]);
    expect(ofRule(lint('metrics'), 'unused-named-port')[0].message).toContain('declared names: http/TCP');
  });
});

test('portCovers agrees with portEntrySet on every destination', () => {
  const cluster = new ClusterModel();
  const destinations = [
    cluster.addWorkload({ namespace: 'a', name: 'none', kind: 'Pod' })!,
    cluster.addWorkload({ namespace: 'a', name: 'http', kind: 'Pod', containerPorts: [{ port: 8080, protocol: Protocol.TCP, name: 'http' }] })!,
    cluster.addWorkload({ namespace: 'a', name: 'http-80', kind: 'Pod', containerPorts: [{ port: 80, protocol: Protocol.TCP, name: 'http' }] })!,
    cluster.addWorkload({ namespace: 'a', name: 'udp', kind: 'Pod', containerPorts: [{ port: 8080, protocol: Protocol.UDP, name: 'http' }] })!,
  ];
  const ports = [
    Port.allTraffic(), Port.allTcp(), Port.allOf(Protocol.UDP), Port.tcp(80), Port.tcp(8080), Port.tcpRange(79, 81), Port.tcpRange(1, 65535),
    Port.udp(80), Port.named('http'), Port.named('http', Protocol.UDP), Port.named('metrics'),
  ];
  for (const general of ports) {
    for (const specific of ports) {
      const impliedEverywhere = destinations.every((d) => portEntrySet(specific, d).isSubsetOf(portEntrySet(general, d)));
      // Conservative: never claims what some destination contradicts.
      const pair = `${general.toString()} covers ${specific.toString()}`;
      if (portCovers(general, specific)) expect([pair, impliedEverywhere]).toEqual([pair, true]);
    }
  }
  expect(portCovers(Port.tcpRange(1, 65535), Port.named('http'))).toBe(true);
  expect(portCovers(Port.tcp(8080), Port.named('http'))).toBe(false);
});
