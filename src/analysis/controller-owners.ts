/**
 * Which objects of the input are run by another object of the input.
 *
 * A `kubectl get -o yaml` dump holds a Deployment, its ReplicaSets and their Pods: three views of
 * the same pods. The analysis keeps the top controller (the Deployment) as the endpoint, drops the
 * objects it controls, and gives it the IPs of its Pods.
 */
export interface ControllerOwners {
  /** The top controller's key (`Kind/namespace/name`) of each controlled object's key. */
  readonly topControllerOf: Map<string, string>;
}

/** The key of an object: `Kind/namespace/name`. */
export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/**
 * Follows each object's controller reference (`metadata.ownerReferences[]` with `controller: true`)
 * to the top of the chain among the given objects. References to objects not in the input are
 * ignored: such an object stays an endpoint of its own.
 */
export function findControllerOwners(objects: Array<{ kind: string; namespace: string; name: string; metadata: any }>): ControllerOwners {
  const byKey = new Map<string, { controller?: string; uid?: string }>();
  for (const o of objects) {
    const refs = Array.isArray(o.metadata?.ownerReferences) ? o.metadata.ownerReferences : [];
    const ref = refs.find((r: any) => r && r.controller === true && typeof r.kind === 'string' && typeof r.name === 'string');
    byKey.set(objectKey(o.kind, o.namespace, o.name), {
      controller: ref ? objectKey(ref.kind, o.namespace, ref.name) : undefined,
      uid: typeof o.metadata?.uid === 'string' ? o.metadata.uid : undefined,
    });
  }
  const topControllerOf = new Map<string, string>();
  for (const key of byKey.keys()) {
    let top: string | undefined;
    const seen = new Set<string>([key]);
    for (let next = byKey.get(key)?.controller; next !== undefined && byKey.has(next) && !seen.has(next); next = byKey.get(next)?.controller) {
      top = next;
      seen.add(next);
    }
    if (top !== undefined) topControllerOf.set(key, top);
  }
  return { topControllerOf };
}
