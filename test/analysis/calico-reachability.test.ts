import { analyze, namespace, pod, policy } from './helpers';
import { Port } from '../../src/model';

// Calico v3 policies in the analysis, as Felix v3.27 enforces them: ordered with the NetworkPolicies
// (order 1000), first matching rule decides, Pass skips the rest of the tier, default deny once a
// policy applies, network sets matched by address.

function gnp(name: string, spec: any): any {
  return { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name }, spec };
}
function cnp(ns: string, name: string, spec: any): any {
  return { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}
function gns(name: string, labels: { [k: string]: string }, nets: string[]): any {
  return { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { name, labels }, spec: { nets } };
}

const base = [
  namespace('shop', { team: 'shop' }),
  namespace('untrusted', { team: 'other' }),
  namespace('kube-system'),
  pod('shop', 'web', { app: 'web' }, { ip: '10.1.0.1', ports: [{ containerPort: 8080, name: 'http' }] }),
  pod('shop', 'db', { app: 'db' }, { ip: '10.1.0.2', ports: [{ containerPort: 5432, name: 'pg' }] }),
  pod('untrusted', 'x', { app: 'x' }, { ip: '10.2.0.1' }),
  pod('kube-system', 'dns', { 'k8s-app': 'kube-dns' }, { ip: '10.3.0.1', ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }] }),
];
const allowWebToDb = policy('shop', 'db-from-web', {
  podSelector: { matchLabels: { app: 'db' } },
  ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
});

test('a Calico policy is read: complete answer, listed in evaluation order', () => {
  const r = analyze([...base, gnp('b', { order: 10, selector: 'app == "db"', ingress: [{ action: 'Allow' }] }), cnp('shop', 'a', { selector: 'all()', ingress: [{ action: 'Allow' }] })]);
  expect(r.complete).toBe(true);
  expect(r.dialectPolicies).toEqual(['GlobalNetworkPolicy/b', 'NetworkPolicy/shop/a']);
});

test('a global default deny after the NetworkPolicies isolates both directions; DNS kept; NetworkPolicy allows must then be mirrored on egress', () => {
  const deny = gnp('default-deny', {
    order: 2000,
    selector: "projectcalico.org/namespace not in {'kube-system'}",
    types: ['Ingress', 'Egress'],
    egress: [{ action: 'Allow', protocol: 'UDP', destination: { selector: "k8s-app == 'kube-dns'", namespaceSelector: "projectcalico.org/name == 'kube-system'", ports: [53] } }],
  });
  const r = analyze([...base, allowWebToDb, deny]);
  // web's egress is isolated by the GlobalNetworkPolicy: only DNS leaves it.
  expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(false);
  expect(r.isAllowed('shop/web', 'kube-system/dns', Port.udp(53))).toBe(true);
  expect(r.isAllowed('shop/web', 'kube-system/dns', Port.tcp(53))).toBe(false);
  // kube-system is not selected: its pods talk freely among themselves and out.
  expect(r.isAllowed('kube-system/dns', '1.1.1.1', Port.tcp(443))).toBe(true);
  const text = r.explain('shop/web', 'shop/db', Port.tcp(5432)).text;
  expect(text).toContain('denied by default');
  expect(r.explain('shop/web', 'shop/db', Port.tcp(5432)).egress.dialectRules).toEqual([{ policy: '', action: 'Default deny', peer: 'any peer', ports: 'TCP 5432' }]);
  // Once web may send, the NetworkPolicy (order 1000) decides db's ingress before the deny.
  const egressOk = cnp('shop', 'web-out', { order: 500, selector: "app == 'web'", types: ['Egress'], egress: [{ action: 'Allow', protocol: 'TCP', destination: { selector: "app == 'db'", ports: [5432] } }] });
  const r2 = analyze([...base, allowWebToDb, deny, egressOk]);
  expect(r2.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(true);
  expect(r2.isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(false);
  expect(r2.explain('shop/web', 'shop/db', Port.tcp(5432)).text).toContain('allowed by NetworkPolicy/shop/web-out spec.egress[0]');
});

test('a Deny before the NetworkPolicies wins over their allow; after them it does not', () => {
  const allowAll = policy('shop', 'db-from-all', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: {} }] }] });
  const denyUntrusted = (order: number) => gnp('no-untrusted', { order, selector: 'all()', ingress: [{ action: 'Deny', source: { namespaceSelector: "team == 'other'" } }] });
  const early = analyze([...base, allowAll, denyUntrusted(100)]);
  expect(early.isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(false);
  expect(early.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(true);
  const why = early.explain('untrusted/x', 'shop/db', Port.tcp(5432));
  expect(why.text).toContain('denied by GlobalNetworkPolicy/no-untrusted spec.ingress[0] (Deny; namespaceSelector team == \'other\')');
  expect(why.ingress.dialectRules).toEqual([{ policy: 'GlobalNetworkPolicy/no-untrusted', action: 'Deny', field: 'spec.ingress[0]', peer: "namespaceSelector team == 'other'", ports: 'TCP 5432' }]);
  expect(early.explain('shop/web', 'shop/db', Port.tcp(5432)).ingress.dialectRules).toEqual([expect.objectContaining({ policy: 'NetworkPolicies', action: 'Allow' })]);
  const late = analyze([...base, allowAll, denyUntrusted(1500)]);
  expect(late.isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(true);
  // The global policy applies to every pod: web, which no NetworkPolicy isolated, is now isolated for ingress.
  expect(late.isAllowed('shop/db', 'shop/web', Port.tcp(8080))).toBe(false);
});

test('Pass skips the rest of the tier, NetworkPolicies and default deny included', () => {
  const denyAllDb = policy('shop', 'db-deny', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] });
  const pass = gnp('pass-web', { order: 100, selector: "app == 'db'", ingress: [{ action: 'Pass', source: { selector: "app == 'web'" } }] });
  const r = analyze([...base, denyAllDb, pass]);
  expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(true);
  expect(r.isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(false);
  expect(r.explain('shop/web', 'shop/db', Port.tcp(5432)).text).toContain('passed on (to the next tier)');
});

test('Log decides nothing; ports, ranges, notPorts, named ports and protocols', () => {
  const p = cnp('shop', 'db-in', {
    selector: "app == 'db'",
    ingress: [
      { action: 'Log' },
      { action: 'Deny', protocol: 'TCP', destination: { ports: ['5000:6000'], notPorts: [5432] } },
      { action: 'Allow', protocol: 'TCP', destination: { ports: ['pg', 9000] } },
      { action: 'Allow', protocol: 'ICMP' },
    ],
  });
  const r = analyze([...base, p]);
  expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(true);
  expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(9000))).toBe(true);
  expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(5433))).toBe(false);
  expect(r.isAllowed('shop/web', 'shop/db', Port.udp(5432))).toBe(false);
  expect(r.allowedPorts('shop/web', 'shop/db').map((x) => `${x.protocol}/${x.first}-${x.last}`)).toEqual(['TCP/5432-5432', 'TCP/9000-9000']);
});

test('a selector in a namespaced policy stays in its namespace; namespaceSelector widens it', () => {
  const local = cnp('shop', 'db-in', { selector: "app == 'db'", ingress: [{ action: 'Allow', source: { selector: 'has(app)' } }] });
  const r = analyze([...base, local]);
  expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(true);
  expect(r.isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(false);
  const wide = cnp('shop', 'db-in', { selector: "app == 'db'", ingress: [{ action: 'Allow', source: { selector: 'has(app)', namespaceSelector: 'all()' } }] });
  expect(analyze([...base, wide]).isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(true);
});

test('GlobalNetworkSets are matched by address through selectors; nets and notNets', () => {
  const set = gns('partners', { role: 'partner' }, ['203.0.113.0/24']);
  const egress = cnp('shop', 'web-out', {
    selector: "app == 'web'",
    types: ['Egress'],
    egress: [
      { action: 'Allow', destination: { selector: "role == 'partner'", namespaceSelector: 'global()' } },
      { action: 'Allow', destination: { nets: ['198.51.100.0/24'], notNets: ['198.51.100.128/25'] } },
    ],
  });
  const r = analyze([...base, set, egress]);
  expect(r.isAllowed('shop/web', '203.0.113.7', Port.tcp(443))).toBe(true);
  expect(r.isAllowed('shop/web', '203.0.114.7', Port.tcp(443))).toBe(false);
  expect(r.isAllowed('shop/web', '198.51.100.7', Port.tcp(443))).toBe(true);
  expect(r.isAllowed('shop/web', '198.51.100.200', Port.tcp(443))).toBe(false);
  // The address space is cut at the set's bounds: the set is one endpoint outside the cluster.
  expect(r.endpoints.some((e) => e.external && e.cidrs.includes('203.0.113.0/24'))).toBe(true);
});

test('types default as Calico does; an order-less policy comes last', () => {
  // Only egress rules: the policy applies to egress only, so ingress stays open.
  const r = analyze([...base, cnp('shop', 'e', { selector: "app == 'web'", egress: [{ action: 'Deny' }] })]);
  expect(r.isAllowed('shop/db', 'shop/web', Port.tcp(8080))).toBe(true);
  expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(false);
  // A policy without order is read after the NetworkPolicies (order 1000): their allow comes first.
  const late = cnp('shop', 'deny-late', { selector: "app == 'db'", ingress: [{ action: 'Deny' }] });
  expect(analyze([...base, allowWebToDb, late]).isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(true);
});

test('what the analysis cannot model leaves the policy out and fails closed', () => {
  const sa = gnp('sa', { selector: 'all()', serviceAccountSelector: "name == 'x'", ingress: [{ action: 'Allow' }] });
  expect(() => analyze([...base, sa])).toThrow(/serviceAccountSelector: service accounts is not modelled/);
  const r = analyze([...base, sa], { skipInvalid: true });
  expect(r.complete).toBe(false);
  const unknown = cnp('shop', 'u', { selector: 'all()', ingres: [] });
  expect(() => analyze([...base, unknown])).toThrow(/spec.ingres: Unknown field/);
  const badSelector = cnp('shop', 'b', { selector: 'app == web' });
  expect(() => analyze([...base, badSelector])).toThrow(/spec.selector/);
});

test('Calico and Kubernetes NetworkPolicies of the same name are two objects', () => {
  const k8s = policy('shop', 'same', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] });
  const calico = cnp('shop', 'same', { order: 10, selector: "app == 'db'", ingress: [{ action: 'Allow', source: { selector: "app == 'web'" } }] });
  const r = analyze([...base, k8s, calico]);
  expect(r.notes).toEqual([]);
  expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(true);
  expect(r.isAllowed('shop/db', 'shop/db', Port.tcp(5432))).toBe(false);
});

test('ties of order go by the name Calico stores: a Calico policy of order 1000 comes before the NetworkPolicies (Felix v3.27.3)', () => {
  const allowAll = policy('shop', 'a-allow', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{}] });
  const deny = cnp('shop', 'zz-deny', { order: 1000, selector: "app == 'db'", ingress: [{ action: 'Deny', source: { namespaceSelector: "team == 'other'" } }, { action: 'Pass' }] });
  const r = analyze([...base, allowAll, deny]);
  // `shop/default.zz-deny` sorts before `shop/knp.default.a-allow`: the Deny decides first.
  expect(r.isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(false);
  expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(true);
  const after = cnp('shop', 'zz-deny', { order: 1001, selector: "app == 'db'", ingress: [{ action: 'Deny', source: { namespaceSelector: "team == 'other'" } }] });
  expect(analyze([...base, allowAll, after]).isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(true);
});
