/**
 * What names a Kubernetes object: its type and its name. Each field is set only when present
 * and a string.
 */
export interface ObjectIdentity {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/**
 * Reads `apiVersion`, `kind`, `metadata.namespace` and `metadata.name` from any decoded value,
 * never throwing: fields of a wrong type (a `metadata` string, a numeric name) are left out.
 */
export function objectIdentity(object: unknown): ObjectIdentity {
  if (!isPlainObject(object)) return {};
  const metadata = isPlainObject(object.metadata) ? object.metadata : {};
  return {
    apiVersion: stringOrUndefined(object.apiVersion),
    kind: stringOrUndefined(object.kind),
    namespace: stringOrUndefined(metadata.namespace),
    name: stringOrUndefined(metadata.name),
  };
}

/** True for a JSON object (not null, not a list). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
