import { CliIo } from './cli-io';
import { isClusterLocation } from './cluster-source';
import { LeftOutEntry, readCommandInput, reportOtherApis, stopOnUnreadable } from './command-input';
import { ParsedArgs } from './parse-args';
import { PROGRAM } from './usage';
import { InventoryObjectNote } from '../analysis/manifest-inventory';
import { Reachability } from '../analysis/reachability';
import { AnalysisProblem, LeftOutReason, ReachabilityOptions } from '../analysis/reachability-types';

/** An analysis of a command's paths, with what it leaves out. */
export interface AnalysisRun {
  readonly reachability: Reachability;
  /** Files and objects the answer does not take into account (unreadable ones only with --skip-invalid). */
  readonly leftOut: LeftOutEntry[];
}

/**
 * Reads and analyses the paths of a command, holding the one rule of every command: an object that
 * cannot be read is never dropped in silence. Each is reported once on stderr; without
 * `--skip-invalid` the command ends with exit code 2 and no answer; with it, the answer goes on
 * and lists them in `leftOut`. Policies of other APIs are always reported and listed in `leftOut`.
 * Objects defined twice are reported (the later one is analysed, as `kubectl apply` keeps it);
 * ignored server-written fields are counted (listed per object with --verbose).
 */
export function loadAnalysis(
  command: string, paths: readonly string[], options: ReachabilityOptions, args: ParsedArgs, io: CliIo, allowEmpty = false,
): AnalysisRun {
  const input = readCommandInput(command, paths, args, io, allowEmpty);
  const reachability = Reachability._fromInputs(input.documents.map((d) => ({
    object: d.object, file: d.file, index: d.index, itemIndex: d.itemIndex, line: d.line, malformed: d.malformed,
  })), { ...options, skipInvalid: true });
  const unreadable = [...input.unusableFiles, ...reachability.problems.map(toEntry)];
  stopOnUnreadable(command, unreadable, args, io);
  const otherApis = reachability.leftOut.filter((p) => p.reason === LeftOutReason.OTHER_API).map(toEntry);
  reportOtherApis(command, otherApis, io);
  reportNotes(command, reachability, args, io);
  if (input.documents.length > 0 && reachability.endpoints.every((e) => e.external)) {
    io.stderr(`${PROGRAM} ${command}: ${paths.join(', ')}: no pods or workloads in the input, so there is nothing for the policies to select. ` +
      'Give the manifests of your workloads (Deployments, StatefulSets, Pods, ...) with the policies, or a dump of the cluster: ' +
      'kubectl get namespaces,pods,deployments,statefulsets,daemonsets,replicasets,jobs,cronjobs,networkpolicies -A -o yaml > cluster.yaml\n');
  }
  return { reachability, leftOut: [...unreadable, ...otherApis] };
}

function toEntry(problem: AnalysisProblem): LeftOutEntry {
  return {
    file: problem.file,
    line: problem.line,
    object: problem.object,
    reason: problem.reason === LeftOutReason.OTHER_API ? 'other-api' : 'unreadable',
    message: problem.message,
  };
}

function reportNotes(command: string, reachability: Reachability, args: ParsedArgs, io: CliIo): void {
  const inventory = reachability._inventory;
  for (const duplicate of inventory.duplicates) io.stderr(`${PROGRAM} ${command}: warning: ${noteWhere(duplicate)}: ${duplicate.message}\n`);
  // What the live cluster's own server wrote is no news: only dumps (files) are told about.
  const dumped = inventory.serverFields.filter((note) => note.file === undefined || !isClusterLocation(note.file));
  if (dumped.length === 0) return;
  if (args.flags.verbose === true) {
    for (const object of dumped) io.stderr(`${PROGRAM} ${command}: ${noteWhere(object)}: ${object.message}\n`);
  } else {
    const fields = [...new Set(dumped.flatMap((o) => o.message.replace(/^[^:]*: /, '').split(', ')))];
    io.stderr(`${PROGRAM} ${command}: ignored what the API server writes (${fields.slice(0, 4).join(', ')}${fields.length > 4 ? ', ...' : ''}) in ${dumped.length} ${dumped.length === 1 ? 'object' : 'objects'} of a cluster dump (--verbose lists them)\n`);
  }
}

function noteWhere(note: InventoryObjectNote): string {
  const location = note.file !== undefined ? `${note.file}${note.line !== undefined ? `:${note.line}` : ''}` : note.location;
  return note.object ? `${location} ${note.object}` : location;
}
