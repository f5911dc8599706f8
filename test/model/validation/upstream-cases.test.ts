/* eslint-disable @stylistic/max-len -- a table of upstream cases, one tweak per line as upstream writes them */
/**
 * The cases of kubernetes/kubernetes pkg/apis/networking/validation/validation_test.go,
 * TestValidateNetworkPolicy (the makeNetworkPolicyCustom version of the 1.2x releases), turned
 * into manifests. Upstream's `makePort` treats port 0 / "" and endPort 0 as unset, so those are
 * left out here. Upstream only asserts "no errors" / "some errors"; the expected fields below are
 * what ValidateNetworkPolicy returns for each case (read from validation.go).
 *
 * Also the older table of the same test (k8s 1.8-1.10), whose "namespaceSelector and
 * podSelector" error case became valid in 1.11, and TestValidateNetworkPolicyUpdate's objects
 * (valid on their own; only the name change is an update error).
 */
import { validateNetworkPolicy } from '../../../src/model/validation';

const ORIGIN = 'kubernetes/kubernetes pkg/apis/networking/validation/validation_test.go TestValidateNetworkPolicy';

function base(): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'foo', namespace: 'bar' }, spec: { podSelector: { matchLabels: { a: 'b' } } } };
}

type Tweak = (np: any) => void;
function make(...tweaks: Tweak[]): any {
  const np = base();
  for (const t of tweaks) t(np);
  return np;
}

// Upstream tweaks.
const setIngressEmptyFirstElement: Tweak = (np) => { np.spec.ingress = [{}]; };
const setIngressFromEmptyFirstElement: Tweak = (np) => { if (!np.spec.ingress) setIngressEmptyFirstElement(np); np.spec.ingress[0].from = [{}]; };
const setIngressFromIfEmpty: Tweak = (np) => { if (!np.spec.ingress) setIngressEmptyFirstElement(np); if (!np.spec.ingress[0].from) setIngressFromEmptyFirstElement(np); };
const setIngressEmptyPorts: Tweak = (np) => { np.spec.ingress = [{ ports: [{}] }]; };
const setIngressPorts = (...ports: any[]): Tweak => (np) => { if (!np.spec.ingress) setIngressEmptyFirstElement(np); np.spec.ingress[0].ports = ports; };
const setIngressFromPodSelector = (k: string, v: string): Tweak => (np) => { setIngressFromIfEmpty(np); np.spec.ingress[0].from[0].podSelector = { matchLabels: { [k]: v } }; };
const setIngressFromNamespaceSelector: Tweak = (np) => { setIngressFromIfEmpty(np); np.spec.ingress[0].from[0].namespaceSelector = { matchLabels: { c: 'd' } }; };
const setIngressFromIPBlockIPV4: Tweak = (np) => { setIngressFromIfEmpty(np); np.spec.ingress[0].from[0].ipBlock = { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] }; };
const setIngressFromIPBlockIPV6: Tweak = (np) => { setIngressFromIfEmpty(np); np.spec.ingress[0].from[0].ipBlock = { cidr: 'fd00:192:168::/48', except: ['fd00:192:168:3::/64', 'fd00:192:168:4::/64'] }; };
const setEgressEmptyFirstElement: Tweak = (np) => { np.spec.egress = [{}]; };
const setEgressToEmptyFirstElement: Tweak = (np) => { if (!np.spec.egress) setEgressEmptyFirstElement(np); np.spec.egress[0].to = [{}]; };
const setEgressToIfEmpty: Tweak = (np) => { if (!np.spec.egress) setEgressEmptyFirstElement(np); if (!np.spec.egress[0].to) setEgressToEmptyFirstElement(np); };
const setEgressToNamespaceSelector: Tweak = (np) => { setEgressToIfEmpty(np); np.spec.egress[0].to[0].namespaceSelector = { matchLabels: { c: 'd' } }; };
const setEgressToPodSelector: Tweak = (np) => { setEgressToIfEmpty(np); np.spec.egress[0].to[0].podSelector = { matchLabels: { c: 'd' } }; };
const setEgressToIPBlockIPV4: Tweak = (np) => { setEgressToIfEmpty(np); np.spec.egress[0].to[0].ipBlock = { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] }; };
const setEgressToIPBlockIPV6: Tweak = (np) => { setEgressToIfEmpty(np); np.spec.egress[0].to[0].ipBlock = { cidr: 'fd00:192:168::/48', except: ['fd00:192:168:3::/64', 'fd00:192:168:4::/64'] }; };
const setEgressPorts = (...ports: any[]): Tweak => (np) => { if (!np.spec.egress) setEgressEmptyFirstElement(np); np.spec.egress[0].ports = ports; };
const setPolicyTypesEgress: Tweak = (np) => { np.spec.policyTypes = ['Egress']; };
const setPolicyTypesIngressEgress: Tweak = (np) => { np.spec.policyTypes = ['Ingress', 'Egress']; };

/** Upstream's makePort: port 0 / "" / "0" and endPort 0 mean unset. */
function port(protocol: string | undefined, p: number | string, endPort = 0): any {
  const out: any = {};
  if (protocol !== undefined) out.protocol = protocol;
  if (p !== 0 && p !== '' && p !== '0') out.port = p;
  if (endPort !== 0) out.endPort = endPort;
  return out;
}

const invalidSelector = { 'NoUppercaseOrSpecialCharsLike=Equals': 'b' };

const successCases: Array<[string, any]> = [
  ['success[0] setIngressEmptyFirstElement', make(setIngressEmptyFirstElement)],
  ['success[1] empty from, empty port', make(setIngressFromEmptyFirstElement, setIngressEmptyPorts)],
  ['success[2] ingress ports', make(setIngressPorts(port(undefined, 80), port('TCP', 0), port('TCP', 443), port('UDP', 'dns'), port('SCTP', 7777)))],
  ['success[3] ingress from podSelector', make(setIngressFromPodSelector('c', 'd'))],
  ['success[4] ingress from namespaceSelector', make(setIngressFromNamespaceSelector)],
  ['success[5] podSelector and namespaceSelector', make(setIngressFromPodSelector('e', 'f'), setIngressFromNamespaceSelector)],
  ['success[6] egress namespaceSelector, ingress IPv4 ipBlock', make(setEgressToNamespaceSelector, setIngressFromIPBlockIPV4)],
  ['success[7] ingress IPv4 ipBlock', make(setIngressFromIPBlockIPV4)],
  ['success[8] egress IPv4 ipBlock, policyTypes Egress', make(setEgressToIPBlockIPV4, setPolicyTypesEgress)],
  ['success[9] egress IPv4 ipBlock, policyTypes Ingress+Egress', make(setEgressToIPBlockIPV4, setPolicyTypesIngressEgress)],
  ['success[10] egress ports', make(setEgressPorts(port(undefined, 80), port('TCP', 0), port('TCP', 443), port('UDP', 'dns'), port('SCTP', 7777)))],
  ['success[11] egress namespaceSelector, ingress IPv6 ipBlock', make(setEgressToNamespaceSelector, setIngressFromIPBlockIPV6)],
  ['success[12] ingress IPv6 ipBlock', make(setIngressFromIPBlockIPV6)],
  ['success[13] egress IPv6 ipBlock, policyTypes Egress', make(setEgressToIPBlockIPV6, setPolicyTypesEgress)],
  ['success[14] egress IPv6 ipBlock, policyTypes Ingress+Egress', make(setEgressToIPBlockIPV6, setPolicyTypesIngressEgress)],
  ['success[15] egress port range and named port', make(setEgressPorts(port(undefined, 32000, 32768), port('UDP', 'dns')))],
  ['success[16] port ranges, endPort == port', make(setEgressToNamespaceSelector, setEgressPorts(port(undefined, 30000, 32768), port(undefined, 32000, 32768)), setIngressFromPodSelector('e', 'f'), setIngressPorts(port('TCP', 32768, 32768)))],
  // TestValidateNetworkPolicyUpdate: the old and new objects of its cases are valid on their own.
  ['update "no change" object', make((np) => { np.spec.ingress = []; })],
  ['update "change spec" old object', make((np) => { np.spec = { podSelector: {}, ingress: [] }; })],
  ['update "change name" new object', make((np) => { np.metadata.name = 'baz'; np.spec = { podSelector: {}, ingress: [] }; })],
  // The oldest table (k8s 1.8-1.10) had this as an error; it has been valid since 1.11.
  ['1.10 error case "namespaceSelector and podSelector" (valid since 1.11)', make((np) => {
    np.spec.ingress = [{ from: [{ podSelector: { matchLabels: { c: 'd' } }, namespaceSelector: { matchLabels: { c: 'd' } } }] }];
  })],
];

/** [name, manifest, fields of the errors (Kubernetes 1.29), fields with strict CIDR parsing when they differ]. */
const errorCases: Array<[string, any, string[], string[]?]> = [
  ['namespaceSelector and ipBlock', make(setIngressFromNamespaceSelector, setIngressFromIPBlockIPV4), ['spec.ingress[0].from[0]']],
  ['podSelector and ipBlock', make(setEgressToPodSelector, setEgressToIPBlockIPV4), ['spec.egress[0].to[0]']],
  ['missing from and to type', make(setIngressFromEmptyFirstElement, setEgressToEmptyFirstElement), ['spec.ingress[0].from[0]', 'spec.egress[0].to[0]']],
  ['invalid spec.podSelector', make(setIngressFromNamespaceSelector, (np) => { np.spec = { podSelector: { matchLabels: invalidSelector } }; }),
    ['spec.podSelector.matchLabels']],
  ['invalid ingress.ports.protocol', make(setIngressPorts(port('ICMP', 80))), ['spec.ingress[0].ports[0].protocol']],
  ['invalid ingress.ports.port (int)', make(setIngressPorts(port('TCP', 123456789))), ['spec.ingress[0].ports[0].port']],
  ['invalid ingress.ports.port (str)', make(setIngressPorts(port('TCP', '!@#$'))), ['spec.ingress[0].ports[0].port', 'spec.ingress[0].ports[0].port']],
  ['invalid ingress.from.podSelector', make(setIngressFromEmptyFirstElement, (np) => { np.spec.ingress[0].from[0].podSelector = { matchLabels: invalidSelector }; }),
    ['spec.ingress[0].from[0].podSelector.matchLabels']],
  ['invalid egress.to.podSelector', make(setEgressToEmptyFirstElement, (np) => { np.spec.egress[0].to[0].podSelector = { matchLabels: invalidSelector }; }),
    ['spec.egress[0].to[0].podSelector.matchLabels']],
  ['invalid egress.ports.protocol', make(setEgressPorts(port('ICMP', 80))), ['spec.egress[0].ports[0].protocol']],
  ['invalid egress.ports.port (int)', make(setEgressPorts(port('TCP', 123456789))), ['spec.egress[0].ports[0].port']],
  ['invalid egress.ports.port (str)', make(setEgressPorts(port('TCP', '!@#$'))), ['spec.egress[0].ports[0].port', 'spec.egress[0].ports[0].port']],
  ['invalid ingress.from.namespaceSelector', make(setIngressFromEmptyFirstElement, (np) => { np.spec.ingress[0].from[0].namespaceSelector = { matchLabels: invalidSelector }; }),
    ['spec.ingress[0].from[0].namespaceSelector.matchLabels']],
  ['missing cidr field', make(setIngressFromIPBlockIPV4, (np) => { np.spec.ingress[0].from[0].ipBlock.cidr = ''; }), ['spec.ingress[0].from[0].ipBlock.cidr']],
  ['invalid cidr format', make(setIngressFromIPBlockIPV4, (np) => { np.spec.ingress[0].from[0].ipBlock.cidr = '192.168.5.6'; }), ['spec.ingress[0].from[0].ipBlock.cidr']],
  ['invalid ipv6 cidr format', make(setIngressFromIPBlockIPV6, (np) => { np.spec.ingress[0].from[0].ipBlock.cidr = 'fd00:192:168::'; }), ['spec.ingress[0].from[0].ipBlock.cidr']],
  ['except field is an empty string', make(setIngressFromIPBlockIPV4, (np) => { np.spec.ingress[0].from[0].ipBlock.except = ['']; }), ['spec.ingress[0].from[0].ipBlock.except[0]']],
  ['except field is an space string', make(setIngressFromIPBlockIPV4, (np) => { np.spec.ingress[0].from[0].ipBlock.except = [' ']; }), ['spec.ingress[0].from[0].ipBlock.except[0]']],
  ['except field is an invalid ip', make(setIngressFromIPBlockIPV4, (np) => { np.spec.ingress[0].from[0].ipBlock.except = ['300.300.300.300']; }), ['spec.ingress[0].from[0].ipBlock.except[0]']],
  ['except IP is outside of CIDR range', make(setIngressFromEmptyFirstElement, (np) => { np.spec.ingress[0].from[0].ipBlock = { cidr: '192.168.8.0/24', except: ['192.168.9.1/32'] }; }),
    ['spec.ingress[0].from[0].ipBlock.except[0]']],
  ['except IP is not strictly within CIDR range', make(setIngressFromEmptyFirstElement, (np) => { np.spec.ingress[0].from[0].ipBlock = { cidr: '192.168.0.0/24', except: ['192.168.0.0/24'] }; }),
    ['spec.ingress[0].from[0].ipBlock.except[0]']],
  ['except IPv6 is outside of CIDR range', make(setIngressFromEmptyFirstElement, (np) => { np.spec.ingress[0].from[0].ipBlock = { cidr: 'fd00:192:168:1::/64', except: ['fd00:192:168:2::/64'] }; }),
    ['spec.ingress[0].from[0].ipBlock.except[0]']],
  ['invalid policyTypes', make(setEgressToIPBlockIPV4, (np) => { np.spec.policyTypes = ['foo', 'bar']; }), ['spec.policyTypes[0]', 'spec.policyTypes[1]']],
  ['too many policyTypes', make(setEgressToIPBlockIPV4, (np) => { np.spec.policyTypes = ['foo', 'bar', 'baz']; }), ['spec.policyTypes']],
  ['multiple ports defined, one port range is invalid', make(setEgressToNamespaceSelector, setEgressPorts(port('UDP', 35000, 32768), port(undefined, 32000, 32768))),
    ['spec.egress[0].ports[0].endPort']],
  ['endPort defined with named/string port', make(setEgressToNamespaceSelector, setEgressPorts(port('UDP', 'dns', 32768), port(undefined, 32000, 32768))),
    ['spec.egress[0].ports[0].endPort']],
  ['endPort defined without port defined', make(setEgressToNamespaceSelector, setEgressPorts(port('TCP', 0, 32768))), ['spec.egress[0].ports[0].endPort']],
  ['port is greater than endPort', make(setEgressToNamespaceSelector, setEgressPorts(port('SCTP', 35000, 32768))), ['spec.egress[0].ports[0].endPort']],
  ['multiple invalid port ranges defined', make(setEgressToNamespaceSelector, setEgressPorts(port('UDP', 35000, 32768), port('TCP', 0, 32768), port('TCP', 'https', 32768))),
    ['spec.egress[0].ports[0].endPort', 'spec.egress[0].ports[1].endPort', 'spec.egress[0].ports[2].endPort']],
  ['invalid endport range defined', make(setEgressToNamespaceSelector, setEgressPorts(port('TCP', 30000, 65537))), ['spec.egress[0].ports[0].endPort']],
  // The oldest table (k8s 1.8) only: a port and except list spelled differently but the same rules.
  ['1.8 table: except IP is outside of CIDR range (/24 except)', make(setIngressFromEmptyFirstElement, (np) => { np.spec.ingress[0].from[0].ipBlock = { cidr: '192.168.8.0/24', except: ['192.168.9.1/24'] }; }),
    ['spec.ingress[0].from[0].ipBlock.except[0]'],
    // strict: host bits in the except, and still not a subset
    ['spec.ingress[0].from[0].ipBlock.except[0]', 'spec.ingress[0].from[0].ipBlock.except[0]']],
];

describe(`${ORIGIN}: success cases`, () => {
  test.each(successCases)('%s is valid', (_name, manifest) => {
    expect(validateNetworkPolicy(manifest)).toEqual([]);
    expect(validateNetworkPolicy(manifest, { strictCidr: true })).toEqual([]);
  });
});

describe(`${ORIGIN}: error cases`, () => {
  const rows = errorCases.map(([name, manifest, expected, strict]) => [name, manifest, expected, strict ?? expected] as [string, any, string[], string[]]);
  test.each(rows)('%s is invalid', (_name, manifest, expectedFields, strictFields) => {
    expect(validateNetworkPolicy(manifest).map((e) => e.field)).toEqual(expectedFields);
    expect(validateNetworkPolicy(manifest, { strictCidr: true }).map((e) => e.field)).toEqual(strictFields);
  });
});

test('the number of ported cases', () => {
  expect(successCases.length + errorCases.length).toBe(52);
});
