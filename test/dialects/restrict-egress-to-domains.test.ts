import { Chart, Testing } from 'cdk8s';
import { Cni, DomainName, DomainPolicyDialect, NetpolSettings, Pods, PodScope, Port, RestrictEgressToDomains, SynthCheckMode } from '../../src';
import { validateCalicoManifest } from '../../src/dialects/calico/validate-calico';
import { validateCiliumManifest } from '../../src/dialects/cilium/validate-cilium';

function appWith(cni?: ReturnType<typeof Cni.k3s>): { app: ReturnType<typeof Testing.app>; chart: Chart } {
  const app = Testing.app();
  if (cni) {
    const settings = NetpolSettings.of(app);
    settings.cni = cni;
    settings.mode = SynthCheckMode.FAIL;
  }
  return { app, chart: new Chart(app, 'shop', { namespace: 'shop' }) };
}

const DOMAINS = [DomainName.exact('api.stripe.com'), DomainName.pattern('*.s3.amazonaws.com')];

describe('RestrictEgressToDomains', () => {
  test('Cilium (from NetpolSettings): a CiliumNetworkPolicy with toFQDNs, the DNS rule, egress isolated, ingress untouched', () => {
    const { chart } = appWith(Cni.cilium());
    const r = new RestrictEgressToDomains(chart, 'Payments', { selector: Pods.labels({ app: 'payments' }), domains: DOMAINS, ports: [Port.tcp(443)] });
    expect(r.dialect).toBe(DomainPolicyDialect.CILIUM);
    const [cnp] = Testing.synth(chart);
    expect(cnp.apiVersion).toBe('cilium.io/v2');
    expect(cnp.kind).toBe('CiliumNetworkPolicy');
    expect(cnp.metadata).toEqual({ name: 'payments', namespace: 'shop' });
    expect(cnp.spec.endpointSelector).toEqual({ matchLabels: { 'k8s:app': 'payments' } });
    expect(cnp.spec.ingress).toBeUndefined();
    expect(cnp.spec.egress).toEqual([
      {
        toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
        toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }],
      },
      { toFQDNs: [{ matchName: 'api.stripe.com' }, { matchPattern: '*.s3.amazonaws.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
    ]);
    expect(validateCiliumManifest(cnp)).toEqual([]);
  });

  test('Cilium: pods of the namespace too, ingress denied on request; every subdomain refused before 1.20 with how to write it', () => {
    const { chart } = appWith(Cni.cilium());
    new RestrictEgressToDomains(chart, 'Api', { selector: Pods.all(), domains: [DomainName.exact('a.example.com')], alsoToPods: PodScope.SAME_NAMESPACE, denyIngress: true });
    const [cnp] = Testing.synth(chart);
    expect(cnp.spec.ingress).toEqual([{}]);
    expect(cnp.spec.egress[0]).toEqual({ toEndpoints: [{}] });
    expect(cnp.spec.egress[2]).toEqual({ toFQDNs: [{ matchName: 'a.example.com' }] });
    expect(() => new RestrictEgressToDomains(appWith(Cni.cilium()).chart, 'Sub', { selector: Pods.all(), domains: [DomainName.subdomains('example.com')] }))
      .toThrow(/'\*\*\.' wildcard.*DomainName.pattern\('\*\.example\.com'\)/);
    const later = appWith(Cni.cilium()).chart;
    new RestrictEgressToDomains(later, 'Sub', { selector: Pods.all(), domains: [DomainName.subdomains('example.com')], cilium: { version: '1.20' } });
    expect(Testing.synth(later)[0].spec.egress[1].toFQDNs).toEqual([{ matchPattern: '**.example.com' }]);
  });

  test('Calico Enterprise: domains in egress destinations, DNS kept; a within-label pattern is refused with how to write it', () => {
    const { chart } = appWith(Cni.calico());
    new RestrictEgressToDomains(chart, 'Payments', {
      selector: Pods.labels({ app: 'payments' }),
      domains: [DomainName.exact('api.stripe.com'), DomainName.subdomains('amazonaws.com')],
      ports: [Port.tcp(443)],
      dialect: DomainPolicyDialect.CALICO_ENTERPRISE,
    });
    const [np] = Testing.synth(chart);
    expect(np.apiVersion).toBe('projectcalico.org/v3');
    expect(np.spec.types).toEqual(['Egress']);
    expect(np.spec.egress.map((r: any) => r.destination.ports)).toEqual([[53], [53], [443]]);
    expect(np.spec.egress[2]).toEqual({ action: 'Allow', protocol: 'TCP', destination: { domains: ['api.stripe.com', '*.amazonaws.com'], ports: [443] } });
    expect(validateCalicoManifest(np, { enterprise: true })).toEqual([]);
    expect(validateCalicoManifest(np).length).toBeGreaterThan(0); // OSS has no domains
    expect(() => new RestrictEgressToDomains(appWith(Cni.calico()).chart, 'X', { selector: Pods.all(), domains: [DomainName.pattern('*.example.com')], dialect: DomainPolicyDialect.CALICO_ENTERPRISE }))
      .toThrow(/one or more whole labels.*subdomains/);
  });

  test('plugins with no domain policy: synth fails naming the plugin and suggesting RestrictEgressToCidr; nothing is written', () => {
    for (const [cni, name] of [[Cni.calico(), 'Calico 3.27'], [Cni.k3s(), 'K3s'], [Cni.flannel(), 'Flannel'], [Cni.gkeDataplaneV2(), 'FQDNNetworkPolicy']] as const) {
      const { chart } = appWith(cni);
      const r = new RestrictEgressToDomains(chart, 'Payments', { selector: Pods.all(), domains: DOMAINS });
      expect(r.apiObject).toBeUndefined();
      expect(() => Testing.synth(chart)).toThrow(new RegExp(`${name}.*RestrictEgressToCidr`, 's'));
    }
    const none = appWith().chart;
    new RestrictEgressToDomains(none, 'P', { selector: Pods.all(), domains: DOMAINS });
    expect(() => Testing.synth(none)).toThrow(/no network plugin is chosen/);
  });

  test('a dialect the plugin would ignore is refused', () => {
    const { chart } = appWith(Cni.k3s());
    new RestrictEgressToDomains(chart, 'P', { selector: Pods.all(), domains: DOMAINS, dialect: DomainPolicyDialect.CILIUM });
    expect(() => Testing.synth(chart)).toThrow(/dialect is cilium but the plugin is K3s.*would ignore/s);
    const c2 = appWith(Cni.cilium()).chart;
    new RestrictEgressToDomains(c2, 'P', { selector: Pods.all(), domains: DOMAINS, dialect: DomainPolicyDialect.CALICO_ENTERPRISE });
    expect(() => Testing.synth(c2)).toThrow(/ignores Calico policies/);
  });

  test('domain names: exact, pattern, subdomains keep one meaning; malformed names refused', () => {
    expect(DomainName.exact('API.Example.com.').name).toBe('api.example.com');
    expect(() => DomainName.exact('*.example.com')).toThrow(/DomainName.pattern/);
    expect(() => DomainName.pattern('*')).toThrow(/any domain/);
    expect(() => DomainName.pattern('*.*')).toThrow(/any domain/);
    expect(() => DomainName.subdomains('com')).toThrow(/top-level/);
    expect(() => DomainName.exact('a..b')).toThrow(/empty label/);
    expect(() => DomainName.exact('-a.b')).toThrow(/not letters/);
    expect(DomainName.subdomains('example.com').toString()).toBe('every subdomain of example.com');
  });
});
