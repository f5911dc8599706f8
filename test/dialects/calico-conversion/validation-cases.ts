import * as fc from 'fast-check';
import { emitCalicoGlobalNetworkSet, emitCalicoNetworkPolicy } from '../../../src/dialects/calico/emit-calico';
import { arbNetworkPolicyModel } from '../../arbitraries';

/**
 * Calico objects on both sides of the validator's rules that the library checks, for the agreement
 * of `validateCalicoManifest` with libcalico-go's own validator (edition and release rules, which
 * Calico's validator does not know, are left out).
 */
export function calicoValidationCases(): any[] {
  const base = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'shop' } };
  const withRule = (rule: any) => ({ ...base, spec: { selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Allow', ...rule }] } });
  const named = (name: string) => ({ ...withRule({}), metadata: { name, namespace: 'shop' } });
  const ports = (p: any[], protocol: any = 'TCP') => withRule({ protocol, destination: { ports: p } });
  const nets = (n: string[], field = 'nets') => withRule({ source: { [field]: n } });
  const selector = (s: string, field = 'selector') => withRule({ source: { [field]: s } });
  const cases: any[] = [
    named('web-api'), named('web.api'), named('knp.default.web.api'), named('Web'), named('a'.repeat(253)), named('a'.repeat(254)), named('-a'),
    ports([1, 65535, '1:65535', 'http']), ports([80], undefined), ports([80], 'ICMP'), ports([0]), ports([65536]), ports(['81:80']), ports(['80:80']),
    ports(['Http_']), ports(['http-alt']), ports([80], 'SCTP'), ports([80], 'UDPLite'),
    withRule({ protocol: 'SCTP' }), withRule({ protocol: 255 }), withRule({ protocol: 0 }), withRule({ protocol: 'tcp' }),
    { ...base, spec: { selector: 'all()', ingress: [{ action: 'Accept' }] } }, { ...base, spec: { selector: 'all()', ingress: [{ action: 'Pass' }] } },
    { ...base, spec: { selector: 'all()', ingress: [{ action: 'Deny' }] } }, { ...base, spec: { selector: 'all()', ingress: [{ action: 'Log' }] } },
    nets(['10.0.0.0/8', '10.1.2.3']), nets(['10.0.0.1/8']), nets(['010.0.0.0/8']), nets(['10.0.0.0/8', '2001:db8::/32']), nets(['2001:db8::/32']),
    nets(['2001:db8::1/32']), nets(['10.0.0.1/8'], 'notNets'), nets(['not-a-cidr']),
    selector("a == 'b'"), selector('global()', 'namespaceSelector'), selector("global() && a == 'b'", 'namespaceSelector'), selector('global()'),
    selector("a = 'b'"), selector("a in { 'x', 'y' } && !has(b) && c not in {'z'}"), selector('has(a.b/c)'), selector("a == 'x"), selector('all()', 'namespaceSelector'),
    selector("(a == 'x' || b == 'y')"), selector("a == 'x')"),
    { ...base, spec: { selector: 'all()', types: ['Ingress', 'Egress'] } }, { ...base, spec: { selector: 'all()', types: ['Ingress', 'Ingress'] } },
    { ...base, spec: { selector: "a == 'b' &&", types: ['Ingress'] } }, { ...base, spec: { selector: 'global()', types: ['Ingress'] } },
    { ...base, spec: { selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', protocol: 'UDP', destination: { selector: "k8s-app == 'kube-dns'", namespaceSelector: "projectcalico.org/name == 'kube-system'", ports: [53] } }] } },
    emitCalicoGlobalNetworkSet('partners', ['203.0.113.0/24', '198.51.100.7']),
    { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { name: 'a.b' }, spec: { nets: ['10.0.0.1/8'] } },
    { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { name: 'x', labels: { 'projectcalico.org/namespace': 'a' } }, spec: { nets: ['10.0.0.0/8'] } },
    { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { name: 'x' }, spec: { nets: ['300.0.0.0/8'] } },
    { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'd' }, spec: { selector: 'all()', namespaceSelector: "kubernetes.io/metadata.name not in { 'kube-system' }", types: ['Ingress'] } },
    { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'd.e' }, spec: { selector: 'all()', types: ['Ingress'] } },
    { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'd' }, spec: { selector: 'all()', namespaceSelector: 'global()', types: ['Ingress'] } },
  ];
  // The library's own output for generated policies (names from the generator may hold '.').
  for (const model of fc.sample(arbNetworkPolicyModel({ namespace: 'shop' }), { seed: 2729, numRuns: 200 })) cases.push(emitCalicoNetworkPolicy(model));
  return cases;
}
