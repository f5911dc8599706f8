import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * Properties of a `DialectObject`. Internal.
 */
export interface DialectObjectProps {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ApiObjectMetadata;
  /** A cluster-wide kind: the chart's namespace is not given to it. */
  readonly clusterScoped?: boolean;
  /** The `spec` (and any other top-level fields besides apiVersion, kind and metadata), built at synth. */
  readonly produce: (resolvedMetadata: any) => { [key: string]: unknown };
}

/**
 * An ApiObject of a policy dialect (Calico v3, Cilium) whose body is built from the model at synth,
 * after every rule has been added. Internal: not part of the jsii API.
 */
export class DialectObject extends ApiObject {
  private readonly produce: (resolvedMetadata: any) => { [key: string]: unknown };
  private readonly clusterScoped: boolean;

  public constructor(scope: Construct, id: string, props: DialectObjectProps) {
    super(scope, id, { apiVersion: props.apiVersion, kind: props.kind, metadata: props.metadata });
    this.produce = props.produce;
    this.clusterScoped = props.clusterScoped ?? false;
  }

  public toJson(): any {
    const json = super.toJson();
    if (this.clusterScoped && json.metadata) {
      // A chart's namespace is given to every object of the chart; a cluster-wide object has none.
      const { namespace: _ignored, ...rest } = json.metadata;
      json.metadata = rest;
    }
    return { ...json, ...this.produce(json.metadata) };
  }
}
