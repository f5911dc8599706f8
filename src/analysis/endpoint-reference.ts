import { parseAddressRange } from './address-range';
import { ClusterEndpoint, ClusterModel } from './cluster-model';

/**
 * Finds the endpoint a user means: its id (`shop/db[Deployment]`, `8.8.8.8/32`), or `shop/db`,
 * or `db`, or an external IP/CIDR written another way, when that names exactly one endpoint.
 *
 * @throws Error naming the candidates when the reference is ambiguous, or the nearest ids when it names nothing
 */
export function resolveEndpoint(cluster: ClusterModel, ref: string): ClusterEndpoint {
  const exact = cluster.endpoint(ref);
  if (exact) return exact;
  const endpoints = cluster.endpoints;
  const tiers: Array<(e: ClusterEndpoint) => boolean> = [
    (e) => !e.external && `${e.namespace}/${e.name}` === ref,
    (e) => !e.external && e.name === ref,
    (e) => !e.external && `${e.name}[${e.kind}]` === ref,
  ];
  const range = parseAddressRange(ref);
  if (range) {
    tiers.push((e) => e.external
      && e.addresses[0].family === range.family && e.addresses[0].first === range.first && e.addresses[0].last === range.last);
  }
  for (const tier of tiers) {
    const found = endpoints.filter(tier);
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      throw new Error(`${JSON.stringify(ref)} names ${found.length} endpoints: ${found.map((e) => e.id).join(', ')}; give the full id`);
    }
  }
  const nearest = nearestIds(endpoints.map((e) => e.id), ref, 5);
  throw new Error(`no endpoint ${JSON.stringify(ref)}${nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : ' (there are no endpoints)'}`);
}

/** The `count` ids closest to `ref` by edit distance (ties in input order). */
export function nearestIds(ids: readonly string[], ref: string, count: number): string[] {
  return ids
    .map((id, i) => ({ id, i, d: Math.min(editDistance(id, ref), editDistance(id.replace(/\[[^\]]*\]$/, ''), ref) + 1) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, count)
    .map((x) => x.id);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
