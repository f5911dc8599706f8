/**
 * The kind of a validation error, as the API server names it (`field.ErrorType`).
 */
export enum ValidationErrorType {
  /** `Invalid value`: the value is malformed or out of range. */
  INVALID = 'Invalid value',
  /** `Required value`: the field is missing or empty. */
  REQUIRED = 'Required value',
  /** `Unsupported value`: the value is not one of the allowed ones. */
  NOT_SUPPORTED = 'Unsupported value',
  /** `Forbidden`: the field may not be set here. */
  FORBIDDEN = 'Forbidden',
  /** `Too many`: the list is too long. */
  TOO_MANY = 'Too many',
  /** `Too long`: the value is too long. */
  TOO_LONG = 'Too long',
  /** `Duplicate value`: an item of a set is given twice. */
  DUPLICATE = 'Duplicate value',
  /** The document cannot be decoded into a NetworkPolicy (a wrong JSON type); the API server answers 400. */
  TYPE = 'Invalid type',
  /**
   * The field does not exist in a NetworkPolicy. `kubectl apply` asks for strict field validation
   * by default, and the API server answers 400 (`strict decoding error: unknown field`).
   */
  UNKNOWN_FIELD = 'Unknown field',
}

/**
 * One reason why the API server would reject a NetworkPolicy.
 */
export interface ValidationError {
  /** The field path as the API server writes it, such as `spec.ingress[0].ports[0].endPort`. */
  readonly field: string;
  /** The kind of error. */
  readonly type: ValidationErrorType;
  /**
   * The offending value, as JSON.
   * @default - none (for Required errors)
   */
  readonly value?: string;
  /** What is wrong, in the API server's words where it has them. */
  readonly detail: string;
  /**
   * What to write instead, where that can be told (`did you mean 10.0.0.0/16?`).
   * @default - no hint
   */
  readonly hint?: string;
  /** The whole message: `field: type: value: detail (hint)`. */
  readonly message: string;
}

/**
 * Options of validation.
 */
export interface ValidationOptions {
  /**
   * Parse CIDRs as Kubernetes 1.36+ does by default (StrictIPCIDRValidation): no leading zeros,
   * no IPv4-mapped IPv6, no bits set beyond the prefix length. Kubernetes 1.29 (the default
   * target) accepts all of these.
   * @default false
   */
  readonly strictCidr?: boolean;
  /**
   * Accept fields that a NetworkPolicy does not have, as the API server does when a request asks
   * for `fieldValidation=Ignore` or `Warn` (it drops them). By default they are errors, as with
   * `kubectl apply`, whose default is strict field validation.
   * @default false
   */
  readonly allowUnknownFields?: boolean;
}
