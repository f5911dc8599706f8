/**
 * The scenarios whose Calico (felix v3.27.3) verdicts are recorded in test/fixtures/calico-lab-verdicts
 * by record-verdicts.ts: (a) the examples' NetworkPolicies, (b) the examples' Calico v3 output, (c)
 * hand-made Calico v3 cases. Each is the manifests given to the lab and to the analysis, the
 * addresses outside the cluster, and the extra ports probed on every pod.
 */
import { Chart, Testing } from 'cdk8s';
import { addArticleCharts } from '../../../examples/article';
import { addArticleDialectCharts, CalicoClusterChart } from '../../../examples/dialects';
import { ShopChart } from '../../../examples/shop';

export interface CalicoLabScenario {
  readonly id: string;
  /** (a) examples' NetworkPolicies, (b) examples' Calico output, (c) hand-made Calico cases. */
  readonly group: 'examples-networkpolicy' | 'examples-calico' | 'calico-cases';
  readonly description: string;
  readonly manifests: any[];
  readonly externals: string[];
  readonly ports: number[];
}

function pod(ns: string, name: string, labels: { [k: string]: string }, ports: Array<[number, string, string?]>, ip?: string): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'c', image: 'x', ports: ports.map(([containerPort, protocol, portName]) => ({ containerPort, protocol, ...(portName ? { name: portName } : {}) })) }] },
    ...(ip ? { status: { podIP: ip } } : {}),
  };
}

function namespace(name: string, labels: { [k: string]: string }): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

// The populations of test/lab/examples.lab.ts (the article's pods in default, DNS, a stranger).
const ARTICLE_POPULATION = [
  pod('default', 'webserver', { app: 'webserver' }, [[80, 'TCP', 'http'], [53, 'UDP']]),
  pod('default', 'database', { app: 'database', tier: 'backend' }, [[5432, 'TCP'], [80, 'TCP']]),
  pod('default', 'client', { app: 'client' }, [[8080, 'TCP']]),
  pod('frontend', 'ui', { app: 'ui' }, [[8080, 'TCP']]),
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'UDP'], [53, 'TCP']]),
];
const ARTICLE_EXTERNALS = ['192.168.1.10', '10.0.5.5', '203.0.113.10'];
const SHOP_POPULATION = [
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'UDP'], [53, 'TCP']]),
  pod('frontend', 'ui', { app: 'ui' }, []),
  pod('other', 'stranger', { app: 'stranger' }, []),
];
const SHOP_EXTERNALS = ['198.51.100.10', '203.0.113.10'];
/** The Calico cluster chart's pods: shop's api (the partners' client) and web, DNS, a Calico namespace and another team's pod. */
const CALICO_CLUSTER_POPULATION = [
  pod('shop', 'api', { app: 'api' }, [[8080, 'TCP']]),
  pod('shop', 'web', { app: 'web' }, [[80, 'TCP']]),
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'UDP'], [53, 'TCP']]),
  pod('calico-apiserver', 'calico-api', { app: 'calico-api' }, [[5443, 'TCP']]),
  pod('other', 'stranger', { app: 'stranger' }, [[80, 'TCP']]),
];
const CALICO_CLUSTER_EXTERNALS = ['198.51.100.10', '203.0.113.10', '192.0.2.10'];

function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** (a) and (b): the examples, as test/lab/examples.lab.ts runs them on kube-router. */
function exampleScenarios(): CalicoLabScenario[] {
  const out: CalicoLabScenario[] = [];
  for (const chart of addArticleCharts(Testing.app())) {
    out.push({
      id: chart.node.id,
      group: 'examples-networkpolicy',
      description: `examples/article.ts ${chart.node.id}: its NetworkPolicies, enforced by felix as Calico converts them`,
      manifests: [...ARTICLE_POPULATION, ...synth(chart)],
      externals: ARTICLE_EXTERNALS,
      ports: [443],
    });
  }
  out.push({
    id: 'shop',
    group: 'examples-networkpolicy',
    description: 'examples/shop.ts: its NetworkPolicies',
    manifests: [...SHOP_POPULATION, ...synth(new ShopChart(Testing.app(), 'shop'))],
    externals: SHOP_EXTERNALS,
    ports: [443],
  });
  for (const chart of addArticleDialectCharts(Testing.app()).filter((c) => c.node.id.endsWith('-calico'))) {
    out.push({
      id: chart.node.id,
      group: 'examples-calico',
      description: `examples/dialects.ts ${chart.node.id}: the article's policy written as projectcalico.org/v3 (CalicoOutput.enable)`,
      manifests: [...ARTICLE_POPULATION, ...synth(chart)],
      externals: ARTICLE_EXTERNALS,
      ports: [443],
    });
  }
  out.push({
    id: 'calico-cluster',
    group: 'examples-calico',
    description: 'examples/dialects.ts CalicoClusterChart: CalicoGlobalDefaultDeny (calico-apiserver excluded), a CalicoNetworkSet of partners, egress of app=api to it on 443',
    manifests: [...CALICO_CLUSTER_POPULATION, ...synth(new CalicoClusterChart(Testing.app(), 'calico-cluster'))],
    externals: CALICO_CLUSTER_EXTERNALS,
    ports: [443],
  });
  return out;
}

// (c) Hand-made Calico v3 cases over one population with fixed addresses (so that nets can name pods).
const CASE_POPULATION = [
  namespace('app', { team: 'a' }),
  namespace('ops', { team: 'b' }),
  pod('app', 'web', { app: 'web', tier: 'front' }, [[80, 'TCP'], [53, 'UDP']], '10.20.0.1'),
  pod('app', 'api', { app: 'api' }, [[8080, 'TCP']], '10.20.0.2'),
  pod('app', 'db', { app: 'db' }, [[5432, 'TCP']], '10.20.0.3'),
  pod('ops', 'mon', { app: 'mon' }, [[9100, 'TCP']], '10.20.1.1'),
];
const CASE_EXTERNALS = ['198.51.100.10', '203.0.113.10', '192.0.2.10'];

function np(ns: string, name: string, spec: any): any {
  return { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}
function gnp(name: string, spec: any): any {
  return { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name }, spec };
}
function gns(name: string, labels: { [k: string]: string }, nets: string[]): any {
  return { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { name, labels }, spec: { nets } };
}
function k8s(ns: string, name: string, spec: any): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

const HAND_MADE: Array<{ id: string; description: string; objects: any[] }> = [
  {
    id: 'order-deny-first',
    description: 'a GlobalNetworkPolicy of order 10 denies app=api into app=web; a NetworkPolicy of order 20 allows all ingress of web: api is denied, the others pass',
    objects: [
      gnp('deny-api-to-web', { order: 10, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Deny', source: { selector: "app == 'api'" } }] }),
      np('app', 'allow-web', { order: 20, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Allow' }] }),
    ],
  },
  {
    id: 'order-allow-first',
    description: 'the same two policies with the orders swapped (allow at 10, deny at 20): everything into web passes',
    objects: [
      gnp('deny-api-to-web', { order: 20, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Deny', source: { selector: "app == 'api'" } }] }),
      np('app', 'allow-web', { order: 10, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Allow' }] }),
    ],
  },
  {
    id: 'rule-order-within-policy',
    description: 'one policy on db: Log from api, Deny from api on 5432, Allow from app pods: api is denied (Log goes on), web passes, mon (ops) is denied by default',
    objects: [
      np('app', 'db-ingress', {
        order: 100,
        selector: "app == 'db'",
        types: ['Ingress'],
        ingress: [
          { action: 'Log', source: { selector: "app == 'api'" } },
          { action: 'Deny', protocol: 'TCP', source: { selector: "app == 'api'" }, destination: { ports: [5432] } },
          { action: 'Allow', source: { selector: 'all()' } },
        ],
      }),
    ],
  },
  {
    id: 'pass-skips-kubernetes-policies',
    description: 'a Kubernetes NetworkPolicy isolates web (no ingress rule); a GlobalNetworkPolicy of order 10 Passes traffic from api: it skips the rest of the tier, the namespace profile allows it',
    objects: [
      k8s('app', 'web-deny-all', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] }),
      gnp('pass-api', { order: 10, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Pass', source: { selector: "app == 'api'" } }] }),
    ],
  },
  {
    id: 'pass-then-deny-in-later-policy',
    description: 'web: order 10 Passes from api, order 20 denies everything from app=api and app=db, order 30 allows all: api passes (skips both), db is denied, others allowed',
    objects: [
      gnp('a-pass-api', { order: 10, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Pass', source: { selector: "app == 'api'" } }] }),
      gnp('b-deny', { order: 20, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Deny', source: { selector: "app in { 'api', 'db' }" } }] }),
      gnp('c-allow', { order: 30, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Allow' }] }),
    ],
  },
  {
    id: 'nets-and-notnets-egress',
    description: 'web egress: Allow to nets 198.51.100.0/24 and 192.0.2.0/24 except notNets 192.0.2.0/28, and to 10.20.0.0/24 on TCP 5432: 198.51.100.10 passes, 192.0.2.10 and 203.0.113.10 do not, db on 5432 passes',
    objects: [
      np('app', 'web-egress', {
        order: 100,
        selector: "app == 'web'",
        types: ['Egress'],
        egress: [
          { action: 'Allow', destination: { nets: ['198.51.100.0/24', '192.0.2.0/24'], notNets: ['192.0.2.0/28'] } },
          { action: 'Allow', protocol: 'TCP', destination: { nets: ['10.20.0.0/24'], ports: [5432] } },
        ],
      }),
    ],
  },
  {
    id: 'notnets-ingress',
    description: 'db ingress: Allow from anywhere but notNets 10.20.0.2/32 (api) and 203.0.113.0/24',
    objects: [
      np('app', 'db-not-api', { order: 100, selector: "app == 'db'", types: ['Ingress'], ingress: [{ action: 'Allow', source: { notNets: ['10.20.0.2/32', '203.0.113.0/24'] } }] }),
    ],
  },
  {
    id: 'globalnetworkset-selector',
    description: 'a GlobalNetworkSet role=partners (203.0.113.0/24, 192.0.2.0/24); a NetworkPolicy of namespace app allows api ingress from and egress to selector role == partners only: a namespaced policy\'s selector matches only its own namespace, so the global set matches nothing and api is isolated both ways',
    objects: [
      gns('partners', { role: 'partners' }, ['203.0.113.0/24', '192.0.2.0/24']),
      np('app', 'api-partners', {
        order: 100,
        selector: "app == 'api'",
        types: ['Ingress', 'Egress'],
        ingress: [{ action: 'Allow', source: { selector: "role == 'partners'" } }],
        egress: [{ action: 'Allow', destination: { selector: "role == 'partners'" } }],
      }),
    ],
  },
  {
    id: 'globalnetworkset-global-namespace-selector',
    description: 'the same GlobalNetworkSet and policy, with namespaceSelector global() beside each selector: now the set\'s addresses are matched',
    objects: [
      gns('partners', { role: 'partners' }, ['203.0.113.0/24', '192.0.2.0/24']),
      np('app', 'api-partners', {
        order: 100,
        selector: "app == 'api'",
        types: ['Ingress', 'Egress'],
        ingress: [{ action: 'Allow', source: { namespaceSelector: 'global()', selector: "role == 'partners'" } }],
        egress: [{ action: 'Allow', destination: { namespaceSelector: 'global()', selector: "role == 'partners'" } }],
      }),
    ],
  },
  {
    id: 'globalnetworkset-not-selector',
    description: 'a GlobalNetworkSet role=blocked (198.51.100.0/24); a GlobalNetworkPolicy denies egress of every pod to it, then allows all egress',
    objects: [
      gns('blocked', { role: 'blocked' }, ['198.51.100.0/24']),
      gnp('deny-blocked', {
        order: 50,
        selector: 'all()',
        types: ['Egress'],
        egress: [{ action: 'Deny', destination: { selector: "role == 'blocked'" } }, { action: 'Allow' }],
      }),
    ],
  },
  {
    id: 'namespace-selector',
    description: 'a GlobalNetworkPolicy on db allows from namespaces team=b (ops) only; a NetworkPolicy on web allows from its own namespace with namespaceSelector team == a and selector app == api',
    objects: [
      gnp('db-from-ops', { order: 100, selector: "app == 'db'", types: ['Ingress'], ingress: [{ action: 'Allow', source: { namespaceSelector: "team == 'b'" } }] }),
      np('app', 'web-from-api', { order: 100, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Allow', source: { namespaceSelector: "team == 'a'", selector: "app == 'api'" } }] }),
    ],
  },
  {
    id: 'default-deny-when-selected',
    description: 'web is selected for Ingress and Egress with no rules (denied both ways); api is selected for Egress with one rule to db on 5432 (ingress untouched)',
    objects: [
      np('app', 'web-isolated', { order: 100, selector: "app == 'web'", types: ['Ingress', 'Egress'] }),
      np('app', 'api-egress', { order: 100, selector: "app == 'api'", types: ['Egress'], egress: [{ action: 'Allow', protocol: 'TCP', destination: { selector: "app == 'db'", ports: [5432] } }] }),
    ],
  },
  {
    id: 'types-defaulted',
    description: 'policies without types: one with egress rules only (Egress: api may reach db only), one with no rules at all (Ingress: web isolated for ingress)',
    objects: [
      np('app', 'api-egress-untyped', { order: 100, selector: "app == 'api'", egress: [{ action: 'Allow', destination: { selector: "app == 'db'" } }] }),
      np('app', 'web-untyped', { order: 100, selector: "app == 'web'" }),
    ],
  },
  {
    id: 'mixed-with-kubernetes-order-1000',
    description: 'a Kubernetes NetworkPolicy allows api, web and mon into db on 5432 (order 1000 for Calico); Calico policies deny api at order 999, web at order 1000 (a tie, decided by the stored names) and mon at order 1001 (after the Kubernetes allow)',
    objects: [
      k8s('app', 'db-allow', {
        podSelector: { matchLabels: { app: 'db' } },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] } }, { namespaceSelector: { matchLabels: { team: 'b' } } }],
          ports: [{ protocol: 'TCP', port: 5432 }],
        }],
      }),
      np('app', 'deny-api', { order: 999, selector: "app == 'db'", types: ['Ingress'], ingress: [{ action: 'Deny', source: { selector: "app == 'api'" } }] }),
      np('app', 'deny-web', { order: 1000, selector: "app == 'db'", types: ['Ingress'], ingress: [{ action: 'Deny', source: { selector: "app == 'web'" } }] }),
      gnp('deny-mon', { order: 1001, selector: "app == 'db'", types: ['Ingress'], ingress: [{ action: 'Deny', source: { selector: "app == 'mon'" } }] }),
    ],
  },
  {
    id: 'kubernetes-isolation-and-calico-allow',
    description: 'a Kubernetes default deny of namespace app, and a Calico GlobalNetworkPolicy of order 500 allowing ingress from ops and egress to 198.51.100.0/24 for every pod: ops and that net pass, the rest is denied',
    objects: [
      k8s('app', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      gnp('allow-ops-and-net', {
        order: 500,
        selector: "projectcalico.org/namespace == 'app'",
        types: ['Ingress', 'Egress'],
        ingress: [{ action: 'Allow', source: { namespaceSelector: "team == 'b'" } }],
        egress: [{ action: 'Allow', destination: { nets: ['198.51.100.0/24'] } }],
      }),
    ],
  },
  {
    id: 'ports-protocols-and-not-ports',
    description: 'web ingress: Allow UDP 53 from anywhere, Allow TCP from api on every port but notPorts 80, nothing else',
    objects: [
      np('app', 'web-ports', {
        order: 100,
        selector: "app == 'web'",
        types: ['Ingress'],
        ingress: [
          { action: 'Allow', protocol: 'UDP', destination: { ports: [53] } },
          { action: 'Allow', protocol: 'TCP', source: { selector: "app == 'api'" }, destination: { notPorts: [80] } },
        ],
      }),
    ],
  },
];

function caseScenarios(): CalicoLabScenario[] {
  return HAND_MADE.map((c) => ({
    id: c.id,
    group: 'calico-cases',
    description: c.description,
    manifests: [...CASE_POPULATION, ...c.objects],
    externals: CASE_EXTERNALS,
    ports: [443],
  }));
}

export function calicoLabScenarios(): CalicoLabScenario[] {
  return [...exampleScenarios(), ...caseScenarios()];
}
