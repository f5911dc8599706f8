import { ApiObject, ApiObjectMetadata, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CalicoNetworkSet } from './calico-network-set';
import { DialectObject } from './dialect-object';
import { Pods } from './pods';
import { CalicoOptions, resolveCalicoOptions } from '../dialects/calico/calico-options';
import { CALICO_API_VERSION, calicoEntityOfPeer, calicoRules, CalicoScope, emitCalicoNetworkPolicy } from '../dialects/calico/emit-calico';
import { validateCalicoManifest } from '../dialects/calico/validate-calico';
import { describeArgument } from '../model/argument-checks';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { Peer } from '../model/peer';
import { PolicyRule } from '../model/policy-rule';
import { PolicyType } from '../model/policy-type';
import { Port } from '../model/port';
import { RuleAction } from '../model/rule-action';

/**
 * Properties of a `CalicoNetworkPolicy`.
 */
export interface CalicoNetworkPolicyProps {
  /** The pods the policy applies to, in its namespace. */
  readonly selector: Pods;
  /**
   * Metadata of the policy (a Calico policy name has no '.').
   * @default - a name generated from the construct path; the chart's namespace, or else the selected workload's
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Isolate the selected pods for ingress.
   * @default - isolated as soon as an ingress rule is added
   */
  readonly isolateIngress?: boolean;
  /**
   * Isolate the selected pods for egress.
   * @default - isolated as soon as an egress rule is added
   */
  readonly isolateEgress?: boolean;
  /**
   * The Calico release and edition, order and tier.
   * @default - Calico Open Source 3.27, order 1000
   */
  readonly calico?: CalicoOptions;
}

interface Grant {
  readonly action: RuleAction;
  readonly peer?: Peer;
  readonly set?: CalicoNetworkSet;
  readonly ports: Port[];
}

/**
 * A Calico `projectcalico.org/v3` NetworkPolicy: the same typed peers and ports as `NetworkPolicy`,
 * written in Calico's language, plus Calico network sets as peers. Checked at synth with Calico's
 * API server rules (libcalico-go v3.27 validator) for the target release.
 *
 * Rules keep the order of the calls that add them: Calico reads them in that order and the first
 * that matches decides (`deny*` before a wider `allow*` carves out an exception; `pass*` hands the
 * traffic to the next tier, or to the Kubernetes default where there is none). With allows only, the
 * output is the v1 policy's own conversion (the order does not matter then).
 *
 * Applying `projectcalico.org/v3` objects needs the Calico API server (or `calicoctl`).
 */
export class CalicoNetworkPolicy extends Construct {
  /** The L1 object. */
  public readonly apiObject: ApiObject;
  /** The pods the policy applies to. */
  public readonly selector: Pods;
  private readonly ingress: Grant[] = [];
  private readonly egress: Grant[] = [];
  private readonly options: CalicoOptions;
  private readonly isolation: { ingress?: boolean; egress?: boolean };

  public constructor(scope: Construct, id: string, props: CalicoNetworkPolicyProps) {
    super(scope, id);
    if (!(props?.selector instanceof Pods)) {
      throw new TypeError(`${this.node.path}: selector must be Pods (Pods.of(workload), Pods.labels({...}), Pods.all()), got ${describeArgument(props?.selector)}`);
    }
    this.selector = props.selector;
    this.options = props.calico ?? {};
    resolveCalicoOptions(this.options);
    this.isolation = { ingress: props.isolateIngress, egress: props.isolateEgress };
    const namespace = props.metadata?.namespace ?? Chart.of(this).namespace ?? props.selector.namespace;
    this.apiObject = new DialectObject(this, 'Resource', {
      apiVersion: CALICO_API_VERSION,
      kind: 'NetworkPolicy',
      metadata: { ...props.metadata, namespace },
      produce: (metadata) => this.manifest(metadata),
    });
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** Allow traffic from `peer` on the given ports (at least one). */
  public allowIngress(peer: Peer, ...ports: Port[]): void {
    this.ingress.push({ action: RuleAction.ALLOW, peer: this.requirePeer(peer), ports: this.requirePorts('allowIngress', ports) });
  }

  /** Allow traffic to `peer` on the given ports (at least one). */
  public allowEgress(peer: Peer, ...ports: Port[]): void {
    this.egress.push({ action: RuleAction.ALLOW, peer: this.requirePeer(peer), ports: this.requirePorts('allowEgress', ports) });
  }

  /** Deny traffic from `peer` on the given ports, whatever later rules (and policies of higher order) allow. */
  public denyIngress(peer: Peer, ...ports: Port[]): void {
    this.ingress.push({ action: RuleAction.DENY, peer: this.requirePeer(peer), ports: this.requirePorts('denyIngress', ports) });
  }

  /** Deny traffic to `peer` on the given ports, whatever later rules (and policies of higher order) allow. */
  public denyEgress(peer: Peer, ...ports: Port[]): void {
    this.egress.push({ action: RuleAction.DENY, peer: this.requirePeer(peer), ports: this.requirePorts('denyEgress', ports) });
  }

  /** Hand traffic from `peer` on the given ports to the next tier (skipping the rest of this one, NetworkPolicies included). */
  public passIngress(peer: Peer, ...ports: Port[]): void {
    this.ingress.push({ action: RuleAction.PASS, peer: this.requirePeer(peer), ports: this.requirePorts('passIngress', ports) });
  }

  /** Hand traffic to `peer` on the given ports to the next tier (skipping the rest of this one, NetworkPolicies included). */
  public passEgress(peer: Peer, ...ports: Port[]): void {
    this.egress.push({ action: RuleAction.PASS, peer: this.requirePeer(peer), ports: this.requirePorts('passEgress', ports) });
  }

  /** Allow traffic from the addresses of a network set on the given ports. */
  public allowIngressFromNetworkSet(set: CalicoNetworkSet, ...ports: Port[]): void {
    this.ingress.push({ action: RuleAction.ALLOW, set: this.requireSet(set), ports: this.requirePorts('allowIngressFromNetworkSet', ports) });
  }

  /** Allow traffic to the addresses of a network set on the given ports. */
  public allowEgressToNetworkSet(set: CalicoNetworkSet, ...ports: Port[]): void {
    this.egress.push({ action: RuleAction.ALLOW, set: this.requireSet(set), ports: this.requirePorts('allowEgressToNetworkSet', ports) });
  }

  /** Deny traffic to the addresses of a network set on the given ports. */
  public denyEgressToNetworkSet(set: CalicoNetworkSet, ...ports: Port[]): void {
    this.egress.push({ action: RuleAction.DENY, set: this.requireSet(set), ports: this.requirePorts('denyEgressToNetworkSet', ports) });
  }

  private policyTypes(): PolicyType[] {
    const types: PolicyType[] = [];
    if (this.isolation.ingress ?? this.ingress.length > 0) types.push(PolicyType.INGRESS);
    if (this.isolation.egress ?? this.egress.length > 0) types.push(PolicyType.EGRESS);
    return types;
  }

  private manifest(metadata: any): { [key: string]: unknown } {
    if ([...this.ingress, ...this.egress].some((g) => g.action !== RuleAction.ALLOW)) return this.orderedManifest(metadata);
    const model = new NetworkPolicyModel({
      name: metadata.name,
      namespace: metadata.namespace,
      podSelector: this.selector.selector,
      policyTypes: this.policyTypes(),
      ingress: this.ingress.filter((g) => g.peer).map((g) => PolicyRule.of([g.peer!], g.ports)),
      egress: this.egress.filter((g) => g.peer).map((g) => PolicyRule.of([g.peer!], g.ports)),
    });
    const emitted = emitCalicoNetworkPolicy(model, this.options);
    const setRules = (grants: Grant[], direction: PolicyType) => grants
      .filter((g) => g.set)
      .flatMap((g) => calicoRules({ entities: [g.set!._entity()], ports: g.ports }, direction));
    const ingress = [...(emitted.spec.ingress ?? []), ...setRules(this.ingress, PolicyType.INGRESS)];
    const egress = [...(emitted.spec.egress ?? []), ...setRules(this.egress, PolicyType.EGRESS)];
    const spec = { ...emitted.spec };
    if (ingress.length > 0) spec.ingress = ingress;
    if (egress.length > 0) spec.egress = egress;
    return { metadata: { ...metadata, name: emitted.metadata.name }, spec };
  }

  /** Rules in call order, each with its action (deny and pass rules make the order matter). */
  private orderedManifest(metadata: any): { [key: string]: unknown } {
    const model = new NetworkPolicyModel({
      name: metadata.name,
      namespace: metadata.namespace,
      podSelector: this.selector.selector,
      policyTypes: this.policyTypes(),
    });
    const emitted = emitCalicoNetworkPolicy(model, this.options);
    const resolved = resolveCalicoOptions(this.options);
    const rules = (grants: Grant[], direction: PolicyType) => grants.flatMap((g) => calicoRules({
      entities: [g.set ? g.set._entity() : calicoEntityOfPeer(g.peer!, CalicoScope.NAMESPACED, resolved)],
      ports: g.ports,
    }, direction).map((rule) => ({ ...rule, action: g.action })));
    const spec = { ...emitted.spec };
    const ingress = rules(this.ingress, PolicyType.INGRESS);
    const egress = rules(this.egress, PolicyType.EGRESS);
    if (ingress.length > 0) spec.ingress = ingress;
    if (egress.length > 0) spec.egress = egress;
    return { metadata: { ...metadata, name: emitted.metadata.name }, spec };
  }

  private validate(): string[] {
    if (this.policyTypes().length === 0) {
      return ['the policy isolates nothing and allows nothing: add a rule, or set isolateIngress/isolateEgress to deny by default'];
    }
    if (this.isolation.ingress === false && this.ingress.length > 0) return ['ingress rules were added but isolateIngress is false: Calico would not enforce them'];
    if (this.isolation.egress === false && this.egress.length > 0) return ['egress rules were added but isolateEgress is false: Calico would not enforce them'];
    let manifest: unknown;
    try {
      manifest = this.apiObject.toJson();
    } catch (e) {
      return [(e as Error).message];
    }
    return validateCalicoManifest(manifest, this.options).map((e) => e.message);
  }

  private requirePeer(peer: unknown): Peer {
    if (!(peer instanceof Peer)) throw new TypeError(`${this.node.path}: peer must be a Peer, got ${describeArgument(peer)}`);
    return peer;
  }

  private requireSet(set: unknown): CalicoNetworkSet {
    if (!(set instanceof CalicoNetworkSet)) throw new TypeError(`${this.node.path}: set must be a CalicoNetworkSet, got ${describeArgument(set)}`);
    return set;
  }

  private requirePorts(method: string, ports: Port[]): Port[] {
    if (ports.length === 0) throw new Error(`${this.node.path}: ${method} needs at least one port; pass Port.allTraffic() to allow every port`);
    ports.forEach((p, i) => {
      if (!(p instanceof Port)) throw new TypeError(`${this.node.path}: ${method}: port ${i + 1} must be a Port, got ${describeArgument(p)}`);
    });
    return PolicyRule.of([Peer.anywhere()], ports).ports;
  }
}
