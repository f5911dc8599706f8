import { deployment, lintYaml, ofRule, policy } from './lint-helpers';
import { LintRules, Severity } from '../../src/lint';
import { LabelSelector, Port } from '../../src/model';

const DNS_RULE = `
  - to:
    - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
      podSelector: { matchLabels: { k8s-app: kube-dns } }
    ports: [ { protocol: UDP, port: 53 }, { protocol: TCP, port: 53 } ]`;

/** An AdminNetworkPolicy for every namespace with these rules. */
function anp(name: string, priority: number, rules: string): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: { name: ${name} }\nspec:\n  priority: ${priority}\n  subject: { namespaces: {} }\n${rules}\n---\n`;
}

/** A ClusterNetworkPolicy (v1alpha2, Admin tier) that denies every pod the cloud metadata endpoint. */
const CNP_DENY_METADATA = 'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: { name: no-metadata }\nspec:\n  tier: Admin\n  priority: 10\n  subject: { namespaces: {} }\n  egress:\n  - action: Deny\n    to: [ { networks: [ 169.254.169.254/32 ] } ]\n---\n';

interface Case {
  readonly rule: string;
  readonly cni?: string;
  readonly fires: string;
  readonly quiet: string;
  /** A plugin for the quiet twin, when the fix is the plugin rather than the manifest. */
  readonly quietCni?: string;
  readonly message?: RegExp;
  readonly field?: string;
  readonly options?: any;
  /** The key on the finding's line, when the field itself is absent (a missing field points at its parent). */
  readonly lineKey?: string;
}

const WEB = deployment('web', '{ app: web }', '[ { name: http, containerPort: 8080 } ]');

const CASES: Case[] = [
  {
    rule: 'cni-no-enforcement',
    cni: 'flannel',
    quietCni: 'k3s',
    fires: policy('deny', '  podSelector: {}\n  policyTypes: [Ingress]'),
    quiet: policy('deny', '  podSelector: {}\n  policyTypes: [Ingress]'),
    message: /Flannel \(no policy controller\) enforces no NetworkPolicy/,
  },
  {
    rule: 'cni-named-port',
    cni: 'weave',
    fires: WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: TCP, port: http } ]'),
    quiet: WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: TCP, port: 8080 } ]'),
    message: /drop this whole policy.*fail-open.*write port: 8080/,
    field: 'spec.ingress[0].ports[0].port',
  },
  {
    rule: 'cni-named-port',
    cni: 'ovn-kubernetes',
    fires: WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: TCP, port: http } ]'),
    quiet: WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: TCP, port: 8080 } ]'),
    message: /OVN-Kubernetes the named port 'http' \(TCP\) is not enforced/,
  },
  {
    rule: 'cni-endport',
    cni: 'azure-npm',
    fires: policy('range', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports: [ { protocol: TCP, port: 11000, endPort: 11002 } ]'),
    quiet: policy('range', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports: [ { protocol: TCP, port: 11000 }, { protocol: TCP, port: 11001 }, { protocol: TCP, port: 11002 } ]'),
    message: /Only TCP 11000 is allowed, not 11001-11002/,
    field: 'spec.egress[0].ports[0].endPort',
    options: { disabledRules: ['dns-blocked'] },
  },
  {
    rule: 'cni-sctp',
    cni: 'calico-ebpf',
    quietCni: 'calico',
    fires: policy('diameter', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: SCTP, port: 3868 } ]'),
    quiet: policy('diameter', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: SCTP, port: 3868 } ]'),
    message: /eBPF dataplane\) the SCTP port \(SCTP 3868\) is not enforced/,
  },
  {
    rule: 'cni-ipblock-pod-ip',
    cni: 'cilium',
    fires: policy('out', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 0.0.0.0/0 } } ]${DNS_RULE}`),
    quiet: policy('out', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 0.0.0.0/0, except: [ 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 ] } } ]${DNS_RULE}`),
    message: /covers the private range .* 10\.0\.0\.0\/8, but on Cilium an ipBlock never matches pods/,
    field: 'spec.egress[0].to[0].ipBlock',
  },
  {
    rule: 'cni-standalone-pod',
    cni: 'aws-vpc-cni',
    fires: 'apiVersion: v1\nkind: Pod\nmetadata: { name: debug, namespace: shop, labels: { app: web } }\nspec: { containers: [ { name: c, image: x } ] }\n---\n'
      + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]'),
    quiet: 'apiVersion: v1\nkind: Pod\nmetadata: { name: debug, namespace: shop, labels: { app: web }, ownerReferences: [ { apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: "1" } ] }\nspec: { containers: [ { name: c, image: x } ] }\n---\n'
      + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]'),
    message: /only to pods with metadata\.ownerReferences/,
    field: 'metadata.ownerReferences',
    lineKey: 'metadata',
  },
  {
    rule: 'cni-port-limit',
    cni: 'aws-vpc-cni',
    fires: policy('many', `  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [ { podSelector: { matchLabels: { app: web } } } ]\n    ports: [ ${Array.from({ length: 25 }, (_, i) => `{ protocol: TCP, port: ${8000 + i} }`).join(', ')} ]`),
    quiet: policy('many', `  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [ { podSelector: { matchLabels: { app: web } } } ]\n    ports: [ ${Array.from({ length: 24 }, (_, i) => `{ protocol: TCP, port: ${8000 + i} }`).join(', ')} ]`),
    message: /25 unique port\/protocol combinations .* at most 24 per peer/,
  },
  {
    rule: 'cni-host-network',
    cni: 'k3s',
    fires: deployment('agent', '{ app: agent }', '', 'shop', '\n      hostNetwork: true') + policy('agent', '  podSelector: { matchLabels: { app: agent } }\n  policyTypes: [Ingress]'),
    quiet: deployment('agent', '{ app: agent }', '', 'shop') + policy('agent', '  podSelector: { matchLabels: { app: agent } }\n  policyTypes: [Ingress]'),
    message: /Deployment shop\/agent, which uses hostNetwork/,
  },
  {
    rule: 'cni-admin-policy',
    cni: 'k3s',
    quietCni: 'ovn-kubernetes',
    fires: anp('no-metadata', 10, '  egress:\n  - action: Deny\n    to: [ { networks: [ 169.254.169.254/32 ] } ]'),
    quiet: anp('no-metadata', 10, '  egress:\n  - action: Deny\n    to: [ { networks: [ 169.254.169.254/32 ] } ]'),
    message: /^AdminNetworkPolicy\/no-metadata is not enforced on K3s \(Flannel \+ embedded kube-router policy controller\): kube-router's policy controller reads NetworkPolicies, pods and namespaces only.*what it denies stays allowed.*more open than the analysis/,
    field: 'kind',
  },
  {
    rule: 'cni-admin-policy',
    cni: 'calico',
    fires: CNP_DENY_METADATA,
    quiet: policy('no-metadata', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 0.0.0.0/0, except: [ 169.254.169.254/32 ] } } ]'),
    message: /^ClusterNetworkPolicy\/no-metadata is not enforced on Calico 3.27 \(iptables dataplane\): .*Calico enforces it from 3.32/,
    field: 'kind',
  },
  {
    rule: 'cni-dialect',
    cni: 'k3s',
    quietCni: 'calico',
    fires: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: shop }\nspec: { selector: all(), types: [Ingress] }\n---\n',
    quiet: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: shop }\nspec: { selector: all(), types: [Ingress] }\n---\n',
    message: /^NetworkPolicy\/shop\/deny is not enforced on K3s .*does not read Calico's policies.*what it denies stays allowed/,
    field: 'apiVersion',
  },
  {
    rule: 'cilium-fqdn-dns',
    fires: 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: pay, namespace: shop }\nspec:\n  endpointSelector: { matchLabels: { app: pay } }\n  egress:\n  - toFQDNs: [ { matchName: api.stripe.com } ]\n    toPorts: [ { ports: [ { port: "443", protocol: TCP } ] } ]\n---\n',
    quiet: 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: pay, namespace: shop }\nspec:\n  endpointSelector: { matchLabels: { app: pay } }\n  egress:\n  - toFQDNs: [ { matchName: api.stripe.com } ]\n    toPorts: [ { ports: [ { port: "443", protocol: TCP } ] } ]\n  - toEndpoints: [ { matchLabels: { k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns } } ]\n    toPorts: [ { ports: [ { port: "53", protocol: ANY } ], rules: { dns: [ { matchPattern: "*" } ] } } ]\n---\n',
    message: /^spec.egress\[0\].toFQDNs allows api.stripe.com by name, but no egress rule of this policy sends DNS through Cilium's proxy/,
    field: 'spec.egress[0].toFQDNs',
  },
  {
    rule: 'dns-blocked',
    fires: policy('egress', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { podSelector: { matchLabels: { app: db } } } ]\n    ports: [ { protocol: TCP, port: 5432 } ]'),
    quiet: policy('egress', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { podSelector: { matchLabels: { app: db } } } ]\n    ports: [ { protocol: TCP, port: 5432 } ]${DNS_RULE}`),
    message: /no policy that selects them allows DNS \(UDP 53\)/,
    field: 'spec.policyTypes',
  },
  {
    rule: 'dns-blocked',
    fires: policy('egress', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } } ]\n    ports: [ { protocol: UDP, port: 53 } ]'),
    quiet: policy('egress', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:${DNS_RULE}`),
    message: /allowed over UDP 53 but not TCP 53/,
  },
  {
    rule: 'or-peer',
    fires: policy('api', '  podSelector: { matchLabels: { app: api } }\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - namespaceSelector: { matchLabels: { team: web } }\n    - podSelector: { matchLabels: { app: web } }'),
    quiet: policy('api', '  podSelector: { matchLabels: { app: api } }\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - namespaceSelector: { matchLabels: { team: web } }\n      podSelector: { matchLabels: { app: web } }'),
    message: /OR the pods \{app=web\} of the policy's own namespace/,
    field: 'spec.ingress[0].from',
  },
  {
    rule: 'selects-nothing',
    fires: deployment('web', '{ app: Web }') + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]'),
    quiet: deployment('web', '{ app: web }') + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]'),
    message: /matches no pod or workload of the input in namespace shop.*web \{app=Web\}/,
    field: 'spec.podSelector',
  },
  {
    rule: 'unused-named-port',
    fires: WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: TCP, port: metrics } ]'),
    quiet: WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: TCP, port: http } ]'),
    message: /'metrics' \(TCP\) is declared by none of the pods this policy selects \(web\).*declared names: http\/TCP/,
  },
  {
    rule: 'redundant-rule',
    fires: policy('db', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [ { podSelector: { matchLabels: { app: api } } } ]\n    ports: [ { protocol: TCP, port: 5432 } ]\n  - from: [ { podSelector: {} } ]\n    ports: [ { protocol: TCP, port: 5432 }, { protocol: TCP, port: 5433 } ]'),
    quiet: policy('db', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [ { podSelector: {} } ]\n    ports: [ { protocol: TCP, port: 5432 }, { protocol: TCP, port: 5433 } ]'),
    message: /spec\.ingress\[0\] is implied by spec\.ingress\[1\]/,
    field: 'spec.ingress[0]',
    lineKey: 'from: [ { podSelector: { matchLabels: { app: api',
  },
  {
    // An exception in the covering block that removes part of the other rule's CIDR: not redundant.
    rule: 'redundant-rule',
    fires: policy('egress', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 10.1.0.0/24 } } ]\n  - to: [ { ipBlock: { cidr: 10.0.0.0/8, except: [ 10.2.0.0/16 ] } } ]'),
    quiet: policy('egress', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 10.1.0.0/24 } } ]\n  - to: [ { ipBlock: { cidr: 10.0.0.0/8, except: [ 10.1.0.0/16 ] } } ]'),
    message: /spec\.egress\[0\] is implied by spec\.egress\[1\]/,
    field: 'spec.egress[0]',
    lineKey: 'to: [ { ipBlock: { cidr: 10.1.0.0/24',
    options: { disabledRules: ['dns-blocked'] },
  },
  {
    rule: 'implicit-egress',
    fires: policy('api-egress', `  podSelector: { matchLabels: { app: api } }\n  policyTypes: [Egress]\n  egress:${DNS_RULE}`) + policy('web', '  podSelector: { matchLabels: { app: web } }\n  egress: []'),
    quiet: policy('api-egress', `  podSelector: { matchLabels: { app: api } }\n  policyTypes: [Egress]\n  egress:${DNS_RULE}`) + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  egress: []'),
    message: /has `egress: \[\]` but no policyTypes.*\(api-egress\)/,
    field: 'spec.egress',
  },
  {
    rule: 'exposed-workload',
    fires: WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - from: [ { namespaceSelector: {} } ]\n    ports: [ { protocol: TCP, port: 8080 } ]'),
    quiet: WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - from: [ { namespaceSelector: { matchLabels: { team: shop } } } ]\n    ports: [ { protocol: TCP, port: 8080 } ]'),
    message: /Deployment shop\/web can be reached on TCP 8080 from every pod of every namespace, present or future, by shop\/web spec.ingress\[0\].from\[0\]/,
  },
  {
    rule: 'duplicate-name',
    // Two files of the kubernetes-network-policy-recipes both define default/foo-deny-egress: only the later one takes effect.
    fires: policy('foo-deny-egress', `  podSelector: { matchLabels: { app: foo } }\n  policyTypes: [Egress]\n  egress:${DNS_RULE}`)
      + policy('foo-deny-egress', '  podSelector: { matchLabels: { app: foo } }\n  policyTypes: [Egress]'),
    quiet: policy('foo-deny-egress', `  podSelector: { matchLabels: { app: foo } }\n  policyTypes: [Egress]\n  egress:${DNS_RULE}`)
      + policy('foo-deny-egress-2', '  podSelector: { matchLabels: { app: foo } }\n  policyTypes: [Egress]'),
    message: /NetworkPolicy shop\/foo-deny-egress is defined again at test.yaml:\d+: kubectl apply keeps the later one/,
  },
  {
    rule: 'other-api',
    fires: 'apiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata: { name: deny, namespace: shop }\nspec: { selector: all(), types: [Ingress] }\n---\n',
    quiet: policy('deny', '  podSelector: {}\n  policyTypes: [Ingress]'),
    message: /a policy of the projectcalico.org API \(projectcalico.org\/v3\), which cdk8s-netpol does not read/,
  },
  {
    rule: 'admin-priority-tie',
    fires: anp('a', 10, '  egress:\n  - action: Deny\n    to: [ { namespaces: { matchLabels: { team: x } } } ]') + anp('b', 10, '  egress:\n  - action: Deny\n    to: [ { namespaces: {} } ]'),
    quiet: anp('a', 10, '  egress:\n  - action: Deny\n    to: [ { namespaces: { matchLabels: { team: x } } } ]') + anp('b', 11, '  egress:\n  - action: Deny\n    to: [ { namespaces: {} } ]'),
    message: /AdminNetworkPolicy\/a has priority 10 in the Admin tier, as AdminNetworkPolicy\/b: .* undefined/,
    field: 'spec.priority',
  },
  {
    rule: 'admin-networks-pods',
    fires: anp('no-internet', 10, '  egress:\n  - action: Deny\n    to:\n    - networks: [ 0.0.0.0/0 ]'),
    quiet: anp('no-internet', 10, '  egress:\n  - action: Pass\n    to: [ { namespaces: {} } ]\n  - action: Deny\n    to:\n    - networks: [ 0.0.0.0/0 ]\n    - namespaces: {}'),
    message: /networks 0.0.0.0\/0 matches every pod's IP as well/,
    field: 'spec.egress[0].to[0].networks',
  },
  {
    rule: 'admin-pass-baseline',
    fires: 'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: { name: base }\nspec:\n  tier: Baseline\n  priority: 5\n  subject: { namespaces: {} }\n  ingress:\n  - action: Pass\n    from: [ { namespaces: {} } ]\n---\n',
    quiet: 'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: { name: base }\nspec:\n  tier: Baseline\n  priority: 5\n  subject: { namespaces: {} }\n  ingress:\n  - action: Accept\n    from: [ { namespaces: {} } ]\n---\n',
    message: /Pass in the Baseline tier hands the traffic to nothing/,
    field: 'spec.ingress[0].action',
  },
  {
    rule: 'admin-allow-final',
    fires: anp('mon', 10, '  ingress:\n  - action: Allow\n    from: [ { namespaces: { matchLabels: { team: monitoring } } } ]'),
    quiet: anp('mon', 10, '  ingress:\n  - action: Pass\n    from: [ { namespaces: { matchLabels: { team: monitoring } } } ]'),
    message: /no NetworkPolicy of the selected namespaces can narrow what it allows/,
    field: 'spec.ingress[0].action',
  },
  {
    rule: 'invalid',
    fires: policy('bad', '  podSelector: {}\n  ingress:\n  - ports: [ { protocol: HTTP, port: 80 } ]'),
    quiet: policy('bad', '  podSelector: {}\n  ingress:\n  - ports: [ { protocol: TCP, port: 80 } ]'),
    field: 'spec.ingress[0].ports[0].protocol',
  },
];

describe.each(CASES.map((c) => [`${c.rule}${c.cni ? ` (${c.cni})` : ''}`, c] as const))('%s', (_name, c) => {
  test('fires on the minimal manifest, with its severity, field and line', () => {
    const findings = ofRule(lintYaml(c.fires, c.cni, c.options), c.rule);
    expect(findings.length).toBeGreaterThanOrEqual(1);
    const [f] = findings;
    if (c.message) expect(f.message).toMatch(c.message);
    if (c.field) expect(f.field).toBe(c.field);
    expect(f.file).toBe('test.yaml');
    expect(f.line).toBeGreaterThanOrEqual(1);
    if (c.field) {
      // The line is the line of the field's last key in the YAML.
      const last = c.lineKey ?? c.field.split('.').pop()!.replace(/\[\d+\]$/, '');
      expect(c.fires.split('\n')[f.line! - 1]).toContain(last);
    }
  });

  test('stays quiet on its corrected twin', () => {
    expect(ofRule(lintYaml(c.quiet, c.quietCni ?? c.cni, c.options), c.rule)).toEqual([]);
  });
});

test('every rule has a case', () => {
  const covered = new Set(CASES.map((c) => c.rule));
  expect(LintRules.all().map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
});

test('support that is unknown gives warnings, not errors', () => {
  const yaml = policy('range', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: TCP, port: 8000, endPort: 8080 } ]');
  const [f] = ofRule(lintYaml(yaml, 'cilium'), 'cni-endport');
  expect(f.severity).toBe(Severity.WARNING);
  expect(f.message).toMatch(/support for the port range TCP 8000-8080 \(endPort\) is unknown: depends on the version/);
  expect(ofRule(lintYaml(yaml, 'azure-npm'), 'cni-endport')[0].severity).toBe(Severity.ERROR);
  expect(ofRule(lintYaml(yaml, 'calico'), 'cni-endport')).toEqual([]);
});

test('cni-* checks need a profile; the others run without one', () => {
  const yaml = policy('x', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: SCTP, port: 1 }, { protocol: TCP, port: http } ]');
  expect(lintYaml(yaml).filter((f) => f.rule.startsWith('cni-'))).toEqual([]);
});

test('cni-ipblock-pod-ip uses --pod-cidr, then pod IPs of the input, before the private ranges', () => {
  const onPrem = policy('db', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 10.200.0.0/16 } } ]${DNS_RULE}`);
  expect(ofRule(lintYaml(onPrem, 'cilium'), 'cni-ipblock-pod-ip')).toHaveLength(1);
  expect(ofRule(lintYaml(onPrem, 'cilium', { podCidrs: ['10.42.0.0/16'] }), 'cni-ipblock-pod-ip')).toEqual([]);
  expect(ofRule(lintYaml(onPrem, 'cilium', { podCidrs: ['10.200.0.0/16'] }), 'cni-ipblock-pod-ip')[0].message).toContain('the pod CIDR 10.200.0.0/16');
  const dump = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec: { containers: [] }\nstatus: { podIP: 10.42.3.4 }\n---\n';
  expect(ofRule(lintYaml(dump + onPrem, 'cilium'), 'cni-ipblock-pod-ip')).toEqual([]);
  // Calico matches pods by IP: nothing to say.
  expect(ofRule(lintYaml(onPrem, 'calico'), 'cni-ipblock-pod-ip')).toEqual([]);
});

test('selects-nothing names the namespace where the labels do match', () => {
  const yaml = deployment('web', '{ app: web }', '', 'frontend') + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]');
  expect(ofRule(lintYaml(yaml), 'selects-nothing')[0].message).toContain('Deployment frontend/web matches, but a policy selects pods of its own namespace only: set metadata.namespace to frontend');
  // Without any workload in the input there is nothing to compare with.
  expect(ofRule(lintYaml(policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]')), 'selects-nothing')).toEqual([]);
});

test('unused-named-port: a protocol mismatch is named, and ipBlock destinations never resolve names', () => {
  const udp = WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: UDP, port: http } ]');
  expect(ofRule(lintYaml(udp), 'unused-named-port')[0].message).toContain("'http' is declared as TCP, not UDP");
  const ip = policy('out', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 192.0.2.0/24 } } ]\n    ports: [ { protocol: TCP, port: https } ]${DNS_RULE}`);
  expect(ofRule(lintYaml(ip), 'unused-named-port')[0].message).toContain('ipBlock destinations only');
});

test('dns-blocked: a DNS policy of the namespace counts for the pods it selects', () => {
  const allowDns = policy('allow-dns', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:${DNS_RULE}`);
  const db = policy('db', '  podSelector: { matchLabels: { app: db } }\n  policyTypes: [Egress]');
  expect(ofRule(lintYaml(db), 'dns-blocked')).toHaveLength(1);
  expect(ofRule(lintYaml(db + allowDns), 'dns-blocked')).toEqual([]);
  // On Cilium an ipBlock never reaches the CoreDNS pods; on Calico it may.
  const viaIp = policy('db', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [ { ipBlock: { cidr: 0.0.0.0/0 } } ]\n    ports: [ { protocol: UDP, port: 53 }, { protocol: TCP, port: 53 } ]');
  expect(ofRule(lintYaml(viaIp, 'calico'), 'dns-blocked')).toEqual([]);
  expect(ofRule(lintYaml(viaIp, 'cilium'), 'dns-blocked')).toHaveLength(1);
});

describe('dns-blocked with a cluster DNS that is not CoreDNS on 53 (OpenShift: openshift-dns on 5353)', () => {
  const OPENSHIFT_DNS = { namespace: 'openshift-dns', selector: LabelSelector.labels({ 'dns.operator.openshift.io/daemonset-dns': 'default' }), ports: [Port.udp(5353), Port.tcp(5353)] };
  const to5353 = (ports: string) => policy('web', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: openshift-dns } }\n      podSelector: { matchLabels: { dns.operator.openshift.io/daemonset-dns: default } }\n    ports: ${ports}`);
  const both = to5353('[ { protocol: UDP, port: 5353 }, { protocol: TCP, port: 5353 } ]');

  test('the default (CoreDNS, 53) calls the OpenShift allowance blocked; the dns option accepts it', () => {
    expect(ofRule(lintYaml(both), 'dns-blocked')).toHaveLength(1);
    expect(ofRule(lintYaml(both, undefined, { dns: OPENSHIFT_DNS }), 'dns-blocked')).toEqual([]);
  });

  test('the DNS ports are checked one by one: UDP alone is told to add TCP 5353; 53 is not 5353', () => {
    const udpOnly = ofRule(lintYaml(to5353('[ { protocol: UDP, port: 5353 } ]'), undefined, { dns: OPENSHIFT_DNS }), 'dns-blocked');
    expect(udpOnly).toHaveLength(1);
    expect(udpOnly[0].message).toContain('DNS is allowed over UDP 5353 but not TCP 5353');
    expect(udpOnly[0].message).toContain('dns.operator.openshift.io/daemonset-dns=default');
    const on53 = ofRule(lintYaml(to5353('[ { protocol: UDP, port: 53 }, { protocol: TCP, port: 53 } ]'), undefined, { dns: OPENSHIFT_DNS }), 'dns-blocked');
    expect(on53[0].message).toMatch(/allows DNS \(UDP 5353\) to the DNS pods .*in namespace openshift-dns.* on UDP 5353 and TCP 5353/);
  });

  test('a named DNS port resolves against the DNS pods of the input', () => {
    const dnsPods = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: { name: dns-default, namespace: openshift-dns }\nspec:\n  selector: { matchLabels: { dns.operator.openshift.io/daemonset-dns: default } }\n  template:\n    metadata: { labels: { dns.operator.openshift.io/daemonset-dns: default } }\n    spec: { containers: [ { name: dns, image: dns, ports: [ { name: dns, containerPort: 5353, protocol: UDP }, { name: dns-tcp, containerPort: 5353, protocol: TCP } ] } ] }\n---\n';
    const byName = to5353('[ { protocol: UDP, port: dns }, { protocol: TCP, port: dns-tcp } ]');
    expect(ofRule(lintYaml(dnsPods + byName, undefined, { dns: OPENSHIFT_DNS }), 'dns-blocked')).toEqual([]);
    expect(ofRule(lintYaml(dnsPods + to5353('[ { protocol: UDP, port: dns } ]'), undefined, { dns: OPENSHIFT_DNS }), 'dns-blocked')).toHaveLength(1);
  });

  test('an empty selector or port list is refused, never read as every pod or no port', () => {
    expect(() => lintYaml(both, undefined, { dns: { selector: LabelSelector.all() } })).toThrow(/dns\.selector is empty/);
    expect(() => lintYaml(both, undefined, { dns: { ports: [] } })).toThrow(/dns\.ports is empty/);
  });
});

test('implicit-egress stays quiet when no other policy isolates egress, or when another one isolates these pods', () => {
  expect(ofRule(lintYaml(policy('web', '  podSelector: {}\n  egress: []')), 'implicit-egress')).toEqual([]);
  const denyAll = policy('deny-all', `  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  egress:${DNS_RULE}`);
  expect(ofRule(lintYaml(denyAll + policy('web', '  podSelector: { matchLabels: { app: web } }\n  egress: []')), 'implicit-egress')).toEqual([]);
  const webOnly = policy('web-egress', `  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Egress]\n  egress:${DNS_RULE}`);
  const dbYaml = deployment('web', '{ app: web }') + deployment('db', '{ app: db }') + webOnly + policy('db', '  podSelector: { matchLabels: { app: db } }\n  ingress: []');
  expect(ofRule(lintYaml(dbYaml), 'implicit-egress')[0].message).toContain('has no policyTypes and no egress rules');
});

test('dns-blocked and implicit-egress look at the policies of the same namespace only, over TCP and UDP apart', () => {
  // A DNS allowance of another namespace does not count; one in the same namespace does, for each protocol.
  const db = policy('db', '  podSelector: { matchLabels: { app: db } }\n  policyTypes: [Egress]');
  const elsewhere = policy('allow-dns', `  podSelector: {}\n  policyTypes: [Egress]\n  egress:${DNS_RULE}`, 'other');
  expect(ofRule(lintYaml(db + elsewhere), 'dns-blocked').map((f) => f.name)).toEqual(['db']);
  const udpOnly = policy('allow-udp', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports: [ { protocol: UDP, port: 53 } ]');
  const findings = ofRule(lintYaml(db + udpOnly), 'dns-blocked');
  expect(findings.map((f) => f.name).sort()).toEqual(['allow-udp', 'db']);
  expect(findings[0].message).toContain('not TCP 53');
  // An egress-isolating policy of another namespace does not make a policy of this one implicit-egress.
  const web = policy('web', '  podSelector: { matchLabels: { app: web } }\n  ingress: []');
  const isolatingElsewhere = policy('deny-all', `  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  egress:${DNS_RULE}`, 'other');
  expect(ofRule(lintYaml(web + isolatingElsewhere), 'implicit-egress')).toEqual([]);
  const isolatingHere = policy('db-egress', `  podSelector: { matchLabels: { app: db } }\n  policyTypes: [Egress]\n  egress:${DNS_RULE}`);
  expect(ofRule(lintYaml(web + isolatingElsewhere + isolatingHere), 'implicit-egress')[0].message).toContain('isolate egress (db-egress)');
});

test('disabled rules are skipped; an unknown id is refused', () => {
  const yaml = policy('egress', '  podSelector: {}\n  policyTypes: [Egress]');
  expect(ofRule(lintYaml(yaml, undefined, { disabledRules: ['dns-blocked'] }), 'dns-blocked')).toEqual([]);
  expect(() => lintYaml(yaml, undefined, { disabledRules: ['nope'] })).toThrow(/unknown lint rule "nope"/);
});

test('a finding never repeats its field in its message, and never says undefined', () => {
  const bad = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec: { containers: [ { name: c, image: c, ports: [ { containerPort: "x" } ] } ] }\n---\n'
    + 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d, namespace: shop }\nspec: {}\n---\n'
    + policy('p', '  podSelector: {}\n  policyTypes: [Ingress]\n  bogus: 1');
  const findings = ofRule(lintYaml(bad), 'invalid');
  expect(findings.length).toBe(3);
  for (const f of findings) {
    expect(f.field).toBeDefined();
    expect(f.message.startsWith(`${f.field}:`)).toBe(false);
    expect(f.message).not.toMatch(/undefined|unknown field; /);
  }
});

test('exposed-workload: a rule without from exposes to outside too; a podSelector that is not empty does not expose', () => {
  const open = WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [ { protocol: TCP, port: 8080 } ]');
  const [f] = ofRule(lintYaml(open), 'exposed-workload');
  expect(f.severity).toBe(Severity.INFO);
  expect(f.message).toContain('shop/web spec.ingress[0] (no from: also every address outside the cluster)');
  const someApps = WEB + policy('web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n  ingress:\n  - from: [ { namespaceSelector: {}, podSelector: { matchLabels: { app: api } } } ]');
  expect(ofRule(lintYaml(someApps), 'exposed-workload')).toEqual([]);
  // No policy isolates web: analyze --exposure lists it, lint stays quiet.
  expect(ofRule(lintYaml(WEB + policy('db', '  podSelector: { matchLabels: { app: db } }\n  policyTypes: [Ingress]')), 'exposed-workload')).toEqual([]);
});

describe('cni-admin-policy: which plugin enforces which cluster-wide API', () => {
  const ANP = anp('no-metadata', 10, '  egress:\n  - action: Deny\n    to: [ { networks: [ 169.254.169.254/32 ] } ]');
  const BANP = 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: { name: default }\nspec:\n  subject: { namespaces: {} }\n  ingress:\n  - action: Deny\n    from: [ { namespaces: {} } ]\n---\n';
  const kinds = (yaml: string, cni?: string) => ofRule(lintYaml(yaml, cni), 'cni-admin-policy').map((f) => [f.kind, f.name, f.severity]);

  test('on the article\'s plugins (K3s v1.29, Calico 3.27) every cluster-wide policy is an error', () => {
    for (const cni of ['k3s', 'calico', 'calico-ebpf']) {
      expect(kinds(ANP + BANP + CNP_DENY_METADATA, cni)).toEqual([
        ['AdminNetworkPolicy', 'no-metadata', Severity.ERROR],
        ['BaselineAdminNetworkPolicy', 'default', Severity.ERROR],
        ['ClusterNetworkPolicy', 'no-metadata', Severity.ERROR],
      ]);
    }
  });

  test('Flannel, which enforces nothing, ignores them too (cni-no-enforcement covers only NetworkPolicies)', () => {
    expect(kinds(ANP, 'flannel')).toEqual([['AdminNetworkPolicy', 'no-metadata', Severity.ERROR]]);
  });

  test('OVN-Kubernetes enforces AdminNetworkPolicy and BaselineAdminNetworkPolicy; its ClusterNetworkPolicy support is unknown (warning)', () => {
    expect(kinds(ANP + BANP + CNP_DENY_METADATA, 'ovn-kubernetes')).toEqual([['ClusterNetworkPolicy', 'no-metadata', Severity.WARNING]]);
  });

  test('Antrea implements them behind feature gates: warnings that say which gate', () => {
    const [f] = ofRule(lintYaml(ANP, 'antrea'), 'cni-admin-policy');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toMatch(/^on Antrea support for AdminNetworkPolicy is unknown: implemented since Antrea v1.13 .*AdminNetworkPolicy feature gate/);
    expect(f.message).toMatch(/If the plugin does not enforce it, AdminNetworkPolicy\/no-metadata is ignored/);
  });

  test('the finding points at the kind line of its object', () => {
    const yaml = policy('deny', '  podSelector: {}\n  policyTypes: [Ingress]') + CNP_DENY_METADATA;
    const [f] = ofRule(lintYaml(yaml, 'k3s'), 'cni-admin-policy');
    expect(yaml.split('\n')[f.line! - 1]).toBe('kind: ClusterNetworkPolicy');
  });

  test('without --cni, or with the rule disabled, it is quiet', () => {
    expect(kinds(ANP)).toEqual([]);
    expect(ofRule(lintYaml(ANP, 'k3s', { disabledRules: ['cni-admin-policy'] }), 'cni-admin-policy')).toEqual([]);
  });
});
