import { CniProfileProps } from '../cni-profile';
import { Feature } from '../feature';
import { SupportLevel } from '../support-level';
import { AWS_ANP_ISSUE, AWS_CNP, AWS_ROADMAP } from './admin-api-sources';
import { hostNetworkIgnored, noDialectRows, row } from './support';

const EKS_GUIDE = 'https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html';
const AGENT_TYPES = 'aws/aws-network-policy-agent:api/v1alpha1/policyendpoints_types.go';

/** Amazon VPC CNI >= 1.14 with its network policy agent (EKS). */
export const AWS_VPC_CNI: CniProfileProps = {
  name: 'aws-vpc-cni',
  aliases: ['eks', 'aws'],
  displayName: 'Amazon VPC CNI >= 1.14 with the network policy agent (EKS)',
  versions: 'Amazon VPC CNI 1.14 or later, network policy enabled, EKS 1.25 or later, EC2 Linux nodes',
  enforcesPolicy: true,
  enforcementSources: [EKS_GUIDE],
  caveats: [
    'Enforcement is opt-in (enableNetworkPolicy), on EC2 Linux nodes only: not on Fargate or Windows nodes.',
    'A cluster enforces IPv4 or IPv6 rules, not both: rules of the other family are ignored.',
    'For Services, the service port must equal the container port; with named ports, use the same name in the Service.',
  ],
  requiresOwnerReferences: true,
  maxPortProtocolCombinations: 24,
  limitSources: [
    `${EKS_GUIDE} ("Network policies are only applied to Pods that are part of a Deployment. Standalone Pods that don't have a metadata.ownerReferences set can't have network policies applied to them")`,
    `${EKS_GUIDE} (at most 24 unique port/protocol combinations per ingress or egress selector; newer revisions: per CIDR, counted across all policies)`,
  ],
  features: [
    row(Feature.INGRESS, SupportLevel.ENFORCED, 'enforced by eBPF programs on the pod\'s host veth', [EKS_GUIDE]),
    row(Feature.EGRESS, SupportLevel.ENFORCED, 'enforced by eBPF programs on the pod\'s host veth', [EKS_GUIDE]),
    row(Feature.IP_BLOCK_EXCEPT, SupportLevel.ENFORCED, 'except CIDRs are carried to the agent', [AGENT_TYPES]),
    row(Feature.IP_BLOCK_POD_IPS, SupportLevel.ENFORCED, 'every peer is resolved to CIDRs and matched by address, so an ipBlock covering pod IPs matches pods',
      [EKS_GUIDE], false),
    row(Feature.NAMED_PORTS, SupportLevel.ENFORCED, 'supported; the Service port must equal the container port and carry the same name', [EKS_GUIDE]),
    row(Feature.END_PORT, SupportLevel.ENFORCED, 'port ranges are carried to the agent', [AGENT_TYPES]),
    row(Feature.SCTP, SupportLevel.ENFORCED, 'the eBPF programs parse SCTP', ['aws/aws-network-policy-agent:pkg/ebpf/c/tc.v4ingress.bpf.c (IPPROTO_SCTP)'], false),
    hostNetworkIgnored(['https://github.com/aws/aws-network-policy-agent#readme (programs attach to the pod\'s host veth; hostNetwork pods have none)'], false),
    row(Feature.ADMIN_NETWORK_POLICY, SupportLevel.IGNORED,
      'not implemented: the request was closed in favour of an open EKS roadmap item; every AdminNetworkPolicy is ignored', [AWS_ANP_ISSUE, AWS_ROADMAP]),
    row(Feature.BASELINE_ADMIN_NETWORK_POLICY, SupportLevel.IGNORED,
      'not implemented: the request was closed in favour of an open EKS roadmap item; the BaselineAdminNetworkPolicy is ignored', [AWS_ANP_ISSUE, AWS_ROADMAP]),
    row(Feature.CLUSTER_NETWORK_POLICY, SupportLevel.UNKNOWN,
      'the network policy agent gained a ClusterNetworkPolicy with Admin and Baseline tiers (Dec 2025), which EKS documents in its own API group networking.k8s.aws/v1alpha1 from VPC CNI v1.21.1; whether policy.networking.k8s.io/v1alpha2 objects are enforced is not documented: check your version, or write the AWS kind',
      [AWS_CNP, AWS_ROADMAP]),
    ...noDialectRows('The VPC CNI network policy agent'),
  ],
};
