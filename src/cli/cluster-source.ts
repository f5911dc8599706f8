import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ClusterFetchRequest, ClusterFetchSummary } from './cluster-fetch';
import { Flag } from './flag';
import { ParsedArgs } from './parse-args';
import { UsageError } from './usage-error';
import { InputError, ManifestDocument, ManifestInput, parseManifests } from '../io';

/** The input word that names the live cluster, where a command takes files or directories. */
export const CLUSTER_INPUT = 'cluster';

/** `--kubeconfig PATH`, for the commands that can read the live cluster. */
export const KUBECONFIG_FLAG: Flag = {
  name: 'kubeconfig',
  valueName: 'PATH',
  description: 'The kubeconfig of the input `cluster` (default: KUBECONFIG, then ~/.kube/config, then the in-cluster service account)',
};

/** `--context NAME`, for the commands that can read the live cluster. */
export const CONTEXT_FLAG: Flag = {
  name: 'context',
  valueName: 'NAME',
  description: 'The kubeconfig context of the input `cluster` (default: its current context)',
};

/** The flags of the live cluster, for the commands that read manifests. */
export const CLUSTER_FLAGS: readonly Flag[] = [KUBECONFIG_FLAG, CONTEXT_FLAG];

/** The lines of a command's help about the input `cluster`. */
export const CLUSTER_INPUT_HELP = [
  'The input `cluster` is the live cluster of the kubeconfig (--kubeconfig, --context; else',
  'KUBECONFIG, ~/.kube/config, the in-cluster service account): its namespaces, pods, Deployments,',
  'StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs and NetworkPolicies, read with the same rules',
  'as files (policies of other APIs the server holds are listed as left out). A cluster that cannot',
  'be reached is unusable input (exit 2); a resource that cannot be listed (RBAC: forbidden) is',
  'unreadable input, as a file would be. A file or directory named `cluster` is written ./cluster.',
].join('\n');

/** Milliseconds to wait for each response of the API server. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Whether a command-line input names the live cluster. */
export function isClusterInput(input: string): boolean {
  return input === CLUSTER_INPUT;
}

/**
 * Reads the live cluster of the kubeconfig as a `ManifestInput`: each resource's list, as the API
 * server sent it, goes through `parseManifests` (so list items without a kind take the list's kind,
 * exactly as in a saved `kubectl get -o json`). Objects are located as `cluster/<resource>:<n>`, the
 * n-th item the server listed. A resource that cannot be listed is `unusable`.
 *
 * @throws InputError when the cluster cannot be read at all (no kubeconfig, unknown context,
 * unreachable, credentials refused): never an empty answer.
 */
export function readClusterInput(args: ParsedArgs): ManifestInput {
  const kubeconfig = stringFlag(args, KUBECONFIG_FLAG.name);
  const context = stringFlag(args, CONTEXT_FLAG.name);
  const outputDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-netpol-cluster-'));
  try {
    const summary = runFetch({ kubeconfig, context, outputDirectory, timeoutMs: REQUEST_TIMEOUT_MS });
    const where = summary.context !== undefined ? ` (context ${summary.context}${summary.server ? `, ${summary.server}` : ''})` : '';
    if (summary.fatal !== undefined) throw new InputError(CLUSTER_INPUT, `${summary.fatal}${where}`);
    const documents: ManifestDocument[] = [];
    const unusable: InputError[] = [];
    for (const list of summary.lists) {
      const label = `${CLUSTER_INPUT}/${list.resource}`;
      try {
        documents.push(...parseManifests(fs.readFileSync(path.join(outputDirectory, list.file), 'utf8'), label, { format: 'json' }));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        unusable.push(e);
      }
    }
    for (const failure of summary.failures) unusable.push(new InputError(`${CLUSTER_INPUT}/${failure.resource}`, `${failure.message}${where}`));
    return { documents, unusable, skipped: [], empty: [] };
  } finally {
    fs.rmSync(outputDirectory, { recursive: true, force: true });
  }
}

/** Whether an object's file is a resource of the live cluster (`cluster/pods`). */
export function isClusterLocation(file: string): boolean {
  return file.startsWith(`${CLUSTER_INPUT}/`);
}

/** A one-line description of what was read, for --verbose. */
export function describeClusterRead(input: ManifestInput): string {
  const counts = new Map<string, number>();
  for (const d of input.documents) counts.set(d.file, (counts.get(d.file) ?? 0) + 1);
  return [...counts].map(([file, n]) => `${n} ${file.slice(CLUSTER_INPUT.length + 1)}`).join(', ') || 'nothing';
}

function runFetch(request: ClusterFetchRequest): ClusterFetchSummary {
  const script = path.join(__dirname, 'cluster-fetch.js');
  if (!fs.existsSync(script)) {
    // Only when running from the TypeScript sources (ts-jest): the compiled lib/ has the script.
    throw new InputError(CLUSTER_INPUT, `cannot read a live cluster from the TypeScript sources (${script} is missing): compile first (npx projen compile)`);
  }
  const child = spawnSync(process.execPath, [script, JSON.stringify(request)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 30 * 60_000,
  });
  const summaryFile = path.join(request.outputDirectory, 'summary.json');
  if (child.error || child.status !== 0 || !fs.existsSync(summaryFile)) {
    const why = child.error ? child.error.message : `exit ${child.status ?? child.signal}: ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`;
    throw new InputError(CLUSTER_INPUT, `cannot read the cluster: the reader failed (${why})`);
  }
  return JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as ClusterFetchSummary;
}

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (value === '') throw new UsageError(`--${name} needs a value`);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Splits a command's inputs into file paths and whether the live cluster is one of them. The word
 * `cluster` is the live cluster; a file or directory of that name must be written `./cluster`, and
 * when one exists the bare word is refused as ambiguous.
 */
export function splitClusterInput(inputs: readonly string[], args: ParsedArgs): { paths: string[]; cluster: boolean } {
  const cluster = inputs.some(isClusterInput);
  if (cluster && fs.existsSync(CLUSTER_INPUT)) {
    throw new UsageError(`${CLUSTER_INPUT} is ambiguous: it names the live cluster, and ./${CLUSTER_INPUT} exists here; write ./${CLUSTER_INPUT} for the path`);
  }
  const anywhere = [...args.positionals, args.flags.before, args.flags.after].some((i) => typeof i === 'string' && isClusterInput(i));
  if (!anywhere && (args.flags[KUBECONFIG_FLAG.name] !== undefined || args.flags[CONTEXT_FLAG.name] !== undefined)) {
    throw new UsageError(`--${KUBECONFIG_FLAG.name} and --${CONTEXT_FLAG.name} choose the live cluster read by the input \`${CLUSTER_INPUT}\`, which is not given`);
  }
  return { paths: inputs.filter((i) => !isClusterInput(i)), cluster };
}
