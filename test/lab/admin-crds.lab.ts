import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { describeLab } from './lab-availability';
import { CrdChannel, NetworkPolicyApiRelease, validateAdminPolicy } from '../../src';
import { LabSession } from '../../src/lab/lab-session';
import { v1alpha1Corpus } from '../dialects/admin/admin-crd-corpus';

/**
 * The API server's verdict on AdminNetworkPolicy and BaselineAdminNetworkPolicy, with the CRDs of
 * sigs.k8s.io/network-policy-api v0.1.5 installed in the lab's kube-apiserver v1.29.3 (OpenAPI schema
 * and CEL rules), against ours, on both sides of every rule we check. Later releases' CRDs use the
 * CEL function isCIDR, which needs Kubernetes 1.31, so 1.29 cannot install them: tools/admin-crd-oracle
 * records a v1.34 server's verdicts on them (test/dialects/admin/crd-verdicts.test.ts). The corpus is shared.
 */

const CRDS = path.join(__dirname, '..', 'fixtures', 'network-policy-api', 'v0.1.5', 'crd');
const GROUP = '/apis/policy.networking.k8s.io/v1alpha1';
const CRD_API = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

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
    for (const { name, object } of v1alpha1Corpus()) {
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
