import { describeLab } from './lab-availability';
import { randomCluster } from './random-cluster';
import { probeCaseIn } from '../../src/lab/lab-probe';
import { LabSession } from '../../src/lab/lab-session';

/**
 * Random clusters (random-cluster.ts; seeded: LAB_SEED overrides the first seed, LAB_CLUSTERS the
 * count), each with policies of one direction: the dataplane must agree with the analysis on every
 * TCP and UDP probe. Mixed directions and named ports on egress ipBlocks are left to
 * engine-differences.lab.ts, which pins how kube-router differs there; and every pod declares the
 * named ports the policies use, since kube-router opens every port when a rule's named ports resolve
 * on no pod (pinned in public-suites.lab.ts).
 */
const FIRST_SEED = Number(process.env.LAB_SEED ?? 20261202);
const CLUSTERS = Number(process.env.LAB_CLUSTERS ?? 20);
describeLab('random clusters enforced by kube-router v2.1.0', () => {
  let session: LabSession;
  beforeAll(async () => {
    session = await LabSession.open();
  }, 900_000);
  afterAll(async () => {
    await session?.close(session.lab.reused);
  });

  const seeds = Array.from({ length: CLUSTERS }, (_, i) => FIRST_SEED + i).flatMap((seed) => [['Ingress', seed], ['Egress', seed]] as Array<['Ingress' | 'Egress', number]>);
  let measured = 0, allowed = 0;
  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`random clusters in the lab: ${2 * CLUSTERS} clusters from seed ${FIRST_SEED}, ${measured} probes measured, ${allowed} allowed`);
  });

  test.each(seeds)('%s cluster of seed %i: the dataplane agrees with the analysis on every probe', async (direction, seed) => {
    const c = await probeCaseIn(session, randomCluster(seed, direction));
    measured += c.results.filter((r) => r.observed !== 'unmeasurable').length;
    allowed += c.results.filter((r) => r.observed === 'allowed').length;
    expect(c.applied.filter((a) => !a.accepted)).toEqual([]);
    expect(c.unreadablePolicies).toEqual([]);
    expect(c.results.filter((r) => r.observed === 'unmeasurable')).toEqual([]);
    const differ = c.results.filter((r) => r.observed !== r.predicted)
      .map((r) => `${r.from} -> ${r.to} ${r.port}/${r.protocol}: dataplane ${r.observed}, analysis ${r.predicted}`);
    expect({ seed, differ }).toEqual({ seed, differ: [] });
  }, 120_000);
});
