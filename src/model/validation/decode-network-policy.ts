import { NETWORK_POLICY_API_VERSION } from '../emit';
import { DecodedIpBlock, DecodedMetadata, DecodedNetworkPolicy, DecodedOwnerReference, DecodedPeer, DecodedPort, DecodedRequirement, DecodedRule, DecodedSelector, DecodedSpec } from './decoded-network-policy';
import { typeError, unknownField } from './field-error';
import { childPath, indexPath, keyPath } from './field-path';
import { isGoRfc3339 } from './go-time';
import { ValidationError } from './validation-error';

/**
 * The API server's decode step (JSON into Go types) for a NetworkPolicy: every JSON type that does
 * not fit its Go field is an error of type `Invalid type` (the server answers 400 and validation
 * never runs). `null` is the Go zero value. Unknown fields are errors, as under the strict field
 * validation that `kubectl apply` asks for by default, unless `allowUnknownFields` (the server then
 * drops them). Never throws.
 */
export function decodeNetworkPolicy(manifest: unknown, allowUnknownFields = false): { policy: DecodedNetworkPolicy; errors: ValidationError[] } {
  const d = new Decoder(allowUnknownFields);
  const policy = d.policy(manifest);
  return { policy, errors: d.errors };
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
/** 2^63: int64 holds -2^63 to 2^63-1; the doubles below 2^63 are at most 2^63-1024, all in range. */
const INT64_LIMIT = 2 ** 63;

/** A short description of a JSON value's type for messages. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) return 'a non-finite number';
      if (!Number.isInteger(value) || isInt32(value)) return `the number ${value}`;
      return `the number ${value}, outside the int32 range`;
    case 'string':
      return 'a string';
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

function isInt64(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -INT64_LIMIT && value < INT64_LIMIT;
}

function get(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** The fields of each object of a NetworkPolicy, as in the Go types of Kubernetes 1.29 (no `status`). */
const KNOWN_FIELDS = {
  policy: ['apiVersion', 'kind', 'metadata', 'spec'],
  metadata: ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
    'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'],
  spec: ['podSelector', 'ingress', 'egress', 'policyTypes'],
  selector: ['matchLabels', 'matchExpressions'],
  requirement: ['key', 'operator', 'values'],
  ingressRule: ['from', 'ports'],
  egressRule: ['to', 'ports'],
  port: ['protocol', 'port', 'endPort'],
  peer: ['podSelector', 'namespaceSelector', 'ipBlock'],
  ipBlock: ['cidr', 'except'],
  ownerReference: ['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion'],
  managedFieldsEntry: ['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1', 'subresource'],
};

class Decoder {
  public readonly errors: ValidationError[] = [];

  public constructor(private readonly allowUnknownFields: boolean) {}

  /** Strict field validation: each field the Go type does not have is an error. */
  private known(obj: Record<string, unknown>, path: string, fields: string[]): void {
    if (this.allowUnknownFields) return;
    for (const key of Object.keys(obj)) {
      if (fields.includes(key)) continue;
      const near = fields.find((f) => f.toLowerCase() === key.toLowerCase());
      this.errors.push(unknownField(childPath(path, key), `the known fields here are ${fields.join(', ')}`,
        near !== undefined ? `did you mean ${JSON.stringify(near)}?` : undefined));
    }
  }

  public policy(manifest: unknown): DecodedNetworkPolicy {
    if (!isObject(manifest)) {
      this.fail('<root>', manifest, 'a NetworkPolicy object');
      return { metadata: this.metadata(undefined, 'metadata'), spec: this.spec(undefined, 'spec') };
    }
    this.apiVersionAndKind(manifest);
    this.known(manifest, '', KNOWN_FIELDS.policy);
    return {
      metadata: this.metadata(get(manifest, 'metadata'), 'metadata'),
      spec: this.spec(get(manifest, 'spec'), 'spec'),
    };
  }

  private apiVersionAndKind(manifest: Record<string, unknown>): void {
    const apiVersion = get(manifest, 'apiVersion');
    if (apiVersion !== NETWORK_POLICY_API_VERSION) {
      this.errors.push(typeError('apiVersion', apiVersion ?? null, `must be "${NETWORK_POLICY_API_VERSION}"`,
        apiVersionHint(apiVersion)));
    }
    const kind = get(manifest, 'kind');
    if (kind !== 'NetworkPolicy') {
      const hint = typeof kind === 'string' && kind.toLowerCase() === 'networkpolicy' ? 'did you mean "NetworkPolicy"?' : undefined;
      this.errors.push(typeError('kind', kind ?? null, 'must be "NetworkPolicy"', hint));
    }
  }

  private fail(path: string, value: unknown, expected: string, hint?: string): void {
    this.errors.push(typeError(path, value, `expected ${expected}, got ${describe(value)}`, hint));
  }

  /** An object field: undefined when absent or null, or of the wrong type (after reporting it). */
  private object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (isObject(value)) return value;
    this.fail(path, value, 'an object');
    return undefined;
  }

  private string(value: unknown, path: string): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    this.fail(path, value, 'a string', typeof value === 'number' || typeof value === 'boolean' ? `quote it: "${String(value)}"` : undefined);
    return '';
  }

  private optionalString(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.fail(path, value, 'a string');
    return undefined;
  }

  private int32(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (isInt32(value)) return value;
    const hint = typeof value === 'string' && /^\d+$/.test(value) ? `write the number without quotes: ${value}` : undefined;
    this.fail(path, value, 'an integer (int32)', hint);
    return undefined;
  }

  private int64(value: unknown, path: string): void {
    if (value === undefined || value === null || isInt64(value)) return;
    const hint = typeof value === 'string' && /^-?\d+$/.test(value) ? `write the number without quotes: ${value}` : undefined;
    const got = typeof value === 'number' && Number.isInteger(value) ? `the number ${value}, outside the int64 range` : describe(value);
    this.errors.push(typeError(path, value, `expected an integer (int64), got ${got}`, hint));
  }

  private boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    this.fail(path, value, 'a boolean', value === 'true' || value === 'false' ? `write it without quotes: ${value}` : undefined);
    return undefined;
  }

  /**
   * A `metav1.Time`: null, or a string that Go's `time.Parse(time.RFC3339, s)` accepts (an empty
   * string fails too). The server answers 400 with the parse error.
   */
  private time(value: unknown, path: string): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') {
      this.fail(path, value, 'an RFC 3339 time string');
    } else if (!isGoRfc3339(value)) {
      this.errors.push(typeError(path, value, 'expected an RFC 3339 time such as "2006-01-02T15:04:05Z" (time.Parse(time.RFC3339) fails)'));
    }
  }

  private intOrString(value: unknown, path: string): number | string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' || isInt32(value)) return value;
    this.fail(path, value, 'an integer (int32) or a string');
    return undefined;
  }

  private list<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(path, value, 'a list', isObject(value) || typeof value === 'string' ? 'wrap the entry in a list: [ ... ]' : undefined);
      return [];
    }
    return value.map((v, i) => item(v, indexPath(path, i)));
  }

  private stringMap(value: unknown, path: string): Array<[string, string]> {
    const obj = this.object(value, path);
    if (obj === undefined) return [];
    const out: Array<[string, string]> = [];
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (v === null) {
        out.push([key, '']);
      } else if (typeof v === 'string') {
        out.push([key, v]);
      } else {
        this.fail(keyPath(path, key), v, 'a string', typeof v === 'number' || typeof v === 'boolean' ? `quote it: "${String(v)}"` : undefined);
      }
    }
    return out;
  }

  private metadata(value: unknown, path: string): DecodedMetadata {
    const m = this.object(value, path) ?? {};
    this.known(m, path, KNOWN_FIELDS.metadata);
    return {
      name: this.string(get(m, 'name'), childPath(path, 'name')),
      generateName: this.string(get(m, 'generateName'), childPath(path, 'generateName')),
      namespace: this.string(get(m, 'namespace'), childPath(path, 'namespace')),
      labels: this.stringMap(get(m, 'labels'), childPath(path, 'labels')),
      annotations: this.stringMap(get(m, 'annotations'), childPath(path, 'annotations')),
      finalizers: this.list(get(m, 'finalizers'), childPath(path, 'finalizers'), (v, p) => this.string(v, p)),
      ownerReferences: this.metadataSystemFields(m, path),
    };
  }

  /**
   * The other ObjectMeta fields, which only have to decode into their Go types (the server sets
   * or ignores most of them on create); returns the owner references, which are validated.
   */
  private metadataSystemFields(m: Record<string, unknown>, path: string): DecodedOwnerReference[] {
    for (const f of ['selfLink', 'uid', 'resourceVersion']) this.string(get(m, f), childPath(path, f));
    this.int64(get(m, 'generation'), childPath(path, 'generation'));
    this.int64(get(m, 'deletionGracePeriodSeconds'), childPath(path, 'deletionGracePeriodSeconds'));
    this.time(get(m, 'creationTimestamp'), childPath(path, 'creationTimestamp'));
    this.time(get(m, 'deletionTimestamp'), childPath(path, 'deletionTimestamp'));
    this.list(get(m, 'managedFields'), childPath(path, 'managedFields'), (v, p) => this.managedFieldsEntry(v, p));
    return this.list(get(m, 'ownerReferences'), childPath(path, 'ownerReferences'), (v, p) => this.ownerReference(v, p));
  }

  private ownerReference(value: unknown, path: string): DecodedOwnerReference {
    const r = this.object(value, path) ?? {};
    this.known(r, path, KNOWN_FIELDS.ownerReference);
    const out: { -readonly [K in keyof DecodedOwnerReference]: DecodedOwnerReference[K] } = {
      apiVersion: this.string(get(r, 'apiVersion'), childPath(path, 'apiVersion')),
      kind: this.string(get(r, 'kind'), childPath(path, 'kind')),
      name: this.string(get(r, 'name'), childPath(path, 'name')),
      uid: this.string(get(r, 'uid'), childPath(path, 'uid')),
    };
    const controller = this.boolean(get(r, 'controller'), childPath(path, 'controller'));
    this.boolean(get(r, 'blockOwnerDeletion'), childPath(path, 'blockOwnerDeletion'));
    if (controller !== undefined) out.controller = controller;
    return out;
  }

  /** A `metav1.ManagedFieldsEntry`; `fieldsV1` takes any JSON value (`FieldsV1.UnmarshalJSON` keeps the raw bytes). */
  private managedFieldsEntry(value: unknown, path: string): void {
    const e = this.object(value, path) ?? {};
    this.known(e, path, KNOWN_FIELDS.managedFieldsEntry);
    for (const f of ['manager', 'operation', 'apiVersion', 'fieldsType', 'subresource']) this.string(get(e, f), childPath(path, f));
    this.time(get(e, 'time'), childPath(path, 'time'));
  }

  private spec(value: unknown, path: string): DecodedSpec {
    const s = this.object(value, path) ?? {};
    this.known(s, path, KNOWN_FIELDS.spec);
    return {
      podSelector: this.selector(get(s, 'podSelector'), childPath(path, 'podSelector')) ?? emptySelector(),
      ingress: this.list(get(s, 'ingress'), childPath(path, 'ingress'), (v, p) => this.rule(v, p, 'from')),
      egress: this.list(get(s, 'egress'), childPath(path, 'egress'), (v, p) => this.rule(v, p, 'to')),
      policyTypes: this.list(get(s, 'policyTypes'), childPath(path, 'policyTypes'), (v, p) => this.string(v, p)),
    };
  }

  private selector(value: unknown, path: string): DecodedSelector | undefined {
    const s = this.object(value, path);
    if (s === undefined) return undefined;
    this.known(s, path, KNOWN_FIELDS.selector);
    return {
      matchLabels: this.stringMap(get(s, 'matchLabels'), childPath(path, 'matchLabels')),
      matchExpressions: this.list(get(s, 'matchExpressions'), childPath(path, 'matchExpressions'), (v, p) => this.requirement(v, p)),
    };
  }

  private requirement(value: unknown, path: string): DecodedRequirement {
    const r = this.object(value, path) ?? {};
    this.known(r, path, KNOWN_FIELDS.requirement);
    return {
      key: this.string(get(r, 'key'), childPath(path, 'key')),
      operator: this.string(get(r, 'operator'), childPath(path, 'operator')),
      values: this.list(get(r, 'values'), childPath(path, 'values'), (v, p) => this.string(v, p)),
    };
  }

  private rule(value: unknown, path: string, peersField: 'from' | 'to'): DecodedRule {
    const r = this.object(value, path) ?? {};
    this.known(r, path, peersField === 'from' ? KNOWN_FIELDS.ingressRule : KNOWN_FIELDS.egressRule);
    return {
      ports: this.list(get(r, 'ports'), childPath(path, 'ports'), (v, p) => this.port(v, p)),
      peers: this.list(get(r, peersField), childPath(path, peersField), (v, p) => this.peer(v, p)),
    };
  }

  private port(value: unknown, path: string): DecodedPort {
    const p = this.object(value, path) ?? {};
    this.known(p, path, KNOWN_FIELDS.port);
    const protocol = this.optionalString(get(p, 'protocol'), childPath(path, 'protocol'));
    const port = this.intOrString(get(p, 'port'), childPath(path, 'port'));
    const endPort = this.int32(get(p, 'endPort'), childPath(path, 'endPort'));
    const out: { protocol?: string; port?: number | string; endPort?: number } = {};
    if (protocol !== undefined) out.protocol = protocol;
    if (port !== undefined) out.port = port;
    if (endPort !== undefined) out.endPort = endPort;
    return out;
  }

  private peer(value: unknown, path: string): DecodedPeer {
    const p = this.object(value, path) ?? {};
    this.known(p, path, KNOWN_FIELDS.peer);
    const out: { podSelector?: DecodedSelector; namespaceSelector?: DecodedSelector; ipBlock?: DecodedIpBlock } = {};
    const podSelector = this.selector(get(p, 'podSelector'), childPath(path, 'podSelector'));
    const namespaceSelector = this.selector(get(p, 'namespaceSelector'), childPath(path, 'namespaceSelector'));
    const ipBlock = this.ipBlock(get(p, 'ipBlock'), childPath(path, 'ipBlock'));
    if (podSelector !== undefined) out.podSelector = podSelector;
    if (namespaceSelector !== undefined) out.namespaceSelector = namespaceSelector;
    if (ipBlock !== undefined) out.ipBlock = ipBlock;
    return out;
  }

  private ipBlock(value: unknown, path: string): DecodedIpBlock | undefined {
    const b = this.object(value, path);
    if (b === undefined) return undefined;
    this.known(b, path, KNOWN_FIELDS.ipBlock);
    return {
      cidr: this.string(get(b, 'cidr'), childPath(path, 'cidr')),
      except: this.list(get(b, 'except'), childPath(path, 'except'), (v, p) => this.string(v, p)),
    };
  }
}

function emptySelector(): DecodedSelector {
  return { matchLabels: [], matchExpressions: [] };
}

function apiVersionHint(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || apiVersion.length === 0) return undefined;
  const removed = apiVersion === 'extensions/v1beta1' ? '; extensions/v1beta1 was removed in Kubernetes 1.16' : '';
  return `NetworkPolicy is served only as ${NETWORK_POLICY_API_VERSION}${removed}`;
}
