import { CniProfileProps } from '../cni-profile';
import { ALL_FEATURES } from '../feature';
import { SupportLevel } from '../support-level';
import { row } from './support';

const README = 'https://github.com/flannel-io/flannel#readme ("flanneld does not natively enforce Network Policies")';

/** Flannel alone: networking only, no policy enforcement. */
export const FLANNEL: CniProfileProps = {
  name: 'flannel',
  displayName: 'Flannel (no policy controller)',
  versions: 'Flannel without a policy controller (e.g. K3s started with --disable-network-policy, or a plain Flannel install)',
  enforcesPolicy: false,
  enforcementSources: [README, 'https://github.com/k3s-io/k3s/issues/445', 'https://github.com/flannel-io/flannel/issues/2183'],
  caveats: [
    'The API server accepts NetworkPolicy objects and nothing enforces them: every pod stays open.',
    'Flannel >= 0.25.5 can deploy kubernetes-sigs/kube-network-policies with the Helm value netpol.enabled (flannel-io/flannel:Documentation/netpol.md); with it, this profile does not apply.',
  ],
  features: ALL_FEATURES.map((f) => row(f, SupportLevel.IGNORED, 'Flannel enforces no NetworkPolicy at all', [README])),
};
