/**
 * A path to a field inside a manifest: property names and list indexes, such as
 * `['spec', 'ingress', 0, 'ports']`, or the same written as the API server writes field paths,
 * `spec.ingress[0].ports`.
 */
export type FieldPath = ReadonlyArray<string | number> | string;

/**
 * One Kubernetes object read from a manifest file, with where it came from.
 */
export interface ManifestDocument {
  /** The file as the user named it (a path joined under a directory the user named; `-` for standard input). */
  readonly file: string;
  /** The 0-based index of the document in its file, counting every `---` document, empty ones included. */
  readonly index: number;
  /** For an item of a `List` (kind `List` or `*List` with `items`): its 0-based index in `items`. */
  readonly itemIndex?: number;
  /** The 1-based line where the object starts (the document's first content line, or the list item's). */
  readonly line: number;
  /**
   * The decoded object, as plain JSON data (what `kubectl` would send). A JSON object unless `malformed`
   * is set, in which case it is the raw value (a string, a number, a list, ...). Type of nested fields is
   * not checked: guard every access.
   */
  readonly object: unknown;
  /**
   * Set when the document (or list item) is not an object at all, so cannot be a Kubernetes object:
   * says what it is instead (`document 2 is a list, not an object`).
   */
  readonly malformed?: string;
  /**
   * The 1-based line of a field of this object, for pointing at it (SARIF, editor annotations). When the
   * field does not exist, the line of its deepest existing ancestor; `line` at worst.
   */
  lineOf(path: FieldPath): number;
}
