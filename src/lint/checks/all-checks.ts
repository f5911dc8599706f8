import { cniEndPort } from './cni-endport';
import { cniHostNetwork } from './cni-host-network';
import { cniIpBlockPodIp } from './cni-ipblock-pod-ip';
import { cniNamedPort } from './cni-named-port';
import { cniNoEnforcement } from './cni-no-enforcement';
import { cniPortLimit } from './cni-port-limit';
import { cniSctp } from './cni-sctp';
import { cniStandalonePod } from './cni-standalone-pod';
import { dnsBlocked } from './dns-blocked';
import { exposedWorkload } from './exposed-workload';
import { implicitEgress } from './implicit-egress';
import { LintCheck } from './lint-check';
import { orPeer } from './or-peer';
import { redundantRule } from './redundant-rule';
import { selectsNothing } from './selects-nothing';
import { unusedNamedPort } from './unused-named-port';

/** Every check, in the order findings are reported (internal). */
export const ALL_CHECKS: readonly LintCheck[] = [
  cniNoEnforcement, cniNamedPort, cniEndPort, cniSctp, cniIpBlockPodIp, cniStandalonePod, cniPortLimit, cniHostNetwork,
  dnsBlocked, orPeer, selectsNothing, unusedNamedPort, redundantRule, implicitEgress, exposedWorkload,
];
