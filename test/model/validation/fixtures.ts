import { ValidationError, ValidationOptions, validateNetworkPolicy } from '../../../src/model/validation';

/** A valid policy with the given spec (and optional metadata overrides). */
export function policy(spec: any, metadata: any = { name: 'foo', namespace: 'bar' }): any {
  const m: any = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata };
  if (spec !== undefined) m.spec = spec;
  return m;
}

/** A policy with one ingress rule of these ports. */
export function ingressPorts(...ports: any[]): any {
  return policy({ podSelector: {}, ingress: [{ ports }] });
}

/** A policy with one ingress rule from these peers. */
export function ingressFrom(...from: any[]): any {
  return policy({ podSelector: {}, ingress: [{ from }] });
}

/** A policy with one ingress peer of this ipBlock. */
export function ipBlock(cidr: any, except?: any): any {
  const block: any = { cidr };
  if (except !== undefined) block.except = except;
  return ingressFrom({ ipBlock: block });
}

/** A policy whose spec.podSelector is this selector. */
export function selector(sel: any): any {
  return policy({ podSelector: sel });
}

/** [field, type] of each error, in order. */
export function fieldsAndTypes(manifest: any, options?: ValidationOptions): Array<[string, string]> {
  return validateNetworkPolicy(manifest, options).map((e: ValidationError) => [e.field, e.type]);
}

/** The fields of the errors, in order. */
export function fields(manifest: any, options?: ValidationOptions): string[] {
  return validateNetworkPolicy(manifest, options).map((e) => e.field);
}
