import { DecodedMetadata, DecodedOwnerReference } from './decoded-network-policy';
import { invalid, required, tooLong } from './field-error';
import { childPath, indexPath } from './field-path';
import { byteLength, isQualifiedName, nameIsDnsLabel, nameIsDnsSubdomain, truncateBytes } from './formats';
import { validateLabels } from './validate-labels';
import { ValidationError } from './validation-error';

/** `TotalAnnotationSizeLimitB`: 256 KiB over all annotation keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

/** The finalizer names that need no `/` (`helper.IsStandardFinalizerName`). */
const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** Upstream's SimpleNameGenerator keeps at most 58 bytes of generateName (`base[:58]`), then adds 5 random characters. */
const MAX_GENERATED_NAME_BASE = 58;

/**
 * `ValidateObjectMeta` of a namespaced object named as a DNS subdomain (core validation, which
 * wraps apimachinery's `ValidateObjectMetaAccessor` and adds the finalizer checks). An empty
 * namespace is fine: the API server fills it from the request URL.
 */
export function validateMetadata(meta: DecodedMetadata, path: string = 'metadata'): ValidationError[] {
  const errs: ValidationError[] = [];
  const generateNamePath = childPath(path, 'generateName');
  const namePath = childPath(path, 'name');

  if (meta.generateName.length > 0) {
    for (const msg of nameIsDnsSubdomain(meta.generateName, true)) errs.push(invalid(generateNamePath, meta.generateName, msg));
  }

  // On create, an empty name with a generateName is replaced by a generated name before validation.
  let name = meta.name;
  let generated = false;
  if (name.length === 0 && meta.generateName.length > 0) {
    name = `${truncateBytes(meta.generateName, MAX_GENERATED_NAME_BASE)}xxxxx`;
    generated = true;
  }
  if (name.length === 0) {
    errs.push(required(namePath, 'name or generateName is required'));
  } else {
    for (const msg of nameIsDnsSubdomain(name, false)) {
      errs.push(invalid(namePath, name, msg, generated ? 'the name generated from generateName (5 random characters appended, shown as xxxxx)' : nameHint(name)));
    }
  }

  if (meta.namespace.length > 0) {
    for (const msg of nameIsDnsLabel(meta.namespace, false)) errs.push(invalid(childPath(path, 'namespace'), meta.namespace, msg, lowerHint(meta.namespace)));
  }

  errs.push(...validateLabels(meta.labels, childPath(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, childPath(path, 'annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, childPath(path, 'ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, childPath(path, 'finalizers')));
  // Core ValidateObjectMeta: after apimachinery's checks, the finalizer names once more.
  errs.push(...validateKubeFinalizerNames(meta.finalizers, childPath(path, 'finalizers')));
  return errs;
}

/** `ValidateAnnotations`: keys are qualified names after lower-casing; 256 KiB in all. */
export function validateAnnotations(annotations: Array<[string, string]>, path: string): ValidationError[] {
  const errs: ValidationError[] = [];
  let total = 0;
  for (const [key, value] of annotations) {
    for (const msg of isQualifiedName(key.toLowerCase())) errs.push(invalid(path, key, msg));
    total += byteLength(key) + byteLength(value);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
    errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES, `the annotations take ${total} bytes`));
  }
  return errs;
}

/**
 * apimachinery `ValidateOwnerReferences` as of Kubernetes 1.29 to 1.36: each reference has an
 * apiVersion with a version (`schema.FromAPIVersionAndKind`), a kind, a name and a uid, and is not
 * a core v1 Event (`BannedOwners`); at most one has `controller: true`. Upstream reports the errors
 * of a reference on `ownerReferences.<field>` without the index (the hint names it). From
 * apimachinery v0.37 (Kubernetes 1.37) the paths have the index and empty fields are `Required`
 * errors; the verdicts are the same.
 */
export function validateOwnerReferences(refs: DecodedOwnerReference[], path: string): ValidationError[] {
  const errs: ValidationError[] = [];
  let firstController: string | undefined;
  refs.forEach((ref, i) => {
    const hint = `in ownerReferences[${i}]`;
    const gv = parseGroupVersion(ref.apiVersion);
    if ((gv?.version ?? '').length === 0) errs.push(invalid(childPath(path, 'apiVersion'), ref.apiVersion, 'version must not be empty', `${hint}; use <group>/<version> or <version>, such as apps/v1`));
    if (ref.kind.length === 0) errs.push(invalid(childPath(path, 'kind'), ref.kind, 'kind must not be empty', hint));
    if (ref.name.length === 0) errs.push(invalid(childPath(path, 'name'), ref.name, 'name must not be empty', hint));
    if (ref.uid.length === 0) errs.push(invalid(childPath(path, 'uid'), ref.uid, 'uid must not be empty', hint));
    if (gv !== undefined && gv.group === '' && gv.version === 'v1' && ref.kind === 'Event') {
      errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner', hint));
    }
    if (ref.controller === true) {
      const name = `${ref.kind}/${ref.name}`;
      if (firstController === undefined) {
        firstController = name;
      } else {
        errs.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`));
      }
    }
  });
  return errs;
}

/** `schema.ParseGroupVersion`: undefined for an error (more than one `/`). */
function parseGroupVersion(gv: string): { group: string; version: string } | undefined {
  if (gv.length === 0 || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return undefined;
}

/**
 * apimachinery `ValidateFinalizers`: each name is a qualified name (errors on the list itself, as
 * upstream reports them), and `orphan` and `foregroundDeletion` exclude each other.
 */
export function validateFinalizers(finalizers: string[], path: string): ValidationError[] {
  const errs: ValidationError[] = [];
  for (const f of finalizers) {
    for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg));
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/**
 * Core `validateKubeFinalizerName` for each entry (errors on the entry): a name without `/` must
 * be a standard finalizer name. It does not repeat the qualified-name check of `ValidateFinalizers`.
 */
export function validateKubeFinalizerNames(finalizers: string[], path: string): ValidationError[] {
  const errs: ValidationError[] = [];
  finalizers.forEach((f, i) => {
    if (f.split('/').length === 1 && !STANDARD_FINALIZERS.includes(f)) {
      errs.push(invalid(indexPath(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified', 'use a name with a domain prefix, such as example.com/cleanup'));
    }
  });
  return errs;
}

function lowerHint(value: string): string | undefined {
  const lower = value.toLowerCase();
  return lower !== value && nameIsDnsSubdomain(lower, false).length === 0 ? `did you mean ${JSON.stringify(lower)}?` : undefined;
}

function nameHint(name: string): string | undefined {
  const fixed = name.toLowerCase().replace(/[^-a-z0-9.]/g, '-');
  return fixed !== name && nameIsDnsSubdomain(fixed, false).length === 0 ? `did you mean ${JSON.stringify(fixed)}?` : undefined;
}
