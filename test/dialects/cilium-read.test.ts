import { readFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { arbEndpoint, ciliumAllows, Endpoint, selectorMatches, Traffic } from './cilium-evaluator';
import { ReachabilityEngine } from '../../src/analysis/class-engine';
import { ClusterEndpoint, ClusterModel } from '../../src/analysis/cluster-model';
import { OrderedPolicy } from '../../src/analysis/ordered-policy';
import { orderedEntries, testMatches, walkOrderedTier } from '../../src/analysis/ordered-tier-semantics';
import { PortSet } from '../../src/analysis/port-set';
import { emitCiliumNetworkPolicy } from '../../src/dialects/cilium/emit-cilium';
import { CILIUM_ALLOW_ORDER, CILIUM_DENY_ORDER, readCiliumPolicy } from '../../src/dialects/cilium/read-cilium';
import { validateCiliumManifest } from '../../src/dialects/cilium/validate-cilium';
import { Protocol } from '../../src/model/protocol';
import { arbNetworkPolicyModel } from '../arbitraries';

/**
 * Reading Cilium policies: the ordered form each construct becomes, and what it means once the
 * ordered tier is walked over a small cluster (only these policies: no NetworkPolicy, no admin tier).
 */

const TCP = Protocol.TCP;
const UDP = Protocol.UDP;
const SCTP = Protocol.SCTP;

function cnp(spec: any, name = 'p', namespace = 'shop'): any {
  return { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace }, spec };
}
function ccnp(spec: any, name = 'c'): any {
  return { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec };
}

function read(...objects: any[]): OrderedPolicy[] {
  return objects.flatMap((o) => {
    const out = readCiliumPolicy(o);
    expect(out.errors).toEqual([]);
    return out.policies;
  });
}

function errorsOf(object: any, version?: string): string[] {
  const out = readCiliumPolicy(object, version === undefined ? {} : { version });
  if (out.errors.length > 0) expect(out.policies).toEqual([]);
  return out.errors.map((e) => e.message);
}

/** One side of a connection through the ordered tier: the policies that apply to `self`, walked. */
function side(policies: OrderedPolicy[], cluster: ClusterModel, self: ClusterEndpoint, other: ClusterEndpoint, direction: 'ingress' | 'egress') {
  const applies = (p: OrderedPolicy) => !self.external && !self.hostNetwork && p.subject.matches(self, cluster);
  const destination = direction === 'ingress' ? self : other;
  return walkOrderedTier(orderedEntries(policies, applies, direction), {
    endpoint: self, other, destination, direction, npIsolated: false, npAllowed: PortSet.EMPTY,
  }, testMatches(cluster), (rule, d) => rule.ports(d), false);
}

/** Whether the connection passes both sides (what no policy decides is allowed: there is no later tier). */
function allows(
  policies: OrderedPolicy[], cluster: ClusterModel, from: ClusterEndpoint, to: ClusterEndpoint, protocol: Protocol, port: number,
): boolean {
  return !side(policies, cluster, from, to, 'egress').denied.has(protocol, port) && !side(policies, cluster, to, from, 'ingress').denied.has(protocol, port);
}

/** shop: web, api (http/TCP 8080, dns/UDP 5353), bad; other: client; outside: 203.0.113.0/24 and 10.1.2.3; a node-network pod. */
function smallCluster() {
  const c = new ClusterModel();
  c.addNamespace('shop', { team: 'a' });
  c.addNamespace('other', { team: 'b' });
  const web = c.addWorkload({ namespace: 'shop', name: 'web', kind: 'Deployment', labels: { app: 'web' }, ips: ['10.1.0.5'] })!;
  const api = c.addWorkload({
    namespace: 'shop',
    name: 'api',
    kind: 'Deployment',
    labels: { 'app': 'api', 'pod-template-hash': 'abc' },
    ips: ['10.1.2.3'],
    containerPorts: [{ name: 'http', port: 8080, protocol: TCP }, { name: 'dns', port: 5353, protocol: UDP }],
  })!;
  const bad = c.addWorkload({ namespace: 'shop', name: 'bad', kind: 'Deployment', labels: { app: 'bad' } })!;
  const client = c.addWorkload({ namespace: 'other', name: 'client', kind: 'Deployment', labels: { app: 'web' } })!;
  const node = c.addWorkload({ namespace: 'kube-system', name: 'agent', kind: 'DaemonSet', labels: { app: 'agent' }, hostNetwork: true })!;
  const world = c.addExternal('203.0.113.0/24')!;
  const podIp = c.addExternal('10.1.2.3')!;
  return { c, web, api, bad, client, node, world, podIp };
}

describe('readCiliumPolicy: the form', () => {
  test('a CNP: subject narrowed to its namespace, one allow policy at the NetworkPolicies\' order, directions as written', () => {
    const [p] = read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:app': 'api' } }] }] }));
    expect(p).toMatchObject({ kind: 'CiliumNetworkPolicy', apiVersion: 'cilium.io/v2', namespace: 'shop', name: 'p', order: CILIUM_ALLOW_ORDER, isolatesIngress: true, isolatesEgress: false, notes: [] });
    expect(p.subject.description).toBe('endpoints any:app=web in namespace shop');
    expect(p.egress).toBeUndefined();
    expect(p.ingress).toHaveLength(1);
    expect(p.ingress![0]).toMatchObject({ action: 'Allow', index: 0, field: 'spec.ingress[0]', namedPorts: [] });
    expect(p.ingress![0].peer!.description).toBe('endpoints k8s:app=api in namespace shop');
  });

  test('deny rules become a deny-only policy read first, with the same name; keys are equal for equal tests', () => {
    const policies = read(cnp({
      endpointSelector: {},
      ingress: [{ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] }, { fromCIDR: ['10.0.0.0/8'] }],
      ingressDeny: [{ fromEntities: ['world'], toPorts: [{ ports: [{ port: '22', protocol: 'TCP' }] }] }],
    }));
    expect(policies.map((p) => [p.name, p.order])).toEqual([['p', CILIUM_DENY_ORDER], ['p', CILIUM_ALLOW_ORDER]]);
    const [deny, allow] = policies;
    expect(deny.ingress!.map((r) => [r.action, r.field, r.peer!.description])).toEqual([['Deny', 'spec.ingressDeny[0]', 'entity world']]);
    expect(deny.egress).toBeUndefined();
    expect(allow.ingress!.map((r) => r.peer!.description)).toEqual(['CIDR 10.0.0.0/8 except 10.1.0.0/16', 'CIDR 10.0.0.0/8']);
    expect(allow.ingress![0].peer!.bounds).toHaveLength(2);
    expect(allow.ingress![1].peer!.key).not.toBe(allow.ingress![0].peer!.key);
    const again = read(cnp({ endpointSelector: { matchExpressions: [] }, ingress: [{ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] }] }));
    expect(again[0].ingress![0].peer!.key).toBe(allow.ingress![0].peer!.key);
    expect(again[0].subject.key).toBe(allow.subject.key);
    // `app` and `any:app` are one selector; `k8s:app` another.
    const keys = [{ app: 'web' }, { 'any:app': 'web' }, { 'k8s:app': 'web' }].map((m) => read(cnp({ endpointSelector: { matchLabels: m }, egress: [{}] }))[0].subject.key);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  test('specs: each rule is read, its fields named by its place in the list', () => {
    const policies = read({ ...cnp(undefined), spec: undefined, specs: [{ endpointSelector: {}, ingress: [{}] }, { endpointSelector: {}, egressDeny: [{ toEntities: ['all'] }] }] });
    expect(policies.map((p) => [p.order, p.ingress?.[0]?.field, p.egress?.[0]?.field])).toEqual([
      [CILIUM_ALLOW_ORDER, 'specs[0].ingress[0]', undefined],
      [CILIUM_DENY_ORDER, undefined, 'specs[1].egressDeny[0]'],
      [CILIUM_ALLOW_ORDER, undefined, undefined],
    ]);
    expect(policies[2].egress).toEqual([]); // egressDeny alone makes the rule apply to egress
    expect(policies[2].isolatesEgress).toBe(true);
  });

  test('named ports are listed as name/PROTOCOL for each protocol the entry covers', () => {
    const [p] = read(cnp({ endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: 'HTTP', protocol: 'TCP' }, { port: 'dns' }] }] }] }));
    expect(p.ingress![0].namedPorts).toEqual(['dns/SCTP', 'dns/TCP', 'dns/UDP', 'http/TCP']);
  });
});

describe('readCiliumPolicy: the meaning', () => {
  test('deny beats allow, in the same policy and across policies, whatever their names', () => {
    const { c, web, api, bad } = smallCluster();
    const policies = read(
      cnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{ fromEntities: ['cluster'] }] }, 'a-allow'),
      cnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'bad' } }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] }, 'z-deny'),
    );
    expect(allows(policies, c, bad, web, TCP, 80)).toBe(false);
    expect(allows(policies, c, bad, web, TCP, 81)).toBe(true);
    expect(allows(policies, c, bad, web, UDP, 80)).toBe(true);
    expect(allows(policies, c, api, web, TCP, 80)).toBe(true);
  });

  test('an endpoint is default-deny in a direction once a policy with rules for it selects it; the other direction is untouched', () => {
    const { c, web, api, bad, world } = smallCluster();
    const policies = read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toEndpoints: [{ matchLabels: { app: 'api' } }] }] }));
    expect(allows(policies, c, web, api, TCP, 443)).toBe(true);
    expect(allows(policies, c, web, bad, TCP, 443)).toBe(false);
    expect(allows(policies, c, web, world, TCP, 443)).toBe(false);
    expect(allows(policies, c, bad, web, TCP, 443)).toBe(true); // ingress: no rules, not isolated
    expect(allows(policies, c, api, bad, TCP, 443)).toBe(true); // api is not selected
    // A deny-only policy isolates too (repository.go: IngressDeny counts as ingress rules).
    const denyOnly = read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'bad' } }] }] }));
    expect(allows(denyOnly, c, api, web, TCP, 80)).toBe(false);
    // `ingress: [{}]` is deny-all; `ingress: []` is no ingress section.
    expect(allows(read(cnp({ endpointSelector: {}, ingress: [{}] })), c, api, web, TCP, 80)).toBe(false);
    expect(allows(read(cnp({ endpointSelector: {}, ingress: [], egress: [{ toEntities: ['all'] }] })), c, api, web, TCP, 80)).toBe(true);
  });

  test('enableDefaultDeny false: the policy allows and denies, and leaves the rest to the others', () => {
    const { c, web, api, bad } = smallCluster();
    const spec = {
      endpointSelector: { matchLabels: { app: 'web' } },
      enableDefaultDeny: { ingress: false },
      ingress: [{ fromEndpoints: [{ matchLabels: { app: 'api' } }] }],
      ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'bad' } }], toPorts: [{ ports: [{ port: '22', protocol: 'TCP' }] }] }],
    };
    const [deny, allow] = read(cnp(spec));
    expect([deny.isolatesIngress, allow.isolatesIngress]).toEqual([false, false]);
    expect(allows([deny, allow], c, bad, web, TCP, 80)).toBe(true);
    expect(allows([deny, allow], c, bad, web, TCP, 22)).toBe(false);
    // With a default-deny policy beside it, what neither allows is denied.
    const withOther = [deny, allow, ...read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'none' } }] }] }, 'q'))];
    expect(allows(withOther, c, bad, web, TCP, 80)).toBe(false);
    expect(allows(withOther, c, api, web, TCP, 80)).toBe(true);
    // Before 1.16 there is no enableDefaultDeny: the field is refused.
    expect(errorsOf(cnp(spec), '1.15')).toEqual([expect.stringContaining('spec.enableDefaultDeny: Forbidden: Cilium 1.15 has no enableDefaultDeny')]);
  });

  test('namespaces: a CNP narrows its subject and peer selectors to its namespace unless they name one; a CCNP does not', () => {
    const { c, web, api, client } = smallCluster();
    const toWeb = (policies: OrderedPolicy[]) => [allows(policies, c, api, web, TCP, 80), allows(policies, c, api, client, TCP, 80)];
    // The subject: app=web in shop only (client in other also has app=web).
    expect(toWeb(read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{}] })))).toEqual([false, true]);
    // A namespace written in the subject of a CNP is replaced by the policy's own (utils.ParseToCiliumRule).
    expect(toWeb(read(cnp({ endpointSelector: { matchLabels: { 'app': 'web', 'k8s:io.kubernetes.pod.namespace': 'other' } }, ingress: [{}] })))).toEqual([false, true]);
    expect(toWeb(read(ccnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{}] })))).toEqual([false, false]);
    // Peers: app=web of the policy's namespace; any namespace when named; every pod in a CCNP.
    const fromWeb = (policies: OrderedPolicy[]) => [allows(policies, c, web, api, TCP, 80), allows(policies, c, client, api, TCP, 80)];
    const subject = { matchLabels: { app: 'api' } };
    expect(fromWeb(read(cnp({ endpointSelector: subject, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }] })))).toEqual([true, false]);
    expect(fromWeb(read(cnp({
      endpointSelector: subject,
      ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] }] }],
    })))).toEqual([true, true]);
    expect(fromWeb(read(cnp({ endpointSelector: subject, ingress: [{ fromEndpoints: [{ matchLabels: { 'app': 'web', 'io.kubernetes.pod.namespace': 'other' } }] }] })))).toEqual([false, true]);
    expect(fromWeb(read(ccnp({ endpointSelector: subject, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }] })))).toEqual([true, true]);
    // Namespace labels: from 1.16 a selector of namespace labels is not narrowed; in 1.15 it is.
    const byTeam = cnp({ endpointSelector: subject, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'b' } }] }] });
    expect(fromWeb(read(byTeam))).toEqual([false, true]);
    const old = readCiliumPolicy(byTeam, { version: '1.15' });
    expect(old.errors).toEqual([]);
    expect(fromWeb(old.policies)).toEqual([false, false]);
  });

  test('CIDR peers match outside addresses only, never a pod, whatever its IP; world is every outside address; cluster every pod; all everything', () => {
    const { c, web, api, world, podIp, node } = smallCluster();
    const from = (peer: any) => read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingress: [peer] }));
    const sources = [api, world, podIp, node];
    const verdicts = (policies: OrderedPolicy[]) => sources.map((s) => allows(policies, c, s, web, TCP, 80));
    // api's IP is 10.1.2.3, inside 10.0.0.0/8: the CIDR does not match it; the outside 10.1.2.3 is matched.
    expect(verdicts(from({ fromCIDR: ['10.0.0.0/8'] }))).toEqual([false, false, true, false]);
    expect(verdicts(from({ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.2.0/24'] }] }))).toEqual([false, false, false, false]);
    expect(verdicts(from({ fromCIDR: ['0.0.0.0/0'] }))).toEqual([false, true, true, false]);
    expect(verdicts(from({ fromEntities: ['world'] }))).toEqual([false, true, true, false]);
    expect(verdicts(from({ fromEntities: ['cluster'] }))).toEqual([true, false, false, true]);
    expect(verdicts(from({ fromEntities: ['all'] }))).toEqual([true, true, true, true]);
    expect(verdicts(from({ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }))).toEqual([true, true, true, true]);
    expect(verdicts(from({ fromEndpoints: [{}] }))).toEqual([true, false, false, false]);
  });

  test('entities the analysis has no endpoints for match none, and the notes say so', () => {
    const { c, web, api, node } = smallCluster();
    for (const entity of ['host', 'remote-node', 'kube-apiserver', 'health', 'init', 'ingress', 'unmanaged']) {
      const [p] = read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toEntities: [entity] }] }));
      expect(p.notes).toHaveLength(1);
      expect(p.notes[0]).toMatch(new RegExp(`^spec\\.egress\\[0\\]\\.toEntities\\[0\\]: the entity ${entity} is .+; the rule matches none of the analysis' endpoints$`));
      expect([allows([p], c, web, api, TCP, 80), allows([p], c, web, node, TCP, 80)]).toEqual([false, false]);
    }
    // Notes of deny rules are said once, with the allow policy of the same rule.
    const [deny, allow] = read(cnp({ endpointSelector: {}, egressDeny: [{ toEntities: ['kube-apiserver'] }] }));
    expect([deny.order, deny.notes, allow.notes]).toEqual([CILIUM_DENY_ORDER, [], [expect.stringContaining('spec.egressDeny[0].toEntities[0]: the entity kube-apiserver is the API server')]]);
    const [none] = read(cnp({ endpointSelector: {}, egress: [{ toEntities: ['none'] }] }));
    expect(none.notes).toEqual([]);
    // The agent knows world-ipv4, but the CRD's enum does not (cilium-sanitizer-verdicts: entity/to/"world-ipv4").
    expect(errorsOf(cnp({ endpointSelector: {}, egress: [{ toEntities: ['world-ipv4'] }] }))).toEqual([
      expect.stringContaining('spec.egress[0].toEntities: Unsupported value: "world-ipv4"'),
    ]);
  });

  test('toFQDNs: no address is guessed; the rule matches nothing and the notes say what it allows', () => {
    const { c, web, world, podIp } = smallCluster();
    const [p] = read(cnp({
      endpointSelector: { matchLabels: { app: 'web' } },
      egress: [
        { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
        { toFQDNs: [{ matchName: 'api.example.com' }, { matchPattern: '*.example.org' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      ],
    }));
    expect(p.notes).toEqual([
      "spec.egress[0].toPorts[0]: DNS requests on these ports go through Cilium's DNS proxy, which answers only the names its dns rules allow; the analysis models the ports, not the names",
      'spec.egress[1]: allowed to api.example.com, *.example.org on TCP 443, by the addresses DNS gives for these names; the analysis does not resolve names, so this rule matches no endpoint here',
    ]);
    expect(p.egress![1].peer!.matches(world, c)).toBe(false);
    expect([allows([p], c, web, world, TCP, 443), allows([p], c, web, podIp, TCP, 443)]).toEqual([false, false]);
  });

  test('L7 rules: the L4 part applies and the notes say the rest is not modelled; ICMP rules allow no port', () => {
    const { c, web, api } = smallCluster();
    const [p] = read(cnp({
      endpointSelector: { matchLabels: { app: 'api' } },
      ingress: [
        { fromEndpoints: [{ matchLabels: { app: 'web' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/' }] } }] },
        { fromEndpoints: [{ matchLabels: { app: 'web' } }], icmps: [{ fields: [{ type: 8 }] }] },
      ],
    }));
    expect(p.notes).toEqual([
      'spec.ingress[0].toPorts[0]: the L7 rules (http) are not modelled; the analysis counts every request on these ports as allowed',
      'spec.ingress[1].icmps: ICMP is not modelled (the analysis has TCP, UDP and SCTP ports); the rule decides nothing here',
    ]);
    expect([allows([p], c, web, api, TCP, 8080), allows([p], c, web, api, TCP, 8081)]).toEqual([true, false]);
  });

  test('ports: numbers, endPort ranges, port 0, ANY (TCP, UDP and SCTP), protocol left out (ANY), names resolved on the destination', () => {
    const { c, web, api, bad } = smallCluster();
    const to = (ports: any[]) => read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toEntities: ['cluster'], toPorts: [{ ports }] }] }));
    const probe = (policies: OrderedPolicy[], dst: ClusterEndpoint, cases: Array<[Protocol, number]>) =>
      cases.map(([p, n]) => allows(policies, c, web, dst, p, n));
    const range = to([{ port: '8000', endPort: 8010, protocol: 'TCP' }]);
    expect(probe(range, api, [[TCP, 7999], [TCP, 8000], [TCP, 8010], [TCP, 8011], [UDP, 8005]])).toEqual([false, true, true, false, false]);
    expect(probe(to([{ port: '53', protocol: 'ANY' }]), api, [[TCP, 53], [UDP, 53], [SCTP, 53], [UDP, 54]])).toEqual([true, true, true, false]);
    expect(probe(to([{ port: '53' }]), api, [[TCP, 53], [UDP, 53], [SCTP, 53]])).toEqual([true, true, true]);
    expect(probe(to([{ port: '0', protocol: 'UDP' }]), api, [[UDP, 1], [UDP, 65535], [TCP, 1]])).toEqual([true, true, false]);
    expect(probe(to([{ port: '010', protocol: 'TCP' }]), api, [[TCP, 8], [TCP, 10]])).toEqual([true, false]); // octal, as Go's ParseUint(s, 0, 16)
    // Names: api's http is TCP 8080 and dns is UDP 5353; bad has no named ports.
    const named = to([{ port: 'http', protocol: 'TCP' }, { port: 'dns', protocol: 'ANY' }]);
    expect(probe(named, api, [[TCP, 8080], [TCP, 8081], [UDP, 5353], [TCP, 5353]])).toEqual([true, false, true, false]);
    expect(probe(named, bad, [[TCP, 8080], [UDP, 5353]])).toEqual([false, false]);
    expect(probe(to([{ port: 'dns', protocol: 'TCP' }]), api, [[UDP, 5353], [TCP, 5353]])).toEqual([false, false]);
    // A port rule with no ports allows nothing; a peer rule with no ports allows everything.
    expect(probe(read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toEntities: ['cluster'], toPorts: [{}] }] })), api, [[TCP, 80]])).toEqual([false]);
  });

  test('an L3 list written empty selects no one from 1.16 (ports or not); 1.15 reads it as absent', () => {
    const { c, web, api } = smallCluster();
    const spec = { endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toEndpoints: [], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] };
    const at = (version: string) => {
      const out = readCiliumPolicy(cnp(spec), { version });
      expect(out.errors).toEqual([]);
      return allows(out.policies, c, web, api, TCP, 80);
    };
    expect([at('1.15'), at('1.16'), at('1.20')]).toEqual([true, false, false]);
  });

  test('labels Cilium leaves out of identities (pod-template-hash, kubernetes.io/...) are never found', () => {
    const { c, web, api } = smallCluster();
    const [p] = read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toEndpoints: [{ matchLabels: { 'pod-template-hash': 'abc' } }] }] }));
    expect(allows([p], c, web, api, TCP, 80)).toBe(false);
    const [q] = read(cnp({ endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toEndpoints: [{ matchExpressions: [{ key: 'pod-template-hash', operator: 'DoesNotExist' }] }] }] }));
    expect(allows([q], c, web, api, TCP, 80)).toBe(true);
  });
});

describe('readCiliumPolicy: in the class engine', () => {
  test('the engine, grouping endpoints by the tests\' keys, allows what walking the tier allows, for every pair and port probed', () => {
    const { c } = smallCluster();
    c.addWorkload({ namespace: 'other', name: 'db', kind: 'StatefulSet', labels: { app: 'db' }, containerPorts: [{ name: 'http', port: 9090, protocol: TCP }] });
    const policies = read(
      cnp({ endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{ fromEntities: ['cluster'] }, { fromCIDR: ['10.0.0.0/8'], toPorts: [{ ports: [{ port: '443' }] }] }] }, 'a'),
      cnp({ endpointSelector: {}, ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'bad' } }], toPorts: [{ ports: [{ port: '80', endPort: 90, protocol: 'TCP' }] }] }] }, 'b'),
      cnp({ endpointSelector: { matchLabels: { app: 'api' } }, egress: [{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'other' } }], toPorts: [{ ports: [{ port: 'http' }] }] }] }, 'c'),
      ccnp({ endpointSelector: { matchLabels: { app: 'db' } }, enableDefaultDeny: { ingress: false }, ingress: [{ fromEntities: ['world'] }], ingressDeny: [{ fromEntities: ['world'], toPorts: [{ ports: [{ port: '22' }] }] }] }),
    );
    const engine = new ReachabilityEngine(c, [], { ipBlockMatchesPods: false }, [], policies);
    const probes: Array<[Protocol, number]> = [
      [TCP, 22], [TCP, 80], [TCP, 85], [TCP, 91], [TCP, 443], [UDP, 443], [TCP, 8080], [TCP, 9090], [SCTP, 1],
    ];
    let compared = 0;
    c.endpoints.forEach((from, i) => c.endpoints.forEach((to, j) => {
      if (from.external && to.external) return; // not a connection the analysis answers for
      const allowed = engine.allowed(i, j);
      for (const [p, n] of probes) {
        expect([from.id, to.id, p, n, allowed.has(p, n)]).toEqual([from.id, to.id, p, n, allows(policies, c, from, to, p, n)]);
        compared++;
      }
    }));
    expect(compared).toBe((8 * 8 - 2 * 2) * probes.length);
  });
});

describe('readCiliumPolicy: errors', () => {
  test('what the analysis does not model is an error that leaves the object out', () => {
    const cases: Array<[any, string]> = [
      [ccnp({ nodeSelector: {}, ingress: [{}] }), 'spec.nodeSelector: a host policy (nodeSelector: the nodes\' own traffic) is not modelled by the analysis; the answer would be incomplete'],
      [cnp({ endpointSelector: {}, ingress: [{ fromRequires: [{ matchLabels: { env: 'prod' } }] }] }, 'p', 'shop'), 'spec.ingress[0].fromRequires: fromRequires is not modelled'],
      [cnp({ endpointSelector: {}, egress: [{ toServices: [{ k8sService: { serviceName: 'db', namespace: 'shop' } }] }] }), 'spec.egress[0].toServices: toServices is not modelled'],
      [cnp({ endpointSelector: {}, egress: [{ toCIDRSet: [{ cidrGroupRef: 'office' }] }] }), 'spec.egress[0].toCIDRSet[0]: a CIDR group (cidrGroupRef, cidrGroupSelector: CiliumCIDRGroup objects) is not modelled'],
      [cnp({ endpointSelector: { matchLabels: { 'io.cilium.k8s.policy.serviceaccount': 'sa' } }, egress: [{}] }), 'spec.endpointSelector: the label any:io.cilium.k8s.policy.serviceaccount (service account, cluster) is not modelled'],
      [cnp({ endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { 'reserved:host': '' } }] }] }), 'spec.egress[0].toEndpoints[0]: a selector of reserved identities is not modelled'],
      [cnp({ endpointSelector: {}, ingress: [{ fromEndpoints: [{}], authentication: { mode: 'required' } }] }), 'spec.ingress[0].authentication: mutual authentication is not modelled'],
    ];
    for (const [object, message] of cases) {
      const out = readCiliumPolicy(object, { version: object.spec.ingress?.[0]?.fromRequires ? '1.15' : '1.20' });
      expect(out.policies).toEqual([]);
      expect(out.errors.map((e) => e.message)).toEqual([expect.stringContaining(message)]);
      expect(out.errors[0].message).toContain('the answer would be incomplete');
    }
  });

  test('invalid objects: the validator\'s errors, unknown fields included', () => {
    expect(errorsOf(cnp({ endpointSelector: {}, ingress: [{ fromEndpoint: [{}] }] }))).toEqual(['spec.ingress[0].fromEndpoint: Unknown field: unknown field "spec.ingress[0].fromEndpoint"']);
    expect(errorsOf({ ...cnp({ endpointSelector: {}, ingress: [{}] }), extra: 1 })).toEqual(['extra: Unknown field: unknown field "extra"']);
    expect(errorsOf(cnp({ endpointSelector: {}, egress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'ICMP' }] }] }] }))).toEqual([
      expect.stringContaining('spec.egress[0].toPorts[0].ports[0].protocol: Unsupported value: "ICMP"'),
    ]);
    expect(errorsOf(cnp({ endpointSelector: {}, egress: [{ toCIDR: ['10.0.0.0/33'] }] }))).toEqual([expect.stringContaining('spec.egress[0].toCIDR[0]: Invalid value: "10.0.0.0/33": unable to parse CIDR')]);
    expect(errorsOf(cnp({ endpointSelector: {}, egress: [{ toEndpoints: [{}], toCIDR: ['10.0.0.0/8'] }] }))).toEqual([expect.stringContaining('Combining toCIDR and toEndpoints is not supported yet')]);
    expect(errorsOf(cnp({ endpointSelector: { matchExpressions: [{ key: 'app', operator: 'in', values: ['x'] }] }, egress: [{}] }))).toEqual([
      expect.stringContaining('spec.endpointSelector.matchExpressions[0].operator: Invalid value: "in"'),
    ]);
    expect(errorsOf(cnp({ endpointSelector: {}, egress: [{ icmps: [{ fields: [{ type: 8 }] }], toPorts: [{ ports: [{ port: '80' }] }] }] }))).toEqual([
      expect.stringContaining('The ICMPs block may only be present without ToPorts'),
    ]);
    expect(errorsOf(cnp({ endpointSelector: {} }), '1.20')).toEqual([expect.stringContaining('rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny')]);
    expect(errorsOf({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'x', namespace: 'shop' } })).toEqual([expect.stringContaining('spec: Required value')]);
    expect(errorsOf(cnp({ nodeSelector: {}, ingress: [{}] }))).toEqual([expect.stringContaining('rule cannot have NodeSelector')]);
  });
});

describe('validateCiliumManifest: the checks reading needs, on both sides', () => {
  const valid = (object: any, version = '1.20') => validateCiliumManifest(object, { version }).map((e) => e.message);
  test.each([
    ['specs: a list of rules', { specs: [{ endpointSelector: {}, ingress: [{}] }] }, { specs: [{ ingress: [{}] }] }, 'specs[0].endpointSelector: Required value'],
    // The sanitizer takes a bare address, the CRD (format cidr) does not (fixture cilium-sanitizer-verdicts: fromCIDR/bare-address).
    ['fromCIDR: a prefix', { spec: { endpointSelector: {}, ingress: [{ fromCIDR: ['10.0.0.0/8', '2001:db8::/32'] }] } },
      { spec: { endpointSelector: {}, ingress: [{ fromCIDR: ['10.0.0.1'] }] } }, 'spec.ingress[0].fromCIDR[0]: Invalid value'],
    ['ICMP rules without ports', { spec: { endpointSelector: {}, egress: [{ icmps: [{ fields: [{ type: 8 }] }] }] } },
      { spec: { endpointSelector: {}, egress: [{ icmps: [{ fields: [{ type: 8 }] }], toPorts: [{ ports: [{ port: '80' }] }] }] } }, 'The ICMPs block may only be present without ToPorts'],
    ['selector keys with a source', { spec: { endpointSelector: { matchLabels: { 'k8s:app.kubernetes.io/name': 'x', 'any:app': 'y' } }, egress: [{}] } },
      { spec: { endpointSelector: { matchLabels: { 'k8s:app/x/y': 'x' } }, egress: [{}] } }, 'spec.endpointSelector.matchLabels: Invalid value'],
    ['selector operators', { spec: { endpointSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }] }, egress: [{}] } },
      { spec: { endpointSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn' }] }, egress: [{}] } }, 'spec.endpointSelector.matchExpressions[0].values: Required value'],
    ['a CIDR group needs no cidr', { spec: { endpointSelector: {}, egress: [{ toCIDRSet: [{ cidrGroupRef: 'office' }] }] } },
      { spec: { endpointSelector: {}, egress: [{ toCIDRSet: [{ except: ['10.0.0.0/8'] }] }] } }, 'spec.egress[0].toCIDRSet[0]: Invalid value'],
    ['DNS rules take one port', { spec: { endpointSelector: {}, egress: [{ toPorts: [{ ports: [{ port: '53', endPort: 53, protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] }] } },
      { spec: { endpointSelector: {}, egress: [{ toPorts: [{ ports: [{ port: '53', endPort: 54, protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] }] } },
      'DNS rules do not support port ranges'],
    ['unknown fields', { spec: { endpointSelector: {}, description: 'd', labels: [{ key: 'k', value: 'v', source: 's' }], egressDeny: [{ toPorts: [{ ports: [{ port: '1' }] }] }] } },
      { spec: { endpointSelector: {}, egressDeny: [{ toPorts: [{ ports: [{ port: '1' }], rules: {} }] }] } }, 'spec.egressDeny[0].toPorts[0].rules: Unknown field'],
    ['a CNP has no nodeSelector', { spec: { endpointSelector: {}, ingress: [{}] } }, { spec: { nodeSelector: {}, ingress: [{}] } }, 'spec.nodeSelector: Forbidden'],
    ['one of endpointSelector and nodeSelector', { spec: { endpointSelector: {}, ingress: [{}] } }, { spec: { endpointSelector: {}, nodeSelector: {}, ingress: [{}] } },
      'rule cannot have both EndpointSelector and NodeSelector'],
  ])('%s', (_, good: any, bad: any, message: string) => {
    const base = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'shop' } };
    expect(valid({ ...base, ...good })).toEqual([]);
    expect(valid({ ...base, ...bad })).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  test('by release: fields of the 1.20 CRD are unknown to 1.15; a rule without rules and deny rules are checked from 1.20', () => {
    const base = { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'c' } };
    const withLog = { ...base, spec: { endpointSelector: {}, log: { value: 'x' }, egress: [{ toNodes: [{}] }] } };
    // toNodes needs the agent flag enable-node-selector-labels, off by default (cilium-sanitizer-verdicts: peers/toNodes).
    expect(valid(withLog)).toEqual([expect.stringContaining('spec.egress[0].toNodes: Forbidden: FromNodes/ToNodes rules can only be applied when the "enable-node-selector-labels" flag is set')]);
    expect(valid(withLog, '1.15')).toEqual([expect.stringContaining('spec.log: Unknown field'), expect.stringContaining('spec.egress[0].toNodes: Unknown field')]);
    const empty = { ...base, spec: { endpointSelector: {} } };
    expect(valid(empty, '1.15')).toEqual([]);
    expect(valid(empty)).toEqual([expect.stringContaining('rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny')]);
    const mixedDeny = { ...base, spec: { endpointSelector: {}, ingressDeny: [{ fromEntities: ['world'], fromCIDR: ['10.0.0.0/8'] }] } };
    expect(valid(mixedDeny, '1.15')).toEqual([]);
    expect(valid(mixedDeny)).toEqual([expect.stringContaining('Combining fromCIDR and fromEntities is not supported yet')]);
  });
});

describe('validateCiliumManifest: the fields of each release\'s CRD, no more, no fewer', () => {
  const RELEASES: Array<[string, string]> = [['1.15', '1.15.6'], ['1.16', '1.16.0'], ['1.20', '1.20.2']];
  /** Where the validator does not look (the L7 rules' content, metadata, status); the CRD checks it. */
  const OPAQUE = /^(metadata|status)\.|\.rules\.(http|kafka|l7)\[\]\.|\.(listener|originatingTLS|terminatingTLS)\.|Requires\[\]\./;

  function schemaOf(kind: string, release: string): any {
    const crd = parse(gunzipSync(readFileSync(path.join(__dirname, '..', 'fixtures', 'cilium', `${kind}-v${release}.yaml.gz`))).toString('utf8'));
    return crd.spec.versions.find((v: any) => v.name === 'v2').schema.openAPIV3Schema;
  }
  /** A document with every field of the schema (lists of one item), and the paths of those fields. */
  function everyField(schema: any, at: string, paths: Set<string>): any {
    if (schema.type === 'array') return [everyField(schema.items, `${at}[]`, paths)];
    if (schema.type === 'object' && schema.properties) {
      const out: any = {};
      for (const [k, sub] of Object.entries<any>(schema.properties)) {
        const p = at === '' ? k : `${at}.${k}`;
        paths.add(p);
        out[k] = everyField(sub, p, paths);
      }
      return out;
    }
    if (schema.type === 'object') return {};
    return schema.type === 'integer' ? 1 : schema.type === 'boolean' ? true : 'x';
  }
  const unknown = (doc: any, version: string) => validateCiliumManifest(doc, { version })
    .filter((e) => e.type === 'Unknown field').map((e) => e.field.replace(/\[\d+\]/g, '[]')).sort();

  test.each(['ciliumnetworkpolicies', 'ciliumclusterwidenetworkpolicies'])('%s: every field of the release is known; those of other releases are not', (kind) => {
    const docs = RELEASES.map(([version, release]) => {
      const paths = new Set<string>();
      return { version, paths, doc: everyField(schemaOf(kind, release), '', paths) };
    });
    for (const a of docs) {
      for (const b of docs) {
        const parent = (p: string) => p.replace(/(\[\])?\.[^.]+$/, '').replace(/\[\]$/, '');
        // Before 1.16, endPort and enableDefaultDeny are refused by name (Forbidden), not as unknown.
        const byName = (p: string) => a.version === '1.15' && /(endPort|enableDefaultDeny)$/.test(p);
        const expected = [...b.paths].filter((p) => !a.paths.has(p) && (a.paths.has(parent(p)) || !p.includes('.')) && !OPAQUE.test(p) && !byName(p)).sort();
        expect([a.version, b.version, unknown(b.doc, a.version)]).toEqual([a.version, b.version, expected]);
      }
    }
    expect(validateCiliumManifest(docs[2].doc, { version: '1.15' }).filter((e) => e.type === 'Forbidden').map((e) => e.field)).toEqual(expect.arrayContaining([
      'spec.enableDefaultDeny', 'spec.ingress[0].toPorts[0].ports[0].endPort',
    ]));
    // Each object the validator looks into refuses a field it does not know.
    const doc = docs[2].doc;
    const objects = [
      doc, doc.spec, doc.spec.ingress[0], doc.spec.egress[0].toPorts[0].ports[0],
      doc.spec.egressDeny[0].toCIDRSet[0], doc.spec.endpointSelector.matchExpressions[0],
    ];
    for (const at of objects) at.zz = 1;
    expect(unknown(doc, '1.20')).toEqual([
      'spec.egress[].toPorts[].ports[].zz', 'spec.egressDeny[].toCIDRSet[].zz', 'spec.endpointSelector.matchExpressions[].zz', 'spec.ingress[].zz', 'spec.zz', 'zz',
    ].sort());
  });
});

describe('readCiliumPolicy: round trip', () => {
  const SEED = Number(process.env.FC_SEED ?? 1515);

  /**
   * The pod labels Cilium keeps in identities (labelsfilter defaults, pkg/labelsfilter/filter.go): the
   * evaluator of the text sees every label, so it is given these only. That a v1 selector on a dropped
   * label means nothing on Cilium is the reader's own test above.
   */
  const identity = (e: Endpoint): Endpoint => ({
    ...e,
    labels: Object.fromEntries(Object.entries(e.labels).filter(([k]) => k.startsWith('app.kubernetes.io')
      || !/^(io\.kubernetes|kubernetes\.io|statefulset\.kubernetes\.io\/pod-name|apps\.kubernetes\.io\/pod-index|batch\.kubernetes\.io\/(job-completion-index|controller-uid)|.*beta\.kubernetes\.io|k8s\.io|pod-template-generation|pod-template-hash|controller-revision-hash|controller-uid|annotation|etcd_node)/.test(k))),
  });

  /** A cluster of the two endpoints; one in shop takes the namespace labels of the selected one (a namespace has one set). */
  function clusterOf(selected: Endpoint, other: Endpoint): { c: ClusterModel; s: ClusterEndpoint; o: ClusterEndpoint; other: Endpoint } {
    const c = new ClusterModel();
    const same = other.namespace === selected.namespace ? { ...other, nsLabels: selected.nsLabels } : other;
    const add = (e: Endpoint, name: string) => {
      if (e.namespace === undefined) return c.addExternal(e.ip)!;
      const { ['kubernetes.io/metadata.name']: _, ...labels } = e.nsLabels;
      if (!c.hasNamespace(e.namespace)) c.addNamespace(e.namespace, labels);
      return c.addWorkload({ namespace: e.namespace, name, kind: 'Deployment', labels: e.labels, ips: [e.ip], containerPorts: e.namedPorts.map((n) => ({ ...n })) })!;
    };
    const s = add(selected, 'selected');
    const o = add(same, 'other');
    return { c, s, o, other: same };
  }

  test('the CNP emitted for generated v1 policies, read back, means what Cilium\'s reading of its text means, over generated connections', () => {
    let compared = 0;
    fc.assert(fc.property(arbNetworkPolicyModel({ namespace: 'shop' }).chain((model) => fc.tuple(
      fc.constant(model),
      fc.array(fc.tuple(
        arbEndpoint(model, fc.constant('shop')),
        arbEndpoint(model, fc.constantFrom<string | undefined>('shop', 'other', undefined)),
        fc.record({ protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP), port: fc.constantFrom(1, 53, 80, 443, 5432, 8080, 65535) }),
      ), { minLength: 10, maxLength: 10 }),
    )), ([model, cases]) => {
      const object = emitCiliumNetworkPolicy(model, { version: '1.16' });
      const out = readCiliumPolicy(object, { version: '1.16' });
      expect(out.errors).toEqual([]);
      for (const [selectedEndpoint, otherEndpoint, t] of cases as Array<[Endpoint, Endpoint, Traffic]>) {
        const { c, s, o, other } = clusterOf(selectedEndpoint, otherEndpoint);
        const selects = selectorMatches(object.spec.endpointSelector, 'shop', identity(selectedEndpoint));
        expect(out.policies.every((p) => p.subject.matches(s, c) === selects)).toBe(true);
        const ingress = !side(out.policies, c, s, o, 'ingress').denied.has(t.protocol, t.port);
        const egress = !side(out.policies, c, s, o, 'egress').denied.has(t.protocol, t.port);
        const isolatedIn = selects && object.spec.ingress !== undefined;
        const isolatedOut = selects && object.spec.egress !== undefined;
        expect(ingress).toBe(!isolatedIn || ciliumAllows(object.spec.ingress, 'from', 'shop', identity(other), t, selectedEndpoint));
        expect(egress).toBe(!isolatedOut || ciliumAllows(object.spec.egress, 'to', 'shop', identity(other), t, other));
        compared++;
      }
    }), { seed: SEED, numRuns: 200 });
    expect(compared).toBe(2000);
  });
});
