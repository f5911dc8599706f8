import { invalid } from './field-error';
import { isQualifiedName, isValidLabelValue } from './formats';
import { ValidationError } from './validation-error';

/** `ValidateLabels`: qualified-name keys and label values; errors name the map, not the key. */
export function validateLabels(labels: Array<[string, string]>, path: string): ValidationError[] {
  const errs: ValidationError[] = [];
  for (const [key, value] of labels) {
    errs.push(...validateLabelName(key, path));
    for (const msg of isValidLabelValue(value)) errs.push(invalid(path, value, msg));
  }
  return errs;
}

/** `ValidateLabelName`: a qualified name. */
export function validateLabelName(key: string, path: string): ValidationError[] {
  return isQualifiedName(key).map((msg) => invalid(path, key, msg, labelKeyHint(key)));
}

function labelKeyHint(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length === 2 && parts[0].length > 0) {
    const fixed = `${parts[0].toLowerCase()}/${parts[1]}`;
    if (fixed !== key && isQualifiedName(fixed).length === 0) return `the prefix must be lower case: did you mean ${JSON.stringify(fixed)}?`;
  }
  if (parts.length > 2) return "a label key has at most one '/', between a DNS prefix and the name";
  return undefined;
}
