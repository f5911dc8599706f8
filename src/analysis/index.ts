// The jsii-facing surface of the analysis: the Reachability facade and its structs. The engine's
// internals (classes, port sets, cluster model) are imported by path, never re-exported.
export * from './reachability-types';
export { Reachability } from './reachability';
