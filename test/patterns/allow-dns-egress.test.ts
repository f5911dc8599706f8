import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { Analysis, chart, errorOf, kubeDns, pod, policies } from './support';
import { AllowDnsEgress, Pods } from '../../src';

describe('AllowDnsEgress', () => {
  test('egress to kube-dns on UDP and TCP 53 for the chosen pods only', () => {
    const app = Testing.app();
    const c = chart('shop', app);
    const api = new kplus.Deployment(c, 'api', { containers: [{ image: 'api', ports: [{ number: 8080, name: 'http' }] }] });
    const dns = new AllowDnsEgress(c, 'AllowDns', { selector: Pods.of(api) });
    pod(c, 'other', { app: 'other' });
    kubeDns(app);
    const [manifest] = policies(c);
    expect(manifest).toMatchSnapshot();
    expect(manifest.metadata.name).toBe('allow-dns');
    expect(manifest.spec.policyTypes).toEqual(['Egress']);
    expect(dns.policy.toModel().podSelector.toJson()).toEqual(Pods.of(api).selector.toJson());

    const a = new Analysis(app, ['8.8.8.8']);
    expect(a.allowed('api', 'coredns')).toBe('TCP 53, UDP 53');
    // Alone, it isolates the chosen pods' egress: DNS and nothing else.
    expect(a.allowed('api', '8.8.8.8')).toBe('nothing');
    expect(a.allowed('api', 'other')).toBe('nothing');
    // Pods it does not choose are untouched.
    expect(a.allowed('other', '8.8.8.8')).not.toBe('nothing');
    expect(a.r.endpoints.find((e) => e.id === a.id('other'))!.egressIsolated).toBe(false);
  });

  test('bad input', () => {
    expect(errorOf(() => new AllowDnsEgress(chart(), 'd', { selector: Pods.labels({}) }))).toMatch(/^Pods.labels\(\) needs at least one label/);
    expect(errorOf(() => new AllowDnsEgress(chart(), 'd', { selector: undefined as any }))).toMatch(/^shop\/d: selector is missing/);
  });
});
