import { k8s } from 'cdk8s-plus-29';

/**
 * The typed form that `k8s.KubeNetworkPolicy` expects, from a manifest's plain `spec`.
 *
 * The generated L1 reads `port` as an IntOrString object: a plain number there is dropped
 * without a word, so every port is wrapped here.
 */
export function toKubeNetworkPolicySpec(spec: any): k8s.NetworkPolicySpec {
  const wrapRules = (rules: any[] | undefined) => rules?.map((rule) => ({
    ...rule,
    ports: rule.ports?.map((p: any) => ({ ...p, port: wrapPort(p.port) })),
  }));
  return { ...spec, ingress: wrapRules(spec.ingress), egress: wrapRules(spec.egress) };
}

function wrapPort(port: unknown): k8s.IntOrString | undefined {
  if (typeof port === 'number') return k8s.IntOrString.fromNumber(port);
  if (typeof port === 'string') return k8s.IntOrString.fromString(port);
  return undefined;
}
