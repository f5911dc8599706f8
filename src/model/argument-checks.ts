import { ALL_PROTOCOLS, Protocol } from './protocol';

/**
 * Checks of the values given to the model's factories. TypeScript checks them at compile time; plain
 * JavaScript, other jsii languages and loosely typed configuration do not, and a missing value must
 * never turn into a wider policy (`Port.tcp(undefined)` read as every TCP port). Internal.
 */

/** A value as a message shows it, without JavaScript's words (`undefined` is "nothing"). */
export function describeArgument(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN (not a number)' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
}

/** A port number given to `call`: a finite number (its range is the API server's rule, checked at synth). */
export function requirePortNumber(call: string, what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${call}: ${what} must be a port number (an integer from 1 to 65535), got ${describeArgument(value)}`);
  }
  return value;
}

/** A protocol given to `call`: TCP, UDP or SCTP. */
export function requireProtocol(call: string, value: unknown): Protocol {
  const known = ALL_PROTOCOLS.find((p) => p === value);
  if (known === undefined) throw new TypeError(`${call}: protocol must be one of ${ALL_PROTOCOLS.join(', ')}, got ${describeArgument(value)}`);
  return known;
}

/** A string given to `call` (an empty one is the API server's validation, at synth, with the field path). */
export function requireString(call: string, what: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${call}: ${what} must be a string, got ${describeArgument(value)}`);
  return value;
}

/** A non-empty string given to `call`, where empty would mean something else than intended (no namespace is named ""). */
export function requireText(call: string, what: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${call}: ${what} must be a non-empty string, got ${describeArgument(value)}`);
  }
  return value;
}

/** A map of label keys to string values given to `call` (may be empty). */
export function requireLabels(call: string, what: string, value: unknown): { [key: string]: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${call}: ${what} must be a map of label keys to values, got ${describeArgument(value)}`);
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new TypeError(`${call}: the value of label ${JSON.stringify(key)} must be a string, got ${describeArgument(v)}`);
  }
  return value as { [key: string]: string };
}

/** An instance of `type` given to `call`. */
export function requireInstance<T>(call: string, what: string, value: unknown, type: { prototype: T }, hint: string): T {
  if (!(value instanceof (type as unknown as abstract new () => T))) throw new TypeError(`${call}: ${what} must be ${hint}, got ${describeArgument(value)}`);
  return value as T;
}
