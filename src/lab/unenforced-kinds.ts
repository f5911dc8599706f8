import { LAB_ENGINES, LabEngine } from './lab-engine';
import { LabUnavailableError } from './lab-unavailable-error';

/**
 * Throws `LabUnavailableError` when the engine does not enforce every policy of the input: its
 * cluster-wide policies (AdminNetworkPolicy, ...) and its `projectcalico.org/v3` objects. The analysis
 * reads the admin policies, so a run without them would measure another input than it analyses; it
 * leaves Calico's objects out, but a cluster with Calico enforces them, so a run without them would
 * measure another cluster than the input describes. The message names the engines that enforce them.
 */
export function assertEngineEnforces(engine: LabEngine, clusterPolicies: readonly any[], calicoObjects: readonly any[]): void {
  refuse(engine, clusterPolicies, (e) => e.adminKinds);
  refuse(engine, calicoObjects, (e) => e.calicoKinds);
}

function refuse(engine: LabEngine, objects: readonly any[], kinds: (e: LabEngine) => readonly string[]): void {
  const unenforced = objects.filter((o) => !kinds(engine).includes(o?.kind));
  if (unenforced.length === 0) return;
  const types = [...new Set(unenforced.map((o) => `${o?.apiVersion} ${o?.kind}`))];
  const others = LAB_ENGINES.filter((e) => e !== engine && unenforced.every((o) => kinds(e).includes(o?.kind)));
  const where = others.length > 0
    ? `the lab's engines that do: ${others.map((e) => `--engine ${e.name} (${kinds(e).join(', ')})`).join(', ')}`
    : 'no engine of the lab does';
  throw new LabUnavailableError(`${engine.name} ${engine.version} does not enforce ${types.join(', ')}`
    + ` (${unenforced.map((o) => o?.metadata?.name).join(', ')}); ${where}`);
}
