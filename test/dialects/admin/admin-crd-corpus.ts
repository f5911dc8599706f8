/**
 * Boundary objects for the CRDs of sigs.k8s.io/network-policy-api: for each rule of the OpenAPI schemas
 * and each CEL rule (x-kubernetes-validations), an object on each side of it. The API server's verdicts
 * on them are recorded by tools/admin-crd-oracle into test/fixtures/admin-crd-verdicts; the lab test
 * test/lab/admin-crds.lab.ts replays the v1alpha1 part against the lab's API server.
 */

/** One object of the corpus, with what it probes. */
export interface CorpusEntry {
  readonly name: string;
  readonly object: any;
}

const SUBJECT = { namespaces: {} };
const ALL = [{ namespaces: {} }];
const rules = (n: number, rule: (i: number) => any) => Array.from({ length: n }, (_, i) => rule(i));

function anp(name: string, spec: any, metadata: any = {}): any {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name, ...metadata }, spec };
}
function banp(name: string, spec: any): any {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name }, spec };
}
function cnp(name: string, spec: any, metadata: any = {}): any {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name, ...metadata }, spec };
}

/**
 * CIDR texts on both sides of the CRDs' CIDR rules: v0.1.5's `self.contains(':') != self.contains('.')`,
 * v0.1.7's and v0.2.0's `isCIDR(self)` (netip.ParsePrefix: no zone, no IPv4-mapped IPv6, no leading
 * zeros; host bits allowed), v0.3.0's `cidr(self) == cidr(self).masked()` (host bits refused), and the
 * 43-character limit.
 */
const CIDRS: Array<[string, string]> = [
  ['IPv4 /8', '10.0.0.0/8'],
  ['IPv4 /0', '0.0.0.0/0'],
  ['IPv4 /32', '192.168.1.1/32'],
  ['IPv4 with host bits', '10.0.0.1/8'],
  ['IPv4 prefix 33', '10.0.0.0/33'],
  ['IPv4 without a prefix length', '10.0.0.1'],
  ['IPv4 with a leading zero', '010.0.0.0/8'],
  ['IPv4 prefix length with a leading zero', '10.0.0.0/08'],
  ['IPv4 of three octets', '10.0.0/8'],
  ['IPv6 /0', '::/0'],
  ['IPv6 /32', '2001:db8::/32'],
  ['IPv6 with host bits', '2001:db8::1/32'],
  ['IPv6 prefix 129', '2001:db8::/129'],
  ['IPv6 upper case', '2001:DB8::/32'],
  ['IPv4-mapped IPv6', '::ffff:10.0.0.0/104'],
  ['IPv6 with a zone', 'fe80::1%eth0/64'],
  ['IPv6 of 43 characters', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128'],
  ['IPv6 of 44 characters (prefix length 0128)', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/0128'],
  ['with a space', ' 10.0.0.0/8'],
  ['empty string', ''],
  ['a word', 'internet'],
];

/**
 * `domainNames` on both sides of the pattern. v0.1.7 and v0.2.0 spell the first character's class
 * `[a-zA-z0-9]`, whose `A-z` also takes `[\]^_` and the backtick; v0.3.0 corrects it to `A-Z`.
 */
const DOMAINS: Array<[string, string]> = [
  ['a name', 'example.com'],
  ['a wildcard', '*.example.com'],
  ['a trailing dot', 'example.com.'],
  ['upper case', 'EXAMPLE.COM'],
  ['one label', 'example'],
  ['a wildcard of one label', '*.com'],
  ['two wildcards', '*.*.example.com'],
  ['a wildcard inside', 'a.*.example.com'],
  ['underscore inside a label', 'my_host.example.com'],
  ['label starting with an underscore', '_srv.example.com'],
  ['label starting with a caret', '^a.example.com'],
  ['label ending with a hyphen', 'a-.example.com'],
  ['label starting with a hyphen', '-a.example.com'],
  ['an IP address', '10.0.0.1'],
  ['empty string', ''],
];

/** AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1, network-policy-api v0.1.x). */
export function v1alpha1Corpus(): CorpusEntry[] {
  const allow = (extra: any = {}) => ({ name: 'r', action: 'Allow', from: ALL, ...extra });
  const egress = (to: any[], extra: any = {}) => ({ name: 'e', action: 'Allow', to, ...extra });
  const spec = (extra: any) => ({ priority: 1, subject: SUBJECT, ...extra });
  const entries: Array<[string, any]> = [
    // From the lab's original corpus (v0.1.5).
    ['priority 0', anp('p0', { priority: 0, subject: SUBJECT })],
    ['priority 1000', anp('p1000', { priority: 1000, subject: SUBJECT })],
    ['priority 1001', anp('p1001', { priority: 1001, subject: SUBJECT })],
    ['priority -1', anp('pm1', { priority: -1, subject: SUBJECT })],
    ['priority missing', anp('pnone', { subject: SUBJECT })],
    ['priority as a string', anp('pstr', { priority: '5', subject: SUBJECT })],
    ['subject missing', anp('snone', { priority: 1 })],
    ['subject empty', anp('sempty', { priority: 1, subject: {} })],
    ['subject both', anp('sboth', { priority: 1, subject: { namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } } })],
    ['subject pods', anp('spods', { priority: 1, subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } } } })],
    ['subject pods without podSelector', anp('spods2', { priority: 1, subject: { pods: { namespaceSelector: {} } } })],
    ['action Allow, Deny, Pass', anp('actions', spec({ ingress: [allow({ action: 'Allow' }), allow({ action: 'Deny', name: 'd' }), allow({ action: 'Pass', name: 'p' })] }))],
    ['action Accept (v1alpha2 only)', anp('accept', spec({ ingress: [allow({ action: 'Accept' })] }))],
    ['100 ingress rules', anp('r100', spec({ ingress: rules(100, (i) => allow({ name: `r${i}` })) }))],
    ['101 ingress rules', anp('r101', spec({ ingress: rules(101, (i) => allow({ name: `r${i}` })) }))],
    ['rule name of 100 characters', anp('n100', spec({ ingress: [allow({ name: 'x'.repeat(100) })] }))],
    ['rule name of 101 characters', anp('n101', spec({ ingress: [allow({ name: 'x'.repeat(101) })] }))],
    ['rule name of 100 two-byte characters', anp('n100u', spec({ ingress: [allow({ name: 'é'.repeat(100) })] }))],
    ['rule name of 101 two-byte characters', anp('n101u', spec({ ingress: [allow({ name: 'é'.repeat(101) })] }))],
    ['ingress rule without from', anp('nofrom', spec({ ingress: [{ name: 'r', action: 'Allow' }] }))],
    ['ingress rule with from: []', anp('emptyfrom', spec({ ingress: [allow({ from: [] })] }))],
    ['100 peers', anp('peers100', spec({ ingress: [allow({ from: rules(100, () => ({ namespaces: {} })) })] }))],
    ['101 peers', anp('peers101', spec({ ingress: [allow({ from: rules(101, () => ({ namespaces: {} })) })] }))],
    ['a peer of both namespaces and pods', anp('peerboth', spec({ ingress: [allow({ from: [{ namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } }] })] }))],
    ['an empty peer', anp('peerempty', spec({ ingress: [allow({ from: [{}] })] }))],
    ['portNumber TCP 80', anp('port80', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: 80 } }] })] }))],
    ['portNumber 0', anp('port0', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: 0 } }] })] }))],
    ['portNumber 65536', anp('port65536', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: 65536 } }] })] }))],
    ['portNumber ICMP', anp('porticmp', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'ICMP', port: 1 } }] })] }))],
    ['portRange 80-90', anp('range', spec({ ingress: [allow({ ports: [{ portRange: { protocol: 'UDP', start: 80, end: 90 } }] })] }))],
    ['portRange with start after end', anp('rangebad', spec({ ingress: [allow({ ports: [{ portRange: { start: 90, end: 80 } }] })] }))],
    ['two port forms in one item', anp('twoforms', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: 80 }, namedPort: 'http' }] })] }))],
    ['namedPort', anp('named', spec({ ingress: [allow({ ports: [{ namedPort: 'http' }] })] }))],
    ['networks 10.0.0.0/8', anp('net', spec({ egress: [egress([{ networks: ['10.0.0.0/8'] }])] }))],
    ['networks ::/0 and 0.0.0.0/0', anp('net2', spec({ egress: [egress([{ networks: ['0.0.0.0/0', '::/0'] }])] }))],
    ['networks empty', anp('net0', spec({ egress: [egress([{ networks: [] }])] }))],
    ['networks 25', anp('net25', spec({ egress: [egress([{ networks: rules(25, (i) => `10.${i}.0.0/16`) }])] }))],
    ['networks 26', anp('net26', spec({ egress: [egress([{ networks: rules(26, (i) => `10.${i}.0.0/16`) }])] }))],
    ['networks with a duplicate', anp('netdup', spec({ egress: [egress([{ networks: ['10.0.0.0/8', '10.0.0.0/8'] }])] }))],
    ['networks and namedPort (CEL)', anp('netnamed', spec({ egress: [egress([{ networks: ['10.0.0.0/8'] }], { ports: [{ namedPort: 'http' }] })] }))],
    ['nodes peer', anp('nodes', spec({ egress: [egress([{ nodes: { matchLabels: { role: 'infra' } } }])] }))],
    ['nodes and namedPort (CEL)', anp('nodesnamed', spec({ egress: [egress([{ nodes: {} }], { ports: [{ namedPort: 'http' }] })] }))],
    ['networks in an ingress peer', anp('netin', spec({ ingress: [allow({ from: [{ networks: ['10.0.0.0/8'] }] })] }))],
    ['unknown field in spec', anp('unknown', spec({ bogus: true }))],
    ['name with capitals', anp('Bad-Name', spec({}))],
    ['BANP named default', banp('default', { subject: SUBJECT, ingress: [allow({ action: 'Deny' })] })],
    ['BANP named other', banp('other', { subject: SUBJECT })],
    ['BANP with Pass', banp('default', { subject: SUBJECT, ingress: [allow({ action: 'Pass' })] })],
    ['BANP with a priority', banp('default', { priority: 1, subject: SUBJECT })],
    ['BANP 100 egress rules', banp('default', { subject: SUBJECT, egress: rules(100, (i) => egress(ALL, { name: `e${i}` })) })],
    // Added for v0.1.7 (isCIDR, domainNames, ports minItems) and for the schema's remaining rules.
    ['spec missing', { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'nospec' } }],
    ['priority 1.5', anp('pfloat', { priority: 1.5, subject: SUBJECT })],
    ['priority 2147483648', anp('pbig', { priority: 2147483648, subject: SUBJECT })],
    ['subject pods without namespaceSelector', anp('spods3', { priority: 1, subject: { pods: { podSelector: {} } } })],
    ['matchLabels value a number', anp('mlnum', { priority: 1, subject: { namespaces: { matchLabels: { team: 1 } } } })],
    ['matchLabels value null', anp('mlnull', { priority: 1, subject: { namespaces: { matchLabels: { team: null } } } })],
    ['matchLabels key not a label key', anp('mlkey', { priority: 1, subject: { namespaces: { matchLabels: { 'not a key!': 'x' } } } })],
    ['matchExpressions In', anp('meok', { priority: 1, subject: { namespaces: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] } } })],
    ['matchExpressions without operator', anp('menoop', { priority: 1, subject: { namespaces: { matchExpressions: [{ key: 'team' }] } } })],
    ['matchExpressions operator Bogus', anp('mebogus', { priority: 1, subject: { namespaces: { matchExpressions: [{ key: 'team', operator: 'Bogus' }] } } })],
    ['matchExpressions In without values', anp('menoval', { priority: 1, subject: { namespaces: { matchExpressions: [{ key: 'team', operator: 'In' }] } } })],
    ['matchExpressions values a string', anp('mevalstr', { priority: 1, subject: { namespaces: { matchExpressions: [{ key: 'team', operator: 'In', values: 'a' }] } } })],
    ['unknown field in a selector', anp('selunknown', { priority: 1, subject: { namespaces: { matchLabel: { a: 'b' } } } })],
    ['action missing', anp('noaction', spec({ ingress: [{ name: 'r', from: ALL }] }))],
    ['action lower case', anp('lowaction', spec({ ingress: [allow({ action: 'allow' })] }))],
    ['rule name missing', anp('noname', spec({ ingress: [{ action: 'Allow', from: ALL }] }))],
    ['rule name empty', anp('emptyname', spec({ ingress: [allow({ name: '' })] }))],
    ['egress rule without to', anp('noto', spec({ egress: [{ name: 'e', action: 'Allow' }] }))],
    ['egress rule with to: []', anp('emptyto', spec({ egress: [egress([])] }))],
    ['100 egress rules', anp('e100', spec({ egress: rules(100, (i) => egress(ALL, { name: `e${i}` })) }))],
    ['101 egress rules', anp('e101', spec({ egress: rules(101, (i) => egress(ALL, { name: `e${i}` })) }))],
    ['ports empty', anp('ports0', spec({ ingress: [allow({ ports: [] })] }))],
    ['100 ports', anp('ports100', spec({ ingress: [allow({ ports: rules(100, (i) => ({ portNumber: { protocol: 'TCP', port: i + 1 } })) })] }))],
    ['101 ports', anp('ports101', spec({ ingress: [allow({ ports: rules(101, (i) => ({ portNumber: { protocol: 'TCP', port: i + 1 } })) })] }))],
    ['an empty port item', anp('portempty', spec({ ingress: [allow({ ports: [{}] })] }))],
    ['portNumber without protocol (defaulted)', anp('portdef', spec({ ingress: [allow({ ports: [{ portNumber: { port: 80 } }] })] }))],
    ['portNumber without port', anp('portnoport', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP' } }] })] }))],
    ['portNumber 65535', anp('port65535', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'UDP', port: 65535 } }] })] }))],
    ['portNumber protocol lower case', anp('porttcp', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'tcp', port: 80 } }] })] }))],
    ['portNumber port as a string', anp('portstr', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: '80' } }] })] }))],
    ['portRange start equal to end (CEL)', anp('rangeeq', spec({ ingress: [allow({ ports: [{ portRange: { start: 80, end: 80 } }] })] }))],
    ['portRange 1-65535', anp('rangefull', spec({ ingress: [allow({ ports: [{ portRange: { protocol: 'SCTP', start: 1, end: 65535 } }] })] }))],
    ['portRange without start', anp('rangenostart', spec({ ingress: [allow({ ports: [{ portRange: { end: 90 } }] })] }))],
    ['portRange end 65536', anp('rangebig', spec({ ingress: [allow({ ports: [{ portRange: { start: 80, end: 65536 } }] })] }))],
    ['namedPort empty', anp('namedempty', spec({ ingress: [allow({ ports: [{ namedPort: '' }] })] }))],
    ['pods peer and namedPort', anp('podsnamed', spec({ egress: [egress([{ pods: { namespaceSelector: {}, podSelector: {} } }], { ports: [{ namedPort: 'http' }] })] }))],
    ['networks and a port number', anp('netport', spec({ egress: [egress([{ networks: ['10.0.0.0/8'] }], { ports: [{ portNumber: { protocol: 'TCP', port: 443 } }] })] }))],
    ['networks not a list', anp('netstr', spec({ egress: [egress([{ networks: '10.0.0.0/8' }])] }))],
    ['networks and nodes in one peer', anp('netnodes', spec({ egress: [egress([{ networks: ['10.0.0.0/8'], nodes: {} }])] }))],
    ['nodes matchExpressions', anp('nodesexpr', spec({ egress: [egress([{ nodes: { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] } }])] }))],
    ['nodes in an ingress peer', anp('nodesin', spec({ ingress: [allow({ from: [{ nodes: {} }] })] }))],
    ['domainNames in an ingress peer', anp('domin', spec({ ingress: [allow({ from: [{ domainNames: ['example.com'] }] })] }))],
    ['domainNames 25', anp('dom25', spec({ egress: [egress([{ domainNames: rules(25, (i) => `h${i}.example.com`) }])] }))],
    ['domainNames 26', anp('dom26', spec({ egress: [egress([{ domainNames: rules(26, (i) => `h${i}.example.com`) }])] }))],
    ['domainNames empty', anp('dom0', spec({ egress: [egress([{ domainNames: [] }])] }))],
    ['domainNames with a duplicate', anp('domdup', spec({ egress: [egress([{ domainNames: ['example.com', 'example.com'] }])] }))],
    ['domainNames and namedPort (CEL)', anp('domnamed', spec({ egress: [egress([{ domainNames: ['example.com'] }], { ports: [{ namedPort: 'http' }] })] }))],
    ['domainNames and networks in one peer', anp('domnet', spec({ egress: [egress([{ domainNames: ['example.com'], networks: ['10.0.0.0/8'] }])] }))],
    ['unknown field in a port', anp('portunknown', spec({ ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: 80, bogus: 1 } }] })] }))],
    ['status is dropped', { ...anp('status', spec({})), status: { conditions: [] } }],
    ['name of 253 characters', anp(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, spec({}))],
    ['name of 254 characters', anp(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, spec({}))],
    ['name with dots', anp('team.a.policy', spec({}))],
    ['a label value of 64 characters', anp('longlabel', spec({}), { labels: { team: 'x'.repeat(64) } })],
    ['a namespace on a cluster-scoped object', anp('withns', spec({}), { namespace: 'default' })],
    ['BANP with networks', banp('default', { subject: SUBJECT, egress: [egress([{ networks: ['10.0.0.0/8'] }], { action: 'Deny' })] })],
    ['BANP 101 egress rules', banp('default', { subject: SUBJECT, egress: rules(101, (i) => egress(ALL, { name: `e${i}` })) })],
    ['BANP action Allow', banp('default', { subject: SUBJECT, egress: [egress(ALL, { action: 'Allow' })] })],
    ['BANP subject missing', banp('default', {})],
    ['BANP domainNames', banp('default', { subject: SUBJECT, egress: [egress([{ domainNames: ['example.com'] }], { action: 'Deny' })] })],
  ];
  for (const [what, cidr] of CIDRS) {
    entries.push([`networks: ${what} (${JSON.stringify(cidr)})`, anp('cidr', spec({ egress: [egress([{ networks: [cidr] }])] }))]);
  }
  for (const [what, domain] of DOMAINS) {
    entries.push([`domainNames: ${what} (${JSON.stringify(domain)})`, anp('domain', spec({ egress: [egress([{ domainNames: [domain] }])] }))]);
  }
  return entries.map(([name, object]) => ({ name, object }));
}

/** ClusterNetworkPolicy (v1alpha2, network-policy-api v0.2.0 and v0.3.0). */
export function v1alpha2Corpus(): CorpusEntry[] {
  const accept = (extra: any = {}) => ({ name: 'r', action: 'Accept', from: ALL, ...extra });
  const egress = (to: any[], extra: any = {}) => ({ name: 'e', action: 'Accept', to, ...extra });
  const spec = (extra: any) => ({ tier: 'Admin', priority: 1, subject: SUBJECT, ...extra });
  const tcp = (port: any) => ({ tcp: { destinationPort: port } });
  const withProtocols = (protocols: any[]) => spec({ ingress: [accept({ protocols })] });
  const entries: Array<[string, any]> = [
    ['tier Admin', cnp('admin', spec({}))],
    ['tier Baseline', cnp('baseline', spec({ tier: 'Baseline' }))],
    ['tier admin (lower case)', cnp('tierlow', spec({ tier: 'admin' }))],
    ['tier Developer', cnp('tierdev', spec({ tier: 'Developer' }))],
    ['tier missing', cnp('notier', { priority: 1, subject: SUBJECT })],
    ['priority 0', cnp('p0', spec({ priority: 0 }))],
    ['priority 1000', cnp('p1000', spec({ priority: 1000 }))],
    ['priority 1001', cnp('p1001', spec({ priority: 1001 }))],
    ['priority -1', cnp('pm1', spec({ priority: -1 }))],
    ['priority missing', cnp('pnone', { tier: 'Admin', subject: SUBJECT })],
    ['priority as a string', cnp('pstr', spec({ priority: '5' }))],
    ['Baseline tier priority 1000', cnp('bp1000', spec({ tier: 'Baseline', priority: 1000 }))],
    ['spec missing', { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'nospec' } }],
    ['subject missing', cnp('snone', { tier: 'Admin', priority: 1 })],
    ['subject empty', cnp('sempty', spec({ subject: {} }))],
    ['subject both', cnp('sboth', spec({ subject: { namespaces: {}, pods: { podSelector: {} } } }))],
    ['subject pods without namespaceSelector', cnp('spods', spec({ subject: { pods: { podSelector: { matchLabels: { app: 'a' } } } } }))],
    ['subject pods without podSelector', cnp('spods2', spec({ subject: { pods: { namespaceSelector: {} } } }))],
    ['matchLabels value a number', cnp('mlnum', spec({ subject: { namespaces: { matchLabels: { team: 1 } } } }))],
    ['matchExpressions without key', cnp('menokey', spec({ subject: { namespaces: { matchExpressions: [{ operator: 'Exists' }] } } }))],
    ['Admin: Accept, Deny, Pass', cnp('actions', spec({ ingress: [accept({ action: 'Accept' }), accept({ action: 'Deny', name: 'd' }), accept({ action: 'Pass', name: 'p' })] }))],
    ['Baseline: Accept, Deny, Pass', cnp('bactions', spec({ tier: 'Baseline', ingress: [accept({ action: 'Accept' }), accept({ action: 'Deny', name: 'd' }), accept({ action: 'Pass', name: 'p' })] }))],
    ['Baseline egress Pass', cnp('bpass', spec({ tier: 'Baseline', egress: [egress(ALL, { action: 'Pass' })] }))],
    ['action Allow (v1alpha1 only)', cnp('allow', spec({ ingress: [accept({ action: 'Allow' })] }))],
    ['action missing', cnp('noaction', spec({ ingress: [{ name: 'r', from: ALL }] }))],
    ['rule name missing', cnp('noname', spec({ ingress: [{ action: 'Deny', from: ALL }] }))],
    ['rule name of 100 characters', cnp('n100', spec({ ingress: [accept({ name: 'x'.repeat(100) })] }))],
    ['rule name of 101 characters', cnp('n101', spec({ ingress: [accept({ name: 'x'.repeat(101) })] }))],
    ['rule name of 100 two-byte characters', cnp('n100u', spec({ ingress: [accept({ name: 'é'.repeat(100) })] }))],
    ['25 ingress rules', cnp('r25', spec({ ingress: rules(25, (i) => accept({ name: `r${i}` })) }))],
    ['26 ingress rules', cnp('r26', spec({ ingress: rules(26, (i) => accept({ name: `r${i}` })) }))],
    ['25 egress rules', cnp('e25', spec({ egress: rules(25, (i) => egress(ALL, { name: `e${i}` })) }))],
    ['26 egress rules', cnp('e26', spec({ egress: rules(26, (i) => egress(ALL, { name: `e${i}` })) }))],
    ['ingress rule without from', cnp('nofrom', spec({ ingress: [{ name: 'r', action: 'Accept' }] }))],
    ['ingress rule with from: []', cnp('emptyfrom', spec({ ingress: [accept({ from: [] })] }))],
    ['25 peers', cnp('peers25', spec({ ingress: [accept({ from: rules(25, () => ({ namespaces: {} })) })] }))],
    ['26 peers', cnp('peers26', spec({ ingress: [accept({ from: rules(26, () => ({ namespaces: {} })) })] }))],
    ['egress rule without to', cnp('noto', spec({ egress: [{ name: 'e', action: 'Accept' }] }))],
    ['egress rule with to: []', cnp('emptyto', spec({ egress: [egress([])] }))],
    ['26 egress peers', cnp('topeers26', spec({ egress: [egress(rules(26, () => ({ namespaces: {} })))] }))],
    ['a peer of both namespaces and pods', cnp('peerboth', spec({ ingress: [accept({ from: [{ namespaces: {}, pods: { podSelector: {} } }] })] }))],
    ['an empty peer', cnp('peerempty', spec({ ingress: [accept({ from: [{}] })] }))],
    ['pods peer without namespaceSelector', cnp('podpeer', spec({ ingress: [accept({ from: [{ pods: { podSelector: {} } }] })] }))],
    ['pods peer without podSelector', cnp('podpeer2', spec({ ingress: [accept({ from: [{ pods: { namespaceSelector: {} } }] })] }))],
    ['tcp port 80', cnp('tcp80', withProtocols([tcp({ number: 80 })]))],
    ['udp port 53', cnp('udp53', withProtocols([{ udp: { destinationPort: { number: 53 } } }]))],
    ['sctp port 9', cnp('sctp9', withProtocols([{ sctp: { destinationPort: { number: 9 } } }]))],
    ['tcp port 0', cnp('tcp0', withProtocols([tcp({ number: 0 })]))],
    ['tcp port 65535', cnp('tcp65535', withProtocols([tcp({ number: 65535 })]))],
    ['tcp port 65536', cnp('tcp65536', withProtocols([tcp({ number: 65536 })]))],
    ['tcp range 80-90', cnp('tcprange', withProtocols([tcp({ range: { start: 80, end: 90 } })]))],
    ['tcp range 90-80 (CEL)', cnp('tcprangebad', withProtocols([tcp({ range: { start: 90, end: 80 } })]))],
    ['tcp range 80-80 (CEL)', cnp('tcprangeeq', withProtocols([tcp({ range: { start: 80, end: 80 } })]))],
    ['udp range 90-80 (CEL)', cnp('udprangebad', withProtocols([{ udp: { destinationPort: { range: { start: 90, end: 80 } } } }]))],
    ['sctp range 1-65535', cnp('sctprange', withProtocols([{ sctp: { destinationPort: { range: { start: 1, end: 65535 } } } }]))],
    ['tcp range without end', cnp('tcprangenoend', withProtocols([tcp({ range: { start: 80 } })]))],
    ['tcp number and range', cnp('tcpboth', withProtocols([tcp({ number: 80, range: { start: 80, end: 90 } })]))],
    ['tcp destinationPort empty', cnp('tcpdpempty', withProtocols([tcp({})]))],
    ['tcp empty (every TCP port?)', cnp('tcpempty', withProtocols([{ tcp: {} }]))],
    ['tcp and udp in one item', cnp('tcpudp', withProtocols([{ tcp: { destinationPort: { number: 80 } }, udp: { destinationPort: { number: 80 } } }]))],
    ['an empty protocols item', cnp('protoempty', withProtocols([{}]))],
    ['protocols empty', cnp('protos0', withProtocols([]))],
    ['25 protocols', cnp('protos25', withProtocols(rules(25, (i) => tcp({ number: i + 1 }))))],
    ['26 protocols', cnp('protos26', withProtocols(rules(26, (i) => tcp({ number: i + 1 }))))],
    ['icmp protocol', cnp('icmp', withProtocols([{ icmp: {} }]))],
    ['destinationNamedPort', cnp('named', withProtocols([{ destinationNamedPort: 'http' }]))],
    ['destinationNamedPort and tcp in one item', cnp('namedtcp', withProtocols([{ destinationNamedPort: 'http', tcp: { destinationPort: { number: 80 } } }]))],
    ['v1alpha1 ports field', cnp('oldports', spec({ ingress: [accept({ ports: [{ portNumber: { protocol: 'TCP', port: 80 } }] })] }))],
    ['networks 10.0.0.0/8', cnp('net', spec({ egress: [egress([{ networks: ['10.0.0.0/8'] }])] }))],
    ['networks empty', cnp('net0', spec({ egress: [egress([{ networks: [] }])] }))],
    ['networks 25', cnp('net25', spec({ egress: [egress([{ networks: rules(25, (i) => `10.${i}.0.0/16`) }])] }))],
    ['networks 26', cnp('net26', spec({ egress: [egress([{ networks: rules(26, (i) => `10.${i}.0.0/16`) }])] }))],
    ['networks with a duplicate', cnp('netdup', spec({ egress: [egress([{ networks: ['10.0.0.0/8', '10.0.0.0/8'] }])] }))],
    ['networks in an ingress peer', cnp('netin', spec({ ingress: [accept({ from: [{ networks: ['10.0.0.0/8'] }] })] }))],
    ['networks and destinationNamedPort (CEL)', cnp('netnamed', spec({ egress: [egress([{ networks: ['10.0.0.0/8'] }], { protocols: [{ destinationNamedPort: 'http' }] })] }))],
    ['networks and a tcp port', cnp('netport', spec({ egress: [egress([{ networks: ['10.0.0.0/8'] }], { protocols: [tcp({ number: 443 })] })] }))],
    ['nodes peer', cnp('nodes', spec({ egress: [egress([{ nodes: { matchLabels: { role: 'infra' } } }])] }))],
    ['nodes and destinationNamedPort (CEL)', cnp('nodesnamed', spec({ egress: [egress([{ nodes: {} }], { protocols: [{ destinationNamedPort: 'http' }] })] }))],
    ['nodes in an ingress peer', cnp('nodesin', spec({ ingress: [accept({ from: [{ nodes: {} }] })] }))],
    ['pods peer and destinationNamedPort', cnp('podsnamed', spec({ egress: [egress([{ pods: { podSelector: {} } }], { protocols: [{ destinationNamedPort: 'http' }] })] }))],
    ['namespaces peer and destinationNamedPort', cnp('nsnamed', spec({ egress: [egress([{ namespaces: {} }], { protocols: [{ destinationNamedPort: 'http' }] })] }))],
    ['one of two peers networks, destinationNamedPort (CEL)', cnp('mixnamed', spec({ egress: [egress([{ namespaces: {} }, { networks: ['10.0.0.0/8'] }], { protocols: [{ destinationNamedPort: 'http' }] })] }))],
    ['domainNames peer', cnp('dom', spec({ egress: [egress([{ domainNames: ['example.com', '*.example.org'] }])] }))],
    ['domainNames 25', cnp('dom25', spec({ egress: [egress([{ domainNames: rules(25, (i) => `h${i}.example.com`) }])] }))],
    ['domainNames 26', cnp('dom26', spec({ egress: [egress([{ domainNames: rules(26, (i) => `h${i}.example.com`) }])] }))],
    ['domainNames empty', cnp('dom0', spec({ egress: [egress([{ domainNames: [] }])] }))],
    ['domainNames with a duplicate', cnp('domdup', spec({ egress: [egress([{ domainNames: ['example.com', 'example.com'] }])] }))],
    ['domainNames and destinationNamedPort (CEL)', cnp('domnamed', spec({ egress: [egress([{ domainNames: ['example.com'] }], { protocols: [{ destinationNamedPort: 'http' }] })] }))],
    ['domainNames in an ingress peer', cnp('domin', spec({ ingress: [accept({ from: [{ domainNames: ['example.com'] }] })] }))],
    ['unknown field in spec', cnp('unknown', spec({ bogus: true }))],
    ['unknown field in a rule', cnp('ruleunknown', spec({ ingress: [accept({ bogus: 1 })] }))],
    ['status is dropped', { ...cnp('status', spec({})), status: { conditions: [] } }],
    ['name with capitals', cnp('Bad-Name', spec({}))],
    ['name of 254 characters', cnp(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, spec({}))],
    ['a namespace on a cluster-scoped object', cnp('withns', spec({}), { namespace: 'default' })],
  ];
  for (const [what, cidr] of CIDRS) {
    entries.push([`networks: ${what} (${JSON.stringify(cidr)})`, cnp('cidr', spec({ egress: [egress([{ networks: [cidr] }])] }))]);
  }
  for (const [what, domain] of DOMAINS) {
    entries.push([`domainNames: ${what} (${JSON.stringify(domain)})`, cnp('domain', spec({ egress: [egress([{ domainNames: [domain] }])] }))]);
  }
  return entries.map(([name, object]) => ({ name, object }));
}
