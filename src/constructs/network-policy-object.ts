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
  public toJson(): any {
    return ApiObject.prototype.toJson.call(this);
  }
}
