import { Testing } from 'cdk8s';
import { Analysis, chart, errorOf, kubeDns, pod, policies } from './support';
import { Pods, PodScope, Port, RestrictEgressToCidr } from '../../src';

describe('RestrictEgressToCidr', () => {
  test('only to the CIDRs (less their exceptions) on the ports, plus DNS', () => {
    const c = chart();
    new RestrictEgressToCidr(c, 'PaymentsOnly', {
      selector: Pods.labels({ app: 'api' }),
      cidrs: [{ cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] }, { cidr: '2001:db8::/64' }],
      ports: [Port.tcp(443)],
    });
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(manifest.metadata.name).toBe('payments-only');
    expect(manifest.spec.policyTypes).toEqual(['Egress']);
    expect(manifest.spec.egress[0]).toEqual({
      to: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }, { ipBlock: { cidr: '2001:db8::/64' } }],
      ports: [{ protocol: 'TCP', port: 443 }],
    });
    expect(manifest.spec.egress[1].ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
  });

  test('reachability: inside the CIDR yes, in its exception or outside no; DNS kept', () => {
    const app = Testing.app();
    const c = chart('shop', app);
    pod(c, 'api', { app: 'api' });
    pod(c, 'neighbour', { app: 'db' }, [{ number: 5432 }]);
    kubeDns(app);
    new RestrictEgressToCidr(c, 'egress', { selector: Pods.labels({ app: 'api' }), cidrs: [{ cidr: '10.0.0.0/16', except: ['10.0.5.0/24'] }], ports: [Port.tcp(443)] });
    const a = new Analysis(app, ['10.0.1.7', '10.0.5.7', '8.8.8.8']);
    expect(a.allowed('api', '10.0.1.7')).toBe('TCP 443');
    expect(a.allowed('api', '10.0.5.7')).toBe('nothing');
    expect(a.allowed('api', '8.8.8.8')).toBe('nothing');
    expect(a.allowed('api', 'neighbour')).toBe('nothing');
    expect(a.allowed('api', 'coredns')).toBe('TCP 53, UDP 53');
  });

  test('also to the pods of the namespace, or of the cluster', () => {
    const same = chart();
    new RestrictEgressToCidr(same, 'e', { selector: Pods.all(), cidrs: [{ cidr: '10.0.0.0/8' }], alsoToPods: PodScope.SAME_NAMESPACE, allowDns: false });
    expect(policies(same)[0].spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { podSelector: {} }] }],
    });
    const cluster = chart();
    new RestrictEgressToCidr(cluster, 'e', { selector: Pods.all(), cidrs: [{ cidr: '10.0.0.0/8' }], alsoToPods: PodScope.CLUSTER, allowDns: false });
    expect(policies(cluster)[0].spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { namespaceSelector: {} }] }]);

    const app = Testing.app();
    const c = chart('shop', app);
    pod(c, 'db', { app: 'db' });
    pod(c, 'cache', { app: 'cache' }, [{ number: 6379 }]);
    pod(chart('other', app), 'far', { app: 'far' }, [{ number: 80 }]);
    new RestrictEgressToCidr(c, 'e', { selector: Pods.labels({ app: 'db' }), cidrs: [{ cidr: '10.0.0.0/16' }], alsoToPods: PodScope.SAME_NAMESPACE });
    const a = new Analysis(app);
    expect(a.allowed('db', 'cache')).not.toBe('nothing');
    expect(a.allowed('db', 'far')).toBe('nothing');
  });

  test('denyIngress: also isolates ingress, allowing none', () => {
    const c = chart();
    new RestrictEgressToCidr(c, 'e', { selector: Pods.labels({ app: 'db' }), cidrs: [{ cidr: '10.0.0.0/8' }], denyIngress: true, allowDns: false });
    expect(policies(c)[0].spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress', 'Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
    });
  });

  test('bad input: empty lists, exceptions outside their CIDR, DNS contradictions', () => {
    const api = Pods.labels({ app: 'api' });
    expect(errorOf(() => new RestrictEgressToCidr(chart(), 'x', { selector: api, cidrs: [] })))
      .toMatch(/^shop\/x: cidrs is empty, so nothing would be allowed; give at least one CIDR/);
    expect(errorOf(() => new RestrictEgressToCidr(chart(), 'x', { selector: api, cidrs: [{ cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] }] })))
      .toMatch(/^shop\/x: cidrs\[0\]: except '10.1.0.0\/24' is outside '10.0.0.0\/16'; each except must be a CIDR strictly inside '10.0.0.0\/16'/);
    expect(errorOf(() => new RestrictEgressToCidr(chart(), 'x', { selector: api, cidrs: [{ cidr: '10.0.0.0/16', except: ['10.0.0.0/16'] }] })))
      .toMatch(/except '10.0.0.0\/16' is not smaller than '10.0.0.0\/16'/);
    expect(errorOf(() => new RestrictEgressToCidr(chart(), 'x', { selector: api, cidrs: [{ cidr: '2001:db8::/32', except: ['10.0.0.0/24'] }] })))
      .toMatch(/not of the same IP family/);
    expect(errorOf(() => new RestrictEgressToCidr(chart(), 'x', { selector: api, cidrs: [{ cidr: '2001:db8::/32', except: ['2001:db9::/48'] }] })))
      .toMatch(/is outside/);
    expect(() => new RestrictEgressToCidr(chart(), 'x', { selector: api, cidrs: [{ cidr: '2001:db8::/32', except: ['2001:db8:1::/48', '::ffff:10.0.0.0/120'] }] }))
      .toThrow(/'::ffff:10.0.0.0\/120' is outside/);
    expect(errorOf(() => new RestrictEgressToCidr(chart(), 'x', { selector: api, cidrs: [{ cidr: '10.0.0.0/8' }], ports: [] })))
      .toMatch(/ports is empty/);
    expect(errorOf(() => new RestrictEgressToCidr(chart(), 'x', { selector: api, cidrs: [{ cidr: '10.0.0.0/8' }], allowDns: false, dns: { ports: [Port.tcp(53)] } })))
      .toMatch(/allowDns is false but dns options are given \(ports TCP 53\)/);
  });
});
