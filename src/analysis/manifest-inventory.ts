import { ClusterModel, ContainerPortInfo, SourceLocation } from './cluster-model';
import { findControllerOwners, objectKey } from './controller-owners';
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

/** An object of the input that was skipped, and why. */
export interface InventoryProblem {
  /** `file#index` (plus `.items[i]`) or `object #n` when there is no file. */
  readonly location: string;
  readonly file?: string;
  readonly line?: number;
  /** `Kind namespace/name` of the object, as far as it can be read. */
  readonly object: string;
  /** The field path (`spec.template.spec.containers[0].ports[1].containerPort`); empty for the whole object. */
  readonly field: string;
  readonly message: string;
}

/** A policy of the input, with where it came from. */
export interface InventoryPolicy {
  readonly policy: NetworkPolicyModel;
  readonly source: SourceLocation;
}

/** What the analysis reads from a set of manifests. */
export interface Inventory {
  readonly cluster: ClusterModel;
  readonly policies: InventoryPolicy[];
  readonly problems: InventoryProblem[];
}

/** Options of reading an inventory. */
export interface InventoryOptions {
  /** External endpoints to add: IPs or CIDRs. */
  readonly externals?: string[];
  /** Pod IPs given by the user, by endpoint id or `namespace/name`; added to those of the manifests. */
  readonly podIps?: { [endpoint: string]: string[] };
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

/**
 * Reads namespaces, endpoints and NetworkPolicies from decoded manifests. Unknown kinds are
 * ignored; a malformed object is reported (file, field path, reason) and skipped, never thrown.
 */
export function readInventory(inputs: readonly InventoryInput[], options: InventoryOptions = {}): Inventory {
  const cluster = new ClusterModel();
  const policies: InventoryPolicy[] = [];
  const problems: InventoryProblem[] = [];

  // Namespaces first, so that endpoints and policies of any order find their labels.
  const ordered = [
    ...inputs.map((input, n) => ({ input, n })).filter(({ input }) => kindOf(input.object) === 'Namespace'),
    ...inputs.map((input, n) => ({ input, n })).filter(({ input }) => kindOf(input.object) !== 'Namespace'),
  ];
  const owners = findControllerOwners(inputs.flatMap(({ object }) => {
    const kind = kindOf(object);
    const metadata = isObject(object) ? (object as any).metadata : undefined;
    if (kind === undefined || !ENDPOINT_KINDS.includes(kind) || !isObject(metadata) || typeof metadata.name !== 'string') return [];
    const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default';
    return [{ kind, namespace, name: metadata.name as string, metadata }];
  }));
  const ownedPodIps: Array<{ owner: string; ips: string[] }> = [];

  for (const { input, n } of ordered) {
    const source: SourceLocation = {
      file: input.file,
      index: input.index,
      line: input.line,
      path: input.itemIndex !== undefined ? `items[${input.itemIndex}]` : undefined,
      constructPath: input.constructPath,
    };
    const location = input.file !== undefined
      ? `${input.file}#${input.index ?? 0}${input.itemIndex !== undefined ? `.items[${input.itemIndex}]` : ''}`
      : `object #${n}`;
    const report = (object: string, field: string, message: string): void => {
      problems.push({ location, file: input.file, line: input.line, object, field, message });
    };
    if (input.malformed !== undefined || !isObject(input.object)) {
      report('', '', input.malformed ?? 'not a Kubernetes object (not a JSON object)');
      continue;
    }
    const object = input.object as any;
    const kind = kindOf(object);
    if (kind === undefined) continue;
    const what = describeObject(object);
    try {
      if (kind === 'Namespace') {
        const name = requireName(object);
        cluster.addNamespace(name, readLabels(object.metadata?.labels, 'metadata.labels'));
      } else if (kind === 'NetworkPolicy') {
        if (object.apiVersion !== 'networking.k8s.io/v1') continue;
        const result = parseNetworkPolicy(object);
        if (result.policy) policies.push({ policy: result.policy, source });
        else for (const e of result.errors) report(what, e.field, e.field !== '' && e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message);
      } else if (kind === 'Pod') {
        const name = requireName(object);
        const namespace = readNamespace(object);
        const spec = optionalObject(object.spec, 'spec') ?? {};
        const ips = readPodIps(object.status);
        const owner = owners.topControllerOf.get(objectKey(kind, namespace ?? 'default', name));
        if (owner !== undefined) {
          // One of a workload's pods: the workload is the endpoint, with this pod's IPs.
          ownedPodIps.push({ owner, ips });
          continue;
        }
        addEndpoint(cluster, report, what, {
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
      } else if (TEMPLATE_PATHS[kind]) {
        const name = requireName(object);
        const namespace = readNamespace(object);
        // A ReplicaSet of a Deployment, or a Job of a CronJob, is the same pods again.
        if (owners.topControllerOf.has(objectKey(kind, namespace ?? 'default', name))) continue;
        const path = TEMPLATE_PATHS[kind];
        let template: any = object;
        for (let i = 0; i < path.length; i++) {
          template = optionalObject(template?.[path[i]], path.slice(0, i + 1).join('.'));
        }
        const field = path.join('.');
        if (template === undefined) throw new Malformed(field, 'a workload needs a pod template');
        const spec = optionalObject(template.spec, `${field}.spec`) ?? {};
        addEndpoint(cluster, report, what, {
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
      if (e instanceof Malformed) report(what, e.field, e.message);
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
      problems.push({ location: 'options.podIps', object: ref, field: '', message: `no endpoint ${ref} to give IPs to` });
      continue;
    }
    cluster.addAddresses(endpoint.id, ips);
  }
  for (const cidr of options.externals ?? []) {
    try {
      if (!cluster.addExternal(cidr)) problems.push({ location: 'externals', object: cidr, field: '', message: `external endpoint ${cidr} given twice` });
    } catch (e) {
      problems.push({ location: 'externals', object: cidr, field: '', message: (e as Error).message });
    }
  }
  return { cluster, policies, problems };
}

function addEndpoint(
  cluster: ClusterModel,
  report: (object: string, field: string, message: string) => void,
  what: string,
  props: Parameters<ClusterModel['addWorkload']>[0],
): void {
  if (!cluster.addWorkload(props)) report(what, 'metadata.name', 'another object of the same kind, namespace and name came first; this one is skipped');
}

function kindOf(object: unknown): string | undefined {
  return isObject(object) && typeof (object as any).kind === 'string' ? (object as any).kind : undefined;
}

function describeObject(object: any): string {
  const kind = typeof object.kind === 'string' ? object.kind : '?';
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '?';
  return typeof metadata.namespace === 'string' ? `${kind} ${metadata.namespace}/${name}` : `${kind} ${name}`;
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
  if (typeof ns !== 'string') throw new Malformed('metadata.namespace', `must be a string, not ${JSON.stringify(ns)}`);
  return ns;
}

function readLabels(json: unknown, field: string): { [key: string]: string } {
  const map = optionalObject(json, field);
  if (map === undefined) return {};
  const entries: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === null) entries.push([key, '']);
    else if (typeof value === 'string') entries.push([key, value]);
    else throw new Malformed(`${field}.${key}`, `a label value must be a string, not ${JSON.stringify(value)}`);
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
        throw new Malformed(`${pField}.containerPort`, `must be an integer from 1 to 65535, not ${JSON.stringify(number)}`);
      }
      let protocol = Protocol.TCP;
      if (port.protocol !== undefined && port.protocol !== null) {
        const known = ALL_PROTOCOLS.find((x) => x === port.protocol);
        if (known === undefined) throw new Malformed(`${pField}.protocol`, `must be one of ${ALL_PROTOCOLS.join(', ')}, not ${JSON.stringify(port.protocol)}`);
        protocol = known;
      }
      if (port.name !== undefined && port.name !== null && typeof port.name !== 'string') {
        throw new Malformed(`${pField}.name`, `must be a string, not ${JSON.stringify(port.name)}`);
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
  if (!isObject(json)) throw new Malformed(field, `must be an object, not ${JSON.stringify(json)}`);
  return json;
}

function optionalList(json: unknown, field: string): unknown[] {
  if (json === undefined || json === null) return [];
  if (!Array.isArray(json)) throw new Malformed(field, `must be a list, not ${JSON.stringify(json)}`);
  return json;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
