import { LintCheck } from './lint-check';
import { contains, ipBlockReaches, parseAddressBlock } from '../address-block';
import { describeWorkload, LintContext, namespaceOf, workloadNamespace } from '../lint-context';
import { LintFinding } from '../lint-finding';
import { LintPolicy, LintWorkload } from '../lint-inputs';
import { portAllows } from '../port-coverage';
import { selectorCovers } from '../selector-coverage';
import { LabelSelector } from '../../model/label-selector';
import { NetworkPolicyModel } from '../../model/network-policy-model';
import { describeSelector, PeerKind } from '../../model/peer';
import { Protocol } from '../../model/protocol';
import { Feature } from '../../profiles/feature';
import { SupportLevel } from '../../profiles/support-level';

const ID = 'dns-blocked';

/** NodeLocal DNSCache's usual link-local address: an ipBlock aimed at it is a DNS allowance on any plugin. */
const NODE_LOCAL_DNS = parseAddressBlock('169.254.20.10/32')!;
const LINK_LOCAL = parseAddressBlock('169.254.0.0/16')!;

/** Whether an ipBlock is aimed at the link-local range and reaches NodeLocal DNSCache. */
function reachesNodeLocalDns(cidr: string, except: string[]): boolean {
  const block = parseAddressBlock(cidr);
  return block !== undefined && contains(LINK_LOCAL, block) && ipBlockReaches(cidr, except, NODE_LOCAL_DNS);
}

/** The cluster DNS pods as the check looks for them. */
interface DnsTarget {
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  /** Port names of the DNS pods, per protocol (CoreDNS: dns / dns-tcp). */
  readonly names: { [protocol: string]: string[] };
}

function dnsTarget(ctx: LintContext): DnsTarget {
  const namespace = ctx.options.dnsNamespace ?? 'kube-system';
  const labels = ctx.options.dnsPodLabels ?? { 'k8s-app': 'kube-dns' };
  const names: { [protocol: string]: string[] } = { [Protocol.UDP]: ['dns'], [Protocol.TCP]: ['dns-tcp'] };
  // The DNS pods of the input, if any, say what their ports are called.
  for (const w of ctx.workloads) {
    if (workloadNamespace(w) !== namespace || !Object.entries(labels).every(([k, v]) => w.labels[k] === v)) continue;
    for (const p of w.ports ?? []) if (p.number === 53 && p.name) names[p.protocol] = [...(names[p.protocol] ?? []), p.name];
  }
  return { namespace, labels, names };
}

/** Whether some egress rule of the policy allows DNS over `protocol` to the DNS pods. */
function allowsDns(ctx: LintContext, policy: NetworkPolicyModel, dns: DnsTarget, protocol: Protocol): boolean {
  if (!policy.isolatesEgress) return false; // egress rules of a policy without Egress in policyTypes do not apply
  const ipBlocksMatchPods = ctx.profile?.level(Feature.IP_BLOCK_POD_IPS) !== SupportLevel.IGNORED;
  const ns = namespaceOf(policy);
  return policy.egress.some((rule) => {
    const peerOk = rule.peers.some((peer) => {
      if (peer.kind === PeerKind.IP_BLOCK) {
        // The DNS pods' IPs are unknown here: any ipBlock may cover them, unless the plugin never matches pods by IP.
        return ipBlocksMatchPods || reachesNodeLocalDns(peer.ipBlock!.cidr, peer.ipBlock!.except);
      }
      return ctx.peerMatchesPod(peer, ns, dns.namespace, dns.labels);
    });
    return peerOk && rule.ports.some((port) => portAllows(port, protocol, 53, dns.names[protocol] ?? []));
  });
}

function isDnsPod(w: LintWorkload, dns: DnsTarget): boolean {
  return workloadNamespace(w) === dns.namespace && Object.entries(dns.labels).every(([k, v]) => w.labels[k] === v);
}

/** `dns-blocked`: egress is isolated and no policy allows DNS (UDP, and TCP, 53) for the pods. */
export const dnsBlocked: LintCheck = {
  id: ID,
  run(ctx) {
    const dns = dnsTarget(ctx);
    const out: LintFinding[] = [];
    for (const target of ctx.policies) {
      const policy = target.policy;
      if (!policy.isolatesEgress) continue;
      const ns = namespaceOf(policy);
      const sameNs = ctx.policies.filter((p) => namespaceOf(p.policy) === ns);
      const pods = ctx.selectedBy(policy).filter((w) => !w.hostNetwork && !isDnsPod(w, dns));
      for (const protocol of [Protocol.UDP, Protocol.TCP]) {
        const missing = lacking(ctx, target, sameNs, pods, dns, protocol);
        if (missing === undefined) continue;
        const who = missing.length > 0 ? missing.map(describeWorkload).join(', ') : `the pods ${describeSelector(policy.podSelector)} of namespace ${ns}`;
        const where = `the DNS pods (${describeSelector(LabelSelector.labels(dns.labels))} in namespace ${dns.namespace})`;
        const message = protocol === Protocol.UDP
          ? `this policy isolates egress of ${who}, and no policy that selects them allows DNS (UDP 53) to ${where}: every name lookup will time out. ` +
            `Add an egress rule to ${where} on UDP 53 and TCP 53 (one peer with both namespaceSelector and podSelector), or use DenyAllByDefault, which allows DNS.`
          : `this policy isolates egress of ${who}, and DNS is allowed over UDP 53 but not TCP 53: answers too large for UDP are retried over TCP and fail. Also allow TCP 53 to ${where}.`;
        const ipHint = ctx.profile?.level(Feature.IP_BLOCK_POD_IPS) === SupportLevel.IGNORED && policy.egress.some((r) => r.peers.some((p) => p.kind === PeerKind.IP_BLOCK))
          ? ` (On ${ctx.profile.displayName} an ipBlock never reaches the DNS pods.)`
          : '';
        out.push(ctx.finding(ID, target, 'spec.policyTypes', message + ipHint));
        break; // one finding per policy: the UDP one says to allow both
      }
    }
    return out;
  },
};

/**
 * The selected pods that no policy allows DNS over `protocol` (empty array: the pods are not
 * known, and no policy covering the selector allows it), or undefined when DNS is allowed.
 */
function lacking(ctx: LintContext, target: LintPolicy, sameNs: LintPolicy[], pods: LintWorkload[], dns: DnsTarget, protocol: Protocol): LintWorkload[] | undefined {
  if (pods.length > 0) {
    const missing = pods.filter((w) => !sameNs.some((p) => p.policy.podSelector.matches(w.labels) && allowsDns(ctx, p.policy, dns, protocol)));
    return missing.length > 0 ? missing : undefined;
  }
  if (ctx.selectedBy(target.policy).length > 0) return undefined; // only DNS or hostNetwork pods selected
  const covered = sameNs.some((p) => selectorCovers(p.policy.podSelector, target.policy.podSelector) && allowsDns(ctx, p.policy, dns, protocol));
  return covered ? undefined : [];
}
