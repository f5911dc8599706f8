/**
 * The same policies built three ways, each into a fresh `App` with one `Chart` per namespace, and
 * synthesized with `app.synthYaml()` (which runs every construct's validation, so ours pays for its
 * API-server checks at synth, as users do).
 *
 * Layouts: `single` puts every policy in one chart (each with its namespace in its metadata);
 * `per-namespace` gives each namespace its own chart, the usual layout of a multi-namespace app. The
 * latter exposes a cdk8s behaviour: `App.synth()`/`synthYaml()` call `Chart.toJson()` per chart,
 * and each of those runs the validations of the whole app again, so validations run charts + 1 times.
 *
 * - ours: this library's L2 `NetworkPolicy`, one `allowIngress`/`allowEgress` call per peer.
 * - raw: `k8s.KubeNetworkPolicy` (cdk8s L1) carrying the finished spec, ports wrapped in
 *   `IntOrString` (a plain number would be dropped by the L1's toJson).
 * - plus: cdk8s-plus-29 `NetworkPolicy` for what it can express: one `addIngressRule`/`addEgressRule`
 *   per peer (it has no multi-peer rule), peers as `Pods`/`Namespaces`/`NetworkPolicyIpBlock`
 *   constructs, default deny as `default: DENY`; it has no named ports, so `http`/`metrics` are
 *   written as their numbers (8080/9090). Same policies and semantics, not the same manifests.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { NAMED_PORT_NUMBERS, PeerDesc, PolicyDesc, PortDesc } from './policy-mix';
import { NetworkPolicy, Peer, Pods, Port, LabelSelector } from '../src';

export type Variant = 'ours' | 'raw' | 'plus';
export const VARIANTS: Variant[] = ['ours', 'raw', 'plus'];
export type Layout = 'single' | 'per-namespace';

/** Builds the policies with `variant` into a new app. */
export function buildApp(variant: Variant, policies: PolicyDesc[], layout: Layout = 'single'): App {
  const app = new App();
  const charts = new Map<string, Chart>();
  const single = layout === 'single' ? new Chart(app, 'policies') : undefined;
  const chartOf = (namespace: string): Chart => {
    if (single) return single;
    let chart = charts.get(namespace);
    if (!chart) {
      chart = new Chart(app, namespace, { namespace });
      charts.set(namespace, chart);
    }
    return chart;
  };
  const build = variant === 'ours' ? buildOurs : variant === 'raw' ? buildRaw : buildPlus;
  for (const policy of policies) build(chartOf(policy.namespace), policy, single ? `${policy.namespace}-${policy.name}` : policy.name);
  return app;
}

/** Build and synthesize: what one timed run does. Returns the size of the YAML. */
export function synthesize(variant: Variant, policies: PolicyDesc[], layout: Layout = 'single'): number {
  return buildApp(variant, policies, layout).synthYaml().length;
}

// ---- ours ----------------------------------------------------------------------------------

function ourPeer(p: PeerDesc): Peer {
  switch (p.kind) {
    case 'pods': return Peer.podsWithLabels(p.labels);
    case 'namespace': return Peer.namespace(p.namespace);
    case 'podsInNamespace': return Peer.podsInNamespace(p.namespace, LabelSelector.labels(p.labels));
    default: return Peer.cidr(p.cidr, { except: p.except });
  }
}

function ourPort(p: PortDesc): Port {
  if (p.name !== undefined) return Port.named(p.name);
  const tcp = p.protocol === 'TCP';
  if (p.endPort !== undefined) return tcp ? Port.tcpRange(p.port!, p.endPort) : Port.udpRange(p.port!, p.endPort);
  return tcp ? Port.tcp(p.port!) : Port.udp(p.port!);
}

function buildOurs(chart: Chart, d: PolicyDesc, id: string): void {
  const policy = new NetworkPolicy(chart, id, {
    selector: Object.keys(d.podLabels).length > 0 ? Pods.labels(d.podLabels) : Pods.all(),
    metadata: { name: d.name, namespace: d.namespace },
    // Rules isolate their direction; a direction without rules is isolated only when asked.
    isolateIngress: d.isolateIngress && d.ingress.length === 0 ? true : undefined,
    isolateEgress: d.isolateEgress && d.egress.length === 0 ? true : undefined,
  });
  for (const rule of d.ingress) {
    const ports = rule.ports.map(ourPort);
    for (const peer of rule.peers) policy.allowIngress(ourPeer(peer), ...ports);
  }
  for (const rule of d.egress) {
    const ports = rule.ports.map(ourPort);
    for (const peer of rule.peers) policy.allowEgress(ourPeer(peer), ...ports);
  }
}

// ---- raw cdk8s L1 --------------------------------------------------------------------------

function rawPeer(p: PeerDesc): kplus.k8s.NetworkPolicyPeer {
  switch (p.kind) {
    case 'pods': return { podSelector: { matchLabels: { ...p.labels } } };
    case 'namespace': return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.namespace } } };
    case 'podsInNamespace': return {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.namespace } },
      podSelector: { matchLabels: { ...p.labels } },
    };
    default: return { ipBlock: { cidr: p.cidr, except: [...p.except] } };
  }
}

function rawPort(p: PortDesc): kplus.k8s.NetworkPolicyPort {
  return {
    protocol: p.protocol,
    port: p.name !== undefined ? kplus.k8s.IntOrString.fromString(p.name) : kplus.k8s.IntOrString.fromNumber(p.port!),
    ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
  };
}

function buildRaw(chart: Chart, d: PolicyDesc, id: string): void {
  const policyTypes: string[] = [];
  if (d.isolateIngress) policyTypes.push('Ingress');
  if (d.isolateEgress) policyTypes.push('Egress');
  new kplus.k8s.KubeNetworkPolicy(chart, id, {
    metadata: { name: d.name, namespace: d.namespace },
    spec: {
      podSelector: Object.keys(d.podLabels).length > 0 ? { matchLabels: { ...d.podLabels } } : {},
      policyTypes,
      ingress: d.ingress.length > 0 ? d.ingress.map((r) => ({ from: r.peers.map(rawPeer), ports: r.ports.map(rawPort) })) : undefined,
      egress: d.egress.length > 0 ? d.egress.map((r) => ({ to: r.peers.map(rawPeer), ports: r.ports.map(rawPort) })) : undefined,
    },
  });
}

// ---- cdk8s-plus-29 -------------------------------------------------------------------------

function plusPeer(chart: Chart, id: string, p: PeerDesc): kplus.INetworkPolicyPeer {
  switch (p.kind) {
    case 'pods': return kplus.Pods.select(chart, id, { labels: p.labels });
    case 'namespace': return kplus.Namespaces.select(chart, id, { names: [p.namespace] });
    case 'podsInNamespace': return kplus.Pods.select(chart, id, {
      labels: p.labels,
      namespaces: kplus.Namespaces.select(chart, `${id}-ns`, { names: [p.namespace] }),
    });
    default: return kplus.NetworkPolicyIpBlock.ipv4(chart, id, p.cidr, p.except);
  }
}

function plusPort(p: PortDesc): kplus.NetworkPolicyPort {
  const number = p.name !== undefined ? NAMED_PORT_NUMBERS[p.name] : p.port!;
  const tcp = p.protocol === 'TCP';
  if (p.endPort !== undefined) return tcp ? kplus.NetworkPolicyPort.tcpRange(number, p.endPort) : kplus.NetworkPolicyPort.udpRange(number, p.endPort);
  return tcp ? kplus.NetworkPolicyPort.tcp(number) : kplus.NetworkPolicyPort.udp(number);
}

function buildPlus(chart: Chart, d: PolicyDesc, id: string): void {
  const selector = Object.keys(d.podLabels).length > 0 ? kplus.Pods.select(chart, `${id}-pods`, { labels: d.podLabels }) : undefined;
  const policy = new kplus.NetworkPolicy(chart, id, {
    metadata: { name: d.name, namespace: d.namespace },
    selector,
    ingress: d.isolateIngress && d.ingress.length === 0 ? { default: kplus.NetworkPolicyTrafficDefault.DENY } : undefined,
    egress: d.isolateEgress && d.egress.length === 0 ? { default: kplus.NetworkPolicyTrafficDefault.DENY } : undefined,
  });
  let peerId = 0;
  for (const rule of d.ingress) {
    for (const peer of rule.peers) policy.addIngressRule(plusPeer(chart, `${id}-peer${peerId++}`, peer), rule.ports.map(plusPort));
  }
  for (const rule of d.egress) {
    for (const peer of rule.peers) policy.addEgressRule(plusPeer(chart, `${id}-peer${peerId++}`, peer), rule.ports.map(plusPort));
  }
}
