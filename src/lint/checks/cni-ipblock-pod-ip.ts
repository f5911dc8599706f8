import { LintCheck } from './lint-check';
import { unsupported } from './support-wording';
import { AddressBlock, ipBlockReaches, parseAddressBlock } from '../address-block';
import { EGRESS, INGRESS, LintContext, peerField, rulesOf } from '../lint-context';
import { LintFinding } from '../lint-finding';
import { PeerKind } from '../../model/peer';
import { Feature } from '../../profiles/feature';
import { SupportLevel } from '../../profiles/support-level';

const ID = 'cni-ipblock-pod-ip';

/** Where pods may have addresses when nothing else is known: the private and shared ranges. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];

/** The pod address ranges to test ipBlocks against, and where they come from. */
function podRanges(ctx: LintContext): { ranges: Array<{ text: string; block: AddressBlock }>; origin: string } {
  const parse = (texts: string[]) => texts
    .map((text) => ({ text, block: parseAddressBlock(text) }))
    .filter((r): r is { text: string; block: AddressBlock } => r.block !== undefined);
  if (ctx.options.podCidrs && ctx.options.podCidrs.length > 0) return { ranges: parse(ctx.options.podCidrs), origin: 'the pod CIDR' };
  const ips = ctx.workloads.filter((w) => !w.hostNetwork).flatMap((w) => w.podIps ?? []);
  if (ips.length > 0) return { ranges: parse(ips), origin: 'the pod IP' };
  return { ranges: parse(PRIVATE_RANGES), origin: 'the private range (where pod CIDRs usually are; pass --pod-cidr to be precise)' };
}

/** `cni-ipblock-pod-ip`: an ipBlock covering pod addresses, on a plugin that never matches pods by IP. */
export const cniIpBlockPodIp: LintCheck = {
  id: ID,
  run(ctx) {
    const support = unsupported(ctx, Feature.IP_BLOCK_POD_IPS);
    if (!support || support.level !== SupportLevel.IGNORED) return [];
    const { ranges, origin } = podRanges(ctx);
    const out: LintFinding[] = [];
    for (const target of ctx.policies) {
      for (const direction of [INGRESS, EGRESS]) {
        for (const { rule, field } of rulesOf(target.policy, direction)) {
          rule.peers.forEach((peer, k) => {
            if (peer.kind !== PeerKind.IP_BLOCK) return;
            const hit = ranges.find((r) => ipBlockReaches(peer.ipBlock!.cidr, peer.ipBlock!.except, r.block));
            if (!hit) return;
            const side = direction.name === 'ingress' ? 'from' : 'to';
            out.push(ctx.finding(ID, target, `${peerField(field, direction, k)}.ipBlock`,
              `the ipBlock ${peer.toString()} covers ${origin} ${hit.text}, but on ${ctx.profile!.displayName} ${support.note}. ` +
              `Traffic ${side} pods in that range is not allowed by this rule. If pods are meant, use a namespaceSelector/podSelector peer; ` +
              'if only addresses outside the cluster are meant, add the pod CIDR to except to say so.'));
          });
        }
      }
    }
    return out;
  },
};
