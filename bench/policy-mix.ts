/**
 * A seeded, realistic mix of NetworkPolicies, as plain descriptions that the three synthesis
 * variants (this library, raw cdk8s L1, cdk8s-plus-29) all build from.
 *
 * Per namespace (20 policies each): a default deny of both directions, a DNS egress policy
 * (UDP and TCP 53 to kube-dns in kube-system), and 18 application policies. An application policy
 * selects `app=<name>` and allows ingress (1 to 3 rules of 1 to 3 peers), and in 40% of cases
 * egress too. Peers: pods of the namespace, a namespace by name, pods of a named namespace (one
 * AND peer), a CIDR with `except`. Ports: TCP ports, TCP port ranges (`endPort`), named ports
 * (`http`, `metrics`), UDP ports.
 *
 * The descriptions are canonical: in each direction a peer appears once and rules have distinct
 * port sets, which is the form the library's `NetworkPolicy` merges its grants into. So the three
 * variants can be asked for the same manifests, and `toManifest` is what they must synthesize.
 */

export const NAME_LABEL = 'kubernetes.io/metadata.name';
export const POLICIES_PER_NAMESPACE = 20;

export interface PortDesc {
  readonly protocol: 'TCP' | 'UDP';
  readonly port?: number;
  readonly endPort?: number;
  readonly name?: string;
}

export type PeerDesc =
  | { readonly kind: 'pods'; readonly labels: Record<string, string> }
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'podsInNamespace'; readonly namespace: string; readonly labels: Record<string, string> }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except: string[] };

export interface RuleDesc {
  readonly peers: PeerDesc[];
  readonly ports: PortDesc[];
}

export interface PolicyDesc {
  readonly name: string;
  readonly namespace: string;
  /** Empty: every pod of the namespace. */
  readonly podLabels: Record<string, string>;
  readonly isolateIngress: boolean;
  readonly isolateEgress: boolean;
  readonly ingress: RuleDesc[];
  readonly egress: RuleDesc[];
}

/** The numbers that the named ports stand for (used where named ports cannot be written: cdk8s-plus-29). */
export const NAMED_PORT_NUMBERS: Record<string, number> = { http: 8080, metrics: 9090 };

/** A deterministic pseudo-random generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function namespaceCount(n: number): number {
  return Math.max(1, Math.ceil(n / POLICIES_PER_NAMESPACE));
}

function peerKey(p: PeerDesc): string {
  return JSON.stringify(p);
}

function portKey(p: PortDesc): string {
  return `${p.protocol}:${p.name ?? `${p.port}-${p.endPort ?? p.port}`}`;
}

/** `n` policies in `namespaceCount(n)` namespaces. */
export function generatePolicies(n: number, seed = 42): PolicyDesc[] {
  const rand = rng(seed);
  const int = (k: number) => Math.floor(rand() * k);
  const namespaces = namespaceCount(n);
  const nsName = (i: number) => `team-${i}`;
  const appsPerNs = POLICIES_PER_NAMESPACE - 2;

  const port = (): PortDesc => {
    const r = rand();
    if (r < 0.4) return { protocol: 'TCP', port: [80, 443, 5432, 6379, 8080, 9000][int(6)] };
    if (r < 0.6) {
      const start = 8000 + 10 * int(10);
      return { protocol: 'TCP', port: start, endPort: start + 10 + int(90) };
    }
    if (r < 0.85) return { protocol: 'TCP', name: rand() < 0.7 ? 'http' : 'metrics' };
    return { protocol: 'UDP', port: [53, 514, 8125][int(3)] };
  };
  const peer = (ns: number, direction: 'ingress' | 'egress'): PeerDesc => {
    const r = rand();
    if (r < 0.4) return { kind: 'pods', labels: { app: `app-${int(appsPerNs)}` } };
    if (r < 0.6) return { kind: 'namespace', namespace: nsName(int(namespaces)) };
    if (r < 0.8) return { kind: 'podsInNamespace', namespace: nsName(int(namespaces)), labels: { app: `app-${int(appsPerNs)}` } };
    if (direction === 'egress' && rand() < 0.5) return { kind: 'cidr', cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] };
    const b = (ns + int(4)) % 256;
    return { kind: 'cidr', cidr: `10.${b}.0.0/16`, except: [`10.${b}.${int(256)}.0/24`] };
  };
  /** Canonical rules: a peer once per direction, distinct port sets (a rule with a seen port set takes the new peers). */
  const rules = (ns: number, direction: 'ingress' | 'egress'): RuleDesc[] => {
    const byPorts = new Map<string, { peers: PeerDesc[]; ports: PortDesc[] }>();
    const seenPeers = new Set<string>();
    const count = 1 + int(3);
    for (let r = 0; r < count; r++) {
      const ports = new Map<string, PortDesc>();
      for (let k = 1 + int(3); k > 0; k--) {
        const p = port();
        ports.set(portKey(p), p);
      }
      const key = [...ports.keys()].sort().join('|');
      const rule = byPorts.get(key) ?? { peers: [], ports: [...ports.values()] };
      for (let k = 1 + int(3); k > 0; k--) {
        const p = peer(ns, direction);
        if (seenPeers.has(peerKey(p))) continue;
        seenPeers.add(peerKey(p));
        rule.peers.push(p);
      }
      if (rule.peers.length > 0) byPorts.set(key, rule);
    }
    return [...byPorts.values()];
  };

  const policies: PolicyDesc[] = [];
  for (let i = 0; i < n; i++) {
    const ns = Math.floor(i / POLICIES_PER_NAMESPACE);
    const slot = i % POLICIES_PER_NAMESPACE;
    const namespace = nsName(ns);
    if (slot === 0) {
      policies.push({ name: 'default-deny', namespace, podLabels: {}, isolateIngress: true, isolateEgress: true, ingress: [], egress: [] });
    } else if (slot === 1) {
      policies.push({
        name: 'allow-dns', namespace, podLabels: {}, isolateIngress: false, isolateEgress: true, ingress: [],
        egress: [{ peers: [{ kind: 'podsInNamespace', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
      });
    } else {
      const ingress = rules(ns, 'ingress');
      const egress = rand() < 0.4 ? rules(ns, 'egress') : [];
      policies.push({
        name: `app-${slot - 2}`, namespace, podLabels: { app: `app-${slot - 2}` },
        isolateIngress: true, isolateEgress: egress.length > 0, ingress, egress,
      });
    }
  }
  return policies;
}

export function peerJson(p: PeerDesc): any {
  switch (p.kind) {
    case 'pods': return { podSelector: { matchLabels: { ...p.labels } } };
    case 'namespace': return { namespaceSelector: { matchLabels: { [NAME_LABEL]: p.namespace } } };
    case 'podsInNamespace': return { namespaceSelector: { matchLabels: { [NAME_LABEL]: p.namespace } }, podSelector: { matchLabels: { ...p.labels } } };
    default: return { ipBlock: { cidr: p.cidr, except: [...p.except] } };
  }
}

export function portJson(p: PortDesc): any {
  const json: any = { protocol: p.protocol, port: p.name ?? p.port };
  if (p.endPort !== undefined) json.endPort = p.endPort;
  return json;
}

/** The manifest every variant must synthesize for this policy (plain JSON, as `kubectl` reads it). */
export function toManifest(d: PolicyDesc): any {
  const policyTypes: string[] = [];
  if (d.isolateIngress) policyTypes.push('Ingress');
  if (d.isolateEgress) policyTypes.push('Egress');
  const spec: any = { podSelector: Object.keys(d.podLabels).length > 0 ? { matchLabels: { ...d.podLabels } } : {}, policyTypes };
  if (d.ingress.length > 0) spec.ingress = d.ingress.map((r) => ({ from: r.peers.map(peerJson), ports: r.ports.map(portJson) }));
  if (d.egress.length > 0) spec.egress = d.egress.map((r) => ({ to: r.peers.map(peerJson), ports: r.ports.map(portJson) }));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: d.name, namespace: d.namespace }, spec };
}

/** Counts of what the mix holds, for the report. */
export function describeMix(policies: PolicyDesc[]): Record<string, number> {
  const counts: Record<string, number> = { policies: policies.length, rules: 0, peers: 0, ports: 0, namedPorts: 0, portRanges: 0, cidrPeers: 0 };
  for (const p of policies) {
    for (const r of [...p.ingress, ...p.egress]) {
      counts.rules++;
      counts.peers += r.peers.length;
      counts.ports += r.ports.length;
      counts.namedPorts += r.ports.filter((x) => x.name !== undefined).length;
      counts.portRanges += r.ports.filter((x) => x.endPort !== undefined).length;
      counts.cidrPeers += r.peers.filter((x) => x.kind === 'cidr').length;
    }
  }
  return counts;
}
