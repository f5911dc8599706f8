import { ValidationError, ValidationErrorType } from './validation-error';

/**
 * Constructors of validation errors, after apimachinery's `field.Invalid`, `field.Required`, ...
 * The message is built as Go's `field.Error.Error()`: `field: type: value: detail`, without the
 * value for Required, Forbidden and Too long, and without `: detail` when there is no detail; a
 * hint is appended in parentheses.
 */

/** The bad value as JSON (Go prints strings quoted and numbers bare, which JSON also does). */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'null';
  try {
    const json = JSON.stringify(value);
    return json === undefined ? safeString(value) : json;
  } catch {
    return safeString(value);
  }
}

/** String(value) throws for an object without a prototype; never let a message crash. */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function make(field: string, type: ValidationErrorType, value: unknown, showValue: boolean, detail: string, hint?: string): ValidationError {
  const valueText = showValue ? formatValue(value) : undefined;
  let message = `${field}: ${type}`;
  if (valueText !== undefined) message += `: ${valueText}`;
  if (detail.length > 0) message += `: ${detail}`;
  if (hint !== undefined) message += ` (${hint})`;
  const error: { -readonly [K in keyof ValidationError]: ValidationError[K] } = { field, type, detail, message };
  if (valueText !== undefined) error.value = valueText;
  if (hint !== undefined) error.hint = hint;
  return error;
}

/** `field.Invalid`: a malformed or out-of-range value. */
export function invalid(field: string, value: unknown, detail: string, hint?: string): ValidationError {
  return make(field, ValidationErrorType.INVALID, value, true, detail, hint);
}

/** `field.Required`: a missing or empty value. */
export function required(field: string, detail: string, hint?: string): ValidationError {
  return make(field, ValidationErrorType.REQUIRED, undefined, false, detail, hint);
}

/** `field.Forbidden`: a value that may not be set here. */
export function forbidden(field: string, detail: string, hint?: string): ValidationError {
  return make(field, ValidationErrorType.FORBIDDEN, undefined, false, detail, hint);
}

/** `field.NotSupported`: a value outside an enumeration. */
export function notSupported(field: string, value: unknown, supported: string[], hint?: string): ValidationError {
  const detail = supported.length > 0 ? `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}` : '';
  return make(field, ValidationErrorType.NOT_SUPPORTED, value, true, detail, hint);
}

/** `field.TooLong`: a value over a size limit in bytes (the value itself is not shown). */
export function tooLong(field: string, maxBytes: number, hint?: string): ValidationError {
  return make(field, ValidationErrorType.TOO_LONG, undefined, false, `must have at most ${maxBytes} bytes`, hint);
}

/** A decode-stage error: the JSON type does not fit the field (the API server answers 400). */
export function typeError(field: string, value: unknown, detail: string, hint?: string): ValidationError {
  return make(field, ValidationErrorType.TYPE, value, true, detail, hint);
}

/** A field that the Go type does not have, under strict field validation (the server answers 400). */
export function unknownField(field: string, detail: string, hint?: string): ValidationError {
  return make(field, ValidationErrorType.UNKNOWN_FIELD, undefined, false, detail, hint);
}
