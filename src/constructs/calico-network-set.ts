import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { DialectObject } from './dialect-object';
import { CALICO_API_VERSION, calicoEntityOfNetworkSet, CalicoEntity, emitCalicoGlobalNetworkSet } from '../dialects/calico/emit-calico';
import { validateCalicoManifest } from '../dialects/calico/validate-calico';
import { parseCidrSloppy } from '../model/cidr';
import { kebabName } from '../patterns/pattern-support';

/**
 * Properties of a `CalicoNetworkSet`.
 */
export interface CalicoNetworkSetProps {
  /** The CIDRs (or single IPs) of the set, at least one. Host bits are cleared, as Calico stores them. */
  readonly nets: string[];
  /**
   * Metadata of the GlobalNetworkSet: `name` names the set (and the label peers select it by).
   * @default - the construct id in kebab-case
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * A named list of CIDRs: a Calico `GlobalNetworkSet`, usable as a peer of `CalicoNetworkPolicy`
 * (`allowEgressToNetworkSet`). Changing the list changes every policy that uses it, without
 * touching the policies. Rules select it by a label of its own among non-namespaced endpoints
 * only (`namespaceSelector: global()`), so no pod matches in its place.
 */
export class CalicoNetworkSet extends Construct {
  /** The set's name. */
  public readonly name: string;
  /** The CIDRs, as given. */
  public readonly nets: string[];
  /** The L1 object. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: CalicoNetworkSetProps) {
    super(scope, id);
    const nets = props?.nets;
    if (!Array.isArray(nets) || nets.length === 0) {
      throw new Error(`${this.node.path}: nets is empty: a network set needs at least one CIDR (a set with none matches nothing)`);
    }
    nets.forEach((n, i) => {
      if (parseCidrSloppy(n.includes('/') ? n : `${n}/${n.includes(':') ? 128 : 32}`) === undefined) {
        throw new Error(`${this.node.path}: nets[${i}] '${n}' is not a CIDR or an IP address`);
      }
    });
    this.nets = [...nets];
    this.name = props.metadata?.name ?? kebabName(id);
    this.apiObject = new DialectObject(this, 'Resource', {
      apiVersion: CALICO_API_VERSION,
      kind: 'GlobalNetworkSet',
      metadata: { ...props.metadata, name: this.name, namespace: undefined },
      clusterScoped: true,
      produce: (metadata) => {
        const emitted = emitCalicoGlobalNetworkSet(this.name, this.nets, metadata.labels ?? {});
        return { metadata: { ...metadata, labels: emitted.metadata.labels }, spec: emitted.spec };
      },
    });
    this.node.addValidation({ validate: () => validateCalicoManifest(this.apiObject.toJson()).map((e) => `GlobalNetworkSet '${this.name}': ${e.message}`) });
  }

  /**
   * The entity that selects this set in a rule.
   * @internal
   */
  public _entity(): CalicoEntity {
    return calicoEntityOfNetworkSet(this.name);
  }
}
