import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';

/**
 * The L1 NetworkPolicy of the L2, written as the plain manifest it holds.
 *
 * The generated `k8s.KubeNetworkPolicy` maps its typed props to JSON after applying the JSON patches,
 * and reads `port` there as an IntOrString object: a patch that writes a plain number
 * (`JsonPatch.replace('/spec/ingress/0/ports/0/port', 8080)`) was dropped without a word, leaving
 * `ports: [{ protocol: TCP }]`, every TCP port. This object holds the manifest's own JSON, so there is
 * nothing to map: the patches apply to the manifest as cdk8s documents, and what they write is what
 * is synthesized (and validated).
 */
export class NetworkPolicyObject extends k8s.KubeNetworkPolicy {
  /**
   * The metadata as the L2's validation resolved it, when it has not changed since (resolving it
   * again is a large part of synthesis); undefined to resolve it here.
   * @internal
   */
  public _resolvedMetadata?: () => unknown;

  public toJson(): any {
    const metadata = this._resolvedMetadata?.();
    if (metadata === undefined) return ApiObject.prototype.toJson.call(this);
    const definition = this.metadata as any;
    definition.toJson = () => metadata;
    try {
      return ApiObject.prototype.toJson.call(this);
    } finally {
      delete definition.toJson;
    }
  }
}
