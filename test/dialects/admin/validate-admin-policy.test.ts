import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CrdChannel, NetworkPolicyApiRelease, validateAdminPolicy, ValidationErrorType } from '../../../src';
import { checkAdminPolicy } from '../../../src/dialects/admin/validate-admin-policy';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'network-policy-api');

/** The suite's files are Go templates: the host-network ports are filled in (9000, 9001, ...) as the suite does. */
function yamlObjects(file: string): any[] {
  const text = fs.readFileSync(file, 'utf8').replace(/\{\{ index \.HostNetworkPorts (\d+) \}\}/g, (_m, i) => String(9000 + Number(i)));
  return parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o && typeof o === 'object');
}

function anp(spec: any, name = 'a'): any {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec };
}
function banp(spec: any, name = 'default'): any {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name }, spec };
}
function cnp(spec: any, name = 'c'): any {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec };
}
const SUBJECT = { namespaces: {} };
const TO_ALL = [{ namespaces: {} }];

function messages(manifest: any, options = {}): string[] {
  return validateAdminPolicy(manifest, options).map((e) => e.message);
}

describe('the CRD schemas in src are generated from the fixtures', () => {
  test('scripts/generate-admin-crd-schemas.js --check agrees', () => {
    execFileSync(process.execPath, [path.join(__dirname, '..', '..', '..', 'scripts', 'generate-admin-crd-schemas.js'), '--check']);
  });
});

describe('the conformance suites\' policies are valid', () => {
  const cases: Array<[string, string, any]> = [];
  for (const [release, folders] of [['v0.1.7', ['admin_network_policy', 'baseline_admin_network_policy', 'api_integration']], ['v0.2.0', ['admin_tier', 'baseline_tier', 'api_integration']]] as Array<[string, string[]]>) {
    for (const folder of folders) {
      const dir = path.join(FIXTURES, release, 'conformance', folder);
      for (const file of fs.readdirSync(dir)) {
        for (const o of yamlObjects(path.join(dir, file))) {
          if (o.apiVersion?.startsWith('policy.networking.k8s.io/')) cases.push([`${release}/${folder}/${file} ${o.metadata?.name}`, release, o]);
        }
      }
    }
  }
  test('there are conformance policies of every kind', () => {
    const kinds = new Set(cases.map(([, , o]) => o.kind));
    expect([...kinds].sort()).toEqual(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);
    expect(cases.length).toBeGreaterThan(30);
  });
  test.each(cases)('%s', (_name, _release, o) => {
    expect(messages(o)).toEqual([]);
  });
});

describe('AdminNetworkPolicy v1alpha1 rules at their boundaries', () => {
  test('priority is required, 0 to 1000', () => {
    expect(messages(anp({ subject: SUBJECT }))).toEqual(['spec.priority: Required value']);
    expect(messages(anp({ priority: 0, subject: SUBJECT }))).toEqual([]);
    expect(messages(anp({ priority: 1000, subject: SUBJECT }))).toEqual([]);
    expect(messages(anp({ priority: 1001, subject: SUBJECT }))).toEqual(['spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000']);
    expect(messages(anp({ priority: -1, subject: SUBJECT }))).toEqual(['spec.priority: Invalid value: -1: spec.priority in body should be greater than or equal to 0']);
    expect(messages(anp({ priority: '5', subject: SUBJECT }))[0]).toMatch(/^spec.priority: Invalid value: "string": spec.priority in body must be of type integer/);
  });
  test('the subject is exactly one of namespaces and pods', () => {
    expect(messages(anp({ priority: 1, subject: {} }))[0]).toMatch(/^spec.subject: Invalid value: 0: spec.subject in body should have at least 1 properties/);
    expect(messages(anp({ priority: 1, subject: { namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } } }))[0])
      .toMatch(/^spec.subject: Too many: 2: must have at most 1 item \(set exactly one of namespaces, pods\)$/);
    expect(messages(anp({ priority: 1, subject: { pods: { podSelector: {} } } }))).toEqual(['spec.subject.pods.namespaceSelector: Required value']);
  });
  test('actions are Allow, Deny, Pass', () => {
    const rule = (action: string) => anp({ priority: 1, subject: SUBJECT, egress: [{ action, to: TO_ALL }] });
    for (const a of ['Allow', 'Deny', 'Pass']) expect(messages(rule(a))).toEqual([]);
    expect(messages(rule('Accept'))).toEqual(['spec.egress[0].action: Unsupported value: "Accept": supported values: "Allow", "Deny", "Pass"']);
  });
  test('at most 100 rules', () => {
    const rules = (n: number) => Array.from({ length: n }, () => ({ action: 'Deny', from: TO_ALL }));
    expect(messages(anp({ priority: 1, subject: SUBJECT, ingress: rules(100) }))).toEqual([]);
    expect(messages(anp({ priority: 1, subject: SUBJECT, ingress: rules(101) }))).toEqual(['spec.ingress: Too many: 101: must have at most 100 items']);
  });
  test('a rule needs peers; a port is one of portNumber, portRange, namedPort', () => {
    expect(messages(anp({ priority: 1, subject: SUBJECT, ingress: [{ action: 'Deny', from: [] }] })))
      .toEqual(['spec.ingress[0].from: Invalid value: 0: spec.ingress[0].from in body should have at least 1 items']);
    const port = (p: any) => anp({ priority: 1, subject: SUBJECT, ingress: [{ action: 'Deny', from: TO_ALL, ports: [p] }] });
    expect(messages(port({ portNumber: { port: 80 } }))).toEqual([]); // protocol defaults to TCP
    expect(messages(port({ portNumber: { port: 80 }, namedPort: 'http' }))[0]).toMatch(/^spec.ingress\[0\].ports\[0\]: Too many: 2: must have at most 1 item/);
    expect(messages(port({ portNumber: { port: 0 } }))).toEqual(['spec.ingress[0].ports[0].portNumber.port: Invalid value: 0: spec.ingress[0].ports[0].portNumber.port in body should be greater than or equal to 1']);
    expect(messages(port({ namedPort: 'http' }), { channel: CrdChannel.STANDARD })[0]).toMatch(/^spec.ingress\[0\].ports\[0\].namedPort: Unknown field/);
  });
  test('rule names are at most 100 characters', () => {
    const named = (n: number) => anp({ priority: 1, subject: SUBJECT, egress: [{ name: 'x'.repeat(n), action: 'Deny', to: TO_ALL }] });
    expect(messages(named(100))).toEqual([]);
    expect(messages(named(101))).toEqual(['spec.egress[0].name: Too long: may not be longer than 100']);
  });
  test('networks: CIDRs (isCIDR in v0.1.7, a looser rule in v0.1.5), a set, at most 25', () => {
    const nets = (networks: unknown) => anp({ priority: 1, subject: SUBJECT, egress: [{ action: 'Deny', to: [{ networks }] }] });
    expect(messages(nets(['10.0.0.0/8', '::/0']))).toEqual([]);
    expect(messages(nets(['10.0.0.1/8']))).toEqual([]); // host bits are allowed by isCIDR
    // As the API server, a CEL rule's error shows the type of the value ("string"); the field path says which.
    expect(messages(nets(['10.0.0.0']))).toEqual(['spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided']);
    expect(messages(nets(['010.0.0.0/8']))).toEqual(['spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided']);
    expect(messages(nets(['10.0.0.0']), { v1alpha1Release: NetworkPolicyApiRelease.V0_1_5 })).toEqual([]);
    expect(messages(nets(['::ffff:10.0.0.0/104']), { v1alpha1Release: NetworkPolicyApiRelease.V0_1_5 }))
      .toEqual(['spec.egress[0].to[0].networks[0]: Invalid value: "string": CIDR must be either an IPv4 or IPv6 address. IPv4 address embedded in IPv6 addresses are not supported']);
    expect(messages(nets(['10.0.0.0/8', '10.0.0.0/8']))).toEqual(['spec.egress[0].to[0].networks[1]: Duplicate value: "10.0.0.0/8"']);
    expect(messages(nets(Array.from({ length: 26 }, (_, i) => `10.${i}.0.0/16`)))).toEqual(['spec.egress[0].to[0].networks: Too many: 26: must have at most 25 items']);
  });
  test('named ports cannot go with networks, nodes or domain names (CEL)', () => {
    const m = anp({ priority: 1, subject: SUBJECT, egress: [{ action: 'Allow', to: [{ networks: ['10.0.0.0/8'] }], ports: [{ namedPort: 'http' }] }] });
    expect(messages(m)).toEqual(['spec.egress[0]: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames']);
  });
  test('domain names follow the pattern; experimental only', () => {
    const dn = (names: string[]) => anp({ priority: 1, subject: SUBJECT, egress: [{ action: 'Allow', to: [{ domainNames: names }] }] });
    expect(messages(dn(['example.com', '*.example.com']))).toEqual([]);
    expect(messages(dn(['*example.com']))[0]).toMatch(/^spec.egress\[0\].to\[0\].domainNames\[0\]: Invalid value: "\*example.com": .* should match/);
    expect(messages(dn(['example.com']), { channel: CrdChannel.STANDARD })[0]).toMatch(/domainNames: Unknown field/);
  });
  test('unknown fields are refused, as under kubectl apply, unless allowed', () => {
    const m = anp({ priority: 1, subject: SUBJECT, egres: [] });
    expect(messages(m)).toEqual([expect.stringMatching(/^spec.egres: Unknown field: unknown field; the known fields here are egress, ingress, priority, subject$/)]);
    expect(messages(m, { allowUnknownFields: true })).toEqual([]);
  });
  test('metadata is checked as for every object (DNS subdomain name)', () => {
    expect(messages(anp({ priority: 1, subject: SUBJECT }, 'Bad_Name'))[0]).toMatch(/^metadata.name: Invalid value: "Bad_Name"/);
  });
  test('apiVersion and kind', () => {
    expect(messages({ ...anp({ priority: 1, subject: SUBJECT }), apiVersion: 'policy.networking.k8s.io/v1alpha2' })[0])
      .toMatch(/^apiVersion: Invalid type: .*must be "policy.networking.k8s.io\/v1alpha1" for AdminNetworkPolicy/);
  });
});

describe('BaselineAdminNetworkPolicy v1alpha1', () => {
  test('it is named default (CEL), has no priority and no Pass', () => {
    expect(messages(banp({ subject: SUBJECT }))).toEqual([]);
    expect(messages(banp({ subject: SUBJECT }, 'other'))).toEqual(['<root>: Invalid value: "object": Only one baseline admin network policy with metadata.name="default" can be created in the cluster']);
    expect(messages(banp({ subject: SUBJECT, priority: 1 }))[0]).toMatch(/^spec.priority: Unknown field/);
    expect(messages(banp({ subject: SUBJECT, ingress: [{ action: 'Pass', from: TO_ALL }] })))
      .toEqual(['spec.ingress[0].action: Unsupported value: "Pass": supported values: "Allow", "Deny"']);
  });
});

describe('ClusterNetworkPolicy v1alpha2', () => {
  const base = { tier: 'Admin', priority: 5, subject: SUBJECT };
  test('tier, priority and subject are required; actions are Accept, Deny, Pass', () => {
    expect(messages(cnp({ subject: SUBJECT })).sort()).toEqual(['spec.priority: Required value', 'spec.tier: Required value']);
    expect(messages(cnp({ ...base, tier: 'NetworkPolicy' }))).toEqual(['spec.tier: Unsupported value: "NetworkPolicy": supported values: "Admin", "Baseline"']);
    expect(messages(cnp({ ...base, egress: [{ action: 'Allow', to: TO_ALL }] }))).toEqual(['spec.egress[0].action: Unsupported value: "Allow": supported values: "Accept", "Deny", "Pass"']);
    expect(messages(cnp({ ...base, tier: 'Baseline', egress: [{ action: 'Pass', to: TO_ALL }] }))).toEqual([]);
  });
  test('at most 25 rules; a range needs start < end (CEL)', () => {
    const rules = (n: number) => Array.from({ length: n }, () => ({ action: 'Deny', from: TO_ALL }));
    expect(messages(cnp({ ...base, ingress: rules(25) }))).toEqual([]);
    expect(messages(cnp({ ...base, ingress: rules(26) }))).toEqual(['spec.ingress: Too many: 26: must have at most 25 items']);
    const range = (start: number, end: number) => cnp({ ...base, ingress: [{ action: 'Deny', from: TO_ALL, protocols: [{ tcp: { destinationPort: { range: { start, end } } } }] }] });
    expect(messages(range(80, 81))).toEqual([]);
    expect(messages(range(80, 80))).toEqual(['spec.ingress[0].protocols[0].tcp.destinationPort.range: Invalid value: "object": Start port must be less than End port']);
    expect(messages(cnp({ ...base, ingress: [{ action: 'Deny', from: TO_ALL, protocols: [{ tcp: {} }] }] }))[0]).toMatch(/tcp in body should have at least 1 properties/);
  });
  test('pods peers need only a podSelector; nodes are experimental', () => {
    expect(messages(cnp({ ...base, ingress: [{ action: 'Deny', from: [{ pods: { podSelector: {} } }] }] }))).toEqual([]);
    const nodes = cnp({ ...base, egress: [{ action: 'Deny', to: [{ nodes: {} }] }] });
    expect(messages(nodes)).toEqual([]);
    expect(messages(nodes, { channel: CrdChannel.STANDARD })[0]).toMatch(/^spec.egress\[0\].to\[0\].nodes: Unknown field/);
  });
  test('the error type of an unknown CEL rule is never "valid"', () => {
    expect(ValidationErrorType.DUPLICATE).toBe('Duplicate value');
  });
});

// Found by comparing with kube-apiserver v1.34.4 (test/dialects/admin/crd-verdicts.test.ts).
describe('as the API server answers', () => {
  test('label values must be strings (the map\'s additionalProperties); a null value is dropped', () => {
    expect(messages(anp({ priority: 1, subject: { namespaces: { matchLabels: { team: 1 } } } })))
      .toEqual(['spec.subject.namespaces.matchLabels.team: Invalid value: "integer": spec.subject.namespaces.matchLabels.team in body must be of type string: "integer"']);
    const withNull = anp({ priority: 1, subject: { namespaces: { matchLabels: { team: null } } } });
    expect(messages(withNull)).toEqual([]);
    expect(checkAdminPolicy(withNull).defaulted.spec.subject).toEqual({ namespaces: { matchLabels: {} } });
  });
  test('CEL rules are not evaluated after a blocking error (missing field, wrong type, unsupported, too long, too many)', () => {
    const range = (r: any) => cnp({ tier: 'Admin', priority: 1, subject: SUBJECT, ingress: [{ action: 'Deny', from: TO_ALL, protocols: [{ tcp: { destinationPort: { range: r } } }] }] });
    expect(messages(range({ start: 80 }))).toEqual(['spec.ingress[0].protocols[0].tcp.destinationPort.range.end: Required value']);
    // A bound is not blocking: the CEL rule still runs.
    expect(messages(range({ start: 0, end: 0 })).map((m) => m.split(': ')[0]).sort()).toEqual([
      'spec.ingress[0].protocols[0].tcp.destinationPort.range',
      'spec.ingress[0].protocols[0].tcp.destinationPort.range.end',
      'spec.ingress[0].protocols[0].tcp.destinationPort.range.start',
    ]);
  });
  test('an unknown field fails decoding: only unknown fields are named', () => {
    const m = anp({ priority: 1001, subject: SUBJECT, bogus: 1 });
    expect(validateAdminPolicy(m).map((e) => e.field)).toEqual(['spec.bogus']);
  });
  test('a one-of with two members is Too many', () => {
    const both = anp({ priority: 1, subject: { namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } } });
    expect(validateAdminPolicy(both)[0].type).toBe(ValidationErrorType.TOO_MANY);
  });
  test('an int32 field past its maximum gets one error, as formats are checked on strings only', () => {
    expect(messages(anp({ priority: 2147483648, subject: SUBJECT })))
      .toEqual(['spec.priority: Invalid value: 2147483648: spec.priority in body should be less than or equal to 1000']);
  });
});
