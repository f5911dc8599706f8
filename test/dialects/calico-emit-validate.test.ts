import { CalicoNamespaceLabel, resolveCalicoOptions } from '../../src/dialects/calico/calico-options';
import { calicoSelector, CalicoSelectorKind, calicoString } from '../../src/dialects/calico/calico-selector';
import { calicoSelectorProblem } from '../../src/dialects/calico/calico-selector-parser';
import { calicoEntityOfDomains, emitCalicoGlobalNetworkSet, emitCalicoNetworkPolicy } from '../../src/dialects/calico/emit-calico';
import { validateCalicoManifest } from '../../src/dialects/calico/validate-calico';
import { DomainName } from '../../src/model/domain-name';
import { LabelSelector, SelectorOperator } from '../../src/model/label-selector';
import { NetworkPolicyModel } from '../../src/model/network-policy-model';
import { Peer } from '../../src/model/peer';
import { PolicyRule } from '../../src/model/policy-rule';
import { PolicyType } from '../../src/model/policy-type';
import { Port } from '../../src/model/port';

function policy(rules: PolicyRule[], direction = PolicyType.INGRESS, name = 'api'): NetworkPolicyModel {
  return new NetworkPolicyModel({
    name,
    namespace: 'shop',
    podSelector: LabelSelector.labels({ app: 'api' }),
    policyTypes: [direction],
    ingress: direction === PolicyType.INGRESS ? rules : [],
    egress: direction === PolicyType.EGRESS ? rules : [],
  });
}

const base = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'shop' } };
function withRule(rule: any): any {
  return { ...base, spec: { selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Allow', ...rule }] } };
}
function fields(manifest: any, options = {}): string[] {
  return validateCalicoManifest(manifest, options).map((e) => `${e.field}: ${e.detail}`);
}

describe('Calico selectors', () => {
  test('written as Calico\'s own conversion writes them: sorted labels, in/not in sets, has/!has, orchestrator term for pods', () => {
    const selector = LabelSelector.of({
      labels: { tier: 'web', app: 'shop' },
      expressions: [
        { key: 'env', operator: SelectorOperator.IN, values: ['a', 'b'] },
        { key: 'zone', operator: SelectorOperator.NOT_IN, values: ['x'] },
        { key: 'team', operator: SelectorOperator.EXISTS },
        { key: 'legacy', operator: SelectorOperator.DOES_NOT_EXIST },
      ],
    });
    expect(calicoSelector(selector, CalicoSelectorKind.PODS)).toBe(
      "projectcalico.org/orchestrator == 'k8s' && app == 'shop' && tier == 'web' && env in { 'a', 'b' } && zone not in { 'x' } && has(team) && !has(legacy)");
    expect(calicoSelector(LabelSelector.all(), CalicoSelectorKind.NAMESPACES)).toBe('all()');
    expect(calicoSelector(LabelSelector.all(), CalicoSelectorKind.PODS)).toBe("projectcalico.org/orchestrator == 'k8s'");
  });

  test('quoting: a value with a single quote goes in double quotes; both quotes cannot be written', () => {
    expect(calicoString("it's")).toBe('"it\'s"');
    expect(calicoSelectorProblem(`a == ${calicoString("it's")}`)).toBeUndefined();
    expect(() => calicoString('a\'b"c')).toThrow(/cannot quote/);
  });

  test('the parser refuses what libcalico-go refuses, and accepts what it accepts', () => {
    for (const ok of ['', 'all()', "a == 'x'", 'a != "x"', 'has(a.b/c)', '!has(a)', "a in { 'x', 'y' }", 'a not in {}', "(a == 'x' || b == 'y') && !c == 'z'", "a contains 'x'", "a starts with 'x'", 'global()']) {
      expect([ok, calicoSelectorProblem(ok)]).toEqual([ok, undefined]);
    }
    for (const bad of ["a = 'x'", 'a == x', "a == 'x", "a in 'x'", "a in { 'x' ", "a == 'x' &&", "a == 'x' & b == 'y'", "(a == 'x'", "a == 'x')", 'has(a b)', "a ~ 'x'"]) {
      expect([bad, calicoSelectorProblem(bad) !== undefined]).toEqual([bad, true]);
    }
  });
});

describe('Calico NetworkPolicy emission', () => {
  test('a v1 rule with UDP and TCP ports becomes one rule per protocol; ranges as "a:b", names kept, numbers as numbers', () => {
    const model = policy([PolicyRule.of([Peer.namespace('kube-system')], [Port.udp(53), Port.tcp(53), Port.tcpRange(8000, 8080), Port.named('http')])]);
    const out = emitCalicoNetworkPolicy(model);
    expect(out.apiVersion).toBe('projectcalico.org/v3');
    expect(out.kind).toBe('NetworkPolicy');
    expect(out.metadata).toEqual({ name: 'api', namespace: 'shop' });
    expect(out.spec.order).toBe(1000);
    expect(out.spec.types).toEqual(['Ingress']);
    expect(out.spec.ingress).toEqual([
      { action: 'Allow', protocol: 'TCP', source: { selector: "projectcalico.org/orchestrator == 'k8s'", namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'" }, destination: { ports: [53, '8000:8080', 'http'] } },
      { action: 'Allow', protocol: 'UDP', source: { selector: "projectcalico.org/orchestrator == 'k8s'", namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'" }, destination: { ports: [53] } },
    ]);
  });

  test('every port of a protocol wins over its single ports; all traffic writes no protocol and no ports', () => {
    const out = emitCalicoNetworkPolicy(policy([PolicyRule.of([Peer.anywhere()], [Port.tcp(80), Port.allTcp()])]));
    expect(out.spec.ingress).toEqual([{ action: 'Allow', protocol: 'TCP' }]);
    const all = emitCalicoNetworkPolicy(policy([PolicyRule.of([Peer.anywhere()], [Port.allTraffic()])]));
    expect(all.spec.ingress).toEqual([{ action: 'Allow' }]);
  });

  test('ipBlock: nets and notNets, masked as Calico parses them; egress puts the peer in the destination', () => {
    const out = emitCalicoNetworkPolicy(policy([PolicyRule.of([Peer.cidr('10.0.0.1/16', { except: ['10.0.1.0/24'] })], [Port.tcp(443)])], PolicyType.EGRESS));
    expect(out.spec.types).toEqual(['Egress']);
    expect(out.spec.egress).toEqual([{ action: 'Allow', protocol: 'TCP', destination: { nets: ['10.0.0.0/16'], notNets: ['10.0.1.0/24'], ports: [443] } }]);
    expect(validateCalicoManifest(out)).toEqual([]);
  });

  test('pods of the same namespace: a selector with no namespaceSelector; namespaces can be named with projectcalico.org/name', () => {
    const out = emitCalicoNetworkPolicy(policy([PolicyRule.of([Peer.podsWithLabels({ app: 'web' }), Peer.podsInNamespace('front', LabelSelector.labels({ app: 'ui' }))], [Port.tcp(80)])]),
      { namespaceLabel: CalicoNamespaceLabel.CALICO });
    expect(out.spec.ingress[0].source).toEqual({ selector: "projectcalico.org/orchestrator == 'k8s' && app == 'web'" });
    expect(out.spec.ingress[1].source).toEqual({ selector: "projectcalico.org/orchestrator == 'k8s' && app == 'ui'", namespaceSelector: "projectcalico.org/name == 'front'" });
  });

  test('what the target cannot do is refused by name: tiers before 3.29 OSS, domains outside Enterprise', () => {
    expect(() => emitCalicoNetworkPolicy(policy([]), { tier: 'security' })).toThrow(/Calico Open Source 3.27 has no tiers.*3.29/);
    const tiered = emitCalicoNetworkPolicy(new NetworkPolicyModel({ name: 'api', namespace: 'shop', podSelector: LabelSelector.all(), policyTypes: [PolicyType.INGRESS] }), { tier: 'security', version: '3.29' });
    expect(tiered.spec.tier).toBe('security');
    expect(tiered.metadata.name).toBe('security.api');
    expect(() => calicoEntityOfDomains([DomainName.exact('api.example.com')], resolveCalicoOptions())).toThrow(/Calico Open Source 3.27 has no 'domains'.*RestrictEgressToCidr/);
    expect(calicoEntityOfDomains([DomainName.subdomains('example.com')], resolveCalicoOptions({ enterprise: true }))).toEqual({ domains: ['*.example.com'] });
    expect(() => calicoEntityOfDomains([DomainName.pattern('*.example.com')], resolveCalicoOptions({ enterprise: true }))).toThrow(/one or more whole labels.*subdomains/);
  });

  test('a GlobalNetworkSet carries the label its peers select, with masked nets', () => {
    const set = emitCalicoGlobalNetworkSet('partners', ['203.0.113.7/24', '198.51.100.0/24']);
    expect(set).toEqual({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { name: 'partners', labels: { 'netpol.cdk8s.io/network-set': 'partners' } }, spec: { nets: ['203.0.113.0/24', '198.51.100.0/24'] } });
    expect(validateCalicoManifest(set)).toEqual([]);
  });
});

describe('Calico validation (libcalico-go v3.27 rules), both sides of each rule', () => {
  test('policy names: DNS labels (no dots) except knp.default.*; GlobalNetworkSet names may have dots', () => {
    expect(fields({ ...withRule({}), metadata: { name: 'web-api', namespace: 'shop' } })).toEqual([]);
    expect(fields({ ...withRule({}), metadata: { name: 'web.api', namespace: 'shop' } })).toEqual([expect.stringMatching(/^metadata.name: name must consist/)]);
    expect(fields({ ...withRule({}), metadata: { name: 'knp.default.web.api', namespace: 'shop' } })).toEqual([]);
    expect(fields({ ...withRule({}), metadata: { name: 'Web', namespace: 'shop' } })).toHaveLength(1);
    expect(fields({ ...withRule({}), metadata: { name: 'a'.repeat(253), namespace: 'shop' } })).toEqual([]);
    expect(fields({ ...withRule({}), metadata: { name: 'a'.repeat(254), namespace: 'shop' } })).toEqual(['metadata.name: name is too long by 1 bytes']);
    expect(fields({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { name: 'a.b' }, spec: { nets: ['10.0.0.1/8'] } })).toEqual([]);
    // No namespace: the kubectl context's, at apply (as for v1).
    expect(fields({ ...withRule({}), metadata: { name: 'p' } })).toEqual([]);
    expect(fields({ ...withRule({}), metadata: { name: 'p', namespace: 'Shop' } })).toEqual([expect.stringMatching(/^metadata.namespace: must be a DNS-1123 label/)]);
  });

  test('ports only with a protocol that has ports; numbers 1..65535; ranges ordered; names valid', () => {
    expect(fields(withRule({ protocol: 'TCP', destination: { ports: [1, 65535, '1:65535', 'http'] } }))).toEqual([]);
    expect(fields(withRule({ destination: { ports: [80] } }))).toEqual(['spec.ingress[0].destination.ports: protocol does not support ports']);
    expect(fields(withRule({ protocol: 'ICMP', destination: { ports: [80] } }))).toHaveLength(1);
    expect(fields(withRule({ protocol: 'UDPLite', destination: { ports: [80] } }))).toHaveLength(1);
    expect(fields(withRule({ protocol: 'TCP', destination: { ports: [0] } }))).toHaveLength(1);
    expect(fields(withRule({ protocol: 'TCP', destination: { ports: [65536] } }))).toHaveLength(1);
    expect(fields(withRule({ protocol: 'TCP', destination: { ports: ['81:80'] } }))).toEqual(['spec.ingress[0].destination.ports[0]: port range invalid']);
    expect(fields(withRule({ protocol: 'TCP', destination: { ports: ['80:80'] } }))).toEqual([]);
    expect(fields(withRule({ protocol: 'TCP', destination: { ports: ['Http_'] } }))).toHaveLength(1);
  });

  test('protocols and actions: names Calico knows or numbers 1..255', () => {
    expect(fields(withRule({ protocol: 'SCTP' }))).toEqual([]);
    expect(fields(withRule({ protocol: 255 }))).toEqual([]);
    expect(fields(withRule({ protocol: 0 }))).toEqual(['spec.ingress[0].protocol: protocol number invalid']);
    expect(fields(withRule({ protocol: 'tcp' }))).toEqual(['spec.ingress[0].protocol: protocol name invalid']);
    expect(fields({ ...base, spec: { selector: 'all()', ingress: [{ action: 'Accept' }] } })).toHaveLength(1);
    expect(fields({ ...base, spec: { selector: 'all()', ingress: [{ action: 'Pass' }] } })).toEqual([]);
  });

  test('nets: strictly masked CIDRs, one IP family per rule', () => {
    expect(fields(withRule({ source: { nets: ['10.0.0.0/8', '10.1.2.3/32'], notNets: ['10.1.0.0/16'] } }))).toEqual([]);
    // In a rule each entry is parsed as a CIDR (validateRule): an IP alone is refused there, unlike in a GlobalNetworkSet.
    expect(fields(withRule({ source: { nets: ['10.1.2.3'] } }))).toEqual(['spec.ingress[0].source.nets[0]: invalid CIDR']);
    expect(fields(withRule({ source: { nets: ['10.0.0.1/8'] } }))).toEqual(['spec.ingress[0].source.nets[0]: the network has host bits set']);
    expect(fields(withRule({ source: { nets: ['010.0.0.0/8'] } }))).toEqual(['spec.ingress[0].source.nets[0]: invalid CIDR']);
    expect(fields(withRule({ source: { nets: ['10.0.0.0/8', '2001:db8::/32'] } }))).toEqual(['spec.ingress[0].source.nets[1]: rule contains both IPv4 and IPv6 CIDRs']);
  });

  test('selectors parse; global() only alone in an entity namespaceSelector; types unique', () => {
    expect(fields(withRule({ source: { selector: "a == 'b'", namespaceSelector: 'global()' } }))).toEqual([]);
    expect(fields(withRule({ source: { namespaceSelector: "global() && a == 'b'" } }))).toEqual(['spec.ingress[0].source.namespaceSelector: global() cannot be combined with other selectors']);
    expect(fields(withRule({ source: { selector: 'global()' } }))).toHaveLength(1);
    expect(fields(withRule({ source: { selector: "a = 'b'" } }))).toHaveLength(1);
    expect(fields({ ...base, spec: { selector: 'all()', types: ['Ingress', 'Egress'] } })).toEqual([]);
    expect(fields({ ...base, spec: { selector: 'all()', types: ['Ingress', 'Ingress'] } })).toEqual(["spec.types: 'Ingress' type specified more than once"]);
    expect(fields({ ...base, spec: { selector: 'all()', types: ['ingress'] } })).toHaveLength(1);
  });

  test('edition and release: tiers from 3.29 (OSS), domains in Enterprise egress destinations only', () => {
    const tiered = { ...base, metadata: { name: 'sec.p', namespace: 'shop' }, spec: { tier: 'sec', selector: 'all()' } };
    // 3.27 knows neither tiers nor the dotted name.
    expect(fields(tiered)).toEqual([expect.stringMatching(/^metadata.name: name must consist/), expect.stringMatching(/^spec.tier: Calico Open Source 3.27 has no tiers/)]);
    expect(fields(tiered, { version: '3.29' })).toEqual([]);
    expect(fields({ ...tiered, metadata: { name: 'p', namespace: 'shop' } }, { version: '3.29' })).toEqual(["metadata.name: a policy of tier 'sec' is named 'sec.<name>'"]);
    expect(fields({ ...tiered, spec: { tier: 'Sec', selector: 'all()' }, metadata: { name: 'Sec.p', namespace: 'shop' } }, { version: '3.29' })).toHaveLength(2);
    // 3.29 allows one '.' in a policy name (the tier prefix); 3.27 none.
    expect(fields({ ...withRule({}), metadata: { name: 'a.b', namespace: 'shop' } }, { version: '3.29' })).toEqual([]);
    expect(fields({ ...withRule({}), metadata: { name: 'a.b.c', namespace: 'shop' } }, { version: '3.29' })).toHaveLength(1);
    const domains = { ...base, spec: { selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', destination: { domains: ['api.example.com'] } }] } };
    expect(fields(domains)).toEqual([expect.stringMatching(/^spec.egress\[0\].destination.domains: Calico Open Source 3.27 has no domain names/)]);
    expect(fields(domains, { enterprise: true })).toEqual([]);
    expect(fields(withRule({ source: { domains: ['x.com'] } }), { enterprise: true })).toEqual(['spec.ingress[0].source.domains: domains are allowed only in the destination of egress rules']);
  });
});
