/**
 * Which connections an answer is limited to: those of one endpoint, optionally only with one peer
 * and in one direction (`--focus-workload`, `--focus-peer`, `--focus-direction`).
 */
export interface Focus {
  /** The endpoint's id. */
  readonly endpoint: string;
  /** The peer's id, or undefined for every peer. */
  readonly peer?: string;
  /** `egress` (the endpoint is the source), `ingress` (the destination), or undefined for both. */
  readonly direction?: 'ingress' | 'egress';
}

/** Whether the connection from one id to another is within the focus (every connection without one). */
export function inFocus(focus: Focus | undefined, from: string, to: string): boolean {
  if (!focus) return true;
  const out = from === focus.endpoint && (focus.peer === undefined || to === focus.peer);
  const into = to === focus.endpoint && (focus.peer === undefined || from === focus.peer);
  if (focus.direction === 'egress') return out;
  if (focus.direction === 'ingress') return into;
  return out || into;
}

/** `connections of shop/web[Deployment] (egress) with shop/db[StatefulSet]`. */
export function describeFocus(focus: Focus): string {
  return `connections of ${focus.endpoint}${focus.direction ? ` (${focus.direction} only)` : ''}${focus.peer ? ` with ${focus.peer}` : ''}`;
}
