import { planFromCase, ReachabilityCase } from '../../src/lab/case-scenario';
import { AddressPool, ipToNumber, numberToIp, unusableAddress } from '../../src/lab/lab-addresses';
import {
  CALICO_ENGINE, calicoHostVeth, KUBE_NETWORK_POLICIES_ENGINE, KUBE_ROUTER_ENGINE, LAB_ENGINES, labEngineNamed,
} from '../../src/lab/lab-engine';
import { planFromManifests } from '../../src/lab/manifest-scenario';
import { assertEngineEnforces } from '../../src/lab/unenforced-kinds';

/** The lab's planning needs no root: what it would create and predict is checked here on any machine. */

const pod = (namespace: string, name: string, labels: { [k: string]: string }, ports: any[] = [], ip?: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'c', image: 'x', ports }] },
  ...(ip ? { status: { podIP: ip } } : {}),
});

describe('lab addresses', () => {
  test('IPv4 text and numbers convert both ways', () => {
    expect(ipToNumber('10.244.1.1')).toBe(10 * 2 ** 24 + 244 * 2 ** 16 + 256 + 1);
    expect(numberToIp(ipToNumber('192.168.255.7'))).toBe('192.168.255.7');
  });

  test.each([
    ['127.0.0.1', 'loopback'], ['0.0.0.0', '0.0.0.0/8'], ['255.255.255.255', 'multicast or reserved'],
    ['100.64.0.1', 'lab\'s own'], ['10.43.0.10', 'service range'], ['2001:db8::1', 'IPv4'], ['10.1.2.300', 'IPv4'],
  ])('%s cannot be used (%s)', (ip, why) => {
    expect(unusableAddress(ip)).toContain(why);
  });

  test.each(['10.244.1.1', '192.168.1.10', '8.8.8.8'])('%s can be used', (ip) => {
    expect(unusableAddress(ip)).toBeUndefined();
  });

  test('the pool skips taken addresses', () => {
    const pool = new AddressPool(new Set(['100.64.1.1', '100.64.1.3']));
    expect([pool.allocate(), pool.allocate(), pool.allocate()]).toEqual(['100.64.1.2', '100.64.1.4', '100.64.1.5']);
  });
});

describe('planning a lab run over manifests', () => {
  const objects = [
    pod('x', 'a', { app: 'a' }, [{ containerPort: 80, name: 'http' }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 9, protocol: 'SCTP' }]),
    pod('x', 'b', { app: 'b' }, [], '192.168.1.5'),
    pod('x', 'c', { app: 'c' }, [], '127.0.0.1'),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'a', namespace: 'x' },
      spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'x' },
      spec: { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }], ports: [{ port: 'http' }] }] },
    },
  ];
  const plan = planFromManifests(objects.map((object) => ({ object })), { ports: [8080], externals: ['192.168.9.9', '127.0.0.2'] });

  test('a pod per endpoint, with its labels, container ports and a usable IP (the manifest\'s when it has one)', () => {
    expect(plan.scenario.pods.map((p) => [p.ref, p.namespace, p.name, p.ip])).toEqual([
      ['x/a[Pod]', 'x', 'a', '100.64.1.1'],
      ['x/b[Pod]', 'x', 'b', '192.168.1.5'],
      ['x/c[Pod]', 'x', 'c', '1.0.0.0'],
      // A Deployment named like a Pod gets its kind as a suffix.
      ['x/a[Deployment]', 'x', 'a-deployment', '100.64.1.2'],
    ]);
    expect(plan.scenario.pods[0].ports).toEqual([{ port: 80, protocol: 'TCP', name: 'http' }, { port: 53, protocol: 'UDP' }, { port: 9, protocol: 'SCTP' }]);
  });

  test('a pod whose address the lab cannot use runs with one the ipBlocks treat alike; an unusable --external is named', () => {
    // 127.0.0.1 and 1.0.0.0 are both below 192.168.0.0/16, the input's only ipBlock.
    expect(plan.readdressed).toEqual([{ endpoint: 'x/c[Pod]', from: '127.0.0.1', to: '1.0.0.0' }]);
    expect(plan.notRunnable).toEqual([{ endpoint: '127.0.0.2', reason: '127.0.0.2 is a loopback address' }]);
    expect(plan.scenario.externals).toEqual([{ ref: '192.168.9.9', ip: '192.168.9.9' }]);
  });

  test('probes: every ordered pair on the destination\'s ports and --ports, TCP and UDP; SCTP stays SCTP', () => {
    const toA = plan.scenario.probes.filter((p) => p.from === 'x/b[Pod]' && p.to === 'x/a[Pod]').map((p) => `${p.port}/${p.protocol}`);
    expect(toA).toEqual(['80/TCP', '80/UDP', '53/TCP', '53/UDP', '9/SCTP', '8080/TCP', '8080/UDP']);
    expect(plan.scenario.probes.some((p) => p.from === p.to)).toBe(false);
    expect(plan.scenario.probes.filter((p) => p.from === '192.168.9.9').length).toBe(7 + 2 + 2 + 2);
  });

  test('the prediction sees the lab\'s addresses: the ipBlock admits b and the external address, not the others', () => {
    const allowed = (from: string) => plan.predict({ from, to: 'x/a[Pod]', port: 80, protocol: 'TCP' });
    expect(allowed('x/b[Pod]')).toBe(true);
    expect(allowed('192.168.9.9')).toBe(true);
    expect(allowed('x/a[Deployment]')).toBe(false);
    expect(plan.predict({ from: 'x/b[Pod]', to: 'x/a[Pod]', port: 53, protocol: 'UDP' })).toBe(false);
  });
});

describe('planning a lab run over a reachability case', () => {
  const base: ReachabilityCase = {
    id: 'c',
    namespaces: [{ name: 'x', labels: {} }, { name: 'y', labels: {} }],
    pods: [
      { namespace: 'x', name: 'a', labels: { app: 'a' }, ip: '1.2.3.4', ports: [] },
      { namespace: 'y', name: 'a', labels: { app: 'a' }, ip: '1.2.3.4', ports: [] },
      { namespace: 'y', name: 'b', labels: {}, ports: [] },
    ],
    policies: [{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } }],
    expect: [{ from: 'y/b', to: 'x/a', port: 80, protocol: 'TCP', allowed: false }],
  };

  test('without ipBlocks every address is alike: a pod whose address is taken gets a free one', () => {
    const plan = planFromCase(base);
    expect(plan.notRunnable).toEqual([]);
    expect(plan.scenario.pods.map((p) => [p.ref, p.ip])).toEqual([['x/a', '1.2.3.4'], ['y/a', '1.0.0.0'], ['y/b', '100.64.1.1']]);
    expect(plan.readdressed).toEqual([{ endpoint: 'y/a', from: '1.2.3.4', to: '1.0.0.0' }]);
    expect(plan.predict(plan.scenario.probes[0])).toBe(false);
  });

  test('with an ipBlock, a re-addressed pod stays on the same side of every block and except', () => {
    const withBlock = {
      ...base,
      policies: [{ ...base.policies[0], spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '1.2.3.0/24', except: ['1.2.3.0/30'] } }] }] } }],
    };
    const plan = planFromCase(withBlock);
    // 1.2.3.4 is in 1.2.3.4-1.2.3.255 (inside the block, outside the except): the copy goes there too.
    expect(plan.scenario.pods.map((p) => [p.ref, p.ip])).toEqual([['x/a', '1.2.3.4'], ['y/a', '1.2.3.5'], ['y/b', '100.64.1.1']]);
    expect(plan.notRunnable).toEqual([]);
  });

  test('an address alone in its interval (a /32 except) cannot be copied: the pod is not run', () => {
    const withBlock = {
      ...base,
      policies: [{ ...base.policies[0], spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '1.2.3.0/24', except: ['1.2.3.4/32'] } }] }] } }],
    };
    const plan = planFromCase(withBlock);
    expect(plan.notRunnable).toEqual([
      { endpoint: 'y/a', reason: '1.2.3.4 is used by another endpoint of the case, and no other address is the same for the case\'s ipBlocks' },
    ]);
    expect(plan.scenario.pods.map((p) => p.ref)).toEqual(['x/a', 'y/b']);
  });

  test('external endpoints are emulated with their own address, or an equivalent one', () => {
    const plan = planFromCase({
      ...base,
      policies: [{ ...base.policies[0], spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '8.0.0.0/8' } }] }], policyTypes: ['Egress'] } }],
      expect: [
        { from: 'x/a', to: 'ip:8.8.8.8', port: 80, protocol: 'TCP', allowed: true },
        { from: 'x/a', to: 'ip:0.0.0.0', port: 80, protocol: 'TCP', allowed: false },
        { from: 'x/a', to: 'ip:255.255.255.255', port: 80, protocol: 'TCP', allowed: false },
      ],
    });
    // 1.0.0.0 went to the pod y/a; 255.255.255.255 is, like 9.0.0.0, above the block.
    expect(plan.scenario.externals).toEqual([
      { ref: 'ip:8.8.8.8', ip: '8.8.8.8' }, { ref: 'ip:0.0.0.0', ip: '1.0.0.1' }, { ref: 'ip:255.255.255.255', ip: '9.0.0.0' },
    ]);
    expect(plan.notRunnable).toEqual([]);
    expect(plan.scenario.probes.map((p) => plan.predict(p))).toEqual([true, false, false]);
  });
});

describe('planning a lab run over manifests with admin policies', () => {
  const anp = {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name: 'deny-y' },
    spec: { priority: 5, subject: { namespaces: { matchLabels: { team: 'x' } } }, ingress: [{ name: 'd', action: 'Deny', from: [{ namespaces: { matchLabels: { team: 'y' } } }] }] },
  };
  const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: name } } });
  const plan = planFromManifests([ns('x'), ns('y'), pod('x', 'a', { app: 'a' }, [{ containerPort: 80 }]), pod('y', 'b', { app: 'b' }, [{ containerPort: 80 }]), anp].map((object) => ({ object })));

  test('the cluster-wide policies go to the lab apart from the NetworkPolicies', () => {
    expect(plan.scenario.policies).toEqual([]);
    expect(plan.scenario.clusterPolicies?.map((p) => `${p.kind}/${p.metadata.name}`)).toEqual(['AdminNetworkPolicy/deny-y']);
  });

  test('the prediction reads them', () => {
    expect(plan.predict({ from: 'y/b[Pod]', to: 'x/a[Pod]', port: 80, protocol: 'TCP' })).toBe(false);
    expect(plan.predict({ from: 'x/a[Pod]', to: 'y/b[Pod]', port: 80, protocol: 'TCP' })).toBe(true);
  });
});

describe('the lab\'s engines', () => {
  test('kube-network-policies answers to its alias knp and enforces the v1alpha1 admin kinds; kube-router and calico none', () => {
    expect(labEngineNamed('knp')).toBe(KUBE_NETWORK_POLICIES_ENGINE);
    expect(labEngineNamed('kube-network-policies')?.adminKinds).toEqual(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']);
    expect(labEngineNamed('kube-router')?.adminKinds).toEqual([]);
    expect(labEngineNamed('calico')).toBe(CALICO_ENGINE);
    expect(CALICO_ENGINE.adminKinds).toEqual([]);
    expect(labEngineNamed('cilium')).toBeUndefined();
  });

  test('only calico enforces Calico\'s objects', () => {
    expect(LAB_ENGINES.filter((e) => e.calicoKinds.includes('GlobalNetworkPolicy')).map((e) => e.name)).toEqual(['calico']);
  });

  test('only Calico names a pod\'s veth by its namespace and name; the others by its index', () => {
    expect(CALICO_ENGINE.hostVeth('x', 'a', 3)).toBe(calicoHostVeth('x', 'a'));
    expect(KUBE_ROUTER_ENGINE.hostVeth('x', 'a', 3)).toBe(KUBE_NETWORK_POLICIES_ENGINE.hostVeth('y', 'b', 3));
  });

  test('the engines that drop what they deny have their denials probed twice', () => {
    expect(LAB_ENGINES.filter((e) => e.dropsDenied).map((e) => e.name)).toEqual(['calico', 'kube-network-policies']);
  });
});

describe('an engine refuses policies it does not enforce', () => {
  const gnp = { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'g' } };
  const anp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'a' } };
  const cnp = { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'c' } };

  test('each engine runs what it enforces', () => {
    expect(() => assertEngineEnforces(CALICO_ENGINE, [], [gnp])).not.toThrow();
    expect(() => assertEngineEnforces(KUBE_NETWORK_POLICIES_ENGINE, [anp], [])).not.toThrow();
    expect(() => assertEngineEnforces(KUBE_ROUTER_ENGINE, [], [])).not.toThrow();
  });

  test('Calico\'s objects need calico, admin policies kube-network-policies', () => {
    expect(() => assertEngineEnforces(KUBE_ROUTER_ENGINE, [], [gnp])).toThrow(/kube-router v2\.1\.0 does not enforce projectcalico\.org\/v3 GlobalNetworkPolicy \(g\); the lab's engines that do: --engine calico/);
    expect(() => assertEngineEnforces(KUBE_NETWORK_POLICIES_ENGINE, [], [gnp])).toThrow(/--engine calico/);
    expect(() => assertEngineEnforces(CALICO_ENGINE, [anp], [gnp])).toThrow(/calico v3\.27\.3 does not enforce policy\.networking\.k8s\.io\/v1alpha1 AdminNetworkPolicy \(a\); the lab's engines that do: --engine kube-network-policies/);
  });

  test('a kind no engine enforces says so', () => {
    expect(() => assertEngineEnforces(KUBE_NETWORK_POLICIES_ENGINE, [anp, cnp], [])).toThrow(/does not enforce policy\.networking\.k8s\.io\/v1alpha2 ClusterNetworkPolicy \(c\); no engine of the lab does/);
  });
});
