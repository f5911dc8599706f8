import { parseAddressRange } from './address-range';
import { ClusterEndpoint, ClusterModel } from './cluster-model';

/** The 8 hexadecimal characters cdk8s appends to the names it generates (`shop-web-c81100ac`). */
const CDK8S_HASH_SUFFIX = /-[0-9a-f]{8}$/;

/** A name without the hash suffix cdk8s gives generated names (`shop-web-c81100ac` -> `shop-web`). */
export function withoutCdk8sHash(name: string): string {
  return name.replace(CDK8S_HASH_SUFFIX, '');
}

/**
 * Finds the endpoint a user means, trying in turn (the first way that names exactly one wins):
 * its id (`shop/db[Deployment]`, `8.8.8.8/32`); `namespace/name`; `name`; `name[Kind]`; the name
 * without the hash suffix cdk8s generates (`shop-web` for `shop-web-c81100ac`), with or without
 * `namespace/`; the last words of that name (`web`: the construct's id); a pod with that IP; an
 * external endpoint with that IP or CIDR written another way.
 *
 * @returns undefined when the reference names nothing
 * @throws Error naming the candidates when the reference is ambiguous
 */
export function findEndpoint(cluster: ClusterModel, ref: string): ClusterEndpoint | undefined {
  const exact = cluster.endpoint(ref);
  if (exact) return exact;
  const endpoints = cluster.endpoints;
  const slash = ref.indexOf('/');
  const [refNs, refName] = slash > 0 && !parseAddressRange(ref) ? [ref.slice(0, slash), ref.slice(slash + 1)] : [undefined, ref];
  const inNamespace = (e: ClusterEndpoint) => refNs === undefined || e.namespace === refNs;
  const short = (e: ClusterEndpoint) => withoutCdk8sHash(e.name);
  const tiers: Array<(e: ClusterEndpoint) => boolean> = [
    (e) => !e.external && `${e.namespace}/${e.name}` === ref,
    (e) => !e.external && e.name === ref,
    (e) => !e.external && `${e.name}[${e.kind}]` === ref,
    (e) => !e.external && inNamespace(e) && short(e) !== e.name && short(e) === refName,
    (e) => !e.external && inNamespace(e) && refName !== '' && short(e).endsWith(`-${refName}`),
  ];
  const range = parseAddressRange(ref);
  if (range && range.first === range.last) {
    tiers.push((e) => !e.external && e.addresses.some((a) => a.family === range.family && a.first === range.first));
  }
  if (range) {
    tiers.push((e) => e.external
      && e.addresses[0].family === range.family && e.addresses[0].first === range.first && e.addresses[0].last === range.last);
  }
  for (const tier of tiers) {
    const found = endpoints.filter(tier);
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      throw new Error(`${JSON.stringify(ref)} names ${found.length} endpoints: ${found.map((e) => e.id).join(', ')}; give one of these ids`);
    }
  }
  return undefined;
}

/**
 * `findEndpoint`, for a reference that must name an endpoint of the cluster.
 *
 * @throws Error naming the candidates when the reference is ambiguous, or the nearest ids when it names nothing
 */
export function resolveEndpoint(cluster: ClusterModel, ref: string): ClusterEndpoint {
  const found = findEndpoint(cluster, ref);
  if (found) return found;
  // The ranges of the address space are named by address, never by a name that looks like one.
  const nearest = nearestIds(cluster.endpoints.filter((e) => !e.addressSpace).map((e) => e.id), ref, 5);
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
