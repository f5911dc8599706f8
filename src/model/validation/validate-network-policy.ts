import { decodeNetworkPolicy } from './decode-network-policy';
import { DecodedRule, DecodedSpec } from './decoded-network-policy';
import { invalid, notSupported } from './field-error';
import { childPath, indexPath } from './field-path';
import { validateLabelSelector } from './validate-label-selector';
import { validateMetadata } from './validate-metadata';
import { validatePeer } from './validate-peer';
import { validatePort } from './validate-port';
import { ValidationError, ValidationOptions } from './validation-error';

const POLICY_TYPES = ['Ingress', 'Egress'];

/**
 * The API server's verdict on a NetworkPolicy object (plain JSON, as decoded from YAML or JSON):
 * every error that a create request would return, in the API server's order. An empty list
 * means the object would be accepted.
 *
 * Wrong JSON types (a port of 1.5, `ports` that is not a list, a `spec` string), a wrong
 * `apiVersion` or `kind` are reported as errors of type `Invalid type` instead of throwing. As on
 * the API server, which rejects such a request while decoding it (400), validation then does not
 * run: only the type errors are returned.
 */
export function validateNetworkPolicy(manifest: any, options: ValidationOptions = {}): ValidationError[] {
  const strictCidr = options?.strictCidr === true;
  const { policy, errors } = decodeNetworkPolicy(manifest, options?.allowUnknownFields === true);
  if (errors.length > 0) return errors;
  return [...validateMetadata(policy.metadata, 'metadata'), ...validateSpec(policy.spec, 'spec', strictCidr)];
}

/** `ValidateNetworkPolicySpec`: podSelector, ingress rules, egress rules, policyTypes. */
function validateSpec(spec: DecodedSpec, path: string, strictCidr: boolean): ValidationError[] {
  const errs = validateLabelSelector(spec.podSelector, childPath(path, 'podSelector'));
  spec.ingress.forEach((rule, i) => errs.push(...validateRule(rule, indexPath(childPath(path, 'ingress'), i), 'from', strictCidr)));
  spec.egress.forEach((rule, i) => errs.push(...validateRule(rule, indexPath(childPath(path, 'egress'), i), 'to', strictCidr)));

  const typesPath = childPath(path, 'policyTypes');
  if (spec.policyTypes.length > POLICY_TYPES.length) {
    errs.push(invalid(typesPath, spec.policyTypes, 'may not specify more than two policyTypes', 'list Ingress, Egress or both'));
    return errs;
  }
  spec.policyTypes.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) errs.push(notSupported(indexPath(typesPath, i), t, POLICY_TYPES, policyTypeHint(t)));
  });
  return errs;
}

function validateRule(rule: DecodedRule, path: string, peersField: 'from' | 'to', strictCidr: boolean): ValidationError[] {
  const errs: ValidationError[] = [];
  rule.ports.forEach((port, j) => errs.push(...validatePort(port, indexPath(childPath(path, 'ports'), j))));
  rule.peers.forEach((peer, j) => errs.push(...validatePeer(peer, indexPath(childPath(path, peersField), j), strictCidr)));
  return errs;
}

function policyTypeHint(t: string): string | undefined {
  const match = POLICY_TYPES.find((p) => p.toLowerCase() === t.toLowerCase());
  return match !== undefined ? `did you mean ${JSON.stringify(match)}?` : undefined;
}
