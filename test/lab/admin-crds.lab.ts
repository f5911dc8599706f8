import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { describeLab } from './lab-availability';
import { CrdChannel, NetworkPolicyApiRelease, validateAdminPolicy } from '../../src';
import { LabSession } from '../../src/lab/lab-session';

/**
 * The API server's verdict on AdminNetworkPolicy and BaselineAdminNetworkPolicy, with the CRDs of
 * sigs.k8s.io/network-policy-api v0.1.5 installed in the lab's kube-apiserver v1.29.3 (OpenAPI schema
 * and CEL rules), against ours, on both sides of every rule we check. Later releases' CRDs use the
 * CEL function isCIDR, which needs Kubernetes 1.31, so 1.29 cannot install them.
 */

const CRDS = path.join(__dirname, '..', 'fixtures', 'network-policy-api', 'v0.1.5', 'crd');
const GROUP = '/apis/policy.networking.k8s.io/v1alpha1';
const CRD_API = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const SUBJECT = { namespaces: {} };
const ALL = [{ namespaces: {} }];

function anp(name: string, spec: any): any {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec };
}
function banp(name: string, spec: any): any {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name }, spec };
}
const rules = (n: number, rule: (i: number) => any) => Array.from({ length: n }, (_, i) => rule(i));

/** Objects on both sides of each rule: schema bounds, enums, one-ofs, CEL rules, metadata, unknown fields. */
function corpus(): Array<[string, any]> {
  const allow = (extra: any = {}) => ({ name: 'r', action: 'Allow', from: ALL, ...extra });
  const egress = (to: any[], extra: any = {}) => ({ name: 'e', action: 'Allow', to, ...extra });
  return [
    ['priority 0', anp('p0', { priority: 0, subject: SUBJECT })],
    ['priority 1000', anp('p1000', { priority: 1000, subject: SUBJECT })],
    ['priority 1001', anp('p1001', { priority: 1001, subject: SUBJECT })],
    ['priority -1', anp('pm1', { priority: -1, subject: SUBJECT })],
    ['priority missing', anp('pnone', { subject: SUBJECT })],
    ['priority as a string', anp('pstr', { priority: '5', subject: SUBJECT })],
    ['subject missing', anp('snone', { priority: 1 })],
    ['subject empty', anp('sempty', { priority: 1, subject: {} })],
    ['subject both', anp('sboth', { priority: 1, subject: { namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } } })],
    ['subject pods', anp('spods', { priority: 1, subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } } } })],
    ['subject pods without podSelector', anp('spods2', { priority: 1, subject: { pods: { namespaceSelector: {} } } })],
    ['action Allow, Deny, Pass', anp('actions', { priority: 1, subject: SUBJECT, ingress: [allow({ action: 'Allow' }), allow({ action: 'Deny', name: 'd' }), allow({ action: 'Pass', name: 'p' })] })],
    ['action Accept (v1alpha2 only)', anp('accept', { priority: 1, subject: SUBJECT, ingress: [allow({ action: 'Accept' })] })],
    ['100 ingress rules', anp('r100', { priority: 1, subject: SUBJECT, ingress: rules(100, (i) => allow({ name: `r${i}` })) })],
    ['101 ingress rules', anp('r101', { priority: 1, subject: SUBJECT, ingress: rules(101, (i) => allow({ name: `r${i}` })) })],
    ['rule name of 100 characters', anp('n100', { priority: 1, subject: SUBJECT, ingress: [allow({ name: 'x'.repeat(100) })] })],
    ['rule name of 101 characters', anp('n101', { priority: 1, subject: SUBJECT, ingress: [allow({ name: 'x'.repeat(101) })] })],
    ['ingress rule without from', anp('nofrom', { priority: 1, subject: SUBJECT, ingress: [{ name: 'r', action: 'Allow' }] })],
    ['ingress rule with from: []', anp('emptyfrom', { priority: 1, subject: SUBJECT, ingress: [allow({ from: [] })] })],
    ['100 peers', anp('peers100', { priority: 1, subject: SUBJECT, ingress: [allow({ from: rules(100, () => ({ namespaces: {} })) })] })],
    ['101 peers', anp('peers101', { priority: 1, subject: SUBJECT, ingress: [allow({ from: rules(101, () => ({ namespaces: {} })) })] })],
    ['a peer of both namespaces and pods', anp('peerboth', { priority: 1, subject: SUBJECT, ingress: [allow({ from: [{ namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } }] })] })],
    ['an empty peer', anp('peerempty', { priority: 1, subject: SUBJECT, ingress: [allow({ from: [{}] })] })],
    ['portNumber TCP 80', anp('port80', { priority: 1, subject: SUBJECT, ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: 80 } }] })] })],
    ['portNumber 0', anp('port0', { priority: 1, subject: SUBJECT, ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: 0 } }] })] })],
    ['portNumber 65536', anp('port65536', { priority: 1, subject: SUBJECT, ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: 65536 } }] })] })],
    ['portNumber ICMP', anp('porticmp', { priority: 1, subject: SUBJECT, ingress: [allow({ ports: [{ portNumber: { protocol: 'ICMP', port: 1 } }] })] })],
    ['portRange 80-90', anp('range', { priority: 1, subject: SUBJECT, ingress: [allow({ ports: [{ portRange: { protocol: 'UDP', start: 80, end: 90 } }] })] })],
    ['portRange with start after end', anp('rangebad', { priority: 1, subject: SUBJECT, ingress: [allow({ ports: [{ portRange: { start: 90, end: 80 } }] })] })],
    ['two port forms in one item', anp('twoforms', { priority: 1, subject: SUBJECT, ingress: [allow({ ports: [{ portNumber: { protocol: 'TCP', port: 80 }, namedPort: 'http' }] })] })],
    ['namedPort', anp('named', { priority: 1, subject: SUBJECT, ingress: [allow({ ports: [{ namedPort: 'http' }] })] })],
    ['networks 10.0.0.0/8', anp('net', { priority: 1, subject: SUBJECT, egress: [egress([{ networks: ['10.0.0.0/8'] }])] })],
    ['networks ::/0 and 0.0.0.0/0', anp('net2', { priority: 1, subject: SUBJECT, egress: [egress([{ networks: ['0.0.0.0/0', '::/0'] }])] })],
    ['networks empty', anp('net0', { priority: 1, subject: SUBJECT, egress: [egress([{ networks: [] }])] })],
    ['networks 25', anp('net25', { priority: 1, subject: SUBJECT, egress: [egress([{ networks: rules(25, (i) => `10.${i}.0.0/16`) }])] })],
    ['networks 26', anp('net26', { priority: 1, subject: SUBJECT, egress: [egress([{ networks: rules(26, (i) => `10.${i}.0.0/16`) }])] })],
    ['networks with a duplicate', anp('netdup', { priority: 1, subject: SUBJECT, egress: [egress([{ networks: ['10.0.0.0/8', '10.0.0.0/8'] }])] })],
    ['networks and namedPort (CEL)', anp('netnamed', { priority: 1, subject: SUBJECT, egress: [egress([{ networks: ['10.0.0.0/8'] }], { ports: [{ namedPort: 'http' }] })] })],
    ['nodes peer', anp('nodes', { priority: 1, subject: SUBJECT, egress: [egress([{ nodes: { matchLabels: { role: 'infra' } } }])] })],
    ['nodes and namedPort (CEL)', anp('nodesnamed', { priority: 1, subject: SUBJECT, egress: [egress([{ nodes: {} }], { ports: [{ namedPort: 'http' }] })] })],
    ['networks in an ingress peer', anp('netin', { priority: 1, subject: SUBJECT, ingress: [allow({ from: [{ networks: ['10.0.0.0/8'] }] })] })],
    ['unknown field in spec', anp('unknown', { priority: 1, subject: SUBJECT, bogus: true })],
    ['name with capitals', anp('Bad-Name', { priority: 1, subject: SUBJECT })],
    ['BANP named default', banp('default', { subject: SUBJECT, ingress: [allow({ action: 'Deny' })] })],
    ['BANP named other', banp('other', { subject: SUBJECT })],
    ['BANP with Pass', banp('default', { subject: SUBJECT, ingress: [allow({ action: 'Pass' })] })],
    ['BANP with a priority', banp('default', { priority: 1, subject: SUBJECT })],
    ['BANP 100 egress rules', banp('default', { subject: SUBJECT, egress: rules(100, (i) => egress(ALL, { name: `e${i}` })) })],
  ];
}

async function installCrds(session: LabSession, channel: CrdChannel): Promise<void> {
  const api = session.lab.api;
  for (const file of fs.readdirSync(path.join(CRDS, channel)).filter((f) => f.endsWith('.yaml'))) {
    const crd = parseAllDocuments(fs.readFileSync(path.join(CRDS, channel, file), 'utf8')).map((d) => d.toJSON()).find((o) => o?.kind === 'CustomResourceDefinition');
    await api.request('DELETE', `${CRD_API}/${crd.metadata.name}`);
    for (let i = 0; i < 300; i++) {
      if ((await api.request('GET', `${CRD_API}/${crd.metadata.name}`)).status === 404) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await api.expect('POST', CRD_API, crd);
    for (let i = 0; ; i++) {
      const got = await api.request('GET', `${CRD_API}/${crd.metadata.name}`);
      if ((got.body?.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True')) break;
      if (i > 600) throw new Error(`${crd.metadata.name} never became established`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // The API server serves a new CRD a moment after it is established: wait until it answers.
  for (let i = 0; (await api.request('GET', `${GROUP}/adminnetworkpolicies`)).status !== 200; i++) {
    if (i > 600) throw new Error('adminnetworkpolicies are not served');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeLab('AdminNetworkPolicy and BaselineAdminNetworkPolicy: the API server with the v0.1.5 CRDs and our validator agree', () => {
  let session: LabSession;
  beforeAll(async () => {
    session = await LabSession.open();
  }, 900_000);
  afterAll(async () => {
    for (const name of ['adminnetworkpolicies', 'baselineadminnetworkpolicies']) await session?.lab.api.request('DELETE', `${CRD_API}/${name}.policy.networking.k8s.io`);
    await session?.close(session.lab.reused);
  });

  test.each([CrdChannel.STANDARD, CrdChannel.EXPERIMENTAL])('%s channel: the same verdict on every object of the corpus', async (channel) => {
    await installCrds(session, channel);
    const verdicts: string[] = [];
    const disagreements: string[] = [];
    for (const [name, object] of corpus()) {
      const plural = object.kind === 'AdminNetworkPolicy' ? 'adminnetworkpolicies' : 'baselineadminnetworkpolicies';
      // As kubectl apply asks: strict field validation; dry run, so that nothing is kept.
      const r = await session.lab.api.request('POST', `${GROUP}/${plural}?dryRun=All&fieldValidation=Strict`, object);
      if (r.status >= 500) throw new Error(`${name}: HTTP ${r.status}: ${JSON.stringify(r.body)}`);
      const server = r.status === 201 || r.status === 200;
      const ours = validateAdminPolicy(object, { channel, v1alpha1Release: NetworkPolicyApiRelease.V0_1_5 });
      verdicts.push(`${name}: ${server ? 'accepted' : 'refused'}`);
      if (server !== (ours.length === 0)) {
        disagreements.push(`${name}: API server ${server ? 'accepts' : `refuses (${r.body?.message})`}, ours ${ours.length === 0 ? 'accepts' : `refuses (${ours.map((e) => e.message).join('; ')})`}`);
      }
    }
    // eslint-disable-next-line no-console
    console.log(`${channel}: ${verdicts.length} objects, ${verdicts.filter((v) => v.endsWith('accepted')).length} accepted by the API server, ${disagreements.length} disagreements`);
    expect(disagreements).toEqual([]);
    expect(verdicts.some((v) => v.endsWith('accepted'))).toBe(true);
    expect(verdicts.some((v) => v.endsWith('refused'))).toBe(true);
  }, 600_000);
});
