import { ALL_FEATURES, Cni, CniProfile, Feature, SupportLevel } from '../../src/profiles';

const { ENFORCED, IGNORED, POLICY_DROPPED, UNKNOWN } = SupportLevel;

/** The documented facts each profile must state (see docs/plugins.md for the sources). */
const FACTS: Array<[string, Feature, SupportLevel]> = [
  // K3s: kube-router netpol (named ports since v0.3.0, endPort since v1.3.0, SCTP an open request, hostNetwork skipped).
  ['k3s', Feature.INGRESS, ENFORCED], ['k3s', Feature.EGRESS, ENFORCED], ['k3s', Feature.IP_BLOCK_EXCEPT, ENFORCED],
  ['k3s', Feature.NAMED_PORTS, ENFORCED], ['k3s', Feature.END_PORT, ENFORCED], ['k3s', Feature.SCTP, UNKNOWN],
  ['k3s', Feature.HOST_NETWORK_PODS, IGNORED],
  // Calico 3.27: the iptables and eBPF dataplanes differ on SCTP; nets match pod IPs.
  ['calico', Feature.SCTP, ENFORCED], ['calico-ebpf', Feature.SCTP, IGNORED],
  ['calico', Feature.IP_BLOCK_POD_IPS, ENFORCED], ['calico', Feature.NAMED_PORTS, ENFORCED], ['calico', Feature.END_PORT, ENFORCED],
  ['calico', Feature.HOST_NETWORK_PODS, IGNORED],
  ['canal', Feature.NAMED_PORTS, ENFORCED],
  // Weave 2.8: a policy with a named port is dropped whole; endPort not honoured.
  ['weave', Feature.NAMED_PORTS, POLICY_DROPPED], ['weave', Feature.END_PORT, IGNORED], ['weave', Feature.IP_BLOCK_EXCEPT, ENFORCED],
  // Cilium: ipBlock does not match pod IPs; endPort and SCTP depend on version and settings.
  ['cilium', Feature.IP_BLOCK_POD_IPS, IGNORED], ['cilium', Feature.END_PORT, UNKNOWN], ['cilium', Feature.SCTP, UNKNOWN],
  ['cilium', Feature.NAMED_PORTS, ENFORCED],
  // AWS VPC CNI >= 1.14.
  ['aws-vpc-cni', Feature.END_PORT, ENFORCED], ['aws-vpc-cni', Feature.NAMED_PORTS, ENFORCED], ['aws-vpc-cni', Feature.HOST_NETWORK_PODS, IGNORED],
  ['gke-dataplane-v2', Feature.IP_BLOCK_POD_IPS, IGNORED], ['gke-dataplane-v2', Feature.SCTP, UNKNOWN],
  ['gke-calico', Feature.END_PORT, UNKNOWN],
  // Azure NPM: endPort ignored; Azure CNI powered by Cilium: ipBlock cannot select pod IPs.
  ['azure-npm', Feature.END_PORT, IGNORED], ['azure-cilium', Feature.IP_BLOCK_POD_IPS, IGNORED],
  ['antrea', Feature.END_PORT, ENFORCED], ['antrea', Feature.SCTP, ENFORCED], ['antrea', Feature.HOST_NETWORK_PODS, IGNORED],
  // OVN-Kubernetes: no named ports; endPort (PR #2466) and SCTP supported.
  ['ovn-kubernetes', Feature.NAMED_PORTS, IGNORED], ['ovn-kubernetes', Feature.END_PORT, ENFORCED], ['ovn-kubernetes', Feature.SCTP, ENFORCED],
  // The cluster-wide APIs: none on the article's K3s and Calico 3.27; OVN-Kubernetes enforces the v1alpha1 pair;
  // Antrea behind feature gates (unknown); Cilium and its offerings not known to (inferred); AWS not the v1alpha1 pair.
  ['k3s', Feature.ADMIN_NETWORK_POLICY, IGNORED], ['k3s', Feature.BASELINE_ADMIN_NETWORK_POLICY, IGNORED], ['k3s', Feature.CLUSTER_NETWORK_POLICY, IGNORED],
  ['calico', Feature.ADMIN_NETWORK_POLICY, IGNORED], ['calico', Feature.BASELINE_ADMIN_NETWORK_POLICY, IGNORED], ['calico', Feature.CLUSTER_NETWORK_POLICY, IGNORED],
  ['flannel', Feature.ADMIN_NETWORK_POLICY, IGNORED], ['weave', Feature.CLUSTER_NETWORK_POLICY, IGNORED],
  ['cilium', Feature.ADMIN_NETWORK_POLICY, IGNORED], ['gke-dataplane-v2', Feature.BASELINE_ADMIN_NETWORK_POLICY, IGNORED],
  ['aws-vpc-cni', Feature.ADMIN_NETWORK_POLICY, IGNORED], ['aws-vpc-cni', Feature.CLUSTER_NETWORK_POLICY, UNKNOWN],
  ['ovn-kubernetes', Feature.ADMIN_NETWORK_POLICY, ENFORCED], ['ovn-kubernetes', Feature.BASELINE_ADMIN_NETWORK_POLICY, ENFORCED],
  ['ovn-kubernetes', Feature.CLUSTER_NETWORK_POLICY, UNKNOWN],
  ['antrea', Feature.ADMIN_NETWORK_POLICY, UNKNOWN], ['antrea', Feature.CLUSTER_NETWORK_POLICY, UNKNOWN],
  ['azure-npm', Feature.ADMIN_NETWORK_POLICY, UNKNOWN], ['gke-calico', Feature.CLUSTER_NETWORK_POLICY, UNKNOWN],
];

test.each(FACTS)('%s: %s is %s', (name, feature, level) => {
  expect(Cni.byName(name).support(feature).level).toBe(level);
});

test('the catalog has the brief\'s profiles, and the factories return them', () => {
  expect(Cni.names()).toEqual(['k3s', 'calico', 'calico-ebpf', 'calico-3.30', 'canal', 'flannel', 'weave', 'cilium', 'aws-vpc-cni',
    'gke-dataplane-v2', 'gke-calico', 'azure-npm', 'azure-cilium', 'antrea', 'ovn-kubernetes']);
  const factories: Array<[() => CniProfile, string]> = [
    [Cni.k3s, 'k3s'], [() => Cni.calico(), 'calico'], [() => Cni.calico(true), 'calico-ebpf'], [Cni.canal, 'canal'], [Cni.flannel, 'flannel'],
    [Cni.weave, 'weave'], [Cni.cilium, 'cilium'], [Cni.awsVpcCni, 'aws-vpc-cni'], [Cni.gkeDataplaneV2, 'gke-dataplane-v2'],
    [Cni.gkeCalico, 'gke-calico'], [Cni.azureNpm, 'azure-npm'], [Cni.azureCilium, 'azure-cilium'], [Cni.antrea, 'antrea'],
    [Cni.ovnKubernetes, 'ovn-kubernetes'],
  ];
  for (const [factory, name] of factories) expect(factory().name).toBe(name);
});

test('only Flannel enforces nothing; AWS VPC CNI has its limits', () => {
  expect(Cni.all().filter((p) => !p.enforcesPolicy).map((p) => p.name)).toEqual(['flannel']);
  expect(Cni.flannel().features.every((f) => f.level === IGNORED)).toBe(true);
  const aws = Cni.awsVpcCni();
  expect(aws.requiresOwnerReferences).toBe(true);
  expect(aws.maxPortProtocolCombinations).toBe(24);
  expect(aws.limitSources.join(' ')).toContain('ownerReferences');
  expect(Cni.all().filter((p) => p.requiresOwnerReferences || p.maxPortProtocolCombinations !== undefined).map((p) => p.name)).toEqual(['aws-vpc-cni']);
});

test('every profile states every feature, and every stated fact cites a source', () => {
  for (const profile of Cni.all()) {
    expect(profile.enforcementSources.length).toBeGreaterThan(0);
    const table = profile.features;
    expect(table.map((f) => f.feature)).toEqual(ALL_FEATURES);
    for (const row of table) {
      expect(row.note.length).toBeGreaterThan(0);
      if (row.level === UNKNOWN) continue;
      const cited = { profile: profile.name, feature: row.feature, sources: row.sources.length > 0 };
      expect(cited).toEqual({ ...cited, sources: true });
    }
  }
});

test('no plugin of the catalog isolates hostNetwork pods', () => {
  expect(Cni.all().filter((p) => p.level(Feature.HOST_NETWORK_PODS) !== IGNORED)).toEqual([]);
});

test('facts inherited from another plugin are marked as inferred', () => {
  expect(Cni.canal().features.every((f) => f.verified === false)).toBe(true);
  expect(Cni.gkeDataplaneV2().support(Feature.IP_BLOCK_POD_IPS).verified).toBe(false);
  expect(Cni.azureCilium().support(Feature.IP_BLOCK_POD_IPS).verified).toBe(true);
  expect(Cni.weave().support(Feature.END_PORT).verified).toBe(false);
  expect(Cni.weave().support(Feature.NAMED_PORTS).verified).toBe(true);
});

test('byName is case-insensitive, knows aliases, and lists the known names otherwise', () => {
  expect(Cni.byName('Calico').name).toBe('calico');
  expect(Cni.byName('eks').name).toBe('aws-vpc-cni');
  expect(Cni.byName('kube-router').name).toBe('k3s');
  expect(Cni.tryByName('nope')).toBeUndefined();
  expect(() => Cni.byName('nope')).toThrow(/unknown network plugin "nope"; known: k3s, calico, calico-ebpf, calico-3.30, canal, flannel/);
  const all = Cni.all().flatMap((p) => [p.name, ...p.aliases]);
  expect(new Set(all).size).toBe(all.length);
});

test('a custom profile: features left out are unknown', () => {
  const mine = new CniProfile({
    name: 'mine',
    displayName: 'My plugin',
    versions: '1.0',
    enforcesPolicy: true,
    enforcementSources: ['internal wiki'],
    features: [{ feature: Feature.END_PORT, level: IGNORED, note: 'only the first port', sources: ['test'] }],
  });
  expect(mine.support(Feature.END_PORT).verified).toBe(true);
  expect(mine.support(Feature.SCTP)).toEqual({ feature: Feature.SCTP, level: UNKNOWN, note: 'not documented for My plugin', sources: [], verified: false });
  expect(() => new CniProfile({ ...mine, features: [{ feature: Feature.SCTP, level: UNKNOWN, note: 'x', sources: [] }, { feature: Feature.SCTP, level: UNKNOWN, note: 'x', sources: [] }] } as any))
    .toThrow(/given twice/);
});

describe('the cluster-wide policy APIs', () => {
  const ADMIN_APIS = [Feature.ADMIN_NETWORK_POLICY, Feature.BASELINE_ADMIN_NETWORK_POLICY, Feature.CLUSTER_NETWORK_POLICY];

  test('the Calico 3.27 rows say from which Calico version each API is enforced, citing the release', () => {
    const calico = Cni.calico();
    expect(calico.support(Feature.ADMIN_NETWORK_POLICY).note).toMatch(/Calico enforces it from 3\.29; 3\.32 removes it in favour of ClusterNetworkPolicy/);
    expect(calico.support(Feature.ADMIN_NETWORK_POLICY).sources.join(' ')).toMatch(/projectcalico\/calico\/pull\/9404 \(v3\.29\.0 release notes/);
    expect(calico.support(Feature.BASELINE_ADMIN_NETWORK_POLICY).note).toMatch(/from 3\.30$/);
    expect(calico.support(Feature.BASELINE_ADMIN_NETWORK_POLICY).sources.join(' ')).toMatch(/projectcalico\/calico\/pull\/9464/);
    expect(calico.support(Feature.CLUSTER_NETWORK_POLICY).note).toMatch(/from 3\.32/);
    expect(calico.support(Feature.CLUSTER_NETWORK_POLICY).sources.join(' ')).toMatch(/network-policy-api\/pull\/376/);
  });

  test('Antrea: unknown because it depends on feature gates, which the note names with the versions', () => {
    const antrea = Cni.antrea();
    expect(antrea.support(Feature.ADMIN_NETWORK_POLICY).note).toMatch(/since Antrea v1\.13.*off by default.*AdminNetworkPolicy feature gate/);
    expect(antrea.support(Feature.CLUSTER_NETWORK_POLICY).note).toMatch(/since Antrea v2\.7, behind the ClusterNetworkPolicy feature gate/);
  });

  test('only Calico 3.30 and OVN-Kubernetes are known to enforce any of them among the catalog\'s profiles (none ClusterNetworkPolicy)', () => {
    const enforcing = Cni.all().flatMap((p) => ADMIN_APIS.filter((f) => p.level(f) === ENFORCED).map((f) => `${p.name} ${f}`));
    expect(enforcing).toEqual(['calico-3.30 AdminNetworkPolicy', 'calico-3.30 BaselineAdminNetworkPolicy', 'ovn-kubernetes AdminNetworkPolicy', 'ovn-kubernetes BaselineAdminNetworkPolicy']);
    expect(Cni.byName('calico-3.31').name).toBe('calico-3.30');
  });

  test('what is not stated by a source is marked inferred: Cilium (and what is built on it), Weave, Canal', () => {
    for (const name of ['cilium', 'gke-dataplane-v2', 'azure-cilium', 'weave', 'canal']) {
      expect(ADMIN_APIS.map((f) => Cni.byName(name).support(f).verified)).toEqual([false, false, false]);
    }
    expect(ADMIN_APIS.map((f) => Cni.k3s().support(f).verified)).toEqual([true, true, true]);
  });
});
