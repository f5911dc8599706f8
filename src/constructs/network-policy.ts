import { ApiObjectMetadata, Chart, JsonPatch, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import { NetworkPolicyObject } from './network-policy-object';
import { describePorts, Pods } from './pods';
import { policyWriterFor } from './policy-writer';
import { describeArgument } from '../model/argument-checks';
import { emitNetworkPolicy, emitNetworkPolicySpec, NETWORK_POLICY_API_VERSION } from '../model/emit';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { ADMIN_ONLY_PEER_KINDS, Peer, PeerKind } from '../model/peer';
import { PolicyRule } from '../model/policy-rule';
import { PolicyType } from '../model/policy-type';
import { Port } from '../model/port';
import { validateNetworkPolicy } from '../model/validation/validate-network-policy';
import { ValidationError, ValidationErrorType, ValidationOptions } from '../model/validation/validation-error';

/**
 * Properties of a `NetworkPolicy`.
 */
export interface NetworkPolicyProps {
  /**
   * The pods the policy applies to, in its namespace: `Pods.of(deployment)`, `Pods.labels({...})`,
   * or `Pods.all()` for every pod of the namespace.
   */
  readonly selector: Pods;
  /**
   * Metadata of the NetworkPolicy object.
   * @default - a name generated from the construct path; the namespace of the chart, or else of the selected workload
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Isolate the selected pods for ingress: only what an ingress rule allows may reach them.
   * @default - isolated as soon as an ingress rule is added, otherwise not
   */
  readonly isolateIngress?: boolean;
  /**
   * Isolate the selected pods for egress: they may reach only what an egress rule allows.
   * @default - isolated as soon as an egress rule is added, otherwise not
   */
  readonly isolateEgress?: boolean;
  /**
   * Check the CIDRs as Kubernetes 1.36+ does (no host bits, no leading zeros) instead of 1.29.
   * @default false
   */
  readonly strictCidr?: boolean;
}

/** The peers allowed in one direction, each with the ports allowed to it, in the order first given. */
class Grants {
  /** Bumped by every change, so that what is derived from the grants can be cached. */
  public version = 0;
  private readonly byPeer = new Map<string, { peer: Peer; ports: Map<string, Port> }>();
  private rules?: { version: number; rules: PolicyRule[] };

  public add(peer: Peer, ports: Port[]): void {
    this.version++;
    const key = peer.toKey();
    let grant = this.byPeer.get(key);
    if (!grant) {
      grant = { peer, ports: new Map() };
      this.byPeer.set(key, grant);
    }
    for (const port of ports) grant.ports.set(port.toKey(), port);
  }

  public get isEmpty(): boolean {
    return this.byPeer.size === 0;
  }

  /** One rule per distinct set of ports, holding every peer allowed on exactly that set. */
  public toRules(): PolicyRule[] {
    if (this.rules?.version !== this.version) this.rules = { version: this.version, rules: this.buildRules() };
    return this.rules.rules;
  }

  private buildRules(): PolicyRule[] {
    const rules = new Map<string, { peers: Peer[]; ports: Port[] }>();
    for (const grant of this.byPeer.values()) {
      const ports = PolicyRule.of([grant.peer], [...grant.ports.values()]).ports;
      const key = ports.map((p) => p.toKey()).sort().join('|');
      const rule = rules.get(key) ?? { peers: [], ports };
      rule.peers.push(grant.peer);
      rules.set(key, rule);
    }
    return [...rules.values()].map((r) => PolicyRule.of(r.peers, r.ports));
  }
}

/**
 * A Kubernetes NetworkPolicy for the pods of one selector, built from typed peers and ports.
 *
 * Rules added with `allowIngress` / `allowEgress` add up; calling them again with the same peer
 * merges the ports, and identical grants are written once. `policyTypes` is always explicit. At
 * synth the manifest is checked with the API server's validation rules, and an object that
 * `kubectl apply` would reject fails synth with a message naming the field.
 */
export class NetworkPolicy extends Construct {
  /** The underlying L1 object. */
  public readonly apiObject: k8s.KubeNetworkPolicy;
  /** The pods the policy applies to. */
  public readonly selector: Pods;

  private readonly ingress = new Grants();
  private readonly egress = new Grants();
  private readonly isolation: { ingress?: boolean; egress?: boolean };
  private readonly problems: string[] = [];
  private readonly validationOptions: ValidationOptions;
  /** cdk8s validates the whole app once per chart synthesized: answer again from cache when nothing changed. */
  private lastValidation?: { key: string; errors: ValidationError[]; metadataRevision: number; metadata: unknown };
  /** The emitted spec, shared by validation and synthesis while no rule changes. */
  private specCache?: { key: string; spec: unknown };
  /** Bumped by every change of the L1's metadata, so that the validation cache needs no resolve to know. */
  private metadataRevision = 0;

  public constructor(scope: Construct, id: string, props: NetworkPolicyProps) {
    super(scope, id);
    if (!(props?.selector instanceof Pods)) {
      throw new TypeError(`${this.node.path}: selector must be Pods (Pods.of(workload), Pods.labels({...}), or Pods.all() for every pod), got ${describeArgument(props?.selector)}`);
    }
    this.selector = props.selector;
    this.isolation = { ingress: props.isolateIngress, egress: props.isolateEgress };
    this.validationOptions = { strictCidr: props.strictCidr ?? false };
    const namespace = props.metadata?.namespace ?? Chart.of(this).namespace ?? props.selector.namespace;
    const apiObject = new NetworkPolicyObject(this, 'Resource', {
      metadata: { ...props.metadata, namespace },
      spec: Lazy.any({ produce: () => this.emittedSpec() }) as any,
    });
    // Synthesis reuses the metadata that validation resolved just before, while it is unchanged.
    apiObject._resolvedMetadata = () =>
      (this.lastValidation?.metadataRevision === this.metadataRevision ? this.lastValidation.metadata : undefined);
    this.apiObject = apiObject;
    if (props.selector.namespace !== undefined && namespace !== undefined && props.selector.namespace !== namespace) {
      this.problems.push(`the selected pods (${props.selector.describe()}) are in namespace '${props.selector.namespace}' but the policy is in '${namespace}': a policy selects pods of its own namespace only; set metadata.namespace to '${props.selector.namespace}'`);
    }
    this.watchMetadata();
    registerName(this);
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** `metadata.name` of the policy. */
  public get name(): string {
    return this.apiObject.name;
  }

  /**
   * `metadata.namespace` of the policy.
   * @default - none
   */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /**
   * Allow traffic from `peer` to the selected pods on the given ports (at least one; use
   * `Port.allTraffic()` for every port). Isolates the pods for ingress.
   */
  public allowIngress(peer: Peer, ...ports: Port[]): void {
    this.requireArguments('allowIngress(peer, ...ports)', peer, ports);
    this.requirePorts('allowIngress', peer.toString(), ports);
    this.checkNamedPorts(ports, this.selector, 'ingress');
    this.ingress.add(peer, ports);
  }

  /**
   * Allow traffic from the selected pods to `peer` on the given ports (at least one; use
   * `Port.allTraffic()` for every port). Isolates the pods for egress.
   */
  public allowEgress(peer: Peer, ...ports: Port[]): void {
    this.requireArguments('allowEgress(peer, ...ports)', peer, ports);
    this.requirePorts('allowEgress', peer.toString(), ports);
    this.egress.add(peer, ports);
  }

  /** Allow traffic from these pods (of this namespace, or of theirs if known) on the given ports. */
  public allowIngressFromPods(pods: Pods, ...ports: Port[]): void {
    this.requirePods('allowIngressFromPods', pods);
    this.allowIngress(pods.toPeer(this.namespace), ...ports);
  }

  /**
   * Allow traffic to these pods (of this namespace, or of theirs if known) on the given ports.
   * Named ports are checked against the pods' containers when they are known.
   */
  public allowEgressToPods(pods: Pods, ...ports: Port[]): void {
    this.requirePods('allowEgressToPods', pods);
    this.requireArguments('allowEgressToPods(pods, ...ports)', Peer.anywhere(), ports);
    this.requirePorts('allowEgressToPods', pods.describe(), ports);
    this.checkNamedPorts(ports, pods, 'egress');
    this.egress.add(pods.toPeer(this.namespace), ports);
  }

  /**
   * The policy as the library's model, as it will be synthesized. Throws when the policy
   * isolates no direction yet (no rule added and no isolation asked for).
   */
  public toModel(): NetworkPolicyModel {
    const policyTypes = this.policyTypes();
    const metadata = this.apiObject.metadata.toJson();
    return new NetworkPolicyModel({
      name: this.apiObject.name,
      namespace: metadata.namespace,
      labels: metadata.labels,
      annotations: metadata.annotations,
      podSelector: this.selector.selector,
      policyTypes,
      ingress: this.ingress.toRules(),
      egress: this.egress.toRules(),
    });
  }

  /** The model without metadata, enough for the spec (and cheaper: no resolve of the metadata). */
  private specModel(): NetworkPolicyModel {
    return new NetworkPolicyModel({
      name: this.apiObject.name,
      podSelector: this.selector.selector,
      policyTypes: this.policyTypes(),
      ingress: this.ingress.toRules(),
      egress: this.egress.toRules(),
    });
  }

  /** The spec as synthesized, emitted once per change of the rules (validation and synthesis both need it). */
  private emittedSpec(): unknown {
    const key = `${this.ingress.version}/${this.egress.version}`;
    if (this.specCache?.key !== key) this.specCache = { key, spec: emitNetworkPolicySpec(this.specModel()) };
    return this.specCache.spec;
  }

  private policyTypes(): PolicyType[] {
    const policyTypes: PolicyType[] = [];
    if (this.isolation.ingress ?? !this.ingress.isEmpty) policyTypes.push(PolicyType.INGRESS);
    if (this.isolation.egress ?? !this.egress.isEmpty) policyTypes.push(PolicyType.EGRESS);
    return policyTypes;
  }

  private validate(): string[] {
    const errors = [...this.problems];
    for (const twin of namesakes(this)) {
      errors.push(`NetworkPolicy '${this.name}' (${this.node.path}) has the same name and namespace as ${twin.node.path}, and one would overwrite the other when applied; give one of them another metadata.name`);
    }
    if (this.isolation.ingress === false && !this.ingress.isEmpty) {
      errors.push('ingress rules were added but isolateIngress is false: Kubernetes would not enforce them; remove isolateIngress: false or the rules');
    }
    if (this.isolation.egress === false && !this.egress.isEmpty) {
      errors.push('egress rules were added but isolateEgress is false: Kubernetes would not enforce them; remove isolateEgress: false or the rules');
    }
    if (this.policyTypes().length === 0) {
      errors.push('the policy isolates nothing and allows nothing: add a rule with allowIngress/allowEgress, or set isolateIngress/isolateEgress to deny by default');
      return errors;
    }
    for (const error of this.apiServerErrors()) errors.push(error.message);
    return errors;
  }

  /**
   * The API server's errors on the object that will be synthesized. Without JSON patches that
   * object is the model's manifest with the L1's metadata, so the costly resolve of `toJson()` is
   * needed only when the user patched it.
   */
  private apiServerErrors(): ValidationError[] {
    const patches: unknown[] = (this.apiObject as any).patches ?? [];
    const key = `${this.ingress.version}/${this.egress.version}/${patches.length}/${this.metadataRevision}`;
    if (this.lastValidation?.key !== key) {
      const metadata = this.apiObject.metadata.toJson();
      let manifest: unknown;
      try {
        manifest = patches.length > 0
          ? this.apiObject.toJson()
          : { apiVersion: NETWORK_POLICY_API_VERSION, kind: 'NetworkPolicy', metadata, spec: this.emittedSpec() };
      } catch (e) {
        return [this.patchError(e, patches as JsonPatch[])];
      }
      const errors = validateNetworkPolicy(manifest, this.validationOptions);
      this.lastValidation = { key, errors, metadataRevision: this.metadataRevision, metadata };
    }
    return this.lastValidation.errors;
  }

  /** Which JSON patch cannot be applied, replayed one by one on the manifest, as a validation error. */
  private patchError(error: unknown, patches: JsonPatch[]): ValidationError {
    let document: unknown = { ...emitNetworkPolicy(this.specModel()), metadata: this.apiObject.metadata.toJson() };
    let culprit = '';
    for (const patch of patches) {
      try {
        document = JsonPatch.apply(document, patch);
      } catch {
        const op = (patch as any)._toJson?.() ?? {};
        culprit = ` (${String(op.op)} ${String(op.path)})`;
        break;
      }
    }
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^Failed serializing construct at path '[^']*' with name '[^']*': /, '').split('\n')[0];
    const message = `a JSON patch cannot be applied to the manifest${culprit}: ${reason}; ` +
      'fix its path or operation (paths are JSON pointers into the written manifest, such as /spec/ingress/0/ports/0/port)';
    return { field: '', type: ValidationErrorType.INVALID, detail: message, message };
  }

  /**
   * The metadata's own methods are the only ways to change it after construction: count their
   * calls. (Chart labels and the namespace are fixed when the L1 is created.)
   */
  private watchMetadata(): void {
    const metadata = this.apiObject.metadata as any;
    for (const method of ['add', 'addLabel', 'addAnnotation', 'addFinalizers', 'addOwnerReference']) {
      const original = metadata[method];
      if (typeof original !== 'function') continue;
      metadata[method] = (...args: unknown[]) => {
        this.metadataRevision++;
        return original.apply(metadata, args);
      };
    }
  }

  /** From plain JavaScript or loose configuration a peer or a port can be missing: never read that as "all". */
  private requireArguments(call: string, peer: unknown, ports: unknown[]): void {
    if (!(peer instanceof Peer)) {
      throw new TypeError(`${this.node.path}: ${call}: peer must be a Peer (Peer.namespace('x'), Peer.pods(...), Peer.cidr(...), Peer.anywhere() for everything), got ${describeArgument(peer)}`);
    }
    if (ADMIN_ONLY_PEER_KINDS.includes(peer.kind)) {
      throw new Error(`${this.node.path}: ${call}: ${peer.toString()} cannot be written in a Kubernetes NetworkPolicy; ${peer.kind} peers exist only in AdminNetworkPolicy and ClusterNetworkPolicy${peer.kind === PeerKind.NETWORKS ? ' (use Peer.cidr(...) for an ipBlock)' : ''}`);
    }
    ports.forEach((port, i) => {
      if (!(port instanceof Port)) {
        throw new TypeError(`${this.node.path}: ${call}: port ${i + 1} must be a Port (Port.tcp(80), Port.allTraffic() for every port), got ${describeArgument(port)}`);
      }
      if (port.name !== undefined && port.protocol === undefined) {
        throw new Error(`${this.node.path}: ${call}: ${port.toString()} cannot be written in a Kubernetes NetworkPolicy, whose named ports carry a protocol; use Port.named('${port.name}', protocol)`);
      }
    });
  }

  private requirePods(method: string, pods: unknown): void {
    if (!(pods instanceof Pods)) {
      throw new TypeError(`${this.node.path}: ${method}(pods, ...ports): pods must be Pods (Pods.of(workload), Pods.labels({...}), Pods.all()), got ${describeArgument(pods)}`);
    }
  }

  private requirePorts(method: string, what: string, ports: Port[]): void {
    if (ports.length === 0) {
      throw new Error(`${this.node.path}: ${method}(${what}) needs at least one port; pass Port.allTraffic() to allow every port`);
    }
  }

  /** A named port must name a port that the pods declare, when their ports are known. */
  private checkNamedPorts(ports: Port[], pods: Pods, direction: string): void {
    if (pods.containerPorts === undefined) return;
    for (const port of ports) {
      if (port.name === undefined) continue;
      const match = pods.containerPorts.some((c) => c.name === port.name && c.protocol === port.protocol);
      if (!match) {
        throw new Error(`${this.node.path}: ${direction} port '${port.name}' (${port.protocol}) is not declared by ${pods.describe()}, so it would match nothing; declared: ${describePorts(pods.containerPorts)}`);
      }
    }
  }
}

/** The policies of each app by `namespace/name`: two with the same key overwrite each other when applied. */
const policiesByName = new WeakMap<object, Map<string, NetworkPolicy[]>>();

function nameKey(policy: NetworkPolicy): string {
  return `${policy.namespace ?? ''}/${policy.name}`;
}

function registerName(policy: NetworkPolicy): void {
  const root = policy.node.root;
  let byName = policiesByName.get(root);
  if (!byName) {
    byName = new Map();
    policiesByName.set(root, byName);
  }
  const key = nameKey(policy);
  byName.set(key, [...(byName.get(key) ?? []), policy]);
}

function namesakes(policy: NetworkPolicy): NetworkPolicy[] {
  // Written in different dialects (CalicoOutput, CiliumOutput), they are different kinds and do not collide.
  const writes = (p: NetworkPolicy) => policyWriterFor(p.apiObject)?.writes ?? NETWORK_POLICY_API_VERSION;
  const sameName = policiesByName.get(policy.node.root)?.get(nameKey(policy)) ?? [];
  // The usual case, checked on every validation of every chart: the policy is alone with its name.
  if (sameName.length <= 1) return [];
  return sameName.filter((p) => p !== policy && writes(p) === writes(policy));
}
