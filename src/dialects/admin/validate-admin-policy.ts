import { adminPolicyKindOf, AdminPolicyKind, apiVersionOfKind, CrdChannel, NetworkPolicyApiRelease } from './admin-api';
import { CrdSchemaEntry } from './crd-schema-entry';
import { fieldError, validateAgainstSchema } from './crd-schema-validator';
import { CRD_SCHEMAS } from './crd-schemas';
import { decodeNetworkPolicy } from '../../model/validation/decode-network-policy';
import { validateMetadata } from '../../model/validation/validate-metadata';
import { ValidationError, ValidationErrorType } from '../../model/validation/validation-error';

/**
 * Options of validating a cluster-wide policy.
 */
export interface AdminPolicyValidationOptions {
  /**
   * The channel of the CRDs installed in the cluster.
   * @default CrdChannel.EXPERIMENTAL (the superset: nothing that some installation accepts is refused)
   */
  readonly channel?: CrdChannel;
  /**
   * The release of sigs.k8s.io/network-policy-api whose v1alpha1 CRDs (AdminNetworkPolicy,
   * BaselineAdminNetworkPolicy) are installed. ClusterNetworkPolicy is always checked against v0.2.0.
   * @default NetworkPolicyApiRelease.V0_1_7
   */
  readonly v1alpha1Release?: NetworkPolicyApiRelease;
  /**
   * Accept fields the CRD does not have (the API server drops them under `fieldValidation=Ignore`).
   * @default false (as `kubectl apply`, which asks for strict field validation)
   */
  readonly allowUnknownFields?: boolean;
}

/**
 * The API server's verdict on an AdminNetworkPolicy, BaselineAdminNetworkPolicy (v1alpha1) or
 * ClusterNetworkPolicy (v1alpha2): its ObjectMeta checks and the CRD's OpenAPI schema with its CEL
 * rules, from the CRDs of sigs.k8s.io/network-policy-api. Empty when the object would be accepted.
 */
export function validateAdminPolicy(manifest: any, options: AdminPolicyValidationOptions = {}): ValidationError[] {
  return checkAdminPolicy(manifest, options).errors;
}

/** The verdict, the kind, and the object with the CRD's defaults applied. Internal. */
export function checkAdminPolicy(
  manifest: any, options: AdminPolicyValidationOptions = {},
): { errors: ValidationError[]; kind?: AdminPolicyKind; defaulted?: any } {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return { errors: [fieldError('<root>', ValidationErrorType.TYPE, manifest ?? null, 'must be a JSON object')] };
  }
  const kind = adminPolicyKindOf(manifest.apiVersion, manifest.kind);
  if (kind === undefined) return { errors: apiVersionAndKindErrors(manifest) };
  const entry = schemaFor(kind, options);
  const errors: ValidationError[] = [];
  // ObjectMeta as for every object (a custom resource's name is a DNS subdomain). The namespace of a
  // cluster-scoped object is dropped by the API server, so it is not checked.
  const decoded = decodeNetworkPolicy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: manifest.metadata }, options.allowUnknownFields ?? false);
  errors.push(...decoded.errors.filter((e) => e.field.startsWith('metadata')));
  if (decoded.errors.length === 0) {
    errors.push(...validateMetadata({ ...decoded.policy.metadata, namespace: '' }));
  }
  const { errors: schemaErrors, defaulted } = validateAgainstSchema(manifest, entry.schema, options.allowUnknownFields ?? false);
  errors.push(...schemaErrors);
  // A field that cannot be decoded fails the request (400) before anything is validated: the server names only those.
  const undecodable = errors.filter((e) => e.type === ValidationErrorType.UNKNOWN_FIELD || e.type === ValidationErrorType.TYPE);
  return { errors: undecodable.length > 0 ? undecodable : errors, kind, defaulted };
}

function schemaFor(kind: AdminPolicyKind, options: AdminPolicyValidationOptions): CrdSchemaEntry {
  const channel = options.channel ?? CrdChannel.EXPERIMENTAL;
  const release = kind === AdminPolicyKind.CLUSTER_NETWORK_POLICY
    ? NetworkPolicyApiRelease.V0_2_0
    : options.v1alpha1Release ?? NetworkPolicyApiRelease.V0_1_7;
  const entry = CRD_SCHEMAS.find((e) => e.kind === kind && e.channel === channel && e.release === release);
  if (entry === undefined) {
    throw new Error(`no CRD schema of ${kind} in network-policy-api ${release} (${channel}): ${kind === AdminPolicyKind.CLUSTER_NETWORK_POLICY ? '' : 'AdminNetworkPolicy and BaselineAdminNetworkPolicy are v0.1.x; '}choose another release`);
  }
  return entry;
}

function apiVersionAndKindErrors(manifest: any): ValidationError[] {
  const kind = Object.values(AdminPolicyKind).find((k) => k === manifest.kind);
  if (kind === undefined) {
    const near = Object.values(AdminPolicyKind).find((k) => typeof manifest.kind === 'string' && k.toLowerCase() === manifest.kind.toLowerCase());
    return [fieldError('kind', ValidationErrorType.TYPE, manifest.kind ?? null, `must be one of ${Object.values(AdminPolicyKind).join(', ')}`, near ? `did you mean "${near}"?` : undefined)];
  }
  const expected = apiVersionOfKind(kind);
  const hint = kind === AdminPolicyKind.CLUSTER_NETWORK_POLICY
    ? 'ClusterNetworkPolicy is v1alpha2 (network-policy-api v0.2.0)'
    : `${kind} is v1alpha1; its successor is ClusterNetworkPolicy in v1alpha2`;
  return [fieldError('apiVersion', ValidationErrorType.TYPE, manifest.apiVersion ?? null, `must be "${expected}" for ${kind}`, hint)];
}
