import { ReachabilityCase } from '../../src/lab/case-scenario';

/**
 * A random cluster (seeded): three namespaces and two or three pods each with random labels; one to
 * four policies of one direction (selectors with expressions, AND peers, an ipBlock with except over
 * the pod range, numeric and named ports, endPort ranges, protocol-only ports); and a probe of every
 * ordered pair on 53, 80, 81 and 8080 over TCP and UDP.
 *
 * It stays clear of where kube-router v2.1.0 differs from Kubernetes (each pinned in
 * engine-differences.lab.ts): one direction per cluster, one ipBlock per rule, and named ports that
 * every pod declares with the same number (`http` 80/TCP, `dns` 53/UDP), never on an egress rule
 * with an ipBlock.
 */
const PROBE_PORTS = [53, 80, 81, 8080];

/** mulberry32: a small seeded generator. */
/* eslint-disable no-bitwise */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */

export function randomCluster(seed: number, direction: 'Ingress' | 'Egress'): ReachabilityCase {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const namespaces = ['n0', 'n1', 'n2'].map((name) => ({ name, labels: { team: pick(['a', 'b']), env: pick(['prod', 'dev']) } }));
  const pods: ReachabilityCase['pods'][number][] = [];
  let n = 1;
  for (const ns of namespaces) {
    const count = 2 + Math.floor(rnd() * 2);
    for (let i = 0; i < count; i++) {
      const labels: { [k: string]: string } = { app: pick(['web', 'api', 'db']) };
      if (chance(0.5)) labels.tier = pick(['front', 'back']);
      pods.push({
        namespace: ns.name,
        name: `p${i}`,
        labels,
        ip: `10.244.1.${n++}`,
        ports: [
          { port: 80, protocol: 'TCP', name: 'http' },
          { port: 53, protocol: 'UDP', name: 'dns' },
          ...(chance(0.5) ? [{ port: 81, protocol: 'TCP' }] : []),
          ...(chance(0.5) ? [{ port: 8080, protocol: 'TCP' }] : []),
        ],
      });
    }
  }
  const podSelector = (): object => pick([
    {},
    { matchLabels: { app: pick(['web', 'api', 'db']) } },
    { matchExpressions: [{ key: 'tier', operator: pick(['In', 'NotIn']), values: [pick(['front', 'back'])] }] },
    { matchExpressions: [{ key: 'tier', operator: pick(['Exists', 'DoesNotExist']) }] },
  ]);
  const namespaceSelector = (): object => pick([
    {},
    { matchLabels: { team: pick(['a', 'b']) } },
    { matchExpressions: [{ key: 'env', operator: pick(['In', 'NotIn']), values: ['prod'] }] },
    { matchLabels: { 'kubernetes.io/metadata.name': pick(['n0', 'n1', 'n2']) } },
  ]);
  const peer = (): object => {
    switch (Math.floor(rnd() * 4)) {
      case 0: return { podSelector: podSelector() };
      case 1: return { namespaceSelector: namespaceSelector() };
      case 2: return { namespaceSelector: namespaceSelector(), podSelector: podSelector() };
      default: {
        const bits = pick([28, 29, 30]);
        const size = 2 ** (32 - bits);
        const base = bits === 28 ? 0 : pick([0, 8]);
        const block = `10.244.1.${base}/${bits}`;
        return chance(0.5)
          ? { ipBlock: { cidr: block, except: [`10.244.1.${base + Math.floor(rnd() * size)}/32`] } }
          : { ipBlock: { cidr: block } };
      }
    }
  };
  const port = (): object => pick([
    { port: pick([53, 80, 81, 8080]), protocol: pick(['TCP', 'UDP']) },
    { port: 'http', protocol: 'TCP' },
    { port: 'dns', protocol: 'UDP' },
    { port: 80, endPort: 81, protocol: pick(['TCP', 'UDP']) },
    { protocol: pick(['TCP', 'UDP']) },
  ]);
  const rules = (key: 'from' | 'to') => Array.from({ length: Math.floor(rnd() * 3) }, () => {
    let peers = chance(0.8) ? Array.from({ length: 1 + Math.floor(rnd() * 2) }, peer) : undefined;
    // kube-router puts a rule's ipBlocks in one set, where one block's except removes the address
    // from the others too (engine-differences.lab.ts): one ipBlock per rule here.
    const firstBlock = peers?.findIndex((p: any) => p.ipBlock) ?? -1;
    if (peers) peers = peers.filter((p: any, i: number) => !p.ipBlock || i === firstBlock);
    let ports = chance(0.6) ? Array.from({ length: 1 + Math.floor(rnd() * 2) }, port) : undefined;
    // kube-router resolves an egress rule's named ports on the pods its selectors match, never on an
    // ipBlock's addresses (a difference pinned in engine-differences.lab.ts): keep them apart here.
    if (key === 'to' && ports && peers?.some((p: any) => p.ipBlock)) ports = ports.filter((p: any) => typeof p.port !== 'string');
    return { ...(peers ? { [key]: peers } : {}), ...(ports && ports.length > 0 ? { ports } : {}) };
  });
  const policies = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => {
    // One direction per cluster: kube-router checks both directions of a pod in one chain holding
    // every policy that selects it, so mixing them differs from Kubernetes (engine-differences.lab.ts).
    const types = [direction];
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `pol${i}`, namespace: pick(namespaces).name },
      spec: {
        podSelector: podSelector(),
        policyTypes: types,
        ...(types.includes('Ingress') ? { ingress: rules('from') } : {}),
        ...(types.includes('Egress') ? { egress: rules('to') } : {}),
      },
    };
  });
  const refs = pods.map((p) => `${p.namespace}/${p.name}`);
  const expect = refs.flatMap((from) => refs.filter((to) => to !== from).flatMap((to) => PROBE_PORTS.flatMap((p) => ['TCP', 'UDP'].map((protocol) => ({
    from, to, port: p, protocol, allowed: false, // unused: the lab's answer is compared with the analysis
  })))));
  return { id: `random-${direction.toLowerCase()}-${seed}`, namespaces, pods, policies, expect };
}

