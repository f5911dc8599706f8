import { isPlainObject } from './object-identity';

/** The fields of `metadata` that the API server writes itself, and ignores or overwrites on create. */
const SERVER_METADATA_FIELDS = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

/** The annotation `kubectl apply` writes with the previous configuration: a copy, never the object's meaning. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** An object without what the API server wrote into it, and the fields taken away. */
export interface ServerFieldsRemoved {
  readonly object: unknown;
  /** `status`, `metadata.managedFields`, ... in that order; empty when nothing was removed (and `object` is the input). */
  readonly removed: string[];
}

/**
 * Takes away what a dump of a cluster (`kubectl get -o yaml`, client-go) carries that is not the
 * object's meaning: `status` (NetworkPolicy had one from 1.24 to 1.26, always `{}`), the metadata the
 * server writes (managedFields, resourceVersion, uid, creationTimestamp, generation, ...) and the
 * last-applied-configuration annotation. The input is not changed.
 */
export function withoutServerWrittenFields(object: unknown): ServerFieldsRemoved {
  if (!isPlainObject(object)) return { object, removed: [] };
  const removed: string[] = [];
  const copy: Record<string, unknown> = { ...object };
  if ('status' in copy) {
    delete copy.status;
    removed.push('status');
  }
  if (isPlainObject(copy.metadata)) {
    const metadata: Record<string, unknown> = { ...copy.metadata };
    for (const field of SERVER_METADATA_FIELDS) {
      if (field in metadata) {
        delete metadata[field];
        removed.push(`metadata.${field}`);
      }
    }
    if (isPlainObject(metadata.annotations) && LAST_APPLIED_ANNOTATION in metadata.annotations) {
      const annotations: Record<string, unknown> = { ...metadata.annotations };
      delete annotations[LAST_APPLIED_ANNOTATION];
      metadata.annotations = annotations;
      removed.push(`metadata.annotations[${LAST_APPLIED_ANNOTATION}]`);
    }
    copy.metadata = metadata;
  }
  return removed.length === 0 ? { object, removed } : { object: copy, removed };
}
