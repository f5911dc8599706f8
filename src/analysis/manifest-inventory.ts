import { ClusterModel, ContainerPortInfo, DEFAULT_NAMESPACE, SourceLocation } from './cluster-model';
import { ClusterPolicyEntry } from './cluster-policy-semantics';
import { findControllerOwners, objectKey } from './controller-owners';
import { OrderedPolicy } from './ordered-policy';
import { otherPolicyApi } from './other-policy-apis';
import { adminPolicyKindOf, AdminPolicyKind } from '../dialects/admin/admin-api';
import { parseAdminPolicy } from '../dialects/admin/parse-admin-policy';
import { CalicoNetworkSets, isCalicoReadKind, readCalicoObject } from '../dialects/calico/read-calico';
import { isCiliumReadKind, readCiliumPolicy } from '../dialects/cilium/read-cilium';
import { withoutServerWrittenFields } from '../io/server-written-fields';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { parseNetworkPolicy } from '../model/parse';
import { ALL_PROTOCOLS, Protocol } from '../model/protocol';

/** One decoded object of the input, with where it came from. */
export interface InventoryInput {
  /** The decoded object (plain JSON data); anything else is reported. */
  readonly object: unknown;
  readonly file?: string;
  readonly index?: number;
  readonly itemIndex?: number;
  readonly line?: number;
  /** The construct path, for an object of a cdk8s app. */
  readonly constructPath?: string;
  /** Set when the reader already knows the document is not an object (says what it is). */
  readonly malformed?: string;
}

/** One field's problem in an object. */
export interface InventoryFieldError {
  /** The field path (`spec.ingress[0].ports[0].port`); empty for the whole object. */
  readonly field: string;
  /** What is wrong with it, without the field path. */
  readonly message: string;
}

/** An object of the input, as the reports name it. */
export interface InventoryObjectNote {
  /** `file#index` (plus `.items[i]`), or `object #n` when there is no file (or the construct path). */
  readonly location: string;
  readonly file?: string;
  readonly line?: number;
  /** `Kind namespace/name` of the object, as far as it can be read (empty when nothing can). */
  readonly object: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** What to know about it. */
  readonly message: string;
}

/** An object of the input that cannot be read, so was left out, with every problem of it. */
export interface InventoryProblem extends InventoryObjectNote {
  /** The first problem's field path; empty for the whole object. */
  readonly field: string;
  /** Every problem of the object (at least one); `message` joins them. */
  readonly errors: InventoryFieldError[];
}

/** A policy of the input, with where it came from. */
export interface InventoryPolicy {
  readonly policy: NetworkPolicyModel;
  readonly source: SourceLocation;
  /** The manifest as written (server-written fields removed), before the API server's defaulting. */
  readonly manifest: unknown;
}

/** A cluster-wide policy of the input (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy). */
export interface InventoryClusterPolicy extends ClusterPolicyEntry {
  readonly source: SourceLocation;
  /** The manifest as written (server-written fields removed). */
  readonly manifest: unknown;
}

/** A policy of an ordered dialect (Calico v3, Cilium) of the input. */
export interface InventoryOrderedPolicy {
  readonly policy: OrderedPolicy;
  readonly source: SourceLocation;
  /** The manifest as written (server-written fields removed). */
  readonly manifest: unknown;
}

/** What the analysis reads from a set of manifests. */
export interface Inventory {
  readonly cluster: ClusterModel;
  readonly policies: InventoryPolicy[];
  /** The cluster-wide policies, evaluated in their tiers around the NetworkPolicies. */
  readonly clusterPolicies: InventoryClusterPolicy[];
  /** The policies of the ordered dialects (Calico v3, Cilium), evaluated with the NetworkPolicies between the admin and baseline tiers. */
  readonly orderedPolicies: InventoryOrderedPolicy[];
  /** Calico's NetworkSets and GlobalNetworkSets, which selectors of Calico policies match by address. */
  readonly calicoNetworkSets: CalicoNetworkSets;
  /** Objects that cannot be read and were left out: the answer is incomplete without them. */
  readonly problems: InventoryProblem[];
  /** Policies of other APIs (Calico, Cilium, ...), left out: their effect is not part of the answer. */
  readonly otherApis: InventoryObjectNote[];
  /** Objects named like a later object of the input: `kubectl apply` keeps the later one, and so does the analysis. */
  readonly duplicates: InventoryObjectNote[];
  /** Objects of a cluster dump whose server-written fields (status, managedFields, ...) were ignored. */
  readonly serverFields: InventoryObjectNote[];
  /** Namespaces that have a pod or workload that cannot be read (its labels may be unknown). */
  readonly namespacesWithUnreadableEndpoints: Set<string>;
}

/** Options of reading an inventory. */
export interface InventoryOptions {
  /** External endpoints to add: IPs or CIDRs. */
  readonly externals?: string[];
  /** Pod IPs given by the user, by endpoint id or `namespace/name`; added to those of the manifests. */
  readonly podIps?: { [endpoint: string]: string[] };
  /** Parse CIDRs as Kubernetes 1.36+ does. */
  readonly strictCidr?: boolean;
  /** The Cilium release whose semantics Cilium policies are read with (default: readCiliumPolicy's). */
  readonly cilium?: { readonly version?: string };
}

/** The workload kinds whose pod template is an endpoint, and where the template is. */
const TEMPLATE_PATHS: { [kind: string]: string[] } = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The kinds that are endpoints. */
export const ENDPOINT_KINDS: readonly string[] = ['Pod', ...Object.keys(TEMPLATE_PATHS)];

class Malformed extends Error {
  constructor(public readonly field: string, message: string) {
    super(message);
  }
}

/** The kinds the analysis reads. */
const READ_KINDS: readonly string[] = ['Namespace', 'NetworkPolicy', ...ENDPOINT_KINDS];
/** The kinds that are cluster-scoped (named without a namespace). */
const CLUSTER_SCOPED_KINDS: readonly string[] = ['Namespace', ...Object.values(AdminPolicyKind)];

/**
 * Reads namespaces, endpoints and NetworkPolicies from decoded manifests.
 *
 * - Kinds that say nothing about traffic (ConfigMap, Service, ...) are ignored.
 * - An object that cannot be read (no kind, a kind written in the wrong case, a NetworkPolicy the
 *   API server would reject, a malformed workload) is left out and listed in `problems`, once, with
 *   all its errors; never thrown.
 * - Policies of other APIs are left out and listed in `otherApis`.
 * - Of two objects with the same kind, namespace and name, the later one is read (as `kubectl apply`
 *   would leave it) and the earlier one listed in `duplicates`.
 * - What a dump of a cluster carries that is not the object's meaning (status, managedFields, ...) is
 *   ignored; the objects that had some are listed in `serverFields`.
 */
export function readInventory(inputs: readonly InventoryInput[], options: InventoryOptions = {}): Inventory {
  const cluster = new ClusterModel();
  const policies: InventoryPolicy[] = [];
  const clusterPolicies: InventoryClusterPolicy[] = [];
  const orderedPolicies: InventoryOrderedPolicy[] = [];
  const calicoNetworkSets = new CalicoNetworkSets();
  const problems: InventoryProblem[] = [];
  const otherApis: InventoryObjectNote[] = [];
  const duplicates: InventoryObjectNote[] = [];
  const serverFields: InventoryObjectNote[] = [];
  const namespacesWithUnreadableEndpoints = new Set<string>();

  const entries = inputs.map((input, n) => describeInput(input, n));
  // kubectl apply keeps one object per name: the last one.
  const lastByName = new Map<string, Entry>();
  for (const entry of entries) {
    const key = entry.nameKey;
    if (key === undefined) continue;
    const earlier = lastByName.get(key);
    if (earlier) {
      earlier.replacedBy = entry;
    }
    lastByName.set(key, entry);
  }
  const live = entries.filter((entry) => {
    if (!entry.replacedBy) return true;
    duplicates.push(note(entry, `${entry.object} is defined again at ${where(entry.replacedBy)}: kubectl apply keeps the later one, and so does this answer; remove one of them`));
    return false;
  });

  // Namespaces first, so that endpoints and policies of any order find their labels.
  const ordered = [...live.filter((e) => e.kind === 'Namespace'), ...live.filter((e) => e.kind !== 'Namespace')];
  const owners = findControllerOwners(live.flatMap(({ kind, raw }) => {
    const metadata = isObject(raw) ? (raw as any).metadata : undefined;
    if (kind === undefined || !ENDPOINT_KINDS.includes(kind) || !isObject(metadata) || typeof metadata.name !== 'string') return [];
    const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : DEFAULT_NAMESPACE;
    return [{ kind, namespace, name: metadata.name as string, metadata }];
  }));
  const ownedPodIps: Array<{ owner: string; ips: string[] }> = [];

  for (const entry of ordered) {
    const { input } = entry;
    const leaveOut = (errors: InventoryFieldError[]): void => {
      problems.push({ ...note(entry, errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')), field: errors[0]?.field ?? '', errors });
      if (entry.kind !== undefined && ENDPOINT_KINDS.includes(entry.kind)) {
        namespacesWithUnreadableEndpoints.add(entry.namespace ?? DEFAULT_NAMESPACE);
      }
    };
    if (input.malformed !== undefined || !isObject(input.object)) {
      leaveOut([{ field: '', message: input.malformed ?? 'not a Kubernetes object (not a JSON object)' }]);
      continue;
    }
    const object = input.object as any;
    const kind = entry.kind;
    if (kind === undefined) {
      leaveOut([{ field: 'kind', message: 'no kind, so what the object is cannot be known; add kind and apiVersion' }]);
      continue;
    }
    const source: SourceLocation = {
      file: input.file,
      index: input.index,
      line: input.line,
      path: input.itemIndex !== undefined ? `items[${input.itemIndex}]` : undefined,
      constructPath: input.constructPath,
    };
    const adminKind = adminPolicyKindOf(object.apiVersion, kind);
    if (adminKind !== undefined) {
      const stripped = withoutServerWrittenFields(object);
      if (stripped.removed.length > 0) serverFields.push(note(entry, `ignored what the API server writes: ${stripped.removed.join(', ')}`));
      const result = parseAdminPolicy(stripped.object);
      if (result.policy) clusterPolicies.push({ policy: result.policy, kind: adminKind, source, manifest: stripped.object });
      else leaveOut(result.errors.map((e) => ({ field: e.field, message: withoutFieldPrefix(e.field, e.message) })));
      continue;
    }
    if (isCalicoReadKind(object.apiVersion, kind)) {
      const stripped = withoutServerWrittenFields(object);
      if (stripped.removed.length > 0) serverFields.push(note(entry, `ignored what the API server writes: ${stripped.removed.join(', ')}`));
      const result = readCalicoObject(stripped.object, calicoNetworkSets);
      if (result.policy) orderedPolicies.push({ policy: result.policy, source, manifest: stripped.object });
      else if (result.errors.length > 0) leaveOut(result.errors.map((e) => ({ field: e.field, message: withoutFieldPrefix(e.field, e.message) })));
      continue;
    }
    if (isCiliumReadKind(object.apiVersion, kind)) {
      const stripped = withoutServerWrittenFields(object);
      if (stripped.removed.length > 0) serverFields.push(note(entry, `ignored what the API server writes: ${stripped.removed.join(', ')}`));
      const result = readCiliumPolicy(stripped.object, options.cilium ?? {});
      if (result.errors.length > 0) leaveOut(result.errors.map((e) => ({ field: e.field, message: withoutFieldPrefix(e.field, e.message) })));
      else for (const policy of result.policies) orderedPolicies.push({ policy, source, manifest: stripped.object });
      continue;
    }
    const otherApi = otherPolicyApi(object.apiVersion, kind);
    if (otherApi !== undefined) {
      otherApis.push(note(entry, `a policy of the ${otherApi} API (${String(object.apiVersion)}), which cdk8s-netpol does not read: its effect is not part of this answer`));
      continue;
    }
    if (!READ_KINDS.includes(kind)) {
      const meant = READ_KINDS.find((k) => k.toLowerCase() === kind.toLowerCase());
      if (meant) leaveOut([{ field: 'kind', message: `${JSON.stringify(kind)} is not a kind (kinds are case-sensitive): did you mean ${meant}?` }]);
      continue;
    }
    try {
      if (kind === 'Namespace') {
        const name = requireName(object);
        cluster.addNamespace(name, readLabels(object.metadata?.labels, 'metadata.labels'));
      } else if (kind === 'NetworkPolicy') {
        const stripped = withoutServerWrittenFields(object);
        if (stripped.removed.length > 0) serverFields.push(note(entry, `ignored what the API server writes: ${stripped.removed.join(', ')}`));
        const result = parseNetworkPolicy(stripped.object, { strictCidr: options.strictCidr ?? false });
        if (result.policy) policies.push({ policy: result.policy, source, manifest: stripped.object });
        else leaveOut(result.errors.map((e) => ({ field: e.field, message: withoutFieldPrefix(e.field, e.message) })));
      } else if (kind === 'Pod') {
        const name = requireName(object);
        const namespace = readNamespace(object);
        const spec = optionalObject(object.spec, 'spec') ?? {};
        const ips = readPodIps(object.status);
        const owner = owners.topControllerOf.get(objectKey(kind, namespace ?? DEFAULT_NAMESPACE, name));
        if (owner !== undefined) {
          // One of a workload's pods: the workload is the endpoint, with this pod's IPs.
          ownedPodIps.push({ owner, ips });
          continue;
        }
        cluster.addWorkload({
          namespace,
          name,
          kind,
          source,
          ips,
          labels: readLabels(object.metadata?.labels, 'metadata.labels'),
          containerPorts: readContainerPorts(spec, 'spec'),
          hostNetwork: spec.hostNetwork === true,
          owned: Array.isArray(object.metadata?.ownerReferences) && object.metadata.ownerReferences.length > 0,
        });
      } else {
        const name = requireName(object);
        const namespace = readNamespace(object);
        // A ReplicaSet of a Deployment, or a Job of a CronJob, is the same pods again.
        if (owners.topControllerOf.has(objectKey(kind, namespace ?? DEFAULT_NAMESPACE, name))) continue;
        const path = TEMPLATE_PATHS[kind];
        let template: any = object;
        for (let i = 0; i < path.length; i++) {
          template = optionalObject(template?.[path[i]], path.slice(0, i + 1).join('.'));
        }
        const field = path.join('.');
        if (template === undefined) throw new Malformed(field, 'a workload needs a pod template');
        const spec = optionalObject(template.spec, `${field}.spec`) ?? {};
        cluster.addWorkload({
          namespace,
          name,
          kind,
          source,
          ips: [],
          labels: readLabels(template.metadata?.labels, `${field}.metadata.labels`),
          containerPorts: readContainerPorts(spec, `${field}.spec`),
          hostNetwork: spec.hostNetwork === true,
        });
      }
    } catch (e) {
      if (e instanceof Malformed) leaveOut([{ field: e.field, message: e.message }]);
      else throw e;
    }
  }

  for (const { owner, ips } of ownedPodIps) {
    const [kind, namespace, name] = owner.split('/');
    const endpoint = cluster.endpoints.find((e) => !e.external && e.kind === kind && e.namespace === namespace && e.name === name);
    if (endpoint && ips.length > 0) cluster.addAddresses(endpoint.id, ips);
  }
  for (const [ref, ips] of Object.entries(options.podIps ?? {})) {
    const endpoint = cluster.endpoint(ref) ?? cluster.endpoints.find((e) => !e.external && `${e.namespace}/${e.name}` === ref);
    if (!endpoint) {
      problems.push({ location: 'options.podIps', object: ref, field: '', message: `no endpoint ${ref} to give IPs to`, errors: [{ field: '', message: `no endpoint ${ref} to give IPs to` }] });
      continue;
    }
    cluster.addAddresses(endpoint.id, ips);
  }
  for (const cidr of options.externals ?? []) {
    try {
      cluster.addExternal(cidr);
    } catch (e) {
      const message = (e as Error).message;
      problems.push({ location: 'externals', object: cidr, field: '', message, errors: [{ field: '', message }] });
    }
  }
  return {
    cluster,
    policies,
    clusterPolicies,
    orderedPolicies,
    calicoNetworkSets,
    problems,
    otherApis,
    duplicates,
    serverFields,
    namespacesWithUnreadableEndpoints,
  };
}

/** An input with what can be told of it before reading it. */
interface Entry {
  readonly input: InventoryInput;
  readonly raw: unknown;
  readonly location: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** `Kind namespace/name`, as far as it can be read. */
  readonly object: string;
  /** What `kubectl apply` identifies the object by; undefined when it has no fixed name. */
  readonly nameKey?: string;
  replacedBy?: Entry;
}

function describeInput(input: InventoryInput, n: number): Entry {
  const location = input.file !== undefined
    ? `${input.file}#${input.index ?? 0}${input.itemIndex !== undefined ? `.items[${input.itemIndex}]` : ''}`
    : input.constructPath ?? `object #${n}`;
  const raw = input.object;
  const object: any = isObject(raw) ? raw : {};
  const kind = typeof object.kind === 'string' && object.kind !== '' ? object.kind as string : undefined;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name as string : undefined;
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace as string : undefined;
  const objectText = kind === undefined && name === undefined ? '' : `${kind ?? '?'} ${namespace !== undefined ? `${namespace}/` : ''}${name ?? '?'}`;
  const calico = isCalicoReadKind(object.apiVersion, kind);
  const readKind = kind !== undefined && input.malformed === undefined && (adminPolicyKindOf(object.apiVersion, kind) !== undefined || calico
    || isCiliumReadKind(object.apiVersion, kind)
    || (READ_KINDS.includes(kind) && otherPolicyApi(object.apiVersion, kind) === undefined));
  // Calico's NetworkPolicy is another object than Kubernetes' one of the same name: the group tells them apart.
  const clusterScoped = CLUSTER_SCOPED_KINDS.includes(kind!) || (calico && kind!.startsWith('Global')) || kind === 'CiliumClusterwideNetworkPolicy';
  const nameKey = readKind && name !== undefined
    ? `${calico ? 'projectcalico.org/' : ''}${kind}|${clusterScoped ? '' : namespace ?? DEFAULT_NAMESPACE}|${name}`
    : undefined;
  return { input, raw, location, kind, namespace, name, object: objectText, nameKey };
}

function note(entry: Entry, message: string): InventoryObjectNote {
  return {
    location: entry.location,
    file: entry.input.file,
    line: entry.input.line,
    object: entry.object,
    kind: entry.kind,
    namespace: entry.namespace,
    name: entry.name,
    message,
  };
}

function where(entry: Entry): string {
  const { file, line } = entry.input;
  if (file !== undefined) return line !== undefined ? `${file}:${line}` : file;
  return entry.location;
}

/** `spec.x: Invalid value: ...` without the leading `spec.x: ` that the field already says. */
function withoutFieldPrefix(field: string, message: string): string {
  return field !== '' && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

function requireName(object: any): string {
  const metadata = optionalObject(object.metadata, 'metadata');
  if (metadata === undefined) throw new Malformed('metadata', 'metadata is required');
  const name = metadata.name ?? metadata.generateName;
  if (typeof name !== 'string' || name === '') throw new Malformed('metadata.name', 'name or generateName is required (a string)');
  return name;
}

function readNamespace(object: any): string | undefined {
  const ns = object.metadata?.namespace;
  if (ns === undefined || ns === null || ns === '') return undefined;
  if (typeof ns !== 'string') throw new Malformed('metadata.namespace', `must be a string, not ${shown(ns)}`);
  return ns;
}

function readLabels(json: unknown, field: string): { [key: string]: string } {
  const map = optionalObject(json, field);
  if (map === undefined) return {};
  const entries: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === null) entries.push([key, '']);
    else if (typeof value === 'string') entries.push([key, value]);
    else throw new Malformed(`${field}.${key}`, `a label value must be a string, not ${shown(value)}`);
  }
  return Object.fromEntries(entries);
}

function readContainerPorts(spec: any, field: string): ContainerPortInfo[] {
  const out: ContainerPortInfo[] = [];
  const containers = optionalList(spec.containers, `${field}.containers`);
  containers.forEach((c, i) => {
    const cField = `${field}.containers[${i}]`;
    const container = optionalObject(c, cField);
    if (container === undefined) return;
    optionalList(container.ports, `${cField}.ports`).forEach((p, j) => {
      const pField = `${cField}.ports[${j}]`;
      const port = optionalObject(p, pField);
      if (port === undefined) return;
      const number = port.containerPort;
      if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 65535) {
        throw new Malformed(`${pField}.containerPort`, number === undefined || number === null ? 'is required: an integer from 1 to 65535' : `must be an integer from 1 to 65535, not ${shown(number)}`);
      }
      let protocol = Protocol.TCP;
      if (port.protocol !== undefined && port.protocol !== null) {
        const known = ALL_PROTOCOLS.find((x) => x === port.protocol);
        if (known === undefined) throw new Malformed(`${pField}.protocol`, `must be one of ${ALL_PROTOCOLS.join(', ')}, not ${shown(port.protocol)}`);
        protocol = known;
      }
      if (port.name !== undefined && port.name !== null && typeof port.name !== 'string') {
        throw new Malformed(`${pField}.name`, `must be a string, not ${shown(port.name)}`);
      }
      out.push(typeof port.name === 'string' && port.name !== '' ? { port: number, protocol, name: port.name } : { port: number, protocol });
    });
  });
  return out;
}

/** `status.podIP` and `status.podIPs[].ip` of a pod, as `kubectl get -o yaml` shows them. */
function readPodIps(status: unknown): string[] {
  if (!isObject(status)) return [];
  const s = status as any;
  const ips: string[] = [];
  if (typeof s.podIP === 'string' && s.podIP !== '') ips.push(s.podIP);
  if (Array.isArray(s.podIPs)) {
    for (const entry of s.podIPs) if (isObject(entry) && typeof entry.ip === 'string' && entry.ip !== '') ips.push(entry.ip);
  }
  return ips;
}

function optionalObject(json: unknown, field: string): any {
  if (json === undefined || json === null) return undefined;
  if (!isObject(json)) throw new Malformed(field, `must be an object, not ${shown(json)}`);
  return json;
}

function optionalList(json: unknown, field: string): unknown[] {
  if (json === undefined || json === null) return [];
  if (!Array.isArray(json)) throw new Malformed(field, `must be a list, not ${shown(json)}`);
  return json;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as JSON, shortened; never JavaScript's `undefined`. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
