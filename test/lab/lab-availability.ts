import { labEnvironmentProblems } from '../../src/lab/host-commands';
import { cachedKnpBinary, cachedLabBinary } from '../../src/lab/lab-binary';
import { KUBE_NETWORK_POLICIES_ENGINE, KUBE_ROUTER_ENGINE, LabEngine } from '../../src/lab/lab-engine';

/**
 * Why the lab tests cannot run here, or undefined. They need Linux, root, the tools and the lab
 * binary (`labgo/build.sh` builds it; with LAB_REQUIRED=1 a missing binary is built on first use).
 */
export function labUnavailable(engine: LabEngine = KUBE_ROUTER_ENGINE): string | undefined {
  const problems = labEnvironmentProblems();
  if (problems.length > 0) return problems.join('; ');
  if (process.env.LAB_REQUIRED !== '1' && cachedLabBinary() === undefined) return 'the lab binary is not built (run labgo/build.sh)';
  if (engine === KUBE_NETWORK_POLICIES_ENGINE && process.env.LAB_REQUIRED !== '1' && cachedKnpBinary() === undefined) {
    return 'the kube-network-policies binary is not built (run labgo/knp/build.sh)';
  }
  return undefined;
}

/**
 * `describe` when the lab can run; otherwise `describe.skip` with a notice. With LAB_REQUIRED=1 (CI)
 * the tests run anyway and fail with the reason, so that CI never passes a lab it did not run.
 */
export function describeLab(name: string, body: () => void, engine: LabEngine = KUBE_ROUTER_ENGINE): void {
  const why = labUnavailable(engine);
  if (why !== undefined && process.env.LAB_REQUIRED !== '1') {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED: ${name}: ${why} (set LAB_REQUIRED=1 to fail instead)`);
    describe.skip(name, body);
    return;
  }
  describe(name, () => {
    if (why !== undefined) test('the lab can run here', () => { throw new Error(why); });
    body();
  });
}
