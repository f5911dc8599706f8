import { IConstruct } from 'constructs';

/**
 * How the NetworkPolicy constructs under a scope are written, when not as `networking.k8s.io/v1`
 * (see `CalicoOutput`). Internal: not part of the jsii API.
 */
export interface PolicyWriter {
  /** What is written, `apiVersion kind`: two policies of one name collide only within one. */
  readonly writes: string;
  /** The manifest to synthesize for this NetworkPolicy L2. */
  write(policy: IConstruct): unknown;
}

const WRITERS = new WeakMap<IConstruct, PolicyWriter>();

/** Write the NetworkPolicy constructs under `scope` with this writer (the nearest scope's writer wins). */
export function setPolicyWriter(scope: IConstruct, writer: PolicyWriter): void {
  WRITERS.set(scope, writer);
}

/** The writer that governs a construct, if any. */
export function policyWriterFor(c: IConstruct): PolicyWriter | undefined {
  const scopes = c.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const w = WRITERS.get(scopes[i]);
    if (w) return w;
  }
  return undefined;
}

/** The scope whose writer governs a construct (the nearest one with a writer), if any. */
export function policyWriterScopeFor(c: IConstruct): IConstruct | undefined {
  const scopes = c.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    if (WRITERS.has(scopes[i])) return scopes[i];
  }
  return undefined;
}
