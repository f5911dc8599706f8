import { CliIo } from './cli-io';
import { CLUSTER_INPUT, describeClusterRead, readClusterInput, splitClusterInput } from './cluster-source';
import { Flag } from './flag';
import { ParsedArgs } from './parse-args';
import { PROGRAM } from './usage';
import { formatLocation, InputError, ManifestDocument, ManifestInput, readManifestInput } from '../io';

/** Exit code of a command whose input cannot be used (or a bad command line). */
export const EXIT_UNUSABLE = 2;
/** Exit code of an answer given without some objects of the input (listed in the answer). */
export const EXIT_INCOMPLETE = 3;

/** `--skip-invalid`, shared by the commands that compute an answer from all the input. */
export const SKIP_INVALID_FLAG: Flag = {
  name: 'skip-invalid',
  description: 'Answer without the objects and files that cannot be read; the answer then says it is incomplete, and the exit code is 3',
};

/** `--verbose`, shared by every command that reads manifests. */
export const VERBOSE_FLAG: Flag = {
  name: 'verbose',
  description: 'Also list the files skipped as not manifests, and the ignored fields of each object of a cluster dump',
};

/** The rule every command that reads manifests holds, for the help of each. */
export const INPUT_RULE_HELP = [
  'Nothing is left out in silence. An object that cannot be read (a NetworkPolicy the API server',
  'would reject, a malformed workload, an object without a kind) or a file that cannot be read is',
  'named on stderr, and the command exits 2 with no answer; with --skip-invalid it answers without',
  'them, the answer says INCOMPLETE and lists them, and the exit code is 3. Policies of other APIs',
  '(projectcalico.org, cilium.io, crd.antrea.io, policy.networking.k8s.io) are not read: they are',
  'named, listed as left out, and the exit code is 3. Fields of a cluster dump that the API server',
  'writes (status, managedFields, ...) are ignored. Of two objects with the same kind, namespace and',
  'name, the later one is used, as kubectl apply would keep it (a warning names both).',
].join('\n');

/** Ends a command with an exit code, after it has said why (on stderr). The dispatcher returns the code. */
export class CommandExit extends Error {
  constructor(public readonly code: number) {
    super(`exit ${code}`);
    this.name = 'CommandExit';
  }
}

/** Why an object (or a whole file) is not part of an answer. */
export type LeftOutReason = 'unreadable' | 'other-api';

/** One object (or file) of the input that an answer does not take into account. */
export interface LeftOutEntry {
  readonly file?: string;
  readonly line?: number;
  /** `Kind namespace/name`, or empty when it cannot be told (a document that is not an object, a whole file). */
  readonly object: string;
  /** A whole file (unreadable, a syntax error), rather than one object of it. */
  readonly wholeFile?: boolean;
  readonly reason: LeftOutReason;
  /** What is wrong (every field of the object), or why it is not read. */
  readonly message: string;
}

/** The documents of a command's paths, and the files that could not be used. */
export interface CommandInput {
  readonly documents: ManifestDocument[];
  /** Unusable files, as left-out entries (unreadable). */
  readonly unusableFiles: LeftOutEntry[];
}

/**
 * Reads the paths of a command: every unusable file is reported on stderr (once), files skipped as
 * not manifests are listed with `--verbose`, and paths that hold no Kubernetes object at all end the
 * command with exit code 2 (unless `allowEmpty`: one side of a diff may be empty).
 */
export function readCommandInput(command: string, paths: readonly string[], args: ParsedArgs, io: CliIo, allowEmpty = false): CommandInput {
  const verbose = args.flags.verbose === true;
  const input = readInputs(command, paths, args, io, verbose);
  if (verbose) {
    for (const skipped of input.skipped) io.stderr(`${PROGRAM} ${command}: ${skipped.message}; skipped\n`);
  } else if (input.skipped.length > 0) {
    io.stderr(`${PROGRAM} ${command}: skipped ${input.skipped.length} ${input.skipped.length === 1 ? 'file' : 'files'} that ${input.skipped.length === 1 ? 'holds' : 'hold'} no Kubernetes object (--verbose lists them)\n`);
  }
  // An empty file named on purpose is an error, except where nothing is a valid answer (one side of a diff).
  const unusable = allowEmpty ? input.unusable : [...input.unusable, ...input.empty];
  if (allowEmpty) for (const empty of input.empty) io.stderr(`${PROGRAM} ${command}: ${empty.message}\n`);
  for (const problem of unusable) io.stderr(`${PROGRAM} ${command}: ${problem.message}\n`);
  if (input.documents.length === 0 && unusable.length === 0 && !allowEmpty) {
    io.stderr(`${PROGRAM} ${command}: no Kubernetes objects found in ${paths.join(', ')}${input.skipped.length > 0 ? ` (${input.skipped.length} ${input.skipped.length === 1 ? 'file was' : 'files were'} skipped as not manifests; --verbose lists them)` : ''}\n`);
    throw new CommandExit(EXIT_UNUSABLE);
  }
  return { documents: input.documents, unusableFiles: unusable.map(fileEntry) };
}

/** The files, then the live cluster when the input `cluster` is among the paths (see cluster-source.ts). */
function readInputs(command: string, paths: readonly string[], args: ParsedArgs, io: CliIo, verbose: boolean): ManifestInput {
  const split = splitClusterInput(paths, args);
  const files = split.paths.length > 0 ? readManifestInput(split.paths) : { documents: [], unusable: [], skipped: [], empty: [] };
  if (!split.cluster) return files;
  const cluster = readClusterInput(args);
  if (verbose) io.stderr(`${PROGRAM} ${command}: read from the ${CLUSTER_INPUT}: ${describeClusterRead(cluster)}\n`);
  return {
    documents: [...files.documents, ...cluster.documents],
    unusable: [...files.unusable, ...cluster.unusable],
    skipped: files.skipped,
    empty: files.empty,
  };
}

function fileEntry(error: InputError): LeftOutEntry {
  return { file: error.file, line: error.line, object: '', reason: 'unreadable', message: error.reason, wholeFile: true };
}

/** `file:line Kind ns/name`, the way an entry is named in every output. */
export function entryWhere(entry: LeftOutEntry): string {
  const location = entry.file !== undefined ? formatLocation(entry.file, entry.line) : '';
  return [location, entry.object].filter((part) => part !== '').join(' ');
}

/**
 * Reports each unreadable object once (whole files were reported when read); without `--skip-invalid`,
 * ends the command (exit 2) when there is any.
 */
export function stopOnUnreadable(command: string, entries: readonly LeftOutEntry[], args: ParsedArgs, io: CliIo): void {
  const unreadable = entries.filter((e) => e.reason === 'unreadable');
  for (const entry of unreadable) {
    if (!entry.wholeFile) io.stderr(`${PROGRAM} ${command}: ${entryWhere(entry)}: cannot be read: ${entry.message}\n`);
  }
  if (unreadable.length > 0 && args.flags['skip-invalid'] !== true) {
    io.stderr(`${PROGRAM} ${command}: no answer: ${describeCount(unreadable)} of the input cannot be read (see above). Fix ${unreadable.length === 1 ? 'it' : 'them'}, or pass --skip-invalid to answer without ${unreadable.length === 1 ? 'it' : 'them'} (the answer then says it is incomplete, and the exit code is ${EXIT_INCOMPLETE}).\n`);
    throw new CommandExit(EXIT_UNUSABLE);
  }
}

/** Reports the entries of other APIs once each, on stderr. */
export function reportOtherApis(command: string, entries: readonly LeftOutEntry[], io: CliIo): void {
  for (const entry of entries) {
    if (entry.reason === 'other-api') io.stderr(`${PROGRAM} ${command}: ${entryWhere(entry)}: left out: ${entry.message}\n`);
  }
}

/** `2 objects`, `1 file`, `1 object and 1 file`. */
export function describeCount(entries: readonly LeftOutEntry[]): string {
  const objects = entries.filter((e) => !e.wholeFile).length;
  const files = entries.length - objects;
  const parts: string[] = [];
  if (objects > 0) parts.push(`${objects} ${objects === 1 ? 'object' : 'objects'}`);
  if (files > 0) parts.push(`${files} ${files === 1 ? 'file' : 'files'}`);
  return parts.join(' and ');
}

/** The lines that open a text answer that leaves something out (none when complete). */
export function incompleteTextLines(entries: readonly LeftOutEntry[]): string[] {
  if (entries.length === 0) return [];
  return [
    `INCOMPLETE: this answer leaves out ${describeCount(entries)} of the input:`,
    ...entries.map((e) => `  ${entryWhere(e) || '-'}: ${e.reason === 'other-api' ? 'not read' : 'cannot be read'}: ${e.message}`),
    '',
  ];
}

/** The `complete` and `leftOut` keys of a JSON answer. */
export function completenessJson(entries: readonly LeftOutEntry[]): { complete: boolean; leftOut: object[] } {
  return {
    complete: entries.length === 0,
    leftOut: entries.map((e) => ({ file: e.file ?? null, line: e.line ?? null, object: e.object || null, reason: e.reason, message: e.message })),
  };
}

/** `# ` comment lines that open a CSV answer that leaves something out (none when complete). */
export function incompleteCsvLines(entries: readonly LeftOutEntry[]): string[] {
  return incompleteTextLines(entries).filter((line) => line !== '').map((line) => `# ${line.trim()}`);
}
