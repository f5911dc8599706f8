import { DecodedRequirement, DecodedSelector } from './decoded-network-policy';
import { forbidden, invalid, required } from './field-error';
import { childPath, indexPath } from './field-path';
import { isValidLabelValue } from './formats';
import { validateLabelName, validateLabels } from './validate-labels';
import { ValidationError } from './validation-error';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * `ValidateLabelSelector` as on create (`AllowInvalidLabelValueInSelector` false): `matchLabels`
 * as labels, then each requirement of `matchExpressions`.
 */
export function validateLabelSelector(selector: DecodedSelector, path: string): ValidationError[] {
  const errs = validateLabels(selector.matchLabels, childPath(path, 'matchLabels'));
  selector.matchExpressions.forEach((r, i) => errs.push(...validateRequirement(r, indexPath(childPath(path, 'matchExpressions'), i))));
  return errs;
}

/** `ValidateLabelSelectorRequirement`: operator and values, then key, then each value. */
export function validateRequirement(r: DecodedRequirement, path: string): ValidationError[] {
  const errs: ValidationError[] = [];
  const valuesPath = childPath(path, 'values');
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (r.values.length === 0) {
        errs.push(required(valuesPath, "must be specified when `operator` is 'In' or 'NotIn'", `list at least one value, or use ${r.operator === 'In' ? 'Exists' : 'DoesNotExist'}`));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (r.values.length > 0) {
        errs.push(forbidden(valuesPath, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", `remove \`values\`, or use ${r.operator === 'Exists' ? 'In' : 'NotIn'}`));
      }
      break;
    default:
      errs.push(invalid(childPath(path, 'operator'), r.operator, 'not a valid selector operator', operatorHint(r.operator)));
  }
  errs.push(...validateLabelName(r.key, childPath(path, 'key')));
  r.values.forEach((v, j) => {
    for (const msg of isValidLabelValue(v)) errs.push(invalid(indexPath(valuesPath, j), v, msg));
  });
  return errs;
}

function operatorHint(operator: string): string {
  const match = OPERATORS.find((o) => o.toLowerCase() === operator.toLowerCase());
  if (match !== undefined) return `did you mean ${JSON.stringify(match)}?`;
  if (operator === 'Gt' || operator === 'Lt') return 'Gt and Lt are node selector operators; a label selector takes In, NotIn, Exists or DoesNotExist';
  return 'use In, NotIn, Exists or DoesNotExist';
}
