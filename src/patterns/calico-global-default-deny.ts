import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterDnsOptions } from './cluster-dns-options';
import { dnsAllowances, kebabName } from './pattern-support';
import { TrafficDirection } from './traffic-direction';
import { DialectObject } from '../constructs/dialect-object';
import { CalicoOptions, resolveCalicoOptions } from '../dialects/calico/calico-options';
import { CALICO_API_VERSION, calicoEntityOfPeer, calicoNamespaceNamesSelector, CalicoScope, emitCalicoGlobalNetworkPolicy } from '../dialects/calico/emit-calico';
import { validateCalicoManifest } from '../dialects/calico/validate-calico';
import { PolicyType } from '../model/policy-type';

/** The namespaces the Calico docs leave out of a cluster-wide default deny. */
export const CALICO_SYSTEM_NAMESPACES = ['kube-system', 'calico-system', 'tigera-system'];

/**
 * Properties of `CalicoGlobalDefaultDeny`.
 */
export interface CalicoGlobalDefaultDenyProps {
  /**
   * More namespaces to leave out (besides kube-system, calico-system and tigera-system), such as
   * `calico-apiserver` or your ingress controller's.
   * @default - none
   */
  readonly excludeNamespaces?: string[];
  /**
   * The directions to deny.
   * @default TrafficDirection.BOTH
   */
  readonly direction?: TrafficDirection;
  /**
   * Where the cluster DNS is; egress to it stays allowed (UDP and TCP 53 to kube-dns).
   * @default - CoreDNS / kube-dns: pods `k8s-app=kube-dns` in `kube-system`, UDP and TCP 53
   */
  readonly dns?: ClusterDnsOptions;
  /**
   * Keep DNS working when egress is denied.
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * Metadata of the GlobalNetworkPolicy (`name`, `labels`).
   * @default - the name is the construct id in kebab-case
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The Calico release and edition, order and tier.
   * @default - Calico Open Source 3.27, order 1000
   */
  readonly calico?: CalicoOptions;
}

/**
 * The Calico docs' cluster-wide default deny, in one `GlobalNetworkPolicy`: every pod of every
 * namespace except kube-system, calico-system, tigera-system and those you add is isolated for
 * ingress and egress (or one of them), so that only what other policies allow may flow. Egress to
 * the cluster DNS (UDP and TCP 53 to kube-dns) stays allowed unless `allowDns: false`.
 *
 * Namespaces created later are covered too: that is the point of it. A namespaced v1 policy cannot
 * say this; applying `projectcalico.org/v3` objects needs the Calico API server (or `calicoctl`).
 */
export class CalicoGlobalDefaultDeny extends Construct {
  /** The L1 object. */
  public readonly apiObject: ApiObject;
  /** The namespaces left out. */
  public readonly excludedNamespaces: string[];

  public constructor(scope: Construct, id: string, props: CalicoGlobalDefaultDenyProps = {}) {
    super(scope, id);
    const options = props.calico ?? {};
    resolveCalicoOptions(options);
    const extra = props.excludeNamespaces ?? [];
    extra.forEach((n, i) => {
      if (typeof n !== 'string' || n === '') throw new Error(`${this.node.path}: excludeNamespaces[${i}] must be a namespace name, got ${JSON.stringify(n)}`);
    });
    this.excludedNamespaces = [...new Set([...CALICO_SYSTEM_NAMESPACES, ...extra])];
    const direction = props.direction ?? TrafficDirection.BOTH;
    const denyEgress = direction !== TrafficDirection.INGRESS;
    if (!denyEgress && (props.allowDns !== undefined || props.dns !== undefined)) {
      throw new Error(`${this.node.path}: allowDns and dns apply only when egress is denied, and direction is ${direction}: remove them, or deny egress too`);
    }
    const types = [
      ...(direction !== TrafficDirection.EGRESS ? [PolicyType.INGRESS] : []),
      ...(denyEgress ? [PolicyType.EGRESS] : []),
    ];
    const resolved = resolveCalicoOptions(options);
    const dns = denyEgress ? dnsAllowances(this, props.allowDns, props.dns) : [];
    const name = props.metadata?.name ?? kebabName(id);
    this.apiObject = new DialectObject(this, 'Resource', {
      apiVersion: CALICO_API_VERSION,
      kind: 'GlobalNetworkPolicy',
      metadata: { ...props.metadata, name, namespace: undefined },
      clusterScoped: true,
      produce: (metadata) => {
        const emitted = emitCalicoGlobalNetworkPolicy({
          name,
          namespaceSelector: calicoNamespaceNamesSelector(this.excludedNamespaces, options, true),
          policyTypes: types,
          egress: dns.map((d) => ({ entities: [calicoEntityOfPeer(d.peer, CalicoScope.GLOBAL, resolved)], ports: d.ports })),
        }, options);
        return { metadata: { ...metadata, name: emitted.metadata.name }, spec: emitted.spec };
      },
    });
    this.node.addValidation({ validate: () => validateCalicoManifest(this.apiObject.toJson(), options).map((e) => e.message) });
  }
}
