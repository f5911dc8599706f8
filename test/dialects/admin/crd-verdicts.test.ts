import * as fs from 'fs';
import * as path from 'path';
import { CrdChannel, NetworkPolicyApiRelease } from '../../../src';
import { checkAdminPolicy } from '../../../src/dialects/admin/validate-admin-policy';

/**
 * Our validator against a real kube-apiserver (v1.34) with the CRDs of sigs.k8s.io/network-policy-api
 * installed: the verdicts recorded by tools/admin-crd-oracle (see test/fixtures/admin-crd-verdicts/README.md)
 * on every object of the boundary corpus, compared object by object: accepted or refused, the fields the
 * server names in a refusal, and the spec it stores (defaults applied, nulls pruned) for an acceptance.
 */

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'admin-crd-verdicts');

interface Recorded {
  readonly release: string;
  readonly channel: string;
  readonly corpus: string;
  readonly kubernetes: string;
  readonly verdicts: { [name: string]: any };
}

function load(file: string): Recorded {
  return JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
}

const RECORDED = fs.readdirSync(DIR).filter((f) => /^verdicts-.*\.json$/.test(f)).sort().map(load);
const CORPORA: { [file: string]: Array<{ name: string; object: any }> } = {};
for (const r of RECORDED) CORPORA[r.corpus] ??= JSON.parse(fs.readFileSync(path.join(DIR, r.corpus), 'utf8'));

/**
 * v0.3.0 changed ClusterNetworkPolicy v1alpha2 (and added v1beta1); the library validates v1alpha2 against
 * v0.2.0's CRDs, so these objects are judged as v0.2.0 judges them. Each entry is what v0.3.0 changed.
 */
const HOST_BITS = 'v0.3.0 refuses host bits: its rule is isCIDR(self) && cidr(self) == cidr(self).masked()';
const NO_NAMED_PORT = 'v0.3.0\'s standard channel no longer has destinationNamedPort (v0.2.0\'s has it)';
const DOMAIN_PATTERN = 'v0.3.0 spells the first character [a-zA-Z0-9]; v0.2.0\'s [a-zA-z0-9] also takes [\\]^_`';
const V030_CHANGES: { [channel: string]: { [name: string]: string } } = {
  standard: {
    'networks: IPv4 with host bits ("10.0.0.1/8")': HOST_BITS,
    'networks: IPv6 with host bits ("2001:db8::1/32")': HOST_BITS,
    'destinationNamedPort': NO_NAMED_PORT,
    'namespaces peer and destinationNamedPort': NO_NAMED_PORT,
    'pods peer and destinationNamedPort': NO_NAMED_PORT,
    // v0.2.0's standard channel lacks the CEL rule against a named port with networks (only experimental has it).
    'networks and destinationNamedPort (CEL)': NO_NAMED_PORT,
    'one of two peers networks, destinationNamedPort (CEL)': NO_NAMED_PORT,
  },
  experimental: {
    'networks: IPv4 with host bits ("10.0.0.1/8")': HOST_BITS,
    'networks: IPv6 with host bits ("2001:db8::1/32")': HOST_BITS,
    'domainNames: label starting with a caret ("^a.example.com")': DOMAIN_PATTERN,
    'domainNames: label starting with an underscore ("_srv.example.com")': DOMAIN_PATTERN,
  },
};

/** JSON with the keys of every object sorted: the server stores an object's fields in its own order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

const CEL_SKIPPED = 'some validation rules were not checked because the object was invalid';

/**
 * The fields the server names: its causes, or the fields of a strict decoding error. A cause without a
 * field ("<nil>") is a rule on the whole object (ours: ''), or the note that CEL rules were skipped.
 */
function serverFields(verdict: any): string[] {
  const fields: string[] = (verdict.causes ?? []).filter((c: any) => !String(c.message).includes(CEL_SKIPPED))
    .map((c: any) => (c.field === '<nil>' ? '' : c.field));
  for (const m of String(verdict.message ?? '').matchAll(/unknown field "([^"]+)"/g)) fields.push(m[1]);
  return [...new Set<string>(fields)].sort();
}

/**
 * The server's causes as messages in our form (`field: message`). Kubernetes 1.34 words Too long as "may not
 * be more than N bytes" although it counts characters (100 two-byte characters pass a maxLength of 100);
 * ours keeps 1.29's "may not be longer than N".
 */
function serverMessages(verdict: any): string[] {
  return (verdict.causes ?? []).filter((c: any) => !String(c.message).includes(CEL_SKIPPED))
    .map((c: any) => `${c.field === '<nil>' ? '<root>' : c.field}: ${String(c.message).replace(/^Too long: may not be more than (\d+) bytes$/, 'Too long: may not be longer than $1')}`)
    .sort();
}

interface Comparison {
  readonly disagreements: string[];
  readonly fieldDifferences: string[];
  readonly messageDifferences: string[];
  readonly defaultDifferences: string[];
  /** How many refusals had causes whose messages were compared. */
  readonly messagesCompared: number;
}

function compare(recorded: Recorded): Comparison {
  const channel = recorded.channel === 'standard' ? CrdChannel.STANDARD : CrdChannel.EXPERIMENTAL;
  const v1alpha1Release = recorded.release.startsWith('v0.1.') ? recorded.release as NetworkPolicyApiRelease : undefined;
  const disagreements: string[] = [];
  const fieldDifferences: string[] = [];
  const messageDifferences: string[] = [];
  const defaultDifferences: string[] = [];
  let messagesCompared = 0;
  for (const { name, object } of CORPORA[recorded.corpus]) {
    const server = recorded.verdicts[name];
    const ours = checkAdminPolicy(object, { channel, v1alpha1Release });
    const oursAccepts = ours.errors.length === 0;
    if (server.accepted !== oursAccepts) {
      disagreements.push(`${name}: the API server ${server.accepted ? 'accepts' : `refuses (${server.message})`}; ours ${oursAccepts ? 'accepts' : `refuses (${ours.errors.map((e) => `${e.field}: ${e.message}`).join('; ')})`}`);
      continue;
    }
    if (server.accepted) {
      if (canonical(server.spec) !== canonical(ours.defaulted?.spec)) {
        defaultDifferences.push(`${name}: the server stores ${canonical(server.spec).slice(0, 300)}; ours ${canonical(ours.defaulted?.spec).slice(0, 300)}`);
      }
    } else {
      const theirs = serverFields(server);
      const mine = [...new Set(ours.errors.map((e) => e.field))].sort();
      if (theirs.join('\n') !== mine.join('\n')) fieldDifferences.push(`${name}: the server names ${theirs.join(', ')}; ours ${mine.join(', ')}`);
      // A 422 lists causes; a 400 (strict decoding) has none, and its unknown fields are compared above.
      const expected = serverMessages(server);
      const said = ours.errors.map((e) => (e.hint === undefined ? e.message : e.message.slice(0, -(e.hint.length + 3)))).sort();
      if (expected.length > 0) messagesCompared++;
      if (expected.length > 0 && expected.join('\n') !== said.join('\n')) {
        messageDifferences.push(`${name}: the server says ${expected.join(' | ')}; ours ${said.join(' | ')}`);
      }
    }
  }
  return { disagreements, fieldDifferences, messageDifferences, defaultDifferences, messagesCompared };
}

describe('the recorded verdicts of kube-apiserver on the admin-policy CRD corpus', () => {
  test('every release and channel is recorded, on the whole corpus, by a server that has isCIDR', () => {
    expect(RECORDED.map((r) => `${r.release} ${r.channel}`).sort()).toEqual([
      'v0.1.5 experimental', 'v0.1.5 standard', 'v0.1.7 experimental', 'v0.1.7 standard',
      'v0.2.0 experimental', 'v0.2.0 standard', 'v0.3.0 experimental', 'v0.3.0 standard',
    ]);
    for (const r of RECORDED) {
      expect(Object.keys(r.verdicts).sort()).toEqual(CORPORA[r.corpus].map((e) => e.name).sort());
      expect(r.kubernetes).toMatch(/^v1\.(3[1-9]|[4-9]\d)\./);
      // A corpus on one side of every boundary would prove little.
      expect(Object.values(r.verdicts).filter((v) => v.accepted).length).toBeGreaterThan(10);
      expect(Object.values(r.verdicts).filter((v) => !v.accepted).length).toBeGreaterThan(10);
    }
  });

  describe.each(RECORDED.filter((r) => r.release !== 'v0.3.0').map((r) => [`${r.release} ${r.channel}`, r] as const))('%s', (_label, recorded) => {
    const result = compare(recorded);
    test('the same verdict on every object', () => {
      expect(result.disagreements).toEqual([]);
    });
    test('a refusal names the same fields', () => {
      expect(result.fieldDifferences).toEqual([]);
    });
    test('a refusal with causes gives the server\'s messages', () => {
      expect(result.messageDifferences).toEqual([]);
      expect(result.messagesCompared).toBeGreaterThan(20);
    });
    test('the same defaults stored for every accepted object', () => {
      expect(result.defaultDifferences).toEqual([]);
    });
  });

  describe.each(RECORDED.filter((r) => r.release === 'v0.3.0').map((r) => [r.channel, r] as const))('v0.3.0 %s (ClusterNetworkPolicy v1alpha2, judged by v0.2.0\'s CRDs)', (channel, recorded) => {
    test('the verdicts differ exactly on what v0.3.0 changed', () => {
      const differing = compare(recorded).disagreements.map((d) => d.slice(0, d.indexOf(': the API server')));
      expect(differing.sort()).toEqual(Object.keys(V030_CHANGES[channel]).sort());
    });
  });
});
