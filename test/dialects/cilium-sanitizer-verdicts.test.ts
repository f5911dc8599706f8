import { readFileSync } from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { addDialectCharts } from '../../examples/dialects';
import { validateCiliumManifest } from '../../src/dialects/cilium/validate-cilium';

/**
 * validateCiliumManifest against Cilium's own code: the verdicts of tools/cilium-sanitizer-oracle
 * (the API server's CRD checks, then the agent's CNP/CCNP Parse and rule sanitizer), recorded in
 * test/fixtures/cilium-sanitizer-verdicts (see its README).
 */
const DIR = path.join(__dirname, '..', 'fixtures', 'cilium-sanitizer-verdicts');
const read = (file: string) => JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));

interface Case { readonly id: string; readonly manifest: any }
interface Verdict { readonly id: string; readonly verdict: 'valid' | 'invalid'; readonly schema: { errors: string[] }; readonly parse: { errors: string[] } }

const cases: Case[] = read('cases.json');

/** Disagreements left on purpose, by release: case id → why. */
const PINNED: Record<string, Record<string, string>> = {
  'v1.20.2': {},
  'v1.15.6': {
    // As in 1.16 (pkg/k8s/watchers/cilium_cidr_group.go, translateCIDRGroupRefs).
    'cidrSet/group-ref': 'cidrGroupRef is resolved by the agent before the sanitizer runs',
    // The 1.15 CRD checks toCIDR with its own IPv6 regular expression, which refuses the IPv4-mapped
    // notation; the validator parses addresses as Go's netip does and does not copy that regex.
    'toCIDR/"::ffff:10.0.0.0/104"': 'the 1.15 CRD pattern refuses IPv4-mapped IPv6 notation',
  },
  'v1.16.0': {
    // The 1.16 agent replaces cidrGroupRef by the group's CIDRs (pkg/policy/k8s, translateCIDRGroupRefs)
    // before Parse; the oracle calls Parse on the object as stored, where the sanitizer finds no cidr.
    'cidrSet/group-ref': 'cidrGroupRef is resolved by the agent before the sanitizer runs',
  },
};

/** The module version of each recorded release, and the `version` option it stands for. */
const RELEASES: Array<[string, string]> = [['v1.20.2', '1.20'], ['v1.16.0', '1.16'], ['v1.15.6', '1.15']];

describe.each(RELEASES)('Cilium %s (validateCiliumManifest version %s)', (release, version) => {
  const recorded: { ciliumVersion: string; verdicts: Verdict[] } = read(`verdicts-${release}.json`);
  const verdicts = new Map(recorded.verdicts.map((v) => [v.id, v]));
  const ours = (c: Case) => (validateCiliumManifest(c.manifest, { version }).length === 0 ? 'valid' : 'invalid');

  test('every case has a verdict of this release, and both verdicts occur', () => {
    expect(recorded.ciliumVersion).toBe(release);
    expect(cases.map((c) => c.id).filter((id) => !verdicts.has(id))).toEqual([]);
    const valid = recorded.verdicts.filter((v) => v.verdict === 'valid').length;
    expect(valid).toBeGreaterThan(50);
    expect(recorded.verdicts.length - valid).toBeGreaterThan(50);
  });

  test('our verdict is Cilium\'s on every recorded object, but for the pinned disagreements', () => {
    const disagreements = cases.filter((c) => ours(c) !== verdicts.get(c.id)!.verdict).map((c) => c.id);
    const pinned = PINNED[release];
    const unexplained = disagreements.filter((id) => !(id in pinned)).map((id) => {
      const v = verdicts.get(id)!;
      return `${id}: Cilium says ${v.verdict} ${JSON.stringify([...v.schema.errors, ...v.parse.errors])}`;
    });
    expect(unexplained).toEqual([]);
    // A pin that no longer disagrees is stale.
    expect(Object.keys(pinned).filter((id) => !disagreements.includes(id))).toEqual([]);
  });
});

test('the recorded example objects are what the examples synthesize today, and Cilium 1.16 and 1.20 accept them (they are written for 1.16)', () => {
  const app = Testing.app();
  const now = addDialectCharts(app).flatMap((chart) => Testing.synth(chart)
    .filter((o) => String(o.apiVersion).startsWith('cilium.io/'))
    .map((o) => ({ id: `example/${chart.node.id}/${o.kind}/${o.metadata.name}`, manifest: o })));
  expect(now.length).toBeGreaterThan(0);
  expect(cases.filter((c) => c.id.startsWith('example/'))).toEqual(now);
  for (const release of ['v1.16.0', 'v1.20.2']) {
    const verdicts: Verdict[] = read(`verdicts-${release}.json`).verdicts;
    expect(verdicts.filter((v) => v.id.startsWith('example/') && v.verdict !== 'valid').map((v) => v.id)).toEqual([]);
  }
});
