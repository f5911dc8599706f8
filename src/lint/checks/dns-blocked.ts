import { LintCheck } from './lint-check';
import { ipBlockCovers, parseAddressRange, parseIpBlock, rangeWithin } from '../../analysis/address-range';
import { ClusterEndpoint, ClusterModel } from '../../analysis/cluster-model';
import { policyNamespace, policySelects, portEntrySet, rulePortSet } from '../../analysis/policy-semantics';
import { LabelSelector, SelectorOperator } from '../../model/label-selector';
import { NetworkPolicyModel } from '../../model/network-policy-model';
import { describeSelector, Peer, PeerKind } from '../../model/peer';
import { Port } from '../../model/port';
import { Protocol } from '../../model/protocol';
import { selectorCovers } from '../../model/selector-coverage';
import { describeWorkload, LintContext } from '../lint-context';
import { LintFinding } from '../lint-finding';
import { LintPolicy } from '../lint-inputs';

const ID = 'dns-blocked';

/** NodeLocal DNSCache's usual link-local address: an ipBlock aimed at it is a DNS allowance on any plugin. */
const NODE_LOCAL_DNS = parseAddressRange('169.254.20.10')!;
const LINK_LOCAL = parseAddressRange('169.254.0.0/16')!;

/** The cluster DNS pods as the check looks for them. */
interface DnsTarget {
  readonly namespace: string;
  readonly selector: LabelSelector;
  /** The DNS ports, UDP first (the order a resolver tries them in). */
  readonly ports: Port[];
  /**
   * The DNS pods of the input; when it has none, one pod standing for CoreDNS (the DNS ports,
   * named `dns` over UDP and `dns-tcp` over TCP as CoreDNS names them).
   */
  readonly pods: ClusterEndpoint[];
}

function dnsTarget(ctx: LintContext): DnsTarget {
  const options = ctx.options.dns ?? {};
  const namespace = options.namespace ?? ctx.options.dnsNamespace ?? 'kube-system';
  const selector = options.selector ?? LabelSelector.labels(ctx.options.dnsPodLabels ?? { 'k8s-app': 'kube-dns' });
  // Refused rather than read loosely: an empty selector would call every pod of the namespace DNS.
  if (selector.isEmpty) throw new Error('lint options: dns.selector is empty; give the DNS pods\' labels (default k8s-app=kube-dns)');
  if (namespace === '') throw new Error('lint options: dns.namespace is empty; give the DNS pods\' namespace (default kube-system)');
  if (options.ports !== undefined && options.ports.length === 0) throw new Error('lint options: dns.ports is empty; leave it out for UDP and TCP 53');
  const ports = [...(options.ports ?? Port.DNS)].sort((a, b) => protocolOrder(a) - protocolOrder(b));
  const target = { namespace, selector, ports, pods: [] };
  const pods = ctx.endpoints.filter((e) => isDnsPod(e, target));
  return { ...target, pods: pods.length > 0 ? pods : [coreDns(namespace, selector, ports)] };
}

function protocolOrder(port: Port): number {
  return port.protocol === Protocol.UDP ? 0 : port.protocol === Protocol.TCP ? 1 : 2;
}

function coreDns(namespace: string, selector: LabelSelector, ports: Port[]): ClusterEndpoint {
  return new ClusterModel().addWorkload({
    namespace,
    name: 'coredns',
    kind: 'Deployment',
    labels: labelsMatching(selector),
    containerPorts: ports.filter((p) => p.protocol !== undefined).map((p) => ({
      port: p.portNumber ?? 53,
      protocol: p.protocol!,
      name: p.name ?? (p.protocol === Protocol.TCP ? 'dns-tcp' : 'dns'),
    })),
  })!;
}

/** Labels that the selector matches: its matchLabels, and the first value of each `In`, a value for each `Exists`. */
function labelsMatching(selector: LabelSelector): { [key: string]: string } {
  const labels = { ...selector.matchLabels };
  for (const r of selector.matchExpressions) {
    if (r.operator === SelectorOperator.IN && r.values && r.values.length > 0) labels[r.key] = r.values[0];
    if (r.operator === SelectorOperator.EXISTS) labels[r.key] = labels[r.key] ?? 'dns';
  }
  return labels;
}

function isDnsPod(e: ClusterEndpoint, dns: Pick<DnsTarget, 'namespace' | 'selector'>): boolean {
  return e.namespace === dns.namespace && dns.selector.matches(e.labels);
}

/** Whether an ipBlock is aimed at the link-local range and reaches NodeLocal DNSCache. */
function reachesNodeLocalDns(peer: Peer): boolean {
  const block = parseIpBlock(peer.ipBlock!);
  return block !== undefined && rangeWithin(block.cidr, LINK_LOCAL) && ipBlockCovers(block, NODE_LOCAL_DNS);
}

/** Whether a peer of a policy in `policyNs` reaches the DNS pod. */
function reachesDns(ctx: LintContext, peer: Peer, policyNs: string, pod: ClusterEndpoint): boolean {
  if (peer.kind === PeerKind.IP_BLOCK) {
    if (reachesNodeLocalDns(peer)) return true;
    // Without the DNS pods' IPs any ipBlock may cover them, unless the plugin never matches pods by IP.
    if (pod.addresses.length === 0) return ctx.evaluation.ipBlockMatchesPods;
  }
  return ctx.peerMatches(peer, policyNs, pod);
}

/** Whether egress rules of the policy allow the DNS port (by number or by name, as each DNS pod declares it) to every DNS pod. */
function allowsDns(ctx: LintContext, policy: NetworkPolicyModel, dns: DnsTarget, port: Port): boolean {
  if (!policy.isolatesEgress) return false; // egress rules of a policy without Egress in policyTypes do not apply
  const ns = policyNamespace(policy);
  return dns.pods.every((pod) => {
    const wanted = portEntrySet(port, pod);
    return !wanted.isEmpty && policy.egress.some((rule) =>
      rule.peers.some((peer) => reachesDns(ctx, peer, ns, pod)) && wanted.isSubsetOf(rulePortSet(rule, pod)));
  });
}

/** `dns-blocked`: egress is isolated and no policy allows DNS (UDP, and TCP, 53 by default) for the pods. */
export const dnsBlocked: LintCheck = {
  id: ID,
  run(ctx) {
    const dns = dnsTarget(ctx);
    const out: LintFinding[] = [];
    // The policies of each namespace that allow DNS on each DNS port: computed once, not once per policy.
    const allowingIn = new Map<string, LintPolicy[]>();
    const allowingDns = (ns: string, index: number, port: Port): LintPolicy[] => {
      const key = `${index} ${ns}`;
      let allowing = allowingIn.get(key);
      if (!allowing) allowingIn.set(key, allowing = ctx.policiesIn(ns).filter((p) => allowsDns(ctx, p.policy, dns, port)));
      return allowing;
    };
    for (const target of ctx.policies) {
      const policy = target.policy;
      if (!policy.isolatesEgress) continue;
      const ns = policyNamespace(policy);
      const pods = ctx.selectedBy(policy).filter((e) => !isDnsPod(e, dns));
      for (const [index, port] of dns.ports.entries()) {
        const missing = lacking(ctx, target, allowingDns(ns, index, port), pods);
        if (missing === undefined) continue;
        const who = missing.length > 0 ? missing.map(describeWorkload).join(', ') : `the pods ${describeSelector(policy.podSelector)} of namespace ${ns}`;
        const where = `the DNS pods (${describeSelector(dns.selector)} in namespace ${dns.namespace})`;
        const allowed = dns.ports.slice(0, index).join(' and ');
        let message: string;
        if (index === 0) {
          message = `this policy isolates egress of ${who}, and no policy that selects them allows DNS (${port}) to ${where}: every name lookup will time out. ` +
            `Add an egress rule to ${where} on ${dns.ports.join(' and ')} (one peer with both namespaceSelector and podSelector), or use DenyAllByDefault, which allows DNS.`;
        } else if (port.protocol === Protocol.TCP && dns.ports[0].protocol === Protocol.UDP) {
          message = `this policy isolates egress of ${who}, and DNS is allowed over ${allowed} but not ${port}: answers too large for UDP are retried over TCP and fail. Also allow ${port} to ${where}.`;
        } else {
          message = `this policy isolates egress of ${who}, and DNS is allowed over ${allowed} but not ${port}. Also allow ${port} to ${where}.`;
        }
        const ipHint = !ctx.evaluation.ipBlockMatchesPods && policy.egress.some((r) => r.peers.some((p) => p.kind === PeerKind.IP_BLOCK))
          ? ` (On ${ctx.profile!.displayName} an ipBlock never reaches the DNS pods.)`
          : '';
        out.push(ctx.finding(ID, target, 'spec.policyTypes', message + ipHint));
        break; // one finding per policy: the UDP one says to allow both
      }
    }
    return out;
  },
};

/**
 * The selected pods that no policy allows DNS (empty array: the pods are not known, and no policy
 * covering the selector allows it), or undefined when DNS is allowed. `allowing` are the policies of
 * the namespace that allow DNS on the port in question.
 */
function lacking(ctx: LintContext, target: LintPolicy, allowing: LintPolicy[], pods: ClusterEndpoint[]): ClusterEndpoint[] | undefined {
  if (pods.length > 0) {
    const missing = pods.filter((pod) => !allowing.some((p) => policySelects(p.policy, pod)));
    return missing.length > 0 ? missing : undefined;
  }
  if (ctx.matchedBySelector(target.policy).length > 0) return undefined; // only DNS or hostNetwork pods selected
  const covered = allowing.some((p) => selectorCovers(p.policy.podSelector, target.policy.podSelector));
  return covered ? undefined : [];
}
