/**
 * Sends every object of the admin-policy CRD corpus to a real API server, once per release and channel
 * of the CRDs of sigs.k8s.io/network-policy-api, and writes the server's verdicts as JSON. Run by run.sh,
 * which starts the server and passes ORACLE_SERVER, ORACLE_TOKEN, ORACLE_NPAPI_030 and ORACLE_OUT.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CorpusEntry, v1alpha1Corpus, v1alpha2Corpus } from '../../test/dialects/admin/admin-crd-corpus';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'network-policy-api');
const SERVER = new URL(required('ORACLE_SERVER'));
const TOKEN = required('ORACLE_TOKEN');
const OUT = required('ORACLE_OUT');
const CRD_API = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const PLURALS: { [kind: string]: string } = {
  AdminNetworkPolicy: 'adminnetworkpolicies',
  BaselineAdminNetworkPolicy: 'baselineadminnetworkpolicies',
  ClusterNetworkPolicy: 'clusternetworkpolicies',
};

interface Target {
  readonly release: string;
  readonly channel: string;
  readonly crdDir: string;
  readonly crdSource: string;
  readonly corpus: 'v1alpha1' | 'v1alpha2';
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run tools/admin-crd-oracle/run.sh)`);
  return value;
}

function targets(): Target[] {
  const out: Target[] = [];
  for (const channel of ['standard', 'experimental']) {
    for (const release of ['v0.1.5', 'v0.1.7']) {
      out.push({ release, channel, corpus: 'v1alpha1', crdDir: path.join(FIXTURES, release, 'crd', channel), crdSource: `test/fixtures/network-policy-api/${release}/crd/${channel}` });
    }
    out.push({ release: 'v0.2.0', channel, corpus: 'v1alpha2', crdDir: path.join(FIXTURES, 'v0.2.0', 'crd', channel), crdSource: `test/fixtures/network-policy-api/v0.2.0/crd/${channel}` });
    out.push({ release: 'v0.3.0', channel, corpus: 'v1alpha2', crdDir: path.join(required('ORACLE_NPAPI_030'), 'config', 'crd', channel), crdSource: `sigs.k8s.io/network-policy-api@v0.3.0 config/crd/${channel}` });
  }
  return out;
}

function request(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: SERVER.hostname, port: SERVER.port, method, path: urlPath, rejectUnauthorized: false, timeout: 60_000,
      headers: {
        'Authorization': `Bearer ${TOKEN}`,
        'Accept': 'application/json',
        ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: any = text;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: no answer in 60 s`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Replaces the installed policy CRDs by those of the target; returns the CRD files and their hashes. */
async function installCrds(target: Target): Promise<Array<{ file: string; sha256: string; bundleVersion?: string }>> {
  const files = fs.readdirSync(target.crdDir).filter((f) => /^policy\.networking\.k8s\.io_.*\.yaml$/.test(f)).sort();
  const crds = files.map((file) => {
    const text = fs.readFileSync(path.join(target.crdDir, file), 'utf8');
    const crd = parseAllDocuments(text).map((d) => d.toJSON()).find((o) => o?.kind === 'CustomResourceDefinition');
    return { file, text, crd };
  });
  for (const plural of Object.values(PLURALS)) {
    const name = `${plural}.policy.networking.k8s.io`;
    await request('DELETE', `${CRD_API}/${name}`);
    await waitFor(`${name} to go`, async () => (await request('GET', `${CRD_API}/${name}`)).status === 404);
  }
  for (const { crd } of crds) {
    const r = await request('POST', CRD_API, crd);
    if (r.status !== 201) throw new Error(`installing ${crd.metadata.name}: HTTP ${r.status}: ${JSON.stringify(r.body)}`);
    await waitFor(`${crd.metadata.name} to be established`, async () => {
      const got = await request('GET', `${CRD_API}/${crd.metadata.name}`);
      return (got.body?.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
    });
    for (const version of crd.spec.versions.filter((v: any) => v.served)) {
      const list = `/apis/${crd.spec.group}/${version.name}/${crd.spec.names.plural}`;
      await waitFor(`${list} to be served`, async () => (await request('GET', list)).status === 200);
    }
  }
  return crds.map(({ file, text, crd }) => ({
    file,
    sha256: crypto.createHash('sha256').update(text).digest('hex'),
    bundleVersion: crd.metadata.annotations?.['policy.networking.k8s.io/bundle-version'],
  }));
}

/** The server's verdict: accepted (with the stored spec, defaults applied), or the Status it answered. */
async function verdictOf(entry: CorpusEntry): Promise<any> {
  const [group, version] = String(entry.object.apiVersion).split('/');
  const plural = PLURALS[entry.object.kind];
  // As kubectl apply asks: strict field validation; dry run, so that nothing is kept.
  const r = await request('POST', `/apis/${group}/${version}/${plural}?dryRun=All&fieldValidation=Strict`, entry.object);
  if (r.status >= 500) throw new Error(`${entry.name}: HTTP ${r.status}: ${JSON.stringify(r.body)}`);
  if (r.status === 201 || r.status === 200) return { accepted: true, code: r.status, spec: r.body?.spec };
  return {
    accepted: false,
    code: r.status,
    reason: r.body?.reason,
    message: r.body?.message,
    causes: (r.body?.details?.causes ?? []).map((c: any) => ({ field: c.field, reason: c.reason, message: c.message })),
  };
}

async function main(): Promise<void> {
  const version = (await request('GET', '/version')).body;
  const corpora = { v1alpha1: v1alpha1Corpus(), v1alpha2: v1alpha2Corpus() };
  for (const [name, corpus] of Object.entries(corpora)) {
    const names = new Set(corpus.map((e) => e.name));
    if (names.size !== corpus.length) throw new Error(`${name} corpus: names are not unique`);
  }
  fs.mkdirSync(OUT, { recursive: true });
  for (const [name, corpus] of Object.entries(corpora)) {
    fs.writeFileSync(path.join(OUT, `corpus-${name}.json`), JSON.stringify(corpus, null, 1) + '\n');
  }
  for (const target of targets()) {
    const crds = await installCrds(target);
    const verdicts: { [name: string]: any } = {};
    for (const entry of corpora[target.corpus]) verdicts[entry.name] = await verdictOf(entry);
    const accepted = Object.values(verdicts).filter((v) => v.accepted).length;
    const file = path.join(OUT, `verdicts-${target.release}-${target.channel}.json`);
    fs.writeFileSync(file, JSON.stringify({
      release: target.release,
      channel: target.channel,
      corpus: `corpus-${target.corpus}.json`,
      kubernetes: version.gitVersion,
      crdSource: target.crdSource,
      crds,
      verdicts,
    }, null, 1) + '\n');
    // eslint-disable-next-line no-console
    console.log(`${target.release} ${target.channel}: ${Object.keys(verdicts).length} objects, ${accepted} accepted -> ${path.relative(REPO, file)}`);
  }
}

main().catch((e) => {
  // eslint-disable-next-line no-console
  console.error(e);
  process.exit(1);
});
