import { LintOptions } from './lint-options';
import { ClusterModel } from '../analysis/cluster-model';

/**
 * The cluster model of the linter's public input (internal): the namespaces and workloads of
 * `LintOptions`, added to `cluster` (a model read from manifests, or a new one). Workloads are
 * converted once; every check then decides through the analysis's semantics.
 */
export function lintCluster(options: LintOptions, cluster: ClusterModel = new ClusterModel()): ClusterModel {
  for (const ns of options.namespaces ?? []) cluster.addNamespace(ns.name, ns.labels);
  for (const w of options.workloads ?? []) {
    cluster.addWorkload({
      namespace: w.namespace,
      name: w.name,
      kind: w.kind,
      labels: w.labels,
      containerPorts: (w.ports ?? []).map((p) => ({ port: p.number, protocol: p.protocol, ...(p.name !== undefined ? { name: p.name } : {}) })),
      ips: w.podIps,
      hostNetwork: w.hostNetwork,
      owned: w.owned,
      source: { file: w.file, line: w.line, constructPath: w.path },
    });
  }
  return cluster;
}
