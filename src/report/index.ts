// The jsii-facing part of the pictures: the options of Reachability.toDot/toMermaid. The writers
// (graph, DOT, Mermaid, SVG, HTML) are internal: import them from their files.
export * from './graph-options';
