import { ApiObject } from 'cdk8s';

/**
 * The L1 object of a cluster-wide policy. These kinds are cluster-scoped: a namespace that cdk8s
 * copies from the chart is not part of them, so it is left out of the manifest.
 */
export class ClusterPolicyObject extends ApiObject {
  public toJson(): any {
    const json = super.toJson();
    if (json?.metadata?.namespace !== undefined) delete json.metadata.namespace;
    return json;
  }
}
