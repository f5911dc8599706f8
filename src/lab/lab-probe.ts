import { CasePlan, planFromCase, ReachabilityCase } from './case-scenario';
import { KUBE_ROUTER_ENGINE } from './lab-engine';
import { AppliedPolicy, LabProbe, LabProbeResult, Observed } from './lab-scenario';
import { LabSession, RunOptions } from './lab-session';
import { ManifestPlanOptions, planFromManifests } from './manifest-scenario';
import { InventoryInput } from '../analysis/manifest-inventory';

/** A probe with what the dataplane did and what the analysis predicts. */
export interface ComparedProbe {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  readonly observed: Observed;
  readonly predicted: 'allowed' | 'denied' | 'unknown';
  /** The case's expectation (cases only). */
  readonly expected?: 'allowed' | 'denied';
  /** Pod-to-itself traffic: reported apart, plugins differ on it. */
  readonly loopback?: boolean;
  readonly detail?: string;
}

/** One lab run compared with the analysis. */
export interface LabComparison {
  readonly id: string;
  readonly applied: AppliedPolicy[];
  readonly results: ComparedProbe[];
  readonly notRunnable: ReadonlyArray<{ endpoint: string; reason: string }>;
  /** Endpoints of a case run with another address that the case's ipBlocks treat the same way. */
  readonly readdressed: ReadonlyArray<{ endpoint: string; from: string; to: string }>;
  /** Policies our validator refuses (cases only; the API server's verdict is in `applied`). */
  readonly unreadablePolicies: string[];
  readonly enforceMs: number;
  readonly probeMs: number;
}

/** Counts over comparisons: measured probes, and those where the dataplane and the analysis differ. */
export interface LabTally {
  readonly measured: number;
  readonly unmeasurable: number;
  readonly disagreements: ComparedProbe[];
  /** Loopback probes where they differ (not counted in `disagreements`). */
  readonly loopbackDisagreements: ComparedProbe[];
  /** Measured probes where the dataplane differs from the case's expectation. */
  readonly unexpected: ComparedProbe[];
  /** Policies on which the API server and our validator differ. */
  readonly validationDisagreements: string[];
}

/** The lab's default engine. */
export const LAB_ENGINE = KUBE_ROUTER_ENGINE;

function verdict(allowed: boolean | undefined): 'allowed' | 'denied' | 'unknown' {
  return allowed === undefined ? 'unknown' : allowed ? 'allowed' : 'denied';
}

function compare(results: LabProbeResult[], predict: (p: LabProbe) => boolean | undefined, expected?: (i: number) => boolean): ComparedProbe[] {
  return results.map((r, i) => ({
    from: r.from,
    to: r.to,
    port: r.port,
    protocol: r.protocol,
    observed: r.observed,
    predicted: verdict(predict(r)),
    ...(expected ? { expected: expected(i) ? 'allowed' as const : 'denied' as const } : {}),
    ...(r.from === r.to ? { loopback: true } : {}),
    ...(r.detail && r.observed === 'unmeasurable' ? { detail: r.detail } : {}),
  }));
}

/** Runs manifests in an open session: every endpoint a pod, every policy applied, every pair probed. */
export async function probeManifestsIn(
  session: LabSession, id: string, inputs: readonly InventoryInput[], options: ManifestPlanOptions & RunOptions = {},
): Promise<LabComparison> {
  const plan = planFromManifests(inputs, options);
  const outcome = await session.run(plan.scenario, options);
  return {
    id,
    applied: outcome.applied,
    results: compare(outcome.results, (p) => plan.predict(p)),
    notRunnable: plan.notRunnable,
    readdressed: plan.readdressed,
    unreadablePolicies: [],
    enforceMs: outcome.enforceMs,
    probeMs: outcome.probeMs,
  };
}

/** Runs one reachability case in an open session. */
export async function probeCaseIn(session: LabSession, c: ReachabilityCase, options: RunOptions = {}): Promise<LabComparison> {
  const plan: CasePlan = planFromCase(c);
  const outcome = await session.run(plan.scenario, options);
  return {
    id: c.id,
    applied: outcome.applied,
    results: compare(outcome.results, (p) => plan.predict(p), (i) => c.expect[i].allowed),
    notRunnable: plan.notRunnable,
    readdressed: plan.readdressed,
    unreadablePolicies: plan.unreadablePolicies,
    enforceMs: outcome.enforceMs,
    probeMs: outcome.probeMs,
  };
}

/** Tallies comparisons. */
export function tally(comparisons: readonly LabComparison[]): LabTally {
  let measured = 0, unmeasurable = 0;
  const disagreements: ComparedProbe[] = [], loopbackDisagreements: ComparedProbe[] = [], unexpected: ComparedProbe[] = [];
  const validationDisagreements: string[] = [];
  for (const c of comparisons) {
    for (const r of c.results) {
      if (r.observed === 'unmeasurable') {
        unmeasurable++;
        continue;
      }
      measured++;
      if (r.observed !== r.predicted) (r.loopback ? loopbackDisagreements : disagreements).push(r);
      if (r.expected !== undefined && r.observed !== r.expected && !r.loopback) unexpected.push(r);
    }
    const refused = new Set(c.unreadablePolicies.map((p) => p.split(':')[0]));
    for (const a of c.applied) {
      if (a.accepted === refused.has(a.policy)) {
        validationDisagreements.push(`${c.id}: ${a.policy}: API server ${a.accepted ? 'accepted' : `refused (${a.message})`}, our validator ${refused.has(a.policy) ? 'refused' : 'accepted'}`);
      }
    }
  }
  return { measured, unmeasurable, disagreements, loopbackDisagreements, unexpected, validationDisagreements };
}
