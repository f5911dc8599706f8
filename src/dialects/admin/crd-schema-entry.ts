/** A CEL rule of a CRD schema (`x-kubernetes-validations`). */
export interface CrdValidationRule {
  readonly rule: string;
  readonly message?: string;
}

/** The part of an OpenAPI v3 schema that the CRDs of the policy APIs use. */
export interface CrdSchema {
  readonly 'type'?: string;
  readonly 'properties'?: { [name: string]: CrdSchema };
  /** The schema of every value of a map (`matchLabels`: strings). */
  readonly 'additionalProperties'?: CrdSchema;
  readonly 'items'?: CrdSchema;
  readonly 'required'?: string[];
  readonly 'enum'?: unknown[];
  readonly 'minimum'?: number;
  readonly 'maximum'?: number;
  readonly 'minLength'?: number;
  readonly 'maxLength'?: number;
  readonly 'minItems'?: number;
  readonly 'maxItems'?: number;
  readonly 'minProperties'?: number;
  readonly 'maxProperties'?: number;
  readonly 'pattern'?: string;
  readonly 'default'?: unknown;
  readonly 'format'?: string;
  readonly 'x-kubernetes-validations'?: CrdValidationRule[];
  readonly 'x-kubernetes-list-type'?: string;
}

/** One served version of one CRD of one release and channel of sigs.k8s.io/network-policy-api. */
export interface CrdSchemaEntry {
  /** The module release, `v0.1.7`. */
  readonly release: string;
  /** `standard` or `experimental`. */
  readonly channel: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly schema: CrdSchema;
}
