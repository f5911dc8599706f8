import { celRule } from './cel-rules';
import { CrdSchema } from './crd-schema-entry';
import { childPath, indexPath } from '../../model/validation/field-path';
import { ValidationError, ValidationErrorType } from '../../model/validation/validation-error';

/**
 * The API server's checks of a custom resource against its CRD's structural schema, in the words of
 * apiextensions-apiserver (kube-openapi's validate package and the CEL validator of Kubernetes
 * 1.29+): JSON types, required fields, enums, bounds, lengths, patterns, list-type set, unknown fields
 * (under the strict field validation that `kubectl apply` asks for) and the `x-kubernetes-validations`
 * rules. Defaults (`protocol: TCP`) are applied first, as the API server does. As the API server, it
 * skips the CEL rules when the schema finds a blocking error (a wrong type, a missing field, an
 * unsupported value, too long, too many: apiextensions' hasBlockingErr), and unknown fields are all it
 * reports when there are any (strict decoding fails before validation). Internal.
 */
export function validateAgainstSchema(
  object: unknown, schema: CrdSchema, allowUnknownFields: boolean,
): { errors: ValidationError[]; defaulted: unknown } {
  const defaulted = applyDefaults(object, schema);
  const walker = new SchemaWalker(allowUnknownFields);
  walker.walk(defaulted, schema, '', true);
  return { errors: walker.verdict(), defaulted };
}

/** Go's field.TooMany message. */
function tooMany(max: number): string {
  return `must have at most ${max} ${max === 1 ? 'item' : 'items'}`;
}

/** The error types after which the API server does not evaluate the CEL rules (besides a wrong JSON type). */
const BLOCKING: ReadonlySet<ValidationErrorType> = new Set([
  ValidationErrorType.REQUIRED, ValidationErrorType.NOT_SUPPORTED, ValidationErrorType.TOO_LONG, ValidationErrorType.TOO_MANY,
]);

/** An error in the format of Go's `field.Error`. */
export function fieldError(field: string, type: ValidationErrorType, value: unknown, detail: string, hint?: string): ValidationError {
  const shown = value === undefined ? undefined : JSON.stringify(value);
  let message = `${field || '<root>'}: ${type}`;
  if (shown !== undefined) message += `: ${shown}`;
  if (detail.length > 0) message += `: ${detail}`;
  if (hint !== undefined) message += ` (${hint})`;
  const error: { -readonly [K in keyof ValidationError]: ValidationError[K] } = { field, type, detail, message };
  if (shown !== undefined) error.value = shown;
  if (hint !== undefined) error.hint = hint;
  return error;
}

/**
 * The API server's defaulting of a custom resource: a missing (or null) field with a default gets it; a
 * null field or map value without one is dropped (apiextensions' PruneNonNullableNullsWithoutDefaults:
 * none of these schemas is nullable).
 */
function applyDefaults(value: unknown, schema: CrdSchema): unknown {
  if (isObject(value) && schema.properties) {
    const out: Record<string, unknown> = { ...value };
    for (const [key, sub] of Object.entries(schema.properties)) {
      if ((out[key] === undefined || out[key] === null) && sub.default !== undefined) out[key] = sub.default;
      if (out[key] === null) delete out[key];
      if (out[key] !== undefined) out[key] = applyDefaults(out[key], sub);
    }
    return out;
  }
  if (isObject(value) && schema.additionalProperties) {
    const entries = Object.entries(value).filter(([, v]) => v !== null);
    return Object.fromEntries(entries.map(([k, v]) => [k, applyDefaults(v, schema.additionalProperties!)]));
  }
  if (Array.isArray(value) && schema.items) return value.map((v) => applyDefaults(v, schema.items!));
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

class SchemaWalker {
  private readonly errors: ValidationError[] = [];
  private readonly celErrors = new Set<ValidationError>();
  private blocking = false;

  public constructor(private readonly allowUnknownFields: boolean) {}

  /** The errors the API server reports: see validateAgainstSchema. */
  public verdict(): ValidationError[] {
    const unknown = this.errors.filter((e) => e.type === ValidationErrorType.UNKNOWN_FIELD);
    if (unknown.length > 0) return unknown;
    return this.blocking ? this.errors.filter((e) => !this.celErrors.has(e)) : this.errors;
  }

  private push(error: ValidationError, typeMismatch = false): void {
    if (typeMismatch || BLOCKING.has(error.type)) this.blocking = true;
    this.errors.push(error);
  }

  private pushCel(error: ValidationError): void {
    this.celErrors.add(error);
    this.errors.push(error);
  }

  public walk(value: unknown, schema: CrdSchema, path: string, root = false): void {
    const shownPath = path || '<root>';
    if (value === null || value === undefined) return;
    const type = jsonType(value);
    if (schema.type !== undefined && !(schema.type === type || (schema.type === 'number' && type === 'integer'))) {
      this.push(fieldError(path, ValidationErrorType.INVALID, type, `${shownPath} in body must be of type ${schema.type}: ${JSON.stringify(type)}`), true);
      return;
    }
    if (schema.enum !== undefined && !schema.enum.some((e) => e === value)) {
      this.push(fieldError(path, ValidationErrorType.NOT_SUPPORTED, value, `supported values: ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`));
    }
    if (typeof value === 'number') this.number(value, schema, path);
    if (typeof value === 'string') this.string(value, schema, path);
    if (Array.isArray(value)) this.array(value, schema, path);
    if (isObject(value)) this.object(value, schema, path, root);
    for (const rule of schema['x-kubernetes-validations'] ?? []) {
      const verdict = celRule(rule.rule);
      if (verdict === undefined) {
        this.pushCel(fieldError(path, ValidationErrorType.INVALID, type,
          `cannot evaluate the CRD's rule ${JSON.stringify(rule.rule)}, so the object is not known to be valid`));
      } else if (!verdict(value)) {
        this.pushCel(fieldError(path, ValidationErrorType.INVALID, type, rule.message ?? `failed rule: ${rule.rule}`));
      }
    }
  }

  private number(value: number, schema: CrdSchema, path: string): void {
    if (schema.minimum !== undefined && value < schema.minimum) {
      this.push(fieldError(path, ValidationErrorType.INVALID, value, `${path} in body should be greater than or equal to ${schema.minimum}`));
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      this.push(fieldError(path, ValidationErrorType.INVALID, value, `${path} in body should be less than or equal to ${schema.maximum}`));
    }
  }

  private string(value: string, schema: CrdSchema, path: string): void {
    // kube-openapi counts characters (runes), not bytes.
    const length = [...value].length;
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      this.push(fieldError(path, ValidationErrorType.TOO_LONG, undefined, `may not be longer than ${schema.maxLength}`));
    }
    if (schema.minLength !== undefined && length < schema.minLength) {
      this.push(fieldError(path, ValidationErrorType.INVALID, value, `${path} in body should be at least ${schema.minLength} chars long`));
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      this.push(fieldError(path, ValidationErrorType.INVALID, value, `${path} in body should match '${schema.pattern}'`));
    }
  }

  private array(value: unknown[], schema: CrdSchema, path: string): void {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      this.push(fieldError(path, ValidationErrorType.TOO_MANY, value.length, tooMany(schema.maxItems)));
    }
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      this.push(fieldError(path, ValidationErrorType.INVALID, value.length, `${path} in body should have at least ${schema.minItems} items`));
    }
    if (schema['x-kubernetes-list-type'] === 'set') {
      const seen = new Set<string>();
      value.forEach((item, i) => {
        const key = JSON.stringify(item);
        if (seen.has(key)) this.push(fieldError(indexPath(path, i), ValidationErrorType.DUPLICATE, item, ''));
        seen.add(key);
      });
    }
    if (schema.items) value.forEach((item, i) => this.walk(item, schema.items!, indexPath(path, i)));
  }

  private object(value: Record<string, unknown>, schema: CrdSchema, path: string, root: boolean): void {
    const present = Object.keys(value).filter((k) => value[k] !== undefined && value[k] !== null);
    if (schema.maxProperties !== undefined && present.length > schema.maxProperties) {
      this.push(fieldError(path, ValidationErrorType.TOO_MANY, present.length, tooMany(schema.maxProperties), `set exactly one of ${present.join(', ')}`));
    }
    if (schema.minProperties !== undefined && present.length < schema.minProperties) {
      this.push(fieldError(path, ValidationErrorType.INVALID, present.length, `${path} in body should have at least ${schema.minProperties} properties`,
        schema.properties ? `set one of ${Object.keys(schema.properties).join(', ')}` : undefined));
    }
    for (const name of schema.required ?? []) {
      if (value[name] === undefined || value[name] === null) this.push(fieldError(childPath(path, name), ValidationErrorType.REQUIRED, undefined, ''));
    }
    const properties = schema.properties;
    if (properties === undefined && schema.additionalProperties !== undefined && path !== 'metadata') {
      for (const [key, item] of Object.entries(value)) this.walk(item, schema.additionalProperties, childPath(path, key));
      return;
    }
    // metadata is the API server's ObjectMeta, checked apart; an object schema without properties is free-form.
    if (properties === undefined || path === 'metadata') return;
    for (const [key, item] of Object.entries(value)) {
      const sub = properties[key];
      if (sub === undefined) {
        if (root && key === 'status') continue;
        if (!this.allowUnknownFields) {
          const near = Object.keys(properties).find((f) => f.toLowerCase() === key.toLowerCase());
          this.push(fieldError(childPath(path, key), ValidationErrorType.UNKNOWN_FIELD, undefined,
            `unknown field; the known fields here are ${Object.keys(properties).join(', ')}`, near ? `did you mean ${JSON.stringify(near)}?` : undefined));
        }
        continue;
      }
      this.walk(item, sub, childPath(path, key));
    }
  }
}
