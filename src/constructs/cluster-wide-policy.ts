import { ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterPolicyObject } from './cluster-policy-object';
import { AdminPolicyKind, apiVersionOfKind, CrdChannel } from '../dialects/admin/admin-api';
import { AdminPolicyExpressionError } from '../dialects/admin/admin-expression-error';
import { emitAdminPolicyAs } from '../dialects/admin/emit-admin-policy';
import { validateAdminPolicy } from '../dialects/admin/validate-admin-policy';
import { AdminPolicyRule, AdminPolicyRuleOptions } from '../model/admin-policy-rule';
import { describeArgument } from '../model/argument-checks';
import { ClusterNetworkPolicyModel } from '../model/cluster-network-policy-model';
import { ClusterSubject } from '../model/cluster-subject';
import { Peer, PeerKind } from '../model/peer';
import { PolicyTier } from '../model/policy-tier';
import { Port } from '../model/port';
import { RuleAction } from '../model/rule-action';

/**
 * Properties shared by the cluster-wide policy constructs.
 */
export interface ClusterWidePolicyProps {
  /** The pods the policy applies to: `ClusterSubject.namespaces(...)`, `ClusterSubject.podsIn(...)`, `ClusterSubject.allPods()`. */
  readonly subject: ClusterSubject;
  /**
   * Metadata of the object (cluster-scoped: a namespace is left out).
   * @default - a name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The channel of the CRDs installed in the cluster, whose rules the object is checked against at synth.
   * @default CrdChannel.EXPERIMENTAL
   */
  readonly channel?: CrdChannel;
}

/**
 * What AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy share: a subject, and
 * ordered ingress and egress rules that allow, deny or pass. Rules are written in the order they are
 * added, and the first that matches decides; adding a rule identical to an earlier one does nothing.
 * At synth, what the API version cannot express fails with its name, and the object is checked against
 * the CRD's schema and rules.
 */
export abstract class ClusterWidePolicy extends Construct {
  /** The underlying L1 object. */
  public readonly apiObject: ClusterPolicyObject;
  /** The pods it applies to. */
  public readonly subject: ClusterSubject;
  /** The kind written. */
  public readonly kind: AdminPolicyKind;

  private readonly tier: PolicyTier;
  private readonly priorityValue?: number;
  private readonly ingressRules: AdminPolicyRule[] = [];
  private readonly egressRules: AdminPolicyRule[] = [];
  private readonly channel: CrdChannel;

  protected constructor(scope: Construct, id: string, kind: AdminPolicyKind, props: ClusterWidePolicyProps, tier: PolicyTier, priority?: number) {
    super(scope, id);
    this.tier = tier;
    this.priorityValue = priority;
    if (!(props?.subject instanceof ClusterSubject)) {
      throw new TypeError(`${this.node.path}: subject must be a ClusterSubject (ClusterSubject.namespaces(...), ClusterSubject.podsIn(...), ClusterSubject.allPods()), got ${describeArgument(props?.subject)}`);
    }
    this.kind = kind;
    this.subject = props.subject;
    this.channel = props.channel ?? CrdChannel.EXPERIMENTAL;
    const { namespace: _ignored, ...metadata } = props.metadata ?? {};
    this.apiObject = new ClusterPolicyObject(this, 'Resource', {
      apiVersion: apiVersionOfKind(kind),
      kind,
      metadata,
      spec: Lazy.any({ produce: () => this.emit().spec }) as any,
    } as any);
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** `metadata.name`. */
  public get name(): string {
    return this.apiObject.name;
  }

  /** Allow traffic from `peer` to the subject on the ports (at least one; `Port.allTraffic()` for every port). */
  public allowIngress(peer: Peer, ...ports: Port[]): void {
    this.addIngressRule(RuleAction.ALLOW, [peer], ports);
  }

  /** Deny traffic from `peer` to the subject on the ports. */
  public denyIngress(peer: Peer, ...ports: Port[]): void {
    this.addIngressRule(RuleAction.DENY, [peer], ports);
  }

  /** Allow traffic from the subject to `peer` on the ports. */
  public allowEgress(peer: Peer, ...ports: Port[]): void {
    this.addEgressRule(RuleAction.ALLOW, [peer], ports);
  }

  /** Deny traffic from the subject to `peer` on the ports. */
  public denyEgress(peer: Peer, ...ports: Port[]): void {
    this.addEgressRule(RuleAction.DENY, [peer], ports);
  }

  /** Add an ingress rule (after the earlier ones), with several peers and a name. */
  public addIngressRule(action: RuleAction, peers: Peer[], ports: Port[], options: AdminPolicyRuleOptions = {}): void {
    this.add(this.ingressRules, 'ingress', action, peers, ports, options);
  }

  /** Add an egress rule (after the earlier ones), with several peers and a name. */
  public addEgressRule(action: RuleAction, peers: Peer[], ports: Port[], options: AdminPolicyRuleOptions = {}): void {
    this.add(this.egressRules, 'egress', action, peers, ports, options);
  }

  /** The policy as the library's model. */
  public toModel(): ClusterNetworkPolicyModel {
    const metadata = this.apiObject.metadata.toJson();
    return new ClusterNetworkPolicyModel({
      name: this.apiObject.name,
      labels: metadata.labels,
      annotations: metadata.annotations,
      tier: this.tier,
      priority: this.priorityValue,
      subject: this.subject,
      ingress: [...this.ingressRules],
      egress: [...this.egressRules],
    });
  }

  /**
   * Refuse at once what the kind can never express, naming the call.
   * @internal
   */
  protected _checkRule(direction: string, action: RuleAction, peers: Peer[]): void {
    for (const peer of peers) {
      if (direction === 'ingress' && [PeerKind.NETWORKS, PeerKind.NODES, PeerKind.DOMAIN_NAMES].includes(peer.kind)) {
        throw new AdminPolicyExpressionError(`${this.node.path}: ${peer.toString()} cannot be an ingress peer of a ${this.kind} (only namespaces and pods can)`);
      }
      if (peer.kind === PeerKind.DOMAIN_NAMES && action !== RuleAction.ALLOW) {
        throw new AdminPolicyExpressionError(`${this.node.path}: domain names can only be allowed in egress, not used in a ${action} rule; deny the rest with a later rule`);
      }
      if (peer.kind === PeerKind.ANYWHERE || peer.kind === PeerKind.IP_BLOCK || peer.kind === PeerKind.PODS) {
        // The emitter's message says what to write instead.
        emitAdminPolicyAs(new ClusterNetworkPolicyModel({
          name: this.node.id,
          tier: this.tier,
          priority: this.priorityValue,
          subject: this.subject,
          [direction]: [AdminPolicyRule.of(action, [peer], [Port.allTraffic()])],
        }), this.kind);
      }
    }
  }

  private add(list: AdminPolicyRule[], direction: 'ingress' | 'egress', action: RuleAction, peers: Peer[], ports: Port[], options: AdminPolicyRuleOptions): void {
    const call = `${direction === 'ingress' ? 'addIngressRule' : 'addEgressRule'}(action, peers, ports)`;
    if (!Array.isArray(peers)) throw new TypeError(`${this.node.path}: ${call}: peers must be a list of Peer, got ${describeArgument(peers)}`);
    if (!Array.isArray(ports) || ports.length === 0) {
      throw new Error(`${this.node.path}: ${call} needs at least one port; pass Port.allTraffic() for every port`);
    }
    peers.forEach((p, i) => {
      if (!(p instanceof Peer)) throw new TypeError(`${this.node.path}: ${call}: peer ${i + 1} must be a Peer, got ${describeArgument(p)}`);
    });
    ports.forEach((p, i) => {
      if (!(p instanceof Port)) throw new TypeError(`${this.node.path}: ${call}: port ${i + 1} must be a Port (Port.tcp(80), Port.allTraffic()), got ${describeArgument(p)}`);
    });
    this._checkRule(direction, action, peers);
    const rule = AdminPolicyRule.of(action, peers, ports, options);
    if (!list.some((r) => r.toKey() === rule.toKey())) list.push(rule);
  }

  private emit(): any {
    return emitAdminPolicyAs(this.toModel(), this.kind);
  }

  private validate(): string[] {
    const twins = this.node.root.node.findAll()
      .filter((c): c is ClusterWidePolicy => c instanceof ClusterWidePolicy && c !== this && c.kind === this.kind && c.name === this.name);
    if (twins.length > 0) {
      return [`${this.kind} '${this.name}' (${this.node.path}) has the same name as ${twins.map((t) => t.node.path).join(', ')}, and one would overwrite the other when applied (these objects are cluster-wide); give one of them another name${this.kind === AdminPolicyKind.BASELINE_ADMIN_NETWORK_POLICY ? ' (or, for a BaselineAdminNetworkPolicy, of which there is one per cluster, merge their rules)' : ''}`];
    }
    let manifest: any;
    try {
      manifest = this.apiObject.toJson();
    } catch (e) {
      return [e instanceof AdminPolicyExpressionError ? e.message : `cannot write ${this.kind} ${this.node.path}: ${(e as Error).message}`];
    }
    return validateAdminPolicy(manifest, { channel: this.channel }).map((e) => e.message);
  }
}
