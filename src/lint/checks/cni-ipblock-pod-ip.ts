import { LintCheck } from './lint-check';
import { unsupported } from './support-wording';
import { AddressRange, formatAddressRange, parseIpBlock } from '../../analysis/address-range';
import { PeerKind } from '../../model/peer';
import { Feature } from '../../profiles/feature';
import { SupportLevel } from '../../profiles/support-level';
import { ipBlockReaches, parseAddressBlock } from '../address-block';
import { allRules, LintContext, peerField } from '../lint-context';
import { LintFinding } from '../lint-finding';

const ID = 'cni-ipblock-pod-ip';

/** Where pods may have addresses when nothing else is known: the private and shared ranges. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];

/** The pod address ranges to test ipBlocks against, and where they come from. */
function podRanges(ctx: LintContext): { ranges: Array<{ text: string; range: AddressRange }>; origin: string } {
  const parse = (texts: string[]) => texts
    .map((text) => ({ text, range: parseAddressBlock(text) }))
    .filter((r): r is { text: string; range: AddressRange } => r.range !== undefined);
  if (ctx.options.podCidrs && ctx.options.podCidrs.length > 0) return { ranges: parse(ctx.options.podCidrs), origin: 'the pod CIDR' };
  const ips = ctx.endpoints.filter((e) => !e.hostNetwork).flatMap((e) => e.addresses);
  if (ips.length > 0) return { ranges: ips.map((range) => ({ text: formatAddressRange(range), range })), origin: 'the pod IP' };
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
    for (const { target, direction, rule, field } of allRules(ctx.policies)) {
      rule.peers.forEach((peer, k) => {
        const block = peer.kind === PeerKind.IP_BLOCK ? parseIpBlock(peer.ipBlock!) : undefined;
        const hit = block && ranges.find((r) => ipBlockReaches(block, r.range));
        if (!hit) return;
        const side = direction.name === 'ingress' ? 'from' : 'to';
        out.push(ctx.finding(ID, target, `${peerField(field, direction, k)}.ipBlock`,
          `the ipBlock ${peer.toString()} covers ${origin} ${hit.text}, but on ${ctx.profile!.displayName} ${support.note}. ` +
          `Traffic ${side} pods in that range is not allowed by this rule. If pods are meant, use a namespaceSelector/podSelector peer; ` +
          'if only addresses outside the cluster are meant, add the pod CIDR to except to say so.'));
      });
    }
    return out;
  },
};
