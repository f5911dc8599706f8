import * as fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import {
  emitNetworkPolicy,
  LabelSelector,
  NetworkPolicyModel,
  parseNetworkPolicy,
  Peer,
  PeerKind,
  PolicyRule,
  PolicyType,
  Port,
  Protocol,
  SelectorOperator,
  validateNetworkPolicy,
  ValidationErrorType,
} from '../../src/model';
import * as validateModule from '../../src/model/validation/validate-network-policy';
import { ARTICLE_POLICY_YAML } from '../arbitraries';

/** A NetworkPolicy manifest with this spec. */
function manifest(spec: any, metadata: any = { name: 'p', namespace: 'ns' }): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec };
}

/** The parsed policy; fails the test when there are errors. */
function parsed(m: any): NetworkPolicyModel {
  const result = parseNetworkPolicy(m);
  expect(result.errors).toEqual([]);
  expect(result.policy).toBeDefined();
  return result.policy!;
}

function ingressRule(rule: any): PolicyRule {
  const policy = parsed(manifest({ podSelector: {}, ingress: [rule] }));
  expect(policy.ingress).toHaveLength(1);
  return policy.ingress[0];
}

function onlyPort(portJson: any): Port {
  const rule = ingressRule({ ports: [portJson] });
  expect(rule.ports).toHaveLength(1);
  return rule.ports[0];
}

function onlyPeer(peerJson: any): Peer {
  const rule = ingressRule({ from: [peerJson] });
  expect(rule.peers).toHaveLength(1);
  return rule.peers[0];
}

function expectPort(port: Port, protocol: Protocol | undefined, portNumber?: number, endPort?: number, name?: string) {
  expect({ protocol: port.protocol, portNumber: port.portNumber, endPort: port.endPort, name: port.name })
    .toEqual({ protocol, portNumber, endPort, name });
}

describe('policyTypes defaulting', () => {
  test('absent policyTypes without egress: [Ingress]', () => {
    expect(parsed(manifest({ podSelector: {} })).policyTypes).toEqual([PolicyType.INGRESS]);
  });

  test('absent policyTypes with non-empty egress: [Ingress, Egress]', () => {
    const policy = parsed(manifest({ podSelector: {}, egress: [{ to: [{ podSelector: {} }] }] }));
    expect(policy.policyTypes).toEqual([PolicyType.INGRESS, PolicyType.EGRESS]);
  });

  test.each([
    ['[]', []],
    ['null', null],
  ])('policyTypes %s is defaulted like absent', (_label, value) => {
    expect(parsed(manifest({ podSelector: {}, policyTypes: value })).policyTypes).toEqual([PolicyType.INGRESS]);
    expect(parsed(manifest({ podSelector: {}, policyTypes: value, egress: [{}] })).policyTypes)
      .toEqual([PolicyType.INGRESS, PolicyType.EGRESS]);
  });

  test('egress: [] and egress: null do not add Egress', () => {
    expect(parsed(manifest({ podSelector: {}, egress: [] })).policyTypes).toEqual([PolicyType.INGRESS]);
    expect(parsed(manifest({ podSelector: {}, egress: null })).policyTypes).toEqual([PolicyType.INGRESS]);
  });

  test('an egress list holding only null is non-empty (Go decodes null to an empty rule)', () => {
    const policy = parsed(manifest({ podSelector: {}, egress: [null] }));
    expect(policy.policyTypes).toEqual([PolicyType.INGRESS, PolicyType.EGRESS]);
    expect(policy.egress).toHaveLength(1);
    expect(policy.egress[0].allowsAnyPeer).toBe(true);
    expect(policy.egress[0].allowsAnyPort).toBe(true);
  });

  test('explicit policyTypes are kept as written, even without matching rules', () => {
    const policy = parsed(manifest({ podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }));
    expect(policy.policyTypes).toEqual([PolicyType.EGRESS]);
    expect(policy.ingress).toHaveLength(1); // kept, though not enforced
    expect(parsed(manifest({ podSelector: {}, policyTypes: ['Egress', 'Ingress'] })).policyTypes)
      .toEqual([PolicyType.EGRESS, PolicyType.INGRESS]);
  });

  test('duplicate policyTypes (accepted by the API server) collapse', () => {
    expect(parsed(manifest({ podSelector: {}, policyTypes: ['Ingress', 'Ingress'] })).policyTypes).toEqual([PolicyType.INGRESS]);
  });
});

describe('rules', () => {
  test.each([
    ['absent', undefined],
    ['null', null],
    ['[]', []],
  ])('ingress %s: no rules', (_label, value) => {
    const spec: any = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
    if (value !== undefined) { spec.ingress = value; spec.egress = value; }
    const policy = parsed(manifest(spec));
    expect(policy.ingress).toEqual([]);
    expect(policy.egress).toEqual([]);
  });

  test.each([
    ['absent', {}],
    ['null', { from: null }],
    ['[]', { from: [] }],
  ])('from %s: every peer (Peer.anywhere())', (_label, rule) => {
    const r = ingressRule({ ...rule, ports: [{ port: 80 }] });
    expect(r.peers).toHaveLength(1);
    expect(r.peers[0].kind).toBe(PeerKind.ANYWHERE);
    expect(r.allowsAnyPeer).toBe(true);
  });

  test.each([
    ['absent', {}],
    ['null', { to: null }],
    ['[]', { to: [] }],
  ])('to %s: every peer', (_label, rule) => {
    const policy = parsed(manifest({ podSelector: {}, egress: [{ ...rule, ports: [{ port: 53, protocol: 'UDP' }] }] }));
    expect(policy.egress[0].peers.map((p) => p.kind)).toEqual([PeerKind.ANYWHERE]);
    expectPort(policy.egress[0].ports[0], Protocol.UDP, 53);
  });

  test.each([
    ['absent', {}],
    ['null', { ports: null }],
    ['[]', { ports: [] }],
  ])('ports %s: all traffic (Port.allTraffic())', (_label, rule) => {
    const r = ingressRule({ ...rule, from: [{ podSelector: {} }] });
    expect(r.ports).toHaveLength(1);
    expect(r.ports[0].isAllTraffic).toBe(true);
    expect(r.ports[0].protocol).toBeUndefined();
    expect(r.allowsAnyPort).toBe(true);
  });

  test('an empty rule {} allows everything', () => {
    const r = ingressRule({});
    expect(r.allowsAnyPeer).toBe(true);
    expect(r.allowsAnyPort).toBe(true);
  });

  test('rules are normalized as PolicyRule.of does (duplicates dropped)', () => {
    const r = ingressRule({
      from: [{ podSelector: { matchLabels: { app: 'a' } } }, { podSelector: { matchLabels: { app: 'a' } } }],
      ports: [{ port: 80 }, { protocol: 'TCP', port: 80 }, { port: 81 }],
    });
    expect(r.peers).toHaveLength(1);
    expect(r.ports.map((p) => p.toKey())).toEqual(['TCP:80-80', 'TCP:81-81']);
  });

  test('rules keep their order and are not merged', () => {
    const policy = parsed(manifest({ podSelector: {}, ingress: [{ ports: [{ port: 2 }] }, { ports: [{ port: 1 }] }, { ports: [{ port: 2 }] }] }));
    expect(policy.ingress.map((r) => r.ports[0].portNumber)).toEqual([2, 1, 2]);
  });
});

describe('ports', () => {
  test.each([
    ['{}', {}],
    ['{protocol: TCP}', { protocol: 'TCP' }],
    ['{protocol: null}', { protocol: null }],
    ['{port: null}', { port: null, protocol: 'TCP' }],
    ['null item', null],
  ])('%s: every TCP port (Port.allTcp())', (_label, json) => {
    const port = onlyPort(json);
    expectPort(port, Protocol.TCP);
    expect(port.isAllTraffic).toBe(false);
    expect(port.toKey()).toBe(Port.allTcp().toKey());
  });

  test.each([Protocol.UDP, Protocol.SCTP])('{protocol: %s}: every port of it', (protocol) => {
    expectPort(onlyPort({ protocol }), protocol);
  });

  test('absent or null protocol is TCP', () => {
    expectPort(onlyPort({ port: 80 }), Protocol.TCP, 80);
    expectPort(onlyPort({ port: 80, protocol: null }), Protocol.TCP, 80);
  });

  test('numeric ports of each protocol', () => {
    expectPort(onlyPort({ protocol: 'UDP', port: 53 }), Protocol.UDP, 53);
    expectPort(onlyPort({ protocol: 'SCTP', port: 9 }), Protocol.SCTP, 9);
    expectPort(onlyPort({ protocol: 'TCP', port: 65535 }), Protocol.TCP, 65535);
  });

  test('named ports', () => {
    expectPort(onlyPort({ port: 'http' }), Protocol.TCP, undefined, undefined, 'http');
    expectPort(onlyPort({ port: 'dns', protocol: 'UDP' }), Protocol.UDP, undefined, undefined, 'dns');
    expectPort(onlyPort({ port: '8080-alt', protocol: 'TCP' }), Protocol.TCP, undefined, undefined, '8080-alt');
  });

  test('port with endPort is a range', () => {
    expectPort(onlyPort({ port: 8000, endPort: 8080 }), Protocol.TCP, 8000, 8080);
    expectPort(onlyPort({ port: 32000, endPort: 32768, protocol: 'UDP' }), Protocol.UDP, 32000, 32768);
    expectPort(onlyPort({ port: 80, endPort: 80 }), Protocol.TCP, 80, 80);
    expectPort(onlyPort({ port: 80, endPort: null }), Protocol.TCP, 80);
  });
});

describe('peers', () => {
  test('podSelector alone: pods of the policy namespace', () => {
    const peer = onlyPeer({ podSelector: { matchLabels: { app: 'web' } } });
    expect(peer.kind).toBe(PeerKind.PODS);
    expect(peer.podSelector!.matchLabels).toEqual({ app: 'web' });
    expect(peer.namespaceSelector).toBeUndefined();
  });

  test('podSelector {}: every pod of the policy namespace (not the cluster)', () => {
    const peer = onlyPeer({ podSelector: {} });
    expect(peer.kind).toBe(PeerKind.PODS);
    expect(peer.podSelector!.isEmpty).toBe(true);
    expect(peer.namespaceSelector).toBeUndefined();
  });

  test('namespaceSelector alone: every pod of the namespaces', () => {
    const peer = onlyPeer({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'frontend' } } });
    expect(peer.kind).toBe(PeerKind.NAMESPACES);
    expect(peer.namespaceSelector!.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'frontend' });
    expect(peer.podSelector).toBeUndefined();
    expect(peer.toKey()).toBe(Peer.namespace('frontend').toKey());
  });

  test('namespaceSelector {}: any pod in the cluster', () => {
    expect(onlyPeer({ namespaceSelector: {} }).toKey()).toBe(Peer.anyPodInCluster().toKey());
  });

  test('podSelector and namespaceSelector in one peer: one AND peer (Peer.podsIn)', () => {
    const peer = onlyPeer({ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'web' } } });
    expect(peer.kind).toBe(PeerKind.PODS_IN_NAMESPACES);
    expect(peer.namespaceSelector!.matchLabels).toEqual({ team: 'a' });
    expect(peer.podSelector!.matchLabels).toEqual({ app: 'web' });
  });

  test('null selectors are absent', () => {
    const peer = onlyPeer({ podSelector: { matchLabels: { app: 'web' } }, namespaceSelector: null, ipBlock: null });
    expect(peer.kind).toBe(PeerKind.PODS);
  });

  test('ipBlock with excepts; CIDRs are kept exactly as written (host bits too)', () => {
    const peer = onlyPeer({ ipBlock: { cidr: '10.0.0.1/8', except: ['10.1.2.3/16', '10.2.0.0/16'] } });
    expect(peer.kind).toBe(PeerKind.IP_BLOCK);
    expect(peer.ipBlock).toEqual({ cidr: '10.0.0.1/8', except: ['10.1.2.3/16', '10.2.0.0/16'] });
    expect(onlyPeer({ ipBlock: { cidr: '2001:DB8:0:0::/64' } }).ipBlock).toEqual({ cidr: '2001:DB8:0:0::/64', except: [] });
  });

  test('ipBlock except [] / null: no excepts', () => {
    expect(onlyPeer({ ipBlock: { cidr: '10.0.0.0/8', except: [] } }).ipBlock!.except).toEqual([]);
    expect(onlyPeer({ ipBlock: { cidr: '10.0.0.0/8', except: null } }).ipBlock!.except).toEqual([]);
  });

  test('OR of peers stays two peers', () => {
    const rule = ingressRule({ from: [{ podSelector: { matchLabels: { a: '1' } } }, { namespaceSelector: { matchLabels: { b: '2' } } }] });
    expect(rule.peers.map((p) => p.kind)).toEqual([PeerKind.PODS, PeerKind.NAMESPACES]);
  });
});

describe('selectors', () => {
  test('missing spec: every pod, [Ingress], no rules', () => {
    const policy = parsed({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' } });
    expect(policy.podSelector.isEmpty).toBe(true);
    expect(policy.policyTypes).toEqual([PolicyType.INGRESS]);
    expect(policy.ingress).toEqual([]);
    expect(policy.egress).toEqual([]);
  });

  test.each([
    ['spec: {}', {}],
    ['spec: null', null],
    ['podSelector: null', { podSelector: null }],
    ['podSelector: {matchLabels: null, matchExpressions: null}', { podSelector: { matchLabels: null, matchExpressions: null } }],
    ['podSelector: {matchLabels: {}, matchExpressions: []}', { podSelector: { matchLabels: {}, matchExpressions: [] } }],
  ])('%s: empty selector (all pods)', (_label, spec) => {
    const policy = parsed(manifest(spec));
    expect(policy.podSelector.isEmpty).toBe(true);
    expect(policy.podSelector).toStrictEqual(LabelSelector.all());
  });

  test('all four operators; values absent, null or [] for Exists/DoesNotExist', () => {
    const policy = parsed(manifest({
      podSelector: {
        matchLabels: { 'app.kubernetes.io/name': 'web', 'empty': '' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'example.com/owner', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist', values: [] },
          { key: 'x', operator: 'Exists', values: null },
        ],
      },
    }));
    expect(policy.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'web', 'empty': '' });
    expect(policy.podSelector.matchExpressions).toStrictEqual([
      { key: 'tier', operator: SelectorOperator.IN, values: ['a', 'b'] },
      { key: 'env', operator: SelectorOperator.NOT_IN, values: ['prod'] },
      { key: 'example.com/owner', operator: SelectorOperator.EXISTS },
      { key: 'legacy', operator: SelectorOperator.DOES_NOT_EXIST },
      { key: 'x', operator: SelectorOperator.EXISTS },
    ]);
    expect(policy.podSelector.matches({ 'app.kubernetes.io/name': 'web', 'empty': '', 'tier': 'b', 'example.com/owner': 'me', 'x': '' })).toBe(true);
  });
});

describe('metadata', () => {
  test('name, namespace, labels and annotations', () => {
    const policy = parsed(manifest({}, {
      name: 'allow-web',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/part-of': 'shop' },
      annotations: { 'Example.COM/Owner': 'Team A: "web"' },
    }));
    expect(policy.name).toBe('allow-web');
    expect(policy.namespace).toBe('shop');
    expect(policy.labels).toEqual({ 'app.kubernetes.io/part-of': 'shop' });
    expect(policy.annotations).toEqual({ 'Example.COM/Owner': 'Team A: "web"' });
  });

  test('absent or null namespace, labels and annotations', () => {
    for (const metadata of [{ name: 'p' }, { name: 'p', namespace: null, labels: null, annotations: null }]) {
      const policy = parsed(manifest({}, metadata));
      expect(policy.namespace).toBeUndefined();
      expect(policy.labels).toEqual({});
      expect(policy.annotations).toEqual({});
    }
  });

  test('generateName stands in for a missing name', () => {
    expect(parsed(manifest({}, { generateName: 'allow-web-' })).name).toBe('allow-web-');
    expect(parsed(manifest({}, { name: '', generateName: 'allow-web-' })).name).toBe('allow-web-');
    expect(parsed(manifest({}, { name: 'n', generateName: 'allow-web-' })).name).toBe('n');
  });

  test('the manifest is not modified', () => {
    const m = manifest({ ingress: [{ from: [{ podSelector: {} }] }] });
    const copy = JSON.parse(JSON.stringify(m));
    parsed(m);
    expect(m).toEqual(copy);
  });
});

describe('the article policies', () => {
  const article = (name: string) => parsed(parseYaml(ARTICLE_POLICY_YAML[name]));
  const webserver = { key: 'app', operator: SelectorOperator.IN, values: ['webserver'] };
  const database = { key: 'app', operator: SelectorOperator.IN, values: ['database'] };

  test('allow-db-access-on-service-port: selects app In [webserver]; TCP 80 from every pod of its namespace', () => {
    const policy = article('allow-db-access-on-service-port');
    expect(policy.name).toBe('allow-db-access-on-service-port');
    expect(policy.namespace).toBeUndefined();
    expect(policy.podSelector.matchExpressions).toStrictEqual([webserver]);
    expect(policy.podSelector.matchLabels).toEqual({});
    expect(policy.policyTypes).toEqual([PolicyType.INGRESS]);
    expect(policy.egress).toEqual([]);
    expect(policy.ingress).toHaveLength(1);
    const [rule] = policy.ingress;
    expect(rule.peers).toHaveLength(1);
    expect(rule.peers[0].kind).toBe(PeerKind.PODS);
    expect(rule.peers[0].podSelector!.isEmpty).toBe(true);
    expect(rule.ports).toHaveLength(1);
    expectPort(rule.ports[0], Protocol.TCP, 80);
    expect(rule).toStrictEqual(PolicyRule.of([Peer.pods(LabelSelector.all())], [Port.tcp(80)]));
  });

  test('restrict-web-ingress: every pod, from every port of namespace frontend', () => {
    const policy = article('restrict-web-ingress');
    expect(policy.podSelector.isEmpty).toBe(true);
    expect(policy.policyTypes).toEqual([PolicyType.INGRESS]);
    expect(policy.ingress).toHaveLength(1);
    expect(policy.ingress[0]).toStrictEqual(PolicyRule.of([Peer.namespace('frontend')], [Port.allTraffic()]));
  });

  test('restrict-db-egress: defaulted [Ingress, Egress]; egress to Peer.pods(all) OR ipBlock 10.0.0.0/16', () => {
    const policy = article('restrict-db-egress');
    expect(policy.podSelector.matchExpressions).toStrictEqual([database]);
    // No policyTypes and non-empty egress: ingress is isolated too, with no ingress rule.
    expect(policy.policyTypes).toEqual([PolicyType.INGRESS, PolicyType.EGRESS]);
    expect(policy.isolatesIngress).toBe(true);
    expect(policy.ingress).toEqual([]);
    expect(policy.egress).toHaveLength(2);
    const [toPods, toCidr] = policy.egress;
    // podSelector {} alone is the policy's own namespace, not "any pod within the cluster" as the article says.
    expect(toPods.peers.map((p) => p.kind)).toEqual([PeerKind.PODS]);
    expect(toPods.peers[0].podSelector!.isEmpty).toBe(true);
    expect(toPods.peers[0].namespaceSelector).toBeUndefined();
    expect(toPods.allowsAnyPort).toBe(true);
    expect(toCidr.peers.map((p) => p.kind)).toEqual([PeerKind.IP_BLOCK]);
    expect(toCidr.peers[0].ipBlock).toEqual({ cidr: '10.0.0.0/16', except: [] });
    expect(toCidr.allowsAnyPort).toBe(true);
    expect(policy.egress).toStrictEqual([
      PolicyRule.of([Peer.pods(LabelSelector.all())], [Port.allTraffic()]),
      PolicyRule.of([Peer.cidr('10.0.0.0/16')], [Port.allTraffic()]),
    ]);
  });

  test('allow-dns-udp: UDP 53, nothing turned into TCP', () => {
    const policy = article('allow-dns-udp');
    expect(policy.podSelector.matchExpressions).toStrictEqual([webserver]);
    expect(policy.ingress).toHaveLength(1);
    expectPort(policy.ingress[0].ports[0], Protocol.UDP, 53);
    expect(policy.ingress[0].ports).toHaveLength(1);
  });

  test('allow-http-ingress: TCP 80 from every pod of its namespace', () => {
    const policy = article('allow-http-ingress');
    expect(policy.ingress).toStrictEqual([PolicyRule.of([Peer.pods(LabelSelector.all())], [Port.tcp(80)])]);
  });

  test('restrict-db-communication: ingress from webservers; egress to own namespace OR 192.168.0.0/16', () => {
    const policy = article('restrict-db-communication');
    expect(policy.name).toBe('restrict-db-communication');
    expect(policy.podSelector.matchExpressions).toStrictEqual([database]);
    expect(policy.policyTypes).toEqual([PolicyType.INGRESS, PolicyType.EGRESS]);
    expect(policy.ingress).toStrictEqual([PolicyRule.of([Peer.pods(LabelSelector.of({ expressions: [webserver] }))], [Port.allTraffic()])]);
    expect(policy.egress).toStrictEqual([
      PolicyRule.of([Peer.pods(LabelSelector.all())], [Port.allTraffic()]),
      PolicyRule.of([Peer.cidr('192.168.0.0/16')], [Port.allTraffic()]),
    ]);
  });
});

describe('the validator runs first', () => {
  afterEach(() => jest.restoreAllMocks());

  test('its errors are returned, and no policy', () => {
    const error = { field: 'metadata.name', type: ValidationErrorType.INVALID, value: '"X"', detail: 'bad', message: 'metadata.name: Invalid value: "X": bad' };
    const spy = jest.spyOn(validateModule, 'validateNetworkPolicy').mockReturnValue([error]);
    const m = manifest({});
    const result = parseNetworkPolicy(m, { strictCidr: true });
    expect(spy).toHaveBeenCalledWith(m, { strictCidr: true });
    expect(result.policy).toBeUndefined();
    expect(result.errors).toEqual([error]);
  });
});

/**
 * Malformed input. Once the validator lands it reports these first; the parser's own defensive
 * errors are checked with the validator stubbed out, so these tests pin the parser's behaviour.
 */
describe('malformed input never throws', () => {
  const malformed: Array<[string, any, string, ValidationErrorType]> = [
    ['a string manifest', 'hello', '<root>', ValidationErrorType.TYPE],
    ['null manifest', null, '<root>', ValidationErrorType.TYPE],
    ['an array manifest', [], '<root>', ValidationErrorType.TYPE],
    ['kind Deployment', { ...manifest({}), kind: 'Deployment' }, 'kind', ValidationErrorType.TYPE],
    ['apiVersion extensions/v1beta1', { ...manifest({}), apiVersion: 'extensions/v1beta1' }, 'apiVersion', ValidationErrorType.TYPE],
    ['metadata a string', manifest({}, 'x'), 'metadata', ValidationErrorType.TYPE],
    ['no name', manifest({}, { namespace: 'a' }), 'metadata.name', ValidationErrorType.REQUIRED],
    ['name a number', manifest({}, { name: 5 }), 'metadata.name', ValidationErrorType.TYPE],
    ['label value a number', manifest({}, { name: 'p', labels: { a: 1 } }), 'metadata.labels', ValidationErrorType.TYPE],
    ['labels a list', manifest({}, { name: 'p', labels: ['a'] }), 'metadata.labels', ValidationErrorType.TYPE],
    ['spec a string', manifest('x'), 'spec', ValidationErrorType.TYPE],
    ['podSelector a string', manifest({ podSelector: 'app=web' }), 'spec.podSelector', ValidationErrorType.TYPE],
    ['matchLabels a list', manifest({ podSelector: { matchLabels: ['a'] } }), 'spec.podSelector.matchLabels', ValidationErrorType.TYPE],
    ['matchLabels value a number', manifest({ podSelector: { matchLabels: { a: 1 } } }), 'spec.podSelector.matchLabels', ValidationErrorType.TYPE],
    ['matchExpressions an object', manifest({ podSelector: { matchExpressions: {} } }), 'spec.podSelector.matchExpressions', ValidationErrorType.TYPE],
    ['operator Gt', manifest({ podSelector: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] } }), 'spec.podSelector.matchExpressions[0].operator', ValidationErrorType.INVALID],
    ['operator missing', manifest({ podSelector: { matchExpressions: [{ key: 'a' }] } }), 'spec.podSelector.matchExpressions[0].operator', ValidationErrorType.INVALID],
    ['values a string', manifest({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: 'x' }] } }), 'spec.podSelector.matchExpressions[0].values', ValidationErrorType.TYPE],
    ['value a number', manifest({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: [1] }] } }), 'spec.podSelector.matchExpressions[0].values[0]', ValidationErrorType.TYPE],
    ['policyTypes a string', manifest({ policyTypes: 'Ingress' }), 'spec.policyTypes', ValidationErrorType.TYPE],
    ['policyTypes ingress', manifest({ policyTypes: ['ingress'] }), 'spec.policyTypes[0]', ValidationErrorType.NOT_SUPPORTED],
    ['policyTypes [null]', manifest({ policyTypes: [null] }), 'spec.policyTypes[0]', ValidationErrorType.NOT_SUPPORTED],
    ['ingress an object', manifest({ ingress: {} }), 'spec.ingress', ValidationErrorType.TYPE],
    ['a rule a string', manifest({ ingress: ['x'] }), 'spec.ingress[0]', ValidationErrorType.TYPE],
    ['from an object', manifest({ ingress: [{ from: {} }] }), 'spec.ingress[0].from', ValidationErrorType.TYPE],
    ['an empty peer', manifest({ ingress: [{ from: [{}] }] }), 'spec.ingress[0].from[0]', ValidationErrorType.REQUIRED],
    ['a null peer', manifest({ egress: [{ to: [null] }] }), 'spec.egress[0].to[0]', ValidationErrorType.REQUIRED],
    ['all-null peer', manifest({ ingress: [{ from: [{ podSelector: null, namespaceSelector: null, ipBlock: null }] }] }), 'spec.ingress[0].from[0]', ValidationErrorType.REQUIRED],
    ['ipBlock with a selector', manifest({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }), 'spec.ingress[0].from[0]', ValidationErrorType.FORBIDDEN],
    ['ipBlock without cidr', manifest({ egress: [{ to: [{ ipBlock: {} }] }] }), 'spec.egress[0].to[0].ipBlock.cidr', ValidationErrorType.REQUIRED],
    ['cidr a number', manifest({ egress: [{ to: [{ ipBlock: { cidr: 10 } }] }] }), 'spec.egress[0].to[0].ipBlock.cidr', ValidationErrorType.TYPE],
    ['except a string', manifest({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: '10.1.0.0/16' } }] }] }), 'spec.egress[0].to[0].ipBlock.except', ValidationErrorType.TYPE],
    ['ports an object', manifest({ ingress: [{ ports: { port: 80 } }] }), 'spec.ingress[0].ports', ValidationErrorType.TYPE],
    ['a port a number', manifest({ ingress: [{ ports: [80] }] }), 'spec.ingress[0].ports[0]', ValidationErrorType.TYPE],
    ['port 80.5', manifest({ ingress: [{ ports: [{ port: 80.5 }] }] }), 'spec.ingress[0].ports[0].port', ValidationErrorType.TYPE],
    ['port true', manifest({ ingress: [{ ports: [{ port: true }] }] }), 'spec.ingress[0].ports[0].port', ValidationErrorType.TYPE],
    ['port 2^32', manifest({ ingress: [{ ports: [{ port: 4294967296 }] }] }), 'spec.ingress[0].ports[0].port', ValidationErrorType.TYPE],
    ['endPort "90"', manifest({ ingress: [{ ports: [{ port: 80, endPort: '90' }] }] }), 'spec.ingress[0].ports[0].endPort', ValidationErrorType.TYPE],
    ['endPort without port', manifest({ ingress: [{ ports: [{ endPort: 90 }] }] }), 'spec.ingress[0].ports[0].endPort', ValidationErrorType.INVALID],
    ['endPort with a named port', manifest({ ingress: [{ ports: [{ port: 'http', endPort: 90 }] }] }), 'spec.ingress[0].ports[0].endPort', ValidationErrorType.INVALID],
    ['protocol tcp', manifest({ ingress: [{ ports: [{ protocol: 'tcp', port: 80 }] }] }), 'spec.ingress[0].ports[0].protocol', ValidationErrorType.NOT_SUPPORTED],
    ['protocol ""', manifest({ ingress: [{ ports: [{ protocol: '', port: 80 }] }] }), 'spec.ingress[0].ports[0].protocol', ValidationErrorType.NOT_SUPPORTED],
    ['protocol 6', manifest({ ingress: [{ ports: [{ protocol: 6 }] }] }), 'spec.ingress[0].ports[0].protocol', ValidationErrorType.TYPE],
  ];

  describe('with the validator stubbed out, the parser reports the field', () => {
    beforeEach(() => { jest.spyOn(validateModule, 'validateNetworkPolicy').mockReturnValue([]); });
    afterEach(() => jest.restoreAllMocks());

    test.each(malformed)('%s', (_label, m, field, type) => {
      const result = parseNetworkPolicy(m);
      expect(result.policy).toBeUndefined();
      expect(result.errors.map((e) => [e.field, e.type])).toContainEqual([field, type]);
      for (const e of result.errors) {
        expect(e.message).toContain(e.type);
        expect(e.message).toContain(e.detail);
        expect(e.message.startsWith(`${e.field}: `)).toBe(true);
      }
    });

    test('every error is collected, not only the first', () => {
      const result = parseNetworkPolicy(manifest({ ingress: [{ ports: [{ protocol: 'tcp' }, { port: true }] }], policyTypes: ['x'] }, {}));
      expect(result.errors.map((e) => e.field).sort()).toEqual([
        'metadata.name', 'spec.ingress[0].ports[0].protocol', 'spec.ingress[0].ports[1].port', 'spec.policyTypes[0]',
      ]);
    });

    test('odd values in error messages do not throw', () => {
      const circular: any = { a: 1 }; circular.self = circular;
      const bare = Object.create(null);
      for (const value of [circular, bare, 10n, Symbol('s'), () => 1]) {
        const result = parseNetworkPolicy(manifest({ ingress: [{ ports: [{ port: value }] }] }));
        expect(result.policy).toBeUndefined();
        expect(result.errors[0].field).toBe('spec.ingress[0].ports[0].port');
      }
    });

    test('keys such as __proto__ and constructor are plain keys', () => {
      const m = JSON.parse('{"metadata":{"name":"p","labels":{"__proto__":"x","constructor":"y"}},"spec":{"podSelector":{"matchLabels":{"__proto__":"z"}}}}');
      const result = parseNetworkPolicy(m);
      expect(result.errors).toEqual([]);
      expect(Object.keys(result.policy!.labels).sort()).toEqual(['__proto__', 'constructor']);
      expect(Object.getPrototypeOf(result.policy!.labels)).toBe(Object.prototype);
      expect(Object.keys(result.policy!.podSelector.matchLabels)).toEqual(['__proto__']);
    });

    test('random JSON never throws', () => {
      fc.assert(fc.property(fc.jsonValue(), (json) => {
        const result = parseNetworkPolicy(json);
        expect(result.policy === undefined).toBe(result.errors.length > 0);
      }), { numRuns: 300 });
    });

    test('valid manifests with one value replaced by random JSON never throw', () => {
      const base = manifest({
        podSelector: { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 80, endPort: 90, protocol: 'TCP' }, { port: 'http' }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      }, { name: 'p', namespace: 'ns', labels: { a: 'b' }, annotations: { c: 'd' } });
      const paths = allPaths(base);
      fc.assert(fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const m = JSON.parse(JSON.stringify(base));
        setPath(m, path, value);
        const result = parseNetworkPolicy(m);
        expect(result.policy === undefined).toBe(result.errors.length > 0);
      }), { numRuns: 500 });
    });
  });

  test('without stubbing, malformed input gives errors and no policy', () => {
    for (const [, m] of malformed) {
      const result = parseNetworkPolicy(m);
      expect(result.policy).toBeUndefined();
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});

/**
 * The parser and the validator agree: whatever the validator accepts, the parser reads (its own
 * defensive errors never fire), and the policy it reads emits a manifest that is valid again and
 * reads back to the same policy.
 */
describe('parser and validator agree', () => {
  const base = manifest({
    podSelector: { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }, { key: 'x', operator: 'Exists' }] },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      { from: [{ namespaceSelector: {}, podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 80, endPort: 90, protocol: 'TCP' }, { port: 'http' }] },
      {},
    ],
    egress: [{ to: [{ podSelector: { matchLabels: { a: 'b' } } }], ports: [{ protocol: 'UDP', port: 53 }] }],
  }, { name: 'p', namespace: 'ns', labels: { a: 'b' }, annotations: { c: 'd' } });
  const paths = allPaths(base);
  // Values that are often accepted somewhere, so that both verdicts are well covered.
  const often = fc.constantFrom<any>(null, [], {}, '', 'TCP', 'UDP', 'Ingress', 'Egress', 'In', 'Exists', 'a', 'http', 80, 0, 65536,
    '10.0.0.1/8', '::/0', ['x'], [null], [{}], { podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8' } }, { port: 80 });
  const interesting = fc.oneof({ weight: 4, arbitrary: often }, { weight: 1, arbitrary: fc.jsonValue() });
  const edits = fc.array(fc.tuple(fc.constantFrom(...paths), interesting), { minLength: 1, maxLength: 2 });

  test('whatever the validator accepts, the parser reads; emit(parse(m)) is valid and reads back the same', () => {
    let accepted = 0;
    fc.assert(fc.property(edits, fc.boolean(), (changes, strictCidr) => {
      const m = JSON.parse(JSON.stringify(base));
      for (const [path, value] of changes) setPathIfPresent(m, path, value);
      const verdict = validateNetworkPolicy(m, { strictCidr });
      const result = parseNetworkPolicy(m, { strictCidr });
      if (verdict.length > 0) {
        expect(result.policy).toBeUndefined();
        expect(result.errors).toEqual(verdict);
        return;
      }
      accepted++;
      expect(result.errors).toEqual([]);
      const json = emitNetworkPolicy(result.policy!);
      expect(validateNetworkPolicy(json, { strictCidr })).toEqual([]);
      expect(parseNetworkPolicy(json).policy).toStrictEqual(result.policy);
    }), { numRuns: 1000 });
    expect(accepted).toBeGreaterThan(50);
  });
});

function setPathIfPresent(root: any, path: Array<string | number>, value: any): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = node[key];
  }
  if (path.length > 0 && node !== null && typeof node === 'object') node[path[path.length - 1]] = value;
}

function allPaths(json: any, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (json !== null && typeof json === 'object') {
    for (const [k, v] of Object.entries(json)) out.push(...allPaths(v, [...prefix, Array.isArray(json) ? Number(k) : k]));
  }
  return out;
}

function setPath(root: any, path: Array<string | number>, value: any): void {
  if (path.length === 0) return;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
}
