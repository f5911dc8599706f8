/**
 * The child process that reads a live cluster for `cluster-source.ts` (the commands are synchronous,
 * and the Kubernetes client is asynchronous and an ES module: it runs here, apart, and only when a
 * command is given the input `cluster`).
 *
 * `node cluster-fetch.js REQUEST_JSON`, where the request is a `ClusterFetchRequest`. It writes one
 * file per resource into `outputDirectory` (the list as the API server sent it, one item per line)
 * and `summary.json` (a `ClusterFetchSummary`). It never exits non-zero for a cluster problem: the
 * summary says what failed, and the parent decides.
 *
 * The Kubernetes client (`@kubernetes/client-node`) resolves the kubeconfig (KUBECONFIG, ~/.kube/config,
 * in-cluster service account), the context, credentials (tokens, client certificates, exec plugins)
 * and TLS; the lists are fetched with the client's own HTTP stack and request options, as raw JSON,
 * so that the objects are exactly what the server holds (no round trip through typed models).
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { isNonKubernetesPolicyObject } from '../analysis/other-policy-apis';

/** What the parent asks for. */
export interface ClusterFetchRequest {
  /** `--kubeconfig`: a file; otherwise KUBECONFIG, ~/.kube/config, the in-cluster service account. */
  readonly kubeconfig?: string;
  /** `--context`: a context of the kubeconfig; otherwise its current context. */
  readonly context?: string;
  /** Where to write the lists and the summary. */
  readonly outputDirectory: string;
  /** Milliseconds to wait for each response. */
  readonly timeoutMs: number;
}

/** One resource read in full. */
export interface ClusterFetchList {
  /** The file under `outputDirectory`. */
  readonly file: string;
  /** `pods`, `deployments.apps`: how kubectl names a resource. */
  readonly resource: string;
  readonly count: number;
}

/** One resource that could not be listed (forbidden, not served, an error of the server). */
export interface ClusterFetchFailure {
  readonly resource: string;
  readonly message: string;
}

/** What the child did. */
export interface ClusterFetchSummary {
  /** The context read, and its server. */
  readonly context?: string;
  readonly server?: string;
  readonly lists: ClusterFetchList[];
  readonly failures: ClusterFetchFailure[];
  /** Set when the cluster could not be read at all (no kubeconfig, unknown context, unreachable, bad credentials). */
  readonly fatal?: string;
}

/** A resource to list: its API path prefix, its plural name, and the kind of its list. */
interface ResourceToList {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

/** What every analysis needs: namespaces, pods, workloads and Kubernetes NetworkPolicies. */
export const BUILT_IN_RESOURCES: readonly ResourceToList[] = [
  { group: '', version: 'v1', plural: 'namespaces' },
  { group: '', version: 'v1', plural: 'pods' },
  { group: 'apps', version: 'v1', plural: 'deployments' },
  { group: 'apps', version: 'v1', plural: 'statefulsets' },
  { group: 'apps', version: 'v1', plural: 'daemonsets' },
  { group: 'apps', version: 'v1', plural: 'replicasets' },
  { group: 'batch', version: 'v1', plural: 'jobs' },
  { group: 'batch', version: 'v1', plural: 'cronjobs' },
  { group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies' },
];

/** Items per page: a large cluster is read in pages, as kubectl does. */
const PAGE_SIZE = 500;

/** The few parts of `@kubernetes/client-node` used here (it is loaded at run time, not typed at build time). */
interface KubeConfigLike {
  loadFromFile(file: string): void;
  loadFromDefault(): void;
  getContexts(): Array<{ name: string }>;
  getContextObject(name: string): unknown;
  setCurrentContext(name: string): void;
  getCurrentContext(): string;
  getCurrentCluster(): { server: string } | null;
  applyToFetchOptions(options: object): Promise<object>;
}
interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  text(): Promise<string>;
}
type FetchFunction = (url: string, init: object) => Promise<FetchResponse>;

/** A problem that stops the whole read. */
class FatalClusterError extends Error {}

/** Reads the cluster the request names; never throws (the summary says what went wrong). */
export async function fetchCluster(request: ClusterFetchRequest): Promise<ClusterFetchSummary> {
  const lists: ClusterFetchList[] = [];
  const failures: ClusterFetchFailure[] = [];
  let context: string | undefined;
  let server: string | undefined;
  try {
    const { kubeConfig, fetch } = await loadClient(request);
    context = kubeConfig.getCurrentContext();
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new FatalClusterError(`the context ${JSON.stringify(context)} names no cluster of the kubeconfig`);
    server = cluster.server.replace(/\/+$/, '');
    const client = { kubeConfig, fetch, server, timeoutMs: request.timeoutMs };
    const resources = [...BUILT_IN_RESOURCES, ...await otherPolicyResources(client, failures)];
    for (const resource of resources) {
      const name = resourceName(resource);
      const outcome = await listAll(client, resource);
      if (typeof outcome === 'string') {
        failures.push({ resource: name, message: outcome });
        continue;
      }
      const file = `${String(lists.length).padStart(2, '0')}-${name}.json`;
      fs.writeFileSync(path.join(request.outputDirectory, file), outcome.text);
      lists.push({ file, resource: name, count: outcome.count });
    }
  } catch (e) {
    const message = e instanceof FatalClusterError ? e.message : `cannot read the cluster: ${describeError(e)}`;
    return { context, server, lists, failures, fatal: message };
  }
  return { context, server, lists, failures };
}

async function loadClient(request: ClusterFetchRequest): Promise<{ kubeConfig: KubeConfigLike; fetch: FetchFunction }> {
  const entry = require.resolve('@kubernetes/client-node');
  // The client is an ES module: import it (TypeScript would turn `import()` into `require()` here).
  const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;
  const client = await importModule(pathToFileURL(entry).href);
  // The client's own HTTP stack (node-fetch 2, which takes the client's agent with its TLS settings).
  const nodeFetch = createRequire(entry)('node-fetch');
  const fetch = (nodeFetch.default ?? nodeFetch) as FetchFunction;
  const kubeConfig = new client.KubeConfig() as KubeConfigLike;
  try {
    if (request.kubeconfig !== undefined) {
      if (!fs.existsSync(request.kubeconfig)) throw new FatalClusterError(`--kubeconfig ${request.kubeconfig}: no such file`);
      kubeConfig.loadFromFile(request.kubeconfig);
    } else {
      // kubectl skips the files of KUBECONFIG that do not exist; so does this.
      const listed = (process.env.KUBECONFIG ?? '').split(path.delimiter).filter((f) => f !== '');
      if (listed.length > 0) {
        const existing = listed.filter((f) => fs.existsSync(f));
        if (existing.length === 0) throw new FatalClusterError(`KUBECONFIG names no file that exists (${listed.join(path.delimiter)})`);
        process.env.KUBECONFIG = existing.join(path.delimiter);
      }
      if (!hasDefaultKubeconfig()) {
        throw new FatalClusterError('no kubeconfig: set KUBECONFIG, give --kubeconfig PATH, or write ~/.kube/config (kubectl config view shows what kubectl uses)');
      }
      kubeConfig.loadFromDefault();
    }
  } catch (e) {
    if (e instanceof FatalClusterError) throw e;
    throw new FatalClusterError(`cannot load the kubeconfig ${request.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config'}: ${describeError(e)}`);
  }
  if (request.context !== undefined) {
    if (!kubeConfig.getContextObject(request.context)) {
      const known = kubeConfig.getContexts().map((c) => c.name);
      throw new FatalClusterError(`--context ${request.context}: no such context in the kubeconfig (it has ${known.length === 0 ? 'none' : known.join(', ')})`);
    }
    kubeConfig.setCurrentContext(request.context);
  } else if (!kubeConfig.getCurrentContext() && kubeConfig.getContexts().length > 0) {
    throw new FatalClusterError(`the kubeconfig has no current context: give --context (one of ${kubeConfig.getContexts().map((c) => c.name).join(', ')})`);
  }
  return { kubeConfig, fetch };
}

/** KUBECONFIG, ~/.kube/config or an in-cluster service account (the client would otherwise invent localhost:8080). */
function hasDefaultKubeconfig(): boolean {
  if ((process.env.KUBECONFIG ?? '') !== '') return true;
  if (fs.existsSync(path.join(os.homedir(), '.kube', 'config'))) return true;
  return fs.existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token') && process.env.KUBERNETES_SERVICE_HOST !== undefined;
}

interface Client {
  readonly kubeConfig: KubeConfigLike;
  readonly fetch: FetchFunction;
  readonly server: string;
  readonly timeoutMs: number;
}

/** A GET of an API path: the JSON body, or a message for an HTTP error. Connection and credential problems are fatal. */
async function get(client: Client, apiPath: string): Promise<{ status: number; body?: any; message?: string }> {
  const url = `${client.server}${apiPath}`;
  let response: FetchResponse;
  let text: string;
  try {
    const init = await client.kubeConfig.applyToFetchOptions({ method: 'GET', headers: { Accept: 'application/json' } });
    response = await client.fetch(url, { ...init, timeout: client.timeoutMs });
    text = await response.text();
  } catch (e) {
    throw new FatalClusterError(`cannot reach the API server ${client.server} (${describeError(e)}); check the kubeconfig, --context, and that the cluster is up (kubectl cluster-info)`);
  }
  if (response.status === 401) {
    throw new FatalClusterError(`the API server ${client.server} refused the credentials of the kubeconfig (401 Unauthorized); log in again or choose another --context`);
  }
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status !== 200) {
    const reason = typeof body?.message === 'string' ? body.message : text.slice(0, 200);
    return { status: response.status, message: `${response.status} ${response.statusText}${reason ? `: ${reason}` : ''}` };
  }
  if (body === undefined) return { status: response.status, message: `the API server answered ${apiPath} with something that is not JSON` };
  return { status: response.status, body };
}

/**
 * Every page of a resource, as one list in the server's own form (kind `PodList`, items as sent, often
 * without kind and apiVersion), one item per line so that `file:N` is the N-th item; or why it failed.
 */
async function listAll(client: Client, resource: ResourceToList): Promise<{ text: string; count: number } | string> {
  const base = `${resource.group === '' ? '/api' : `/apis/${resource.group}`}/${resource.version}/${resource.plural}`;
  const items: string[] = [];
  let listKind: string | undefined;
  let apiVersion: string | undefined;
  let next: string | undefined;
  do {
    const query = `?limit=${PAGE_SIZE}${next ? `&continue=${encodeURIComponent(next)}` : ''}`;
    const page = await get(client, `${base}${query}`);
    if (page.message !== undefined) {
      const hint = page.status === 403 ? ` (grant list on ${resourceName(resource)}, or pass --skip-invalid to answer without them)` : '';
      return `cannot list ${resourceName(resource)}: ${page.message}${hint}`;
    }
    const body = page.body;
    if (typeof body !== 'object' || body === null || typeof body.kind !== 'string' || !(Array.isArray(body.items) || body.items === null)) {
      return `cannot list ${resourceName(resource)}: the API server's answer is not a list`;
    }
    listKind = body.kind;
    apiVersion = body.apiVersion;
    for (const item of body.items ?? []) items.push(JSON.stringify(item));
    next = typeof body.metadata?.continue === 'string' && body.metadata.continue !== '' ? body.metadata.continue : undefined;
  } while (next !== undefined);
  const head = JSON.stringify({ apiVersion, kind: listKind }).slice(0, -1);
  return { text: `${head},"items":[${items.join(',\n')}]}\n`, count: items.length };
}

/**
 * The policy resources of other APIs this cluster serves (Calico, Cilium, Antrea, AdminNetworkPolicy,
 * Istio, any `*NetworkPolicy`): read so that they are listed as left out, as they are in files.
 */
async function otherPolicyResources(client: Client, failures: ClusterFetchFailure[]): Promise<ResourceToList[]> {
  const groups = await get(client, '/apis');
  if (groups.message !== undefined) {
    failures.push({ resource: 'API groups', message: `cannot list the API groups (/apis), so policies of other APIs (Calico, Cilium, ...) cannot be found: ${groups.message}` });
    return [];
  }
  const result: ResourceToList[] = [];
  const groupList: any[] = Array.isArray(groups.body?.groups) ? groups.body.groups : [];
  // Calico's API server serves projectcalico.org/v3 over the objects it stores as crd.projectcalico.org/v1: read them once.
  const calicoApiServer = groupList.some((g) => g?.name === 'projectcalico.org');
  for (const group of groupList) {
    const name = typeof group?.name === 'string' ? group.name : undefined;
    if (calicoApiServer && name === 'crd.projectcalico.org') continue;
    const version = group?.preferredVersion?.version ?? group?.versions?.[0]?.version;
    if (!name || typeof version !== 'string' || (name.endsWith('.k8s.io') && name !== 'policy.networking.k8s.io')) continue;
    if (['apps', 'batch', 'autoscaling', 'policy', 'extensions'].includes(name)) continue;
    const resources = await get(client, `/apis/${name}/${version}`);
    if (resources.message !== undefined) {
      failures.push({ resource: `API group ${name}`, message: `cannot list the resources of ${name}/${version}: ${resources.message}` });
      continue;
    }
    for (const r of Array.isArray(resources.body?.resources) ? resources.body.resources : []) {
      if (typeof r?.name !== 'string' || r.name.includes('/') || !Array.isArray(r.verbs) || !r.verbs.includes('list')) continue;
      if (isNonKubernetesPolicyObject(`${name}/${version}`, r.kind)) result.push({ group: name, version, plural: r.name });
    }
  }
  return result;
}

/** `pods`, `deployments.apps`, as kubectl names resources. */
export function resourceName(resource: ResourceToList): string {
  return resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}

if (require.main === module) {
  const request = JSON.parse(process.argv[2] ?? '{}') as ClusterFetchRequest;
  void fetchCluster(request).then((summary) => {
    fs.writeFileSync(path.join(request.outputDirectory, 'summary.json'), JSON.stringify(summary));
  });
}
