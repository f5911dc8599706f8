import { NetworkPolicyModel } from './network-policy-model';
import { PolicyRule } from './policy-rule';
import { Port } from './port';

/** `apiVersion` of the NetworkPolicies this library writes. */
export const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';

/**
 * The policy as a `networking.k8s.io/v1` NetworkPolicy manifest (plain JSON).
 *
 * `policyTypes` is always written, and every port carries its protocol.
 */
export function emitNetworkPolicy(policy: NetworkPolicyModel): any {
  const metadata: any = { name: policy.name };
  if (policy.namespace !== undefined) metadata.namespace = policy.namespace;
  if (Object.keys(policy.labels).length > 0) metadata.labels = { ...policy.labels };
  if (Object.keys(policy.annotations).length > 0) metadata.annotations = { ...policy.annotations };
  return {
    apiVersion: NETWORK_POLICY_API_VERSION,
    kind: 'NetworkPolicy',
    metadata,
    spec: emitNetworkPolicySpec(policy),
  };
}

/** The `spec` of the policy's manifest. */
export function emitNetworkPolicySpec(policy: NetworkPolicyModel): any {
  const spec: any = { podSelector: policy.podSelector.toJson(), policyTypes: [...policy.policyTypes] };
  if (policy.ingress.length > 0) spec.ingress = policy.ingress.map((r) => emitRule(r, 'from'));
  if (policy.egress.length > 0) spec.egress = policy.egress.map((r) => emitRule(r, 'to'));
  return spec;
}

function emitRule(rule: PolicyRule, peersField: 'from' | 'to'): any {
  const json: any = {};
  if (!rule.allowsAnyPeer) json[peersField] = rule.peers.map((p) => p.toJson());
  if (!rule.allowsAnyPort) json.ports = rule.ports.map(emitPort);
  return json;
}

function emitPort(port: Port): any {
  const json: any = { protocol: port.protocol };
  if (port.name !== undefined) json.port = port.name;
  else if (port.portNumber !== undefined) json.port = port.portNumber;
  if (port.endPort !== undefined) json.endPort = port.endPort;
  return json;
}
