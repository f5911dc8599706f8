import { LintNamespace, LintWorkload, WorkloadPort } from './lint-inputs';
import { ALL_PROTOCOLS, Protocol } from '../model/protocol';

/** Where the pod template of each workload kind is. */
const TEMPLATE_PATHS: { [kind: string]: string[] } = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Where an object came from, for findings. */
export interface ObjectOrigin {
  readonly file?: string;
  readonly line?: number;
  readonly path?: string;
}

/**
 * A pod or workload of a decoded manifest as the linter sees it, or undefined for other kinds
 * (internal; lenient: fields of a wrong type are skipped, never thrown).
 */
export function workloadOf(object: unknown, origin: ObjectOrigin = {}): LintWorkload | undefined {
  if (!isObject(object) || typeof object.kind !== 'string') return undefined;
  const kind = object.kind;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : undefined;
  if (name === undefined) return undefined;
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  let podMetadata: any;
  let podSpec: any;
  let owned: boolean;
  let podIps: string[] = [];
  if (kind === 'Pod') {
    podMetadata = metadata;
    podSpec = object.spec;
    owned = Array.isArray(metadata.ownerReferences) && metadata.ownerReferences.length > 0;
    podIps = podIpsOf(object.status);
  } else if (TEMPLATE_PATHS[kind]) {
    let template: any = object;
    for (const step of TEMPLATE_PATHS[kind]) template = isObject(template) ? template[step] : undefined;
    if (!isObject(template)) return undefined;
    podMetadata = template.metadata;
    podSpec = template.spec;
    owned = true;
  } else {
    return undefined;
  }
  const spec = isObject(podSpec) ? podSpec : {};
  return clean({
    kind,
    name,
    namespace,
    labels: stringMap(isObject(podMetadata) ? podMetadata.labels : undefined),
    ports: portsOf(spec),
    hostNetwork: spec.hostNetwork === true,
    owned,
    podIps,
    ...origin,
  });
}

/** A Namespace object as the linter sees it, or undefined. */
export function namespaceOfObject(object: unknown): LintNamespace | undefined {
  if (!isObject(object) || object.kind !== 'Namespace' || !isObject(object.metadata) || typeof object.metadata.name !== 'string') return undefined;
  return { name: object.metadata.name, labels: stringMap(object.metadata.labels) };
}

function portsOf(spec: any): WorkloadPort[] {
  const out: WorkloadPort[] = [];
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const container of list) {
      if (!isObject(container) || !Array.isArray(container.ports)) continue;
      for (const p of container.ports) {
        if (!isObject(p) || typeof p.containerPort !== 'number') continue;
        const protocol = p.protocol === undefined || p.protocol === null ? Protocol.TCP : ALL_PROTOCOLS.find((x) => x === p.protocol);
        if (protocol === undefined) continue;
        out.push(typeof p.name === 'string' && p.name !== '' ? { number: p.containerPort, protocol, name: p.name } : { number: p.containerPort, protocol });
      }
    }
  }
  return out;
}

function podIpsOf(status: unknown): string[] {
  if (!isObject(status)) return [];
  const ips = new Set<string>();
  if (typeof status.podIP === 'string' && status.podIP !== '') ips.add(status.podIP);
  if (Array.isArray(status.podIPs)) for (const e of status.podIPs) if (isObject(e) && typeof e.ip === 'string' && e.ip !== '') ips.add(e.ip);
  return [...ips];
}

function stringMap(value: unknown): { [key: string]: string } {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string' || v === null).map(([k, v]) => [k, v ?? '']));
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
