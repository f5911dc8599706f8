import { ValidationError, ValidationOptions } from './validation-error';

/**
 * The API server's verdict on a NetworkPolicy object (plain JSON, as decoded from YAML or JSON):
 * every error that a create request would return, in the API server's order. An empty list
 * means the object would be accepted.
 *
 * Wrong JSON types (a port of 1.5, `ports` that is not a list, a `spec` string) are reported as
 * errors of type `Invalid type` instead of throwing.
 */
export function validateNetworkPolicy(manifest: any, options: ValidationOptions = {}): ValidationError[] {
  // Placeholder until the rules land (issue 2, validation).
  void manifest; void options;
  return [];
}
