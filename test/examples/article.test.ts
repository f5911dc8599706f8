import { Chart, Testing } from 'cdk8s';
import * as yaml from 'yaml';
import { ARTICLE_YAML } from './article-policies';
import { ARTICLE_CHARTS } from '../../examples/article';
import { NetworkPolicyModel, parseNetworkPolicy, PeerKind, validateNetworkPolicy } from '../../src';

/** What a policy allows, as a set of `direction peer | port` grants: equal sets mean equal meaning. */
function grants(model: NetworkPolicyModel): string[] {
  const out = new Set<string>();
  for (const [direction, rules] of [['ingress', model.ingress], ['egress', model.egress]] as const) {
    for (const rule of rules) {
      for (const peer of rule.peers) for (const port of rule.ports) out.add(`${direction} ${peer.toKey()} | ${port.toKey()}`);
    }
  }
  return [...out].sort();
}

function policyOf(chartId: string): { manifest: any; model: NetworkPolicyModel } {
  const chart: Chart = new ARTICLE_CHARTS[chartId](Testing.app(), chartId);
  const manifests = Testing.synth(chart).filter((o: any) => o.kind === 'NetworkPolicy');
  expect(manifests).toHaveLength(1);
  const parsed = parseNetworkPolicy(manifests[0]);
  expect(parsed.errors).toEqual([]);
  return { manifest: manifests[0], model: parsed.policy! };
}

function articleModel(name: string): NetworkPolicyModel {
  const parsed = parseNetworkPolicy(yaml.parse(ARTICLE_YAML[name]));
  expect(parsed.errors).toEqual([]);
  return parsed.policy!;
}

describe('the article\'s policies, built with the pattern constructs', () => {
  test.each(Object.keys(ARTICLE_YAML))('%s: the article\'s name, pods, traffic and (now explicit) policyTypes', (name) => {
    const { manifest, model } = policyOf(`article-${name}`);
    const article = articleModel(name);
    expect(manifest.metadata.name).toBe(name);
    expect(validateNetworkPolicy(manifest)).toEqual([]);
    expect(manifest.spec.policyTypes).toBeDefined();
    expect(model.podSelector.toKey()).toBe(article.podSelector.toKey());
    // The article leaves policyTypes out; the API server's defaulting gives the same ones we write.
    expect(model.policyTypes).toEqual(article.policyTypes);
    expect(grants(model)).toEqual(grants(article));
  });

  test('every article chart has a -fixed sibling, except restrict-web-ingress (which the article gets right)', () => {
    const fixed = Object.keys(ARTICLE_CHARTS).filter((id) => id.endsWith('-fixed')).map((id) => id.replace(/^article-|-fixed$/g, ''));
    expect(fixed.sort()).toEqual(Object.keys(ARTICLE_YAML).filter((n) => n !== 'restrict-web-ingress').sort());
    for (const id of Object.keys(ARTICLE_CHARTS)) {
      const { manifest } = policyOf(id);
      expect(manifest.metadata.name).toBe(id.replace(/^article-/, ''));
      expect(validateNetworkPolicy(manifest)).toEqual([]);
    }
  });
});

describe('the -fixed versions change what the article gets wrong, and nothing else', () => {
  test('allow-db-access-on-service-port-fixed selects app=database AND tier=backend, as the text says', () => {
    const { model } = policyOf('article-allow-db-access-on-service-port-fixed');
    const article = articleModel('allow-db-access-on-service-port');
    expect(model.podSelector.matches({ app: 'database', tier: 'backend' })).toBe(true);
    expect(model.podSelector.matches({ app: 'database', tier: 'frontend' })).toBe(false);
    expect(model.podSelector.matches({ app: 'webserver' })).toBe(false);
    expect(article.podSelector.matches({ app: 'database', tier: 'backend' })).toBe(false);
    expect(grants(model)).toEqual(grants(article));
  });

  test('restrict-db-egress-fixed reaches any pod of the cluster (namespaceSelector: {}), not only its namespace', () => {
    const { model } = policyOf('article-restrict-db-egress-fixed');
    const peers = model.egress.flatMap((r) => r.peers);
    expect(peers.some((p) => p.kind === PeerKind.NAMESPACES && p.namespaceSelector!.isEmpty)).toBe(true);
    expect(peers.some((p) => p.kind === PeerKind.PODS)).toBe(false);
    expect(peers.some((p) => p.ipBlock?.cidr === '10.0.0.0/16')).toBe(true);
    expect(peers.some((p) => p.kind === PeerKind.PODS_IN_NAMESPACES && p.podSelector!.matches({ 'k8s-app': 'kube-dns' }))).toBe(true);
    // The article's version, with no policyTypes, is read as [Ingress, Egress]: it denied all ingress too.
    expect(articleModel('restrict-db-egress').policyTypes).toEqual(['Ingress', 'Egress']);
    expect(model.policyTypes).toEqual(['Egress']);
  });

  test('allow-dns-udp-fixed is egress to kube-dns on UDP and TCP 53, not ingress', () => {
    const { model } = policyOf('article-allow-dns-udp-fixed');
    expect(model.policyTypes).toEqual(['Egress']);
    expect(model.ingress).toEqual([]);
    expect(model.egress).toHaveLength(1);
    const [rule] = model.egress;
    expect(rule.peers[0].namespaceSelector!.matches({ 'kubernetes.io/metadata.name': 'kube-system' })).toBe(true);
    expect(rule.peers[0].podSelector!.matches({ 'k8s-app': 'kube-dns' })).toBe(true);
    expect(rule.ports.map((p) => p.toString()).sort()).toEqual(['TCP 53', 'UDP 53']);
    expect(model.podSelector.matches({ app: 'webserver' })).toBe(true);
  });

  test('allow-http-ingress-fixed uses the webserver container\'s named port http/TCP', () => {
    const chart = new ARTICLE_CHARTS['article-allow-http-ingress-fixed'](Testing.app(), 'c');
    const objects = Testing.synth(chart);
    const deployment = objects.find((o: any) => o.kind === 'Deployment');
    expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, name: 'http' }]);
    expect(deployment.spec.template.metadata.labels.app).toBe('webserver');
    const { model } = policyOf('article-allow-http-ingress-fixed');
    expect(model.ingress[0].ports.map((p) => [p.name, p.protocol])).toEqual([['http', 'TCP']]);
    expect(model.podSelector.matches(deployment.spec.template.metadata.labels)).toBe(true);
  });

  test('restrict-db-communication-fixed: webservers on the database port only; egress to 192.168.0.0/16 and DNS, not the namespace', () => {
    const { model } = policyOf('article-restrict-db-communication-fixed');
    expect(model.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(model.ingress).toHaveLength(1);
    expect(model.ingress[0].peers[0].podSelector!.matches({ app: 'webserver' })).toBe(true);
    expect(model.ingress[0].ports.map((p) => p.toString())).toEqual(['TCP 5432']);
    const peers = model.egress.flatMap((r) => r.peers.map((p) => p.toString()));
    expect(peers).toEqual(['192.168.0.0/16', 'pods {k8s-app=kube-dns} of namespaces {kubernetes.io/metadata.name=kube-system}']);
  });
});
