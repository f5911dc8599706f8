import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { hostNetworkIgnored, noDialectRows, row } from './support';

const NPM = 'Azure/azure-container-networking:docs/npm.md';
const AKS_NP = 'https://learn.microsoft.com/azure/aks/use-network-policies';

/** Azure Network Policy Manager (AKS --network-policy azure). */
export const AZURE_NPM: CniProfileProps = {
  name: 'azure-npm',
  aliases: ['azure'],
  displayName: 'Azure Network Policy Manager (AKS --network-policy azure)',
  versions: 'Azure NPM on Linux nodes (Windows Server 2022 nodes support less)',
  enforcesPolicy: true,
  enforcementSources: [NPM, AKS_NP],
  caveats: ['On Windows nodes NPM supports neither named ports, except CIDRs nor SCTP (Azure/azure-container-networking PRs #1128, #4859).'],
  features: [
    row(Feature.INGRESS, SupportLevel.ENFORCED, 'enforced by iptables and ipsets (Linux)', [NPM]),
    row(Feature.EGRESS, SupportLevel.ENFORCED, 'enforced by iptables and ipsets (Linux)', [NPM]),
    row(Feature.IP_BLOCK_EXCEPT, SupportLevel.ENFORCED, 'on Linux; not on Windows nodes', [NPM, 'https://github.com/Azure/azure-container-networking/pull/4859']),
    row(Feature.IP_BLOCK_POD_IPS, SupportLevel.UNKNOWN, 'not documented', []),
    row(Feature.NAMED_PORTS, SupportLevel.ENFORCED, 'on Linux (earlier versions had bugs with named ports); not on Windows nodes',
      ['https://github.com/Azure/azure-container-networking/pull/1128', 'https://github.com/Azure/AKS/issues/1192']),
    row(Feature.END_PORT, SupportLevel.IGNORED,
      'endPort is ignored: only the first port of the range is allowed ("Current NPM version in production does not support EndPort"); list the ports one by one, or use Cilium',
      ['https://github.com/Azure/AKS/issues/2857', 'https://github.com/Azure/azure-container-networking/issues/2313']),
    row(Feature.SCTP, SupportLevel.UNKNOWN, 'not documented on Linux; unsupported on Windows nodes', ['https://github.com/Azure/azure-container-networking/pull/4859']),
    hostNetworkIgnored([], false),
    row(Feature.ADMIN_NETWORK_POLICY, SupportLevel.UNKNOWN, 'not documented for Azure NPM (no source found either way)', []),
    row(Feature.BASELINE_ADMIN_NETWORK_POLICY, SupportLevel.UNKNOWN, 'not documented for Azure NPM (no source found either way)', []),
    row(Feature.CLUSTER_NETWORK_POLICY, SupportLevel.UNKNOWN, 'not documented for Azure NPM (no source found either way)', []),
    ...noDialectRows('Azure Network Policy Manager'),
  ],
};
