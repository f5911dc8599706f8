import { readFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { resolveCiliumOptions } from '../../src/dialects/cilium/cilium-options';
import { ciliumFqdnRules, emitCiliumClusterwideNetworkPolicy, emitCiliumNetworkPolicy, KUBE_DNS } from '../../src/dialects/cilium/emit-cilium';
import { validateCiliumManifest } from '../../src/dialects/cilium/validate-cilium';
import { DomainName } from '../../src/model/domain-name';
import { LabelSelector, SelectorOperator } from '../../src/model/label-selector';
import { NetworkPolicyModel } from '../../src/model/network-policy-model';
import { Peer } from '../../src/model/peer';
import { PolicyRule } from '../../src/model/policy-rule';
import { PolicyType } from '../../src/model/policy-type';
import { Port } from '../../src/model/port';

/** The CRD's openAPIV3Schema, with unknown fields refused (kubectl apply validates fields strictly). */
function crdValidator(kind: string, version: string): (doc: unknown) => string[] {
  const file = path.join(__dirname, '..', 'fixtures', 'cilium', `${kind}-v${version}.yaml.gz`);
  const crd = parse(gunzipSync(readFileSync(file)).toString('utf8'));
  const schema = crd.spec.versions.find((v: any) => v.name === 'v2').schema.openAPIV3Schema;
  // oneOf/anyOf branches of a structural schema only constrain (required fields); they declare no fields.
  const strict = (s: any, branch = false): any => {
    if (Array.isArray(s)) return s.map((x) => strict(x, branch));
    if (typeof s !== 'object' || s === null) return s;
    const out: any = {};
    for (const [k, v] of Object.entries(s)) {
      if (!k.startsWith('x-kubernetes')) out[k] = strict(v, ['oneOf', 'anyOf', 'allOf', 'not'].includes(k));
    }
    if (!branch && s.type === 'object' && s.properties && s.additionalProperties === undefined && !s['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
    if (s['x-kubernetes-int-or-string']) { delete out.type; out.anyOf = [{ type: 'integer' }, { type: 'string' }]; }
    return out;
  };
  const ajv = new Ajv({ allErrors: true, unknownFormats: 'ignore' } as any);
  const validate = ajv.compile(strict(schema));
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));
}

const cnp115 = crdValidator('ciliumnetworkpolicies', '1.15.6');
const cnp120 = crdValidator('ciliumnetworkpolicies', '1.20.2');
const ccnp115 = crdValidator('ciliumclusterwidenetworkpolicies', '1.15.6');

function model(rules: PolicyRule[], types: PolicyType[], direction = PolicyType.INGRESS): NetworkPolicyModel {
  return new NetworkPolicyModel({
    name: 'api',
    namespace: 'shop',
    podSelector: LabelSelector.labels({ app: 'api' }),
    policyTypes: types,
    ingress: direction === PolicyType.INGRESS ? rules : [],
    egress: direction === PolicyType.EGRESS ? rules : [],
  });
}

describe('CiliumNetworkPolicy emission', () => {
  test('one rule per peer; namespaces with Cilium\'s labels; CIDR sets with except; anywhere is the entity all', () => {
    const out = emitCiliumNetworkPolicy(model([PolicyRule.of([
      Peer.podsWithLabels({ app: 'web' }),
      Peer.namespace('front'),
      Peer.podsIn(LabelSelector.of({ labels: { team: 'a' }, expressions: [{ key: 'env', operator: SelectorOperator.IN, values: ['prod'] }] }), LabelSelector.labels({ app: 'ui' })),
      Peer.anyPodInCluster(),
      Peer.cidr('10.0.0.0/16', { except: ['10.0.1.0/24'] }),
      Peer.anywhere(),
    ], [Port.tcp(80), Port.udp(53), Port.named('http'), Port.allSctp()])], [PolicyType.INGRESS]));
    expect(out.apiVersion).toBe('cilium.io/v2');
    expect(out.kind).toBe('CiliumNetworkPolicy');
    expect(out.spec.endpointSelector).toEqual({ matchLabels: { 'k8s:app': 'api' } });
    // Peer.anywhere() makes the rule's peers just "anywhere".
    expect(out.spec.ingress).toEqual([{
      fromEntities: ['all'],
      toPorts: [
        { ports: [{ port: '80', protocol: 'TCP' }] }, { ports: [{ port: '53', protocol: 'UDP' }] }, { ports: [{ port: 'http', protocol: 'TCP' }] }, { ports: [{ port: '0', protocol: 'SCTP' }] },
      ],
    }]);
    expect(out.spec.egress).toBeUndefined();
    const peers = emitCiliumNetworkPolicy(model([PolicyRule.of([
      Peer.podsWithLabels({ app: 'web' }), Peer.namespace('front'),
      Peer.podsIn(LabelSelector.of({ labels: { team: 'a' }, expressions: [{ key: 'env', operator: SelectorOperator.IN, values: ['prod'] }] }), LabelSelector.labels({ app: 'ui' })),
      Peer.anyPodInCluster(), Peer.cidr('10.0.0.0/16', { except: ['10.0.1.0/24'] }),
    ], [Port.allTraffic()])], [PolicyType.INGRESS, PolicyType.EGRESS]));
    expect(peers.spec.ingress).toEqual([
      { fromEndpoints: [{ matchLabels: { 'k8s:app': 'web' } }] },
      { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'front' } }] },
      // The namespace key is named (Exists), or Cilium would narrow the selector to the policy's namespace.
      {
        fromEndpoints: [{
          matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'a', 'k8s:app': 'ui' },
          matchExpressions: [
            { key: 'k8s:io.cilium.k8s.namespace.labels.env', operator: 'In', values: ['prod'] }, { key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' },
          ],
        }],
      },
      { fromEndpoints: [{ matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] }] },
      { fromCIDRSet: [{ cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] }] },
    ]);
    // Egress isolated with no rule: Cilium's deny-all.
    expect(peers.spec.egress).toEqual([{}]);
    for (const doc of [out, peers]) {
      expect(cnp115(doc)).toEqual([]);
      expect(validateCiliumManifest(doc)).toEqual([]);
    }
  });

  test('rules of a direction the policy does not isolate are left out (Cilium would isolate it)', () => {
    const m = new NetworkPolicyModel({
      name: 'a',
      namespace: 'shop',
      podSelector: LabelSelector.all(),
      policyTypes: [PolicyType.INGRESS],
      egress: [PolicyRule.of([Peer.anywhere()], [Port.tcp(80)])],
    });
    const out = emitCiliumNetworkPolicy(m);
    expect(out.spec.egress).toBeUndefined();
    expect(out.spec.ingress).toEqual([{}]);
  });

  test('port ranges: refused for Cilium 1.15 (no endPort), written from 1.16; enableDefaultDeny likewise', () => {
    const m = model([PolicyRule.of([Peer.anywhere()], [Port.tcpRange(8000, 8080)])], [PolicyType.INGRESS]);
    expect(() => emitCiliumNetworkPolicy(m)).toThrow(/Cilium 1.15 has no endPort.*1.16/);
    const out = emitCiliumNetworkPolicy(m, { version: '1.20' });
    expect(out.spec.ingress[0].toPorts).toEqual([{ ports: [{ port: '8000', protocol: 'TCP', endPort: 8080 }] }]);
    expect(out.spec.enableDefaultDeny).toEqual({ ingress: true, egress: false });
    expect(cnp120(out)).toEqual([]);
    expect(cnp115(out).length).toBeGreaterThan(0); // the 1.15 CRD knows neither field
    expect(validateCiliumManifest(out, { version: '1.20' })).toEqual([]);
    expect(validateCiliumManifest(out).map((e) => e.field).sort()).toEqual(['spec.enableDefaultDeny', 'spec.ingress[0].toPorts[0].ports[0].endPort']);
  });

  test('toFQDNs always comes with the DNS rule: kube-dns on UDP and TCP 53 with rules.dns matchPattern *', () => {
    const options = resolveCiliumOptions();
    const rules = ciliumFqdnRules([DomainName.exact('api.example.com'), DomainName.pattern('*.cdn.example.com')], [Port.tcp(443)], KUBE_DNS, options);
    const out = emitCiliumNetworkPolicy(model([], [PolicyType.EGRESS], PolicyType.EGRESS), {}, { egress: rules });
    expect(out.spec.egress).toEqual([
      {
        toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
        toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }],
      },
      { toFQDNs: [{ matchName: 'api.example.com' }, { matchPattern: '*.cdn.example.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
    ]);
    expect(cnp115(out)).toEqual([]);
    expect(validateCiliumManifest(out)).toEqual([]);
    // Every subdomain: '**.' exists from Cilium 1.20 (as checked); before, the depths must be listed.
    expect(() => ciliumFqdnRules([DomainName.subdomains('example.com')], [Port.tcp(443)], KUBE_DNS, options)).toThrow(/no '\*\*\.' wildcard.*\*\.\*\.example\.com/);
    expect(ciliumFqdnRules([DomainName.subdomains('example.com')], [Port.tcp(443)], KUBE_DNS, resolveCiliumOptions({ version: '1.20' }))[1].toFQDNs).toEqual([{ matchPattern: '**.example.com' }]);
  });

  test('clusterwide: pods of the selected namespaces; same-namespace peers refused', () => {
    const out = emitCiliumClusterwideNetworkPolicy({ name: 'deny', namespaceSelector: LabelSelector.of({ expressions: [{ key: 'kubernetes.io/metadata.name', operator: SelectorOperator.NOT_IN, values: ['kube-system'] }] }), isolateIngress: true, isolateEgress: false });
    expect(out.spec.endpointSelector).toEqual({ matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'NotIn', values: ['kube-system'] }] });
    expect(out.metadata.namespace).toBeUndefined();
    expect(ccnp115(out)).toEqual([]);
    expect(() => emitCiliumClusterwideNetworkPolicy({ name: 'x', isolateIngress: true, isolateEgress: false, ingress: [PolicyRule.of([Peer.podsWithLabels({ a: 'b' })], [Port.tcp(1)])] })).toThrow(/has none: name their namespaces/);
  });
});

describe('Cilium sanitizer rules (v1.15.6), both sides', () => {
  const doc = (egress: any[]) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'a' }, spec: { endpointSelector: {}, egress } });
  const errs = (d: any) => validateCiliumManifest(d).map((e) => `${e.field}: ${e.detail}`);

  test('one kind of peer per rule', () => {
    expect(errs(doc([{ toEndpoints: [{}] }, { toCIDRSet: [{ cidr: '10.0.0.0/8' }] }]))).toEqual([]);
    expect(errs(doc([{ toEndpoints: [{}], toCIDRSet: [{ cidr: '10.0.0.0/8' }] }]))).toEqual([expect.stringMatching(/^spec.egress\[0\]: Combining to(CIDRSet|Endpoints) and to(CIDRSet|Endpoints) is not supported yet/)]);
  });

  test('ports: 0..65535 or a service name; at most 40 per port rule; protocols TCP, UDP, SCTP, ANY', () => {
    const p = (ports: any[]) => doc([{ toEndpoints: [{}], toPorts: [{ ports }] }]);
    expect(errs(p([{ port: '0', protocol: 'TCP' }, { port: '65535', protocol: 'ANY' }, { port: 'http', protocol: 'UDP' }]))).toEqual([]);
    expect(errs(p([{ port: '65536', protocol: 'TCP' }]))).toHaveLength(1);
    expect(errs(p([{ port: '', protocol: 'TCP' }]))).toHaveLength(1);
    expect(errs(p([{ port: '80', protocol: 'ICMP' }]))).toHaveLength(1);
    expect(errs(p(Array.from({ length: 40 }, (_, i) => ({ port: String(i + 1), protocol: 'TCP' }))))).toEqual([]);
    expect(errs(p(Array.from({ length: 41 }, (_, i) => ({ port: String(i + 1), protocol: 'TCP' }))))).toEqual(['spec.egress[0].toPorts[0].ports: too many ports, the max is 40']);
  });

  test('CIDR sets: parsable prefixes (no leading zeros), excepts inside the CIDR', () => {
    const c = (cidr: string, except?: string[]) => doc([{ toCIDRSet: [{ cidr, except }] }]);
    expect(errs(c('10.0.0.0/8', ['10.1.0.0/16']))).toEqual([]);
    expect(errs(c('2001:db8::/32', ['2001:db8:1::/48']))).toEqual([]);
    expect(errs(c('010.0.0.0/8'))).toHaveLength(1);
    expect(errs(c('10.0.0.0/8', ['11.0.0.0/16']))).toEqual(['spec.egress[0].toCIDRSet[0].except[0]: allow CIDR prefix 10.0.0.0/8 does not contain exclude CIDR prefix 11.0.0.0/16']);
  });

  test('FQDN selectors and DNS rules', () => {
    expect(errs(doc([{ toFQDNs: [{ matchName: 'a.example.com' }, { matchPattern: '*.example.com' }] }]))).toEqual([]);
    expect(errs(doc([{ toFQDNs: [{ matchName: 'a*.example.com' }] }]))).toHaveLength(1);
    expect(errs(doc([{ toFQDNs: [{ matchName: 'a.com', matchPattern: '*.com' }] }]))).toHaveLength(1);
    expect(errs(doc([{ toEndpoints: [{}], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] }]))).toEqual([]);
    expect(errs(doc([{ toEndpoints: [{}], toPorts: [{ rules: { dns: [{ matchPattern: '*' }] } }] }]))).toEqual(['spec.egress[0].toPorts[0].ports: Port 53 must be specified for DNS rules']);
    const ingressDns = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'a' }, spec: { endpointSelector: {}, ingress: [{ fromEndpoints: [{}], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] }] } };
    expect(errs(ingressDns)).toEqual(['spec.ingress[0].toPorts[0].rules.dns: DNS rules are not allowed on ingress']);
    expect(errs({ ...doc([]), spec: { egress: [] } })).toEqual(['spec.endpointSelector: rule must have one of EndpointSelector or NodeSelector']);
  });
});
