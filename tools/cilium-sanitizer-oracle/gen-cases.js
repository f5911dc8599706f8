#!/usr/bin/env node
/* eslint-disable */
/**
 * Writes the boundary corpus of Cilium policies, runs the Go oracles over it and records their
 * verdicts in test/fixtures/cilium-sanitizer-verdicts/ (see README.md there).
 *
 *   node tools/cilium-sanitizer-oracle/gen-cases.js --oracle v1.20.2=/tmp/oracle120 --oracle v1.16.0=/tmp/oracle116
 *   node tools/cilium-sanitizer-oracle/gen-cases.js --cases-only out.json
 *
 * Each oracle binary is run with CILIUM_CRD_DIR set to the CRD directory of its module version,
 * found with `go list -m` (the GOMODCACHE of the build).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test', 'fixtures', 'cilium-sanitizer-verdicts');

const cases = [];
const add = (id, manifest) => {
  if (cases.some((c) => c.id === id)) throw new Error(`duplicate id ${id}`);
  cases.push({ id, manifest });
};
const cnp = (spec, extra = {}) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'shop' }, spec, ...extra });
const ccnp = (spec) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'p' }, spec });
const sel = { matchLabels: { app: 'api' } };
const eg = (rule) => cnp({ endpointSelector: sel, egress: [rule] });
const ig = (rule) => cnp({ endpointSelector: sel, ingress: [rule] });
const egd = (rule) => cnp({ endpointSelector: sel, egressDeny: [rule] });
const igd = (rule) => cnp({ endpointSelector: sel, ingressDeny: [rule] });
const any = [{}];
const ports = (...ps) => [{ ports: ps }];

// Ports: numbers, names, parsing, protocols, endPort, count.
for (const port of ['0', '1', '80', '65535', '65536', '-1', '', '0x10', '010', '1e3', ' 80', '80 ', 'http', 'HTTP', 'dns-tcp', 'a-b', 'a--b', '-ab', 'ab-', 'abcdefghijklmno', 'abcdefghijklmnop', '123abc', 'a_b', 'a.b']) {
  add(`port/egress/${JSON.stringify(port)}`, eg({ toEndpoints: any, toPorts: ports({ port, protocol: 'TCP' }) }));
}
for (const port of ['0', '65535', '65536', 'http', '']) {
  add(`port/ingress/${JSON.stringify(port)}`, ig({ fromEndpoints: any, toPorts: ports({ port, protocol: 'TCP' }) }));
  add(`port/egressDeny/${JSON.stringify(port)}`, egd({ toEndpoints: any, toPorts: ports({ port, protocol: 'TCP' }) }));
  add(`port/ingressDeny/${JSON.stringify(port)}`, igd({ fromEndpoints: any, toPorts: ports({ port, protocol: 'TCP' }) }));
}
add('port/missing', eg({ toEndpoints: any, toPorts: ports({ protocol: 'TCP' }) }));
add('port/number-not-string', eg({ toEndpoints: any, toPorts: ports({ port: 80, protocol: 'TCP' }) }));
add('port/no-ports-list', eg({ toEndpoints: any, toPorts: [{}] }));
add('port/empty-ports-list', eg({ toEndpoints: any, toPorts: [{ ports: [] }] }));
for (const protocol of ['TCP', 'UDP', 'SCTP', 'ANY', 'tcp', 'udp', 'any', 'ICMP', 'ICMPv6', 'VRRP', 'IGMP', 'GRE', '']) {
  add(`protocol/${JSON.stringify(protocol)}`, eg({ toEndpoints: any, toPorts: ports({ port: '80', protocol }) }));
}
add('protocol/omitted', eg({ toEndpoints: any, toPorts: ports({ port: '80' }) }));
add('protocol/VRRP-port-0', eg({ toEndpoints: any, toPorts: ports({ port: '0', protocol: 'VRRP' }) }));
add('protocol/ingressDeny-ANY', igd({ fromEndpoints: any, toPorts: ports({ port: '80', protocol: 'ANY' }) }));
for (const [port, endPort] of [['80', 90], ['80', 80], ['80', 79], ['80', 65535], ['80', 65536], ['0', 10], ['http', 90], ['80', 0], ['80', -1]]) {
  add(`endPort/${port}-${endPort}`, eg({ toEndpoints: any, toPorts: ports({ port, endPort, protocol: 'TCP' }) }));
}
add('endPort/string', eg({ toEndpoints: any, toPorts: ports({ port: '80', endPort: '90', protocol: 'TCP' }) }));
add('endPort/egressDeny', egd({ toEndpoints: any, toPorts: ports({ port: '80', endPort: 90, protocol: 'TCP' }) }));
add('endPort/ingress', ig({ fromEndpoints: any, toPorts: ports({ port: '80', endPort: 90, protocol: 'TCP' }) }));
for (const n of [40, 41]) {
  const ps = Array.from({ length: n }, (_, i) => ({ port: String(1000 + i), protocol: 'TCP' }));
  add(`ports-count/egress/${n}`, eg({ toEndpoints: any, toPorts: [{ ports: ps }] }));
  add(`ports-count/egressDeny/${n}`, egd({ toEndpoints: any, toPorts: [{ ports: ps }] }));
}

// L7 rules: HTTP only on TCP, DNS on UDP/TCP/ANY and egress only, port 53 required, no ranges, no port 0.
const http = { http: [{ method: 'GET', path: '/' }] };
const dns = { dns: [{ matchPattern: '*' }] };
for (const protocol of ['TCP', 'UDP', 'ANY', undefined]) {
  add(`l7/http/egress/${protocol ?? 'omitted'}`, eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '80', protocol }], rules: http }] }));
  add(`l7/http/ingress/${protocol ?? 'omitted'}`, ig({ fromEndpoints: any, toPorts: [{ ports: [{ port: '80', protocol }], rules: http }] }));
  add(`l7/dns/egress/${protocol ?? 'omitted'}`, eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol }], rules: dns }] }));
}
add('l7/dns/ingress', ig({ fromEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: dns }] }));
add('l7/dns/no-ports', eg({ toEndpoints: any, toPorts: [{ rules: dns }] }));
add('l7/dns/empty-list-no-ports', eg({ toEndpoints: any, toPorts: [{ rules: { dns: [] } }] }));
add('l7/dns/empty-list-udp', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [] } }] }));
add('l7/dns/port-5353', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '5353', protocol: 'UDP' }], rules: dns }] }));
add('l7/dns/range', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', endPort: 54, protocol: 'UDP' }], rules: dns }] }));
add('l7/dns/range-equal', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', endPort: 53, protocol: 'UDP' }], rules: dns }] }));
add('l7/dns/port-0', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '0', protocol: 'UDP' }], rules: dns }] }));
add('l7/http/port-0', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '0', protocol: 'TCP' }], rules: http }] }));
add('l7/http/named-port', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: 'http', protocol: 'TCP' }], rules: http }] }));
add('l7/http-and-dns', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol: 'TCP' }], rules: { ...http, ...dns } }] }));
add('l7/empty-rules', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: {} }] }));
add('l7/empty-http-list-udp', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '80', protocol: 'UDP' }], rules: { http: [] } }] }));
add('l7/kafka', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '9092', protocol: 'TCP' }], rules: { kafka: [{ topic: 't' }] } }] }));
add('l7/rules-on-egressDeny', egd({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: dns }] }));
add('l7/dns-with-fqdn-peer', eg({ toFQDNs: [{ matchName: 'example.com' }], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: dns }] }));
add('l7/host-policy-http-ingress', ccnp({ nodeSelector: {}, ingress: [{ fromEntities: ['world'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: http }] }] }));
add('l7/host-policy-http-egress', ccnp({ nodeSelector: {}, egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: http }] }] }));
add('l7/server-names-empty', eg({ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }], serverNames: [''] }] }));
add('l7/server-names', eg({ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }], serverNames: ['example.com'] }] }));

// ICMP.
add('icmp/alone', eg({ toEndpoints: any, icmps: [{ fields: [{ type: 8, family: 'IPv4' }] }] }));
add('icmp/named-type', eg({ toEndpoints: any, icmps: [{ fields: [{ type: 'EchoRequest', family: 'IPv4' }] }] }));
add('icmp/ipv6', ig({ fromEndpoints: any, icmps: [{ fields: [{ type: 128, family: 'IPv6' }] }] }));
add('icmp/bad-family', eg({ toEndpoints: any, icmps: [{ fields: [{ type: 8, family: 'IPv5' }] }] }));
add('icmp/no-family', eg({ toEndpoints: any, icmps: [{ fields: [{ type: 8 }] }] }));
add('icmp/with-toPorts', eg({ toEndpoints: any, icmps: [{ fields: [{ type: 8 }] }], toPorts: ports({ port: '80', protocol: 'TCP' }) }));
add('icmp/with-toPorts-ingress', ig({ fromEndpoints: any, icmps: [{ fields: [{ type: 8 }] }], toPorts: ports({ port: '80', protocol: 'TCP' }) }));
add('icmp/with-toPorts-egressDeny', egd({ toEndpoints: any, icmps: [{ fields: [{ type: 8 }] }], toPorts: ports({ port: '80', protocol: 'TCP' }) }));
for (const n of [40, 41]) add(`icmp/fields-${n}`, eg({ toEndpoints: any, icmps: [{ fields: Array.from({ length: n }, (_, i) => ({ type: i })) }] }));
add('icmp/type-256', eg({ toEndpoints: any, icmps: [{ fields: [{ type: 256 }] }] }));

// CIDR and CIDRSet.
for (const c of ['10.0.0.0/8', '10.0.0.1/8', '10.0.0.1', '::1', '2001:db8::/32', '010.0.0.0/8', '10.0.0.0/33', '10.0.0.0/08', '', 'abc', '0.0.0.0/0', '::/0', '2001:db8::/129', '::ffff:10.0.0.0/104']) {
  add(`toCIDR/${JSON.stringify(c)}`, eg({ toCIDR: [c] }));
}
add('fromCIDR/bare-address', ig({ fromCIDR: ['10.0.0.1'] }));
const set = (cidr, except) => eg({ toCIDRSet: [{ cidr, ...(except ? { except } : {}) }] });
add('cidrSet/plain', set('10.0.0.0/8'));
add('cidrSet/bare-address', set('10.0.0.1'));
add('cidrSet/leading-zero', set('010.0.0.0/8'));
add('cidrSet/v6', set('2001:db8::/32', ['2001:db8:1::/48']));
add('cidrSet/except-inside', set('10.0.0.0/8', ['10.1.0.0/16']));
add('cidrSet/except-outside', set('10.0.0.0/8', ['11.0.0.0/16']));
add('cidrSet/except-equal', set('10.0.0.0/8', ['10.0.0.0/8']));
add('cidrSet/except-wider', set('10.0.0.0/16', ['10.0.0.0/8']));
add('cidrSet/except-host-bits', set('10.0.0.0/8', ['10.1.2.3/16']));
add('cidrSet/except-other-family', set('10.0.0.0/8', ['2001:db8::/32']));
add('cidrSet/except-bare-address', set('10.0.0.0/8', ['10.1.2.3']));
add('cidrSet/except-unparsable', set('10.0.0.0/8', ['x']));
add('cidrSet/empty-object', eg({ toCIDRSet: [{}] }));
add('cidrSet/group-ref', eg({ toCIDRSet: [{ cidrGroupRef: 'partners' }] }));
add('cidrSet/cidr-and-group-ref', eg({ toCIDRSet: [{ cidr: '10.0.0.0/8', cidrGroupRef: 'partners' }] }));
add('cidrSet/group-selector', eg({ toCIDRSet: [{ cidrGroupSelector: { matchLabels: { team: 'a' } } }] }));
add('cidrSet/ingress-except-outside', ig({ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] }] }));
add('cidrSet/egressDeny-except-outside', egd({ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] }] }));
add('cidrSet/with-toPorts', eg({ toCIDRSet: [{ cidr: '10.0.0.0/8' }], toPorts: ports({ port: '443', protocol: 'TCP' }) }));

// toFQDNs.
const fq = (f) => eg({ toFQDNs: [f], toPorts: ports({ port: '443', protocol: 'TCP' }) });
const label63 = 'a'.repeat(63);
for (const name of ['example.com', 'a.example.com', 'EXAMPLE.com', 'a_b.example.com', 'example.com.', 'a*.example.com', '*.example.com', '', 'exa mple.com', 'exämple.com', 'a/b', `${label63}.${label63}.${label63}.${'a'.repeat(61)}`, `${label63}.${label63}.${label63}.${'a'.repeat(62)}`, `${'a'.repeat(64)}.com`]) {
  add(`fqdn/matchName/${JSON.stringify(name).slice(0, 40)}/${name.length}`, fq({ matchName: name }));
}
for (const pattern of ['*', '*.example.com', '**.example.com', 'a**b.example.com', '*.*.example.com', 'api-*.example.com', '?.example.com', 'example.com.', '', `*.${label63}.${label63}.${label63}.${'a'.repeat(59)}`, `*.${label63}.${label63}.${label63}.${'a'.repeat(60)}`]) {
  add(`fqdn/matchPattern/${JSON.stringify(pattern).slice(0, 40)}/${pattern.length}`, fq({ matchPattern: pattern }));
}
add('fqdn/both', fq({ matchName: 'a.com', matchPattern: '*.com' }));
add('fqdn/neither', fq({}));
add('fqdn/no-toPorts', eg({ toFQDNs: [{ matchName: 'example.com' }] }));
add('fqdn/with-toEndpoints', eg({ toFQDNs: [{ matchName: 'example.com' }], toEndpoints: any }));
add('fqdn/on-ingress', ig({ toFQDNs: [{ matchName: 'example.com' }] }));
add('fqdn/on-egressDeny', egd({ toFQDNs: [{ matchName: 'example.com' }] }));
add('dns/matchName-in-rule', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchName: 'a_b.example.com' }] } }] }));
add('dns/bad-pattern-in-rule', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: 'a b' }] } }] }));
add('dns/both-in-rule', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchName: 'a.com', matchPattern: '*' }] } }] }));

// One kind of peer per rule.
const peers = { toEndpoints: any, toCIDR: ['10.0.0.0/8'], toCIDRSet: [{ cidr: '10.0.0.0/8' }], toEntities: ['world'], toServices: [{ k8sService: { serviceName: 's', namespace: 'n' } }], toFQDNs: [{ matchName: 'example.com' }] };
const names = Object.keys(peers);
for (let i = 0; i < names.length; i++) {
  add(`peers/${names[i]}+toPorts`, eg({ [names[i]]: peers[names[i]], toPorts: ports({ port: '443', protocol: 'TCP' }) }));
  for (let j = i + 1; j < names.length; j++) add(`peers/${names[i]}+${names[j]}`, eg({ [names[i]]: peers[names[i]], [names[j]]: peers[names[j]] }));
}
add('peers/fromEndpoints+fromCIDRSet', ig({ fromEndpoints: any, fromCIDRSet: [{ cidr: '10.0.0.0/8' }] }));
add('peers/fromEntities+fromCIDR', ig({ fromEntities: ['world'], fromCIDR: ['10.0.0.0/8'] }));
add('peers/egressDeny-toEndpoints+toCIDR', egd({ toEndpoints: any, toCIDR: ['10.0.0.0/8'] }));
add('peers/ingressDeny-fromEndpoints+fromEntities', igd({ fromEndpoints: any, fromEntities: ['world'] }));
add('peers/toEndpoints-empty-list+toCIDR', eg({ toEndpoints: [], toCIDR: ['10.0.0.0/8'] }));
add('peers/toNodes', eg({ toNodes: [{}] }));
add('peers/toGroups', eg({ toGroups: [{ aws: { securityGroupsIds: ['sg-1'] } }] }));
add('peers/toRequires', eg({ toEndpoints: any, toRequires: [{ matchLabels: { a: 'b' } }] }));

// Entities.
for (const e of ['all', 'world', 'world-ipv4', 'world-ipv6', 'cluster', 'host', 'init', 'ingress', 'unmanaged', 'remote-node', 'health', 'none', 'kube-apiserver', 'World', 'internet', '']) {
  add(`entity/to/${JSON.stringify(e)}`, eg({ toEntities: [e] }));
}
add('entity/from/kube-apiserver', ig({ fromEntities: ['kube-apiserver'] }));
add('entity/from/bogus', ig({ fromEntities: ['bogus'] }));

// Rules and specs.
add('rule/empty-egress-rule', eg({}));
add('rule/empty-ingress-rule', ig({}));
add('rule/empty-egressDeny-rule', egd({}));
add('spec/no-rules', cnp({ endpointSelector: sel }));
add('spec/empty-egress-list', cnp({ endpointSelector: sel, egress: [] }));
add('spec/empty-object', cnp({}));
add('spec/no-selector', cnp({ egress: [{ toEndpoints: any }] }));
add('spec/empty-selector', cnp({ endpointSelector: {}, egress: [{ toEndpoints: any }] }));
add('spec/description-labels', cnp({ description: 'd', labels: [{ key: 'k', value: 'v', source: 'unspec' }], endpointSelector: sel, egress: [{ toEndpoints: any }] }));
add('spec/log', cnp({ log: { value: 'x' }, endpointSelector: sel, egress: [{ toEndpoints: any }] }));
add('spec/authentication', cnp({ endpointSelector: sel, ingress: [{ fromEndpoints: any, authentication: { mode: 'required' } }] }));
add('spec/authentication-bad-mode', cnp({ endpointSelector: sel, ingress: [{ fromEndpoints: any, authentication: { mode: 'bogus' } }] }));
add('deny/egressDeny-only', egd({ toCIDRSet: [{ cidr: '10.0.0.0/8' }], toPorts: ports({ port: '22', protocol: 'TCP' }) }));
add('deny/ingressDeny-only', igd({ fromEntities: ['world'] }));
add('deny/egressDeny-fqdn', egd({ toFQDNs: [{ matchName: 'example.com' }] }));
add('deny/egressDeny-bad-cidr', egd({ toCIDR: ['10.0.0.0/33'] }));
add('deny/egressDeny-bad-entity', egd({ toEntities: ['bogus'] }));
add('deny/ingressDeny-bad-selector', igd({ fromEndpoints: [{ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }] }));
add('deny/egressDeny-41-ports', egd({ toEndpoints: any, toPorts: [{ ports: Array.from({ length: 41 }, (_, i) => ({ port: String(i + 1) })) }] }));
for (const edd of [{ ingress: true, egress: true }, { egress: false }, { ingress: false }, {}, { egress: 'yes' }]) {
  add(`enableDefaultDeny/${JSON.stringify(edd)}`, cnp({ endpointSelector: sel, enableDefaultDeny: edd, egress: [{ toEndpoints: any }] }));
}
add('enableDefaultDeny/without-rules', cnp({ endpointSelector: sel, enableDefaultDeny: { egress: false, ingress: false } }));
add('specs/two', cnp(undefined, { specs: [{ endpointSelector: sel, egress: [{ toEndpoints: any }] }, { endpointSelector: sel, ingress: [{ fromEndpoints: any }] }] }));
add('specs/empty-list', cnp(undefined, { specs: [] }));
add('specs/second-bad', cnp(undefined, { specs: [{ endpointSelector: sel, egress: [{ toEndpoints: any }] }, { endpointSelector: sel, egress: [{ toEntities: ['bogus'] }] }] }));
add('specs/and-spec', cnp({ endpointSelector: sel, egress: [{ toEndpoints: any }] }, { specs: [{ endpointSelector: sel, ingress: [{ fromEndpoints: any }] }] }));
add('specs/neither', { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'shop' } });
add('specs/ccnp-two', { ...ccnp(undefined), spec: undefined, specs: [{ endpointSelector: sel, egress: [{ toEndpoints: any }] }, { nodeSelector: {}, ingress: [{ fromEntities: ['world'] }] }] });

// nodeSelector and clusterwide policies.
add('node/cnp-nodeSelector', cnp({ nodeSelector: {}, ingress: [{ fromEntities: ['world'] }] }));
add('node/cnp-specs-nodeSelector', cnp(undefined, { specs: [{ nodeSelector: {}, ingress: [{ fromEntities: ['world'] }] }] }));
add('node/ccnp-nodeSelector', ccnp({ nodeSelector: { matchLabels: { 'node-role.kubernetes.io/control-plane': '' } }, ingress: [{ fromEntities: ['cluster'] }] }));
add('node/ccnp-both-selectors', ccnp({ nodeSelector: {}, endpointSelector: sel, ingress: [{ fromEntities: ['cluster'] }] }));
add('node/ccnp-endpointSelector', ccnp({ endpointSelector: sel, egress: [{ toEntities: ['kube-apiserver'], toPorts: ports({ port: '6443', protocol: 'TCP' }) }] }));
add('node/ccnp-no-selector', ccnp({ egress: [{ toEntities: ['world'] }] }));
add('node/ccnp-with-namespace', { ...ccnp({ endpointSelector: sel, egress: [{ toEntities: ['world'] }] }), metadata: { name: 'p', namespace: 'shop' } });

// Selectors.
const withSel = (s) => cnp({ endpointSelector: s, egress: [{ toEndpoints: any }] });
for (const [op, values] of [['In', ['a']], ['In', []], ['In', undefined], ['NotIn', ['a']], ['NotIn', []], ['Exists', undefined], ['Exists', ['a']], ['DoesNotExist', undefined], ['DoesNotExist', ['a']], ['in', ['a']], ['Bogus', ['a']], ['', ['a']]]) {
  add(`selector/op/${op || 'empty'}/${values ? values.length : 'none'}`, withSel({ matchExpressions: [{ key: 'app', operator: op, ...(values ? { values } : {}) }] }));
}
add('selector/peer-bad-operator', eg({ toEndpoints: [{ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }] }));
add('selector/peer-ingress-bad-operator', ig({ fromEndpoints: [{ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }] }));
for (const key of ['app', 'k8s:app', 'k8s:io.kubernetes.pod.namespace', 'any:app', 'reserved:host', 'app.kubernetes.io/name', 'a b', '', '-app', 'k8s:', `${'a'.repeat(63)}`, `${'a'.repeat(64)}`, 'a/b/c', 'k8s:io.cilium.k8s.namespace.labels.team']) {
  add(`selector/key/${JSON.stringify(key).slice(0, 30)}/${key.length}`, withSel({ matchLabels: { [key]: 'x' } }));
  add(`selector/peer-key/${JSON.stringify(key).slice(0, 30)}/${key.length}`, eg({ toEndpoints: [{ matchLabels: { [key]: 'x' } }] }));
}
for (const value of ['', 'a', 'a.b-c_d', '-a', 'a b', 'a'.repeat(63), 'a'.repeat(64)]) {
  add(`selector/value/${JSON.stringify(value).slice(0, 30)}/${value.length}`, withSel({ matchLabels: { app: value } }));
}
add('selector/expression-bad-key', withSel({ matchExpressions: [{ key: 'a b', operator: 'Exists' }] }));
add('selector/expression-bad-value', withSel({ matchExpressions: [{ key: 'app', operator: 'In', values: ['a b'] }] }));

// Metadata, unknown fields, types.
add('meta/no-name', { ...eg({ toEndpoints: any }), metadata: { namespace: 'shop' } });
add('meta/uppercase-name', { ...eg({ toEndpoints: any }), metadata: { name: 'Bad', namespace: 'shop' } });
add('meta/no-namespace', { ...eg({ toEndpoints: any }), metadata: { name: 'p' } });
add('unknown/spec', cnp({ endpointSelector: sel, egress: [{ toEndpoints: any }], bogus: 1 }));
add('unknown/rule', eg({ toEndpoints: any, bogus: 1 }));
add('unknown/port', eg({ toEndpoints: any, toPorts: ports({ port: '80', protocol: 'TCP', bogus: 1 }) }));
add('unknown/selector', eg({ toEndpoints: [{ matchLabels: { a: 'b' }, bogus: 1 }] }));
add('unknown/top-level', { ...eg({ toEndpoints: any }), bogus: 1 });
add('unknown/rules-on-deny-port', egd({ toEndpoints: any, toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: http }] }));
add('types/egress-not-list', cnp({ endpointSelector: sel, egress: { toEndpoints: any } }));
add('types/toCIDR-not-list', eg({ toCIDR: '10.0.0.0/8' }));

// Held out: written after validate-cilium.ts was fixed against the cases above, to measure how far
// the fixes carry to objects they were not fitted on.
add('held/icmp-v6-named', eg({ toEndpoints: any, icmps: [{ fields: [{ type: 'EchoRequest', family: 'IPv6' }] }] }));
add('held/icmp-bogus-name', eg({ toEndpoints: any, icmps: [{ fields: [{ type: 'Bogus' }] }] }));
add('held/icmp-string-300', eg({ toEndpoints: any, icmps: [{ fields: [{ type: '300' }] }] }));
add('held/icmp-no-fields', eg({ toEndpoints: any, icmps: [{}] }));
add('held/icmp-empty-fields', eg({ toEndpoints: any, icmps: [{ fields: [] }] }));
add('held/icmp-no-type', eg({ toEndpoints: any, icmps: [{ fields: [{ family: 'IPv4' }] }] }));
add('held/v6-except-wider', set('2001:db8::/48', ['2001:db8::/32']));
add('held/v6-except-outside', set('2001:db8::/32', ['2001:db9::/48']));
add('held/host-egress-dns', ccnp({ nodeSelector: {}, egress: [{ toEndpoints: any, toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: dns }] }] }));
add('held/specs-host-http', { ...ccnp(undefined), spec: undefined, specs: [{ nodeSelector: {}, egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: http }] }] }] });
add('held/http-named-port-endPort', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: 'http', endPort: 90, protocol: 'TCP' }], rules: http }] }));
add('held/service-selector', eg({ toServices: [{ k8sServiceSelector: { selector: { matchLabels: { a: 'b' } } } }] }));
add('held/service-selector-ports', eg({ toServices: [{ k8sServiceSelector: { selector: { matchLabels: { a: 'b' } } } }], toPorts: ports({ port: '80', protocol: 'TCP' }) }));
add('held/l7proto', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { l7proto: 'x', l7: [{ a: 'b' }] } }] }));
add('held/reserved-host-peer', eg({ toEndpoints: [{ matchLabels: { 'reserved:host': '' } }] }));
add('held/expr-key-source', withSel({ matchExpressions: [{ key: 'k8s:app', operator: 'Exists' }] }));
add('held/expr-key-two-sources', withSel({ matchExpressions: [{ key: 'a:b:c', operator: 'Exists' }] }));
add('held/expr-key-bad-source', withSel({ matchExpressions: [{ key: 'k-8:app', operator: 'Exists' }] }));
add('held/label-bad-source', withSel({ matchLabels: { 'k_8:app': 'x' } }));
add('held/namespace-in-endpointSelector', withSel({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other' } }));
add('held/defaultDeny-ingress-only', cnp({ endpointSelector: sel, enableDefaultDeny: { ingress: true }, ingress: [], egress: [{ toEndpoints: any }] }));
add('held/group-selector-and-cidr', eg({ toCIDRSet: [{ cidr: '10.0.0.0/8', cidrGroupSelector: { matchLabels: { a: 'b' } } }] }));
add('held/port-00', eg({ toEndpoints: any, toPorts: ports({ port: '00', protocol: 'TCP' }) }));
add('held/port-0x0-http', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '0x0', protocol: 'TCP' }], rules: http }] }));
add('held/dns-named-port', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: 'dns', protocol: 'UDP' }], rules: dns }] }));
add('held/http-ANY', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '80', protocol: 'ANY' }], rules: http }] }));
add('held/dns-ANY-endPort-53', eg({ toEndpoints: any, toPorts: [{ ports: [{ port: '53', endPort: 53, protocol: 'ANY' }], rules: dns }] }));
add('held/http-no-ports', eg({ toEndpoints: any, toPorts: [{ rules: http }] }));
add('held/auth-disabled', cnp({ endpointSelector: sel, ingress: [{ fromEndpoints: any, authentication: { mode: 'disabled' } }] }));
add('held/server-name-wildcard', eg({ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }], serverNames: ['*.example.com'] }] }));
add('held/server-name-space', eg({ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }], serverNames: ['a b'] }] }));
add('held/name-253', { ...eg({ toEndpoints: any }), metadata: { name: `${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(61)}`, namespace: 'shop' } });
add('held/name-254', { ...eg({ toEndpoints: any }), metadata: { name: `${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(62)}`, namespace: 'shop' } });
add('held/cluster-mesh', eg({ toEntities: ['cluster-mesh'] }));
add('held/ingress-41-ports', ig({ fromEndpoints: any, toPorts: [{ ports: Array.from({ length: 41 }, (_, i) => ({ port: String(i + 1), protocol: 'TCP' })) }] }));
add('held/ingressDeny-bare-cidr', igd({ fromCIDR: ['10.0.0.1'] }));
add('held/ingressDeny-bad-entity', igd({ fromEntities: ['bogus'] }));
add('held/egressDeny-bad-port', egd({ toEndpoints: any, toPorts: ports({ port: '70000', protocol: 'TCP' }) }));
add('held/egressDeny-lowercase-protocol', egd({ toEndpoints: any, toPorts: ports({ port: '80', protocol: 'udp' }) }));
add('held/fqdn-trailing-dots', fq({ matchName: 'example..com' }));
add('held/fqdn-pattern-only-dot', fq({ matchPattern: '.' }));
add('held/ccnp-specs-and-spec', { ...ccnp({ endpointSelector: sel, egress: [{ toEntities: ['world'] }] }), specs: [{ endpointSelector: sel, ingress: [{ fromEntities: ['cluster'] }] }] });
add('held/egress-toPorts-empty-rule', eg({ toPorts: ports({ port: '80', protocol: 'TCP' }) }));
add('held/ingress-toPorts-only', ig({ toPorts: ports({ port: '80', protocol: 'TCP' }) }));

// The objects the emitter writes for the examples (examples/dialects.ts, CiliumOutput).
const examples = JSON.parse(execFileSync('npx', ['ts-node', '--transpile-only', '-P', 'tsconfig.json', 'tools/cilium-sanitizer-oracle/example-objects.ts'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 }));
for (const e of examples) add(e.id, e.manifest);

// ---------------------------------------------------------------------------------------------
const args = process.argv.slice(2);
if (args[0] === '--cases-only') {
  fs.writeFileSync(args[1], JSON.stringify(cases, null, 1));
  process.exit(0);
}
const oracles = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--oracle') {
    const [version, bin] = args[++i].split('=');
    oracles.push({ version, bin });
  }
}
if (oracles.length === 0) throw new Error('give --oracle VERSION=BINARY (one or more), or --cases-only FILE');
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
for (const { version, bin } of oracles) {
  const crdDir = path.join(process.env.GOMODCACHE || path.join(process.env.HOME, 'go', 'pkg', 'mod'), 'github.com', 'cilium', `cilium@${version}`, 'pkg', 'k8s', 'apis', 'cilium.io', 'client', 'crds', 'v2');
  const out = JSON.parse(execFileSync(bin, [], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, CILIUM_CRD_DIR: crdDir } }));
  if (out.ciliumVersion !== version) throw new Error(`${bin} was built with ${out.ciliumVersion}, not ${version}`);
  fs.writeFileSync(path.join(OUT, `verdicts-${version}.json`), JSON.stringify(out, null, 1) + '\n');
  const valid = out.verdicts.filter((v) => v.verdict === 'valid').length;
  console.log(`${version}: ${out.verdicts.length} cases, ${valid} valid, ${out.verdicts.length - valid} invalid`);
}
