import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import {
  AllowFromNamespace, CalicoGlobalDefaultDeny, CalicoNetworkPolicy, CalicoNetworkSet, CalicoOutput, DenyAllByDefault,
  LabelSelector, NetworkPolicy, Peer, Pods, Port, Reachability, TrafficDirection,
} from '../../src';
import { parseCalicoSelector } from '../../src/dialects/calico/calico-selector-parser';
import { chart } from '../patterns/support';

function synthKind(c: any, kind: string): any[] {
  return Testing.synth(c).filter((o: any) => o.kind === kind);
}

describe('CalicoGlobalDefaultDeny', () => {
  test('isolates every pod of every namespace but the system ones and those added; DNS to kube-dns kept on UDP and TCP 53', () => {
    const app = Testing.app();
    chart(null, app);
    new CalicoGlobalDefaultDeny(chart('shop', app), 'DefaultDeny', { excludeNamespaces: ['ingress-nginx'] });
    const [gnp] = synthKind(app.node.findChild('shop'), 'GlobalNetworkPolicy');
    expect(gnp.apiVersion).toBe('projectcalico.org/v3');
    expect(gnp.metadata.name).toBe('default-deny');
    expect(gnp.metadata.namespace).toBeUndefined();
    expect(gnp.spec.types).toEqual(['Ingress', 'Egress']);
    expect(gnp.spec.ingress).toBeUndefined();
    const ns = parseCalicoSelector(gnp.spec.namespaceSelector);
    for (const excluded of ['kube-system', 'calico-system', 'tigera-system', 'ingress-nginx']) expect(ns({ 'kubernetes.io/metadata.name': excluded })).toBe(false);
    for (const covered of ['shop', 'default', 'calico-apiserver']) expect(ns({ 'kubernetes.io/metadata.name': covered })).toBe(true);
    expect(parseCalicoSelector(gnp.spec.selector)({ 'projectcalico.org/orchestrator': 'k8s', 'app': 'x' })).toBe(true);
    expect(gnp.spec.egress).toEqual([
      { action: 'Allow', protocol: 'TCP', destination: { selector: "projectcalico.org/orchestrator == 'k8s' && k8s-app == 'kube-dns'", namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", ports: [53] } },
      { action: 'Allow', protocol: 'UDP', destination: { selector: "projectcalico.org/orchestrator == 'k8s' && k8s-app == 'kube-dns'", namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", ports: [53] } },
    ]);
  });

  test('ingress only: no egress type, no DNS rule; DNS options with ingress only are refused; no DNS when asked', () => {
    const c = chart(null);
    new CalicoGlobalDefaultDeny(c, 'Ingress', { direction: TrafficDirection.INGRESS });
    new CalicoGlobalDefaultDeny(c, 'NoDns', { allowDns: false });
    const [ingress, noDns] = synthKind(c, 'GlobalNetworkPolicy');
    expect(ingress.spec.types).toEqual(['Ingress']);
    expect(ingress.spec.egress).toBeUndefined();
    expect(noDns.spec.types).toEqual(['Ingress', 'Egress']);
    expect(noDns.spec.egress).toBeUndefined();
    expect(() => new CalicoGlobalDefaultDeny(chart(null), 'X', { direction: TrafficDirection.INGRESS, allowDns: true })).toThrow(/only when egress is denied/);
  });
});

describe('CalicoNetworkSet and CalicoNetworkPolicy', () => {
  test('a network set is a GlobalNetworkSet selected by its own label among non-namespaced endpoints only', () => {
    const c = chart('shop');
    const partners = new CalicoNetworkSet(c, 'Partners', { nets: ['203.0.113.0/24', '198.51.100.7'] });
    const policy = new CalicoNetworkPolicy(c, 'Api', { selector: Pods.labels({ app: 'api' }), metadata: { name: 'api' } });
    policy.allowEgressToNetworkSet(partners, Port.tcp(443));
    policy.allowIngress(Peer.namespace('front'), Port.tcp(8080));
    const out = Testing.synth(c);
    const set = out.find((o: any) => o.kind === 'GlobalNetworkSet');
    expect(set.metadata).toEqual({ name: 'partners', labels: { 'netpol.cdk8s.io/network-set': 'partners' } });
    expect(set.spec.nets).toEqual(['203.0.113.0/24', '198.51.100.7/32']);
    const np = out.find((o: any) => o.kind === 'NetworkPolicy');
    expect(np.apiVersion).toBe('projectcalico.org/v3');
    expect(np.metadata).toEqual({ name: 'api', namespace: 'shop' });
    expect(np.spec.types).toEqual(['Ingress', 'Egress']);
    expect(np.spec.egress).toEqual([{ action: 'Allow', protocol: 'TCP', destination: { selector: "netpol.cdk8s.io/network-set == 'partners'", namespaceSelector: 'global()', ports: [443] } }]);
    // A pod with the set's label is not selected: global() matches no namespace.
    expect(parseCalicoSelector(np.spec.egress[0].destination.namespaceSelector)({ 'kubernetes.io/metadata.name': 'shop' })).toBe(false);
  });

  test('refuses at synth what Calico refuses: a name with a dot, a set with no nets, no rule and no isolation', () => {
    const c = chart('shop');
    const p = new CalicoNetworkPolicy(c, 'Dotted', { selector: Pods.all(), metadata: { name: 'web.api' } });
    p.allowIngress(Peer.anywhere(), Port.tcp(80));
    expect(() => Testing.synth(c)).toThrow(/name must consist of lower case alphanumeric characters or '-'.*try "web-api"/s);
    expect(() => new CalicoNetworkSet(chart('shop'), 'Empty', { nets: [] })).toThrow(/nets is empty/);
    const c2 = chart('shop');
    new CalicoNetworkPolicy(c2, 'Nothing', { selector: Pods.all() });
    expect(() => Testing.synth(c2)).toThrow(/isolates nothing/);
    const c3 = chart('shop');
    expect(() => new CalicoNetworkPolicy(c3, 'Tiered', { selector: Pods.all(), calico: { tier: 'security' } })).toThrow(/no tiers/);
  });
});

describe('CalicoOutput: existing v1 constructs and patterns written as Calico v3', () => {
  test('a NetworkPolicy and patterns under the scope are written as Calico with the same name, namespace and meaning', () => {
    const c = chart('shop');
    CalicoOutput.enable(c);
    const api = new NetworkPolicy(c, 'Api', { selector: Pods.labels({ app: 'api' }), metadata: { name: 'api' } });
    api.allowIngress(Peer.podsWithLabels({ app: 'web' }), Port.tcp(8080), Port.udp(8080));
    new DenyAllByDefault(c, 'DefaultDeny');
    new AllowFromNamespace(c, 'FromFront', { namespace: 'front', selector: Pods.all() });
    const out = Testing.synth(c);
    expect(out.every((o: any) => o.apiVersion === 'projectcalico.org/v3' && o.kind === 'NetworkPolicy')).toBe(true);
    const byName = Object.fromEntries(out.map((o: any) => [o.metadata.name, o]));
    expect(byName.api.spec.ingress.map((r: any) => r.protocol)).toEqual(['TCP', 'UDP']);
    expect(byName.api.metadata.namespace).toBe('shop');
    expect(byName['default-deny'].spec.types).toEqual(['Ingress', 'Egress']);
    expect(byName['default-deny'].spec.egress.map((r: any) => r.protocol)).toEqual(['TCP', 'UDP']);
    expect(parseCalicoSelector(byName['from-front'].spec.ingress[0].source.namespaceSelector)({ 'kubernetes.io/metadata.name': 'front' })).toBe(true);
  });

  test('outside the scope, v1 as before; a nearer setting wins; JSON patches and dotted names are refused at synth', () => {
    const app = Testing.app();
    const calico = chart('shop', app);
    const plain = chart('other', app);
    CalicoOutput.enable(calico);
    new NetworkPolicy(plain, 'P', { selector: Pods.all(), isolateIngress: true });
    new NetworkPolicy(calico, 'Q', { selector: Pods.all(), isolateIngress: true });
    expect(Testing.synth(plain)[0].apiVersion).toBe('networking.k8s.io/v1');
    expect(Testing.synth(calico)[0].apiVersion).toBe('projectcalico.org/v3');

    const c = chart('shop');
    CalicoOutput.enable(c);
    new NetworkPolicy(c, 'Dotted', { selector: Pods.all(), isolateIngress: true, metadata: { name: 'a.b' } });
    expect(() => Testing.synth(c)).toThrow(/as Calico v3.*name must consist/s);

    const c2 = chart('shop');
    CalicoOutput.enable(c2);
    const patched = new NetworkPolicy(c2, 'Patched', { selector: Pods.all(), isolateIngress: true });
    patched.apiObject.addJsonPatch(JsonPatch.add('/metadata/labels', { a: 'b' }));
    expect(() => Testing.synth(c2)).toThrow(/JSON patches, which address the networking.k8s.io\/v1 manifest/);
  });

  test('a selector of pods in other namespaces keeps its meaning', () => {
    const c = chart('shop');
    CalicoOutput.enable(c);
    const p = new NetworkPolicy(c, 'Db', { selector: Pods.labels({ app: 'db' }), metadata: { name: 'db' } });
    p.allowIngress(Peer.podsIn(LabelSelector.labels({ team: 'a' }), LabelSelector.labels({ app: 'api' })), Port.tcp(5432));
    const [np] = Testing.synth(c);
    const source = np.spec.ingress[0].source;
    expect(parseCalicoSelector(source.namespaceSelector)({ team: 'a' })).toBe(true);
    expect(parseCalicoSelector(source.namespaceSelector)({ team: 'b' })).toBe(false);
    expect(parseCalicoSelector(source.selector)({ 'projectcalico.org/orchestrator': 'k8s', 'app': 'api' })).toBe(true);
    expect(parseCalicoSelector(source.selector)({ app: 'api' })).toBe(false);
  });

  test('the analysis reads the Calico output, and it allows exactly what the v1 output allows', () => {
    const build = (calico: boolean) => {
      const app = Testing.app();
      const c = chart('shop', app);
      if (calico) CalicoOutput.enable(c);
      const other = chart('other', app);
      for (const [ch, name, labels] of [[c, 'web', { app: 'web' }], [c, 'db', { app: 'db' }], [other, 'x', { app: 'x' }]] as const) {
        new ApiObject(ch, name, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 5432, name: 'pg' }] }] } });
      }
      new DenyAllByDefault(c, 'Deny');
      new NetworkPolicy(c, 'Db', { selector: Pods.labels({ app: 'db' }) }).allowIngress(Peer.pods(LabelSelector.labels({ app: 'web' })), Port.named('pg'));
      new NetworkPolicy(c, 'Web', { selector: Pods.labels({ app: 'web' }) }).allowEgress(Peer.pods(LabelSelector.labels({ app: 'db' })), Port.tcp(5432));
      new AllowFromNamespace(c, 'FromOther', { selector: Pods.labels({ app: 'web' }), namespace: 'other', ports: [Port.tcp(8080)] });
      return Reachability.of(app);
    };
    const v1 = build(false);
    const calico = build(true);
    expect(calico.complete).toBe(true);
    expect(calico.policies).toEqual([]);
    expect(calico.dialectPolicies.length).toBeGreaterThan(0);
    const pairs = (r: Reachability) => r.connections(false).map((x) => `${x.from} -> ${x.to}: ${x.description}`);
    expect(pairs(calico)).toEqual(pairs(v1));
    expect(pairs(calico)).toEqual(expect.arrayContaining(['shop/web[Pod] -> shop/db[Pod]: TCP 5432', 'other/x[Pod] -> shop/web[Pod]: TCP 8080']));
  });
});

describe('CalicoNetworkPolicy with deny and pass rules', () => {
  function shopApp(build: (p: CalicoNetworkPolicy) => void) {
    const app = Testing.app();
    const c = chart('shop', app);
    const other = chart('untrusted', app);
    for (const [ch, name, labels] of [[c, 'web', { app: 'web' }], [c, 'db', { app: 'db' }], [other, 'x', { app: 'x' }]] as const) {
      new ApiObject(ch, name, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    }
    const p = new CalicoNetworkPolicy(c, 'Db', { selector: Pods.labels({ app: 'db' }) });
    build(p);
    return { app, manifest: Testing.synth(c).find((o: any) => o.kind === 'NetworkPolicy') };
  }

  test('rules keep the order of the calls, with their actions; the analysis reads them in that order', () => {
    const { app, manifest } = shopApp((p) => {
      p.denyIngress(Peer.namespace('untrusted'), Port.tcp(5432));
      p.allowIngress(Peer.anyPodInCluster(), Port.tcp(5432));
    });
    expect(manifest.spec.ingress.map((r: any) => r.action)).toEqual(['Deny', 'Allow']);
    expect(manifest.spec.ingress[0]).toEqual({ action: 'Deny', protocol: 'TCP', source: { namespaceSelector: "kubernetes.io/metadata.name == 'untrusted'", selector: "projectcalico.org/orchestrator == 'k8s'" }, destination: { ports: [5432] } });
    const r = Reachability.of(app);
    expect(r.complete).toBe(true);
    expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(5432))).toBe(true);
    expect(r.isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(false);
    expect(r.explain('untrusted/x', 'shop/db', Port.tcp(5432)).text).toContain('spec.ingress[0] (Deny;');
  });

  test('the other order: the allow comes first and the deny never matches', () => {
    const { app } = shopApp((p) => {
      p.allowIngress(Peer.anyPodInCluster(), Port.tcp(5432));
      p.denyIngress(Peer.namespace('untrusted'), Port.tcp(5432));
    });
    expect(Reachability.of(app).isAllowed('untrusted/x', 'shop/db', Port.tcp(5432))).toBe(true);
  });

  test('pass hands the traffic on: with no tier after, Calico\'s default (allow) decides', () => {
    const { app, manifest } = shopApp((p) => {
      p.passIngress(Peer.namespace('untrusted'), Port.allTraffic());
      p.allowIngress(Peer.pods(LabelSelector.labels({ app: 'web' })), Port.tcp(5432));
    });
    expect(manifest.spec.ingress[0].action).toBe('Pass');
    const r = Reachability.of(app);
    expect(r.isAllowed('untrusted/x', 'shop/db', Port.tcp(9999))).toBe(true);
    expect(r.isAllowed('shop/web', 'shop/db', Port.tcp(9999))).toBe(false);
  });

  test('deny and pass take a Peer and ports like allow; bad arguments are refused', () => {
    expect(() => shopApp((p) => p.denyIngress(Peer.anywhere()))).toThrow(/denyIngress needs at least one port/);
    expect(() => shopApp((p) => p.passEgress('x' as any, Port.tcp(1)))).toThrow(/peer must be a Peer/);
  });
});
