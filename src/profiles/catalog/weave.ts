import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { WEAVE_PREDATES } from './admin-api-sources';
import { hostNetworkIgnored, noDialectRows, row } from './support';

const NPC = 'https://github.com/weaveworks/weave/tree/master/npc';

/** Weave Net 2.8 (unmaintained: last tag v2.8.1, Jan 2021). */
export const WEAVE: CniProfileProps = {
  name: 'weave',
  aliases: ['weave-net'],
  displayName: 'Weave Net 2.8',
  versions: 'Weave Net 2.8.1 (unmaintained since 2021)',
  enforcesPolicy: true,
  enforcementSources: [NPC],
  features: [
    row(Feature.INGRESS, SupportLevel.ENFORCED, 'enforced by weave-npc', [NPC]),
    row(Feature.EGRESS, SupportLevel.ENFORCED, 'enforced by weave-npc', [NPC]),
    row(Feature.IP_BLOCK_EXCEPT, SupportLevel.ENFORCED, 'except CIDRs are honoured', ['weaveworks/weave:npc/ipblock.go']),
    row(Feature.IP_BLOCK_POD_IPS, SupportLevel.UNKNOWN, 'not documented', []),
    row(Feature.NAMED_PORTS, SupportLevel.POLICY_DROPPED,
      'weave-npc logs "named ports in network policies is not supported yet" and rejects the whole policy: none of its rules apply (fail-open); use numeric ports',
      ['weaveworks/weave:npc/analyser.go']),
    row(Feature.END_PORT, SupportLevel.IGNORED,
      'weave-npc is built against k8s.io/api v0.18.6, older than endPort (Kubernetes 1.21): the field is dropped on decode and only the first port of the range is allowed; list the ports one by one',
      ['weaveworks/weave:go.mod (k8s.io/api v0.18.6)'], false),
    row(Feature.SCTP, SupportLevel.UNKNOWN, 'not documented', []),
    hostNetworkIgnored([], false),
    ...[Feature.ADMIN_NETWORK_POLICY, Feature.BASELINE_ADMIN_NETWORK_POLICY, Feature.CLUSTER_NETWORK_POLICY].map((f) => row(f, SupportLevel.IGNORED,
      `Weave Net's last release is older than the API: every ${f} is ignored`, [WEAVE_PREDATES], false)),
    ...noDialectRows('Weave Net'),
  ],
};
