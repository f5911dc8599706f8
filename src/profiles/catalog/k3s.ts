import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { KUBE_ROUTER_NETPOL_ONLY } from './admin-api-sources';
import { hostNetworkIgnored, noDialectRows, row } from './support';

const KUBE_ROUTER_NETPOL = 'https://github.com/cloudnativelabs/kube-router/tree/master/pkg/controllers/netpol';
/** Facts re-measured by `npm run test:lab` (test/lab/e2e-truth-tables.lab.ts, engine-differences.lab.ts). */
const MEASURED = 'measured: kube-router v2.1.0 in the lab (test/lab/e2e-truth-tables.lab.ts)';

/** K3s (v1.29) default: Flannel (vxlan) plus the embedded kube-router network policy controller. */
export const K3S: CniProfileProps = {
  name: 'k3s',
  aliases: ['kube-router', 'k3s-kube-router'],
  displayName: 'K3s (Flannel + embedded kube-router policy controller)',
  versions: 'K3s v1.29 default networking (kube-router netpol library vendored as k3s-io/kube-router v2; exact version for v1.29.3 not known)',
  enforcesPolicy: true,
  enforcementSources: [
    'https://docs.k3s.io/networking/networking-services (embedded network policy controller, kube-router netpol library)',
    'k3s-io/k3s:pkg/agent/netpol/netpol.go (RunFirewall=true)',
  ],
  caveats: [
    'The controller is skipped with only a log warning when ipset is missing (k3s-io/k3s:pkg/agent/netpol/netpol.go), and is off with --disable-network-policy.',
    'Switching the controller off leaves its KUBE-ROUTER iptables rules behind (k3s-io/k3s#7244).',
  ],
  features: [
    row(Feature.INGRESS, SupportLevel.ENFORCED, 'enforced by iptables and ipsets', [KUBE_ROUTER_NETPOL]),
    row(Feature.EGRESS, SupportLevel.ENFORCED, 'enforced by iptables and ipsets', [KUBE_ROUTER_NETPOL]),
    row(Feature.IP_BLOCK_EXCEPT, SupportLevel.ENFORCED,
      'except CIDRs are excluded from the ipset; measured: in a rule with several ipBlocks, one block\'s except removes the address from the others too',
      ['cloudnativelabs/kube-router:pkg/controllers/netpol/policy.go (iterates IPBlock.Except)', MEASURED]),
    row(Feature.IP_BLOCK_POD_IPS, SupportLevel.ENFORCED, 'ipBlocks are ipsets of addresses matched against pod traffic, which is not SNATed inside the cluster',
      ['cloudnativelabs/kube-router:pkg/controllers/netpol/policy.go', MEASURED]),
    row(Feature.NAMED_PORTS, SupportLevel.ENFORCED,
      'resolved per pod since kube-router v0.3.0; before that, a policy with a named port was skipped whole. Measured on v2.1.0: a rule with peers ' +
      'whose only named port resolves on no selected pod allows every port, and an egress rule\'s named ports never match pods reached through an ipBlock',
      ['https://github.com/cloudnativelabs/kube-router/pull/679', 'https://github.com/cloudnativelabs/kube-router/pull/648', MEASURED]),
    row(Feature.END_PORT, SupportLevel.ENFORCED, 'port ranges since kube-router v1.3.0',
      ['https://github.com/cloudnativelabs/kube-router/pull/1080', MEASURED]),
    row(Feature.SCTP, SupportLevel.UNKNOWN, 'the protocol is passed to iptables, but "support for SCTP in network policies" is an open feature request: test it before relying on it',
      ['https://github.com/cloudnativelabs/kube-router/issues/1019']),
    hostNetworkIgnored(['cloudnativelabs/kube-router:pkg/controllers/netpol/utils.go (isNetPolActionable is false for hostNetwork pods)'], true),
    ...[Feature.ADMIN_NETWORK_POLICY, Feature.BASELINE_ADMIN_NETWORK_POLICY, Feature.CLUSTER_NETWORK_POLICY].map((f) => row(f, SupportLevel.IGNORED,
      `kube-router's policy controller reads NetworkPolicies, pods and namespaces only: every ${f} is ignored`, [KUBE_ROUTER_NETPOL_ONLY])),
    ...noDialectRows('K3s\'s embedded kube-router'),
  ],
};
