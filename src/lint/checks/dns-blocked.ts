import { LintCheck } from './lint-check';
import { ipBlockCovers, parseAddressRange, parseIpBlock, rangeWithin } from '../../analysis/address-range';
import { ClusterEndpoint, ClusterModel } from '../../analysis/cluster-model';
import { policyNamespace, policySelects, rulePortSet } from '../../analysis/policy-semantics';
import { LabelSelector } from '../../model/label-selector';
import { NetworkPolicyModel } from '../../model/network-policy-model';
import { describeSelector, Peer, PeerKind } from '../../model/peer';
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
  readonly labels: { [key: string]: string };
  /**
   * The DNS pods of the input; when it has none, one pod standing for CoreDNS (ports 53 named
   * `dns` over UDP and `dns-tcp` over TCP).
   */
  readonly pods: ClusterEndpoint[];
}

function dnsTarget(ctx: LintContext): DnsTarget {
  const namespace = ctx.options.dnsNamespace ?? 'kube-system';
  const labels = ctx.options.dnsPodLabels ?? { 'k8s-app': 'kube-dns' };
  const target = { namespace, labels, pods: [] };
  const pods = ctx.endpoints.filter((e) => isDnsPod(e, target));
  return { ...target, pods: pods.length > 0 ? pods : [coreDns(namespace, labels)] };
}

function coreDns(namespace: string, labels: { [key: string]: string }): ClusterEndpoint {
  return new ClusterModel().addWorkload({
    namespace,
    name: 'coredns',
    kind: 'Deployment',
    labels,
    containerPorts: [{ port: 53, protocol: Protocol.UDP, name: 'dns' }, { port: 53, protocol: Protocol.TCP, name: 'dns-tcp' }],
  })!;
}

function isDnsPod(e: ClusterEndpoint, dns: DnsTarget): boolean {
  return e.namespace === dns.namespace && LabelSelector.labels(dns.labels).matches(e.labels);
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

/** Whether egress rules of the policy allow DNS over `protocol` (port 53, by number or by name) to every DNS pod. */
function allowsDns(ctx: LintContext, policy: NetworkPolicyModel, dns: DnsTarget, protocol: Protocol): boolean {
  if (!policy.isolatesEgress) return false; // egress rules of a policy without Egress in policyTypes do not apply
  const ns = policyNamespace(policy);
  return dns.pods.every((pod) => policy.egress.some((rule) =>
    rule.peers.some((peer) => reachesDns(ctx, peer, ns, pod)) && rulePortSet(rule, pod).has(protocol, 53)));
}

/** `dns-blocked`: egress is isolated and no policy allows DNS (UDP, and TCP, 53) for the pods. */
export const dnsBlocked: LintCheck = {
  id: ID,
  run(ctx) {
    const dns = dnsTarget(ctx);
    const out: LintFinding[] = [];
    // The policies of each namespace that allow DNS over each protocol: computed once, not once per policy.
    const allowingIn = new Map<string, LintPolicy[]>();
    const allowingDns = (ns: string, protocol: Protocol): LintPolicy[] => {
      const key = `${protocol} ${ns}`;
      let allowing = allowingIn.get(key);
      if (!allowing) allowingIn.set(key, allowing = ctx.policiesIn(ns).filter((p) => allowsDns(ctx, p.policy, dns, protocol)));
      return allowing;
    };
    for (const target of ctx.policies) {
      const policy = target.policy;
      if (!policy.isolatesEgress) continue;
      const ns = policyNamespace(policy);
      const pods = ctx.selectedBy(policy).filter((e) => !isDnsPod(e, dns));
      for (const protocol of [Protocol.UDP, Protocol.TCP]) {
        const missing = lacking(ctx, target, allowingDns(ns, protocol), pods);
        if (missing === undefined) continue;
        const who = missing.length > 0 ? missing.map(describeWorkload).join(', ') : `the pods ${describeSelector(policy.podSelector)} of namespace ${ns}`;
        const where = `the DNS pods (${describeSelector(LabelSelector.labels(dns.labels))} in namespace ${dns.namespace})`;
        const message = protocol === Protocol.UDP
          ? `this policy isolates egress of ${who}, and no policy that selects them allows DNS (UDP 53) to ${where}: every name lookup will time out. ` +
            `Add an egress rule to ${where} on UDP 53 and TCP 53 (one peer with both namespaceSelector and podSelector), or use DenyAllByDefault, which allows DNS.`
          : `this policy isolates egress of ${who}, and DNS is allowed over UDP 53 but not TCP 53: answers too large for UDP are retried over TCP and fail. Also allow TCP 53 to ${where}.`;
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
 * the namespace that allow DNS over the protocol in question.
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
