/**
 * How much a connectivity graph may draw before it folds (`Reachability.toDot`, `toMermaid`).
 */
export interface GraphOptions {
  /**
   * The most nodes drawn. Beyond, whole namespaces are drawn as one node each (the largest first),
   * then the namespaces with the fewest endpoints as one node; the graph says what it folded.
   * @default 40 for DOT, 30 for Mermaid
   */
  readonly maxNodes?: number;
  /**
   * The most edges drawn. Beyond, every namespace is folded, then the edges that concern the
   * fewest endpoint pairs are left out (and counted in the graph's note).
   * @default 150 for DOT, 100 for Mermaid
   */
  readonly maxEdges?: number;
  /**
   * The graph's title.
   * @default 'NetworkPolicy connectivity'
   */
  readonly title?: string;
}
