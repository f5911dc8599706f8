import * as path from 'path';
import { Document, isAlias, isMap, isNode, isScalar, isSeq, LineCounter, Node, parseAllDocuments, parseDocument, Tags } from 'yaml';
import { InputError } from './input-error';
import { FieldPath, ManifestDocument } from './manifest-document';
import { isPlainObject } from './object-identity';

/** The syntax of a manifest file. */
export type ManifestFormat = 'yaml' | 'json';

/**
 * Options of `parseManifests`.
 */
export interface ParseManifestsOptions {
  /**
   * The syntax of the text.
   * @default - `json` when the file name ends with `.json`, `yaml` otherwise
   */
  readonly format?: ManifestFormat;
}

/**
 * Decodes the text of one manifest file into its Kubernetes objects, in order.
 *
 * - YAML: every `---` document; decoded as `kubectl` does (YAML 1.1: `yes`/`no` booleans, `010` octal,
 *   merge keys), except that timestamps stay strings, as they do once `kubectl` turns YAML into JSON.
 * - JSON: one value (strict JSON).
 * - Empty documents (and `null`) are skipped; they still count in `index`.
 * - A `List` (kind `List`, or any `*List` kind with `items`) is replaced by its items.
 * - A document or item that is not an object is returned with `malformed` set, not thrown.
 *
 * @throws InputError on a syntax error, with the line and column of the first one.
 */
export function parseManifests(text: string, file: string, options: ParseManifestsOptions = {}): ManifestDocument[] {
  const format = options.format ?? (path.extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return format === 'json' ? parseJson(source, file) : parseYaml(source, file);
}

const YAML_OPTIONS = {
  version: '1.1' as const,
  // kubectl converts YAML to JSON, where a timestamp is a string: keep it one.
  customTags: (tags: Tags) => tags.filter(tag => typeof tag === 'string' || !String(tag.tag).endsWith(':timestamp')),
};

function parseYaml(text: string, file: string): ManifestDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter });
  const result: ManifestDocument[] = [];
  documents.forEach((document, index) => {
    const error = document.errors[0];
    if (error) {
      const [start] = error.linePos ?? [];
      throw new InputError(file, `YAML syntax error: ${firstLine(error.message)}`, start?.line, start?.col);
    }
    const root = isNode(document.contents) ? document.contents : undefined;
    const line = root?.range ? lineCounter.linePos(root.range[0]).line : 1;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new InputError(file, `YAML error: ${firstLine((e as Error).message)}`, line);
    }
    result.push(...toManifests(value, { file, index, line, document, root, lineCounter }));
  });
  return result;
}

function parseJson(text: string, file: string): ManifestDocument[] {
  if (text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.trimEnd().length;
    const { line, col } = lineAndColumn(text, offset);
    throw new InputError(file, `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, '')}`, line, col);
  }
  // JSON is YAML: parse it again only to learn where each node starts.
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const root = isNode(document.contents) ? document.contents : undefined;
  const line = root?.range ? lineCounter.linePos(root.range[0]).line : lineAndColumn(text, text.search(/\S/)).line;
  return toManifests(value, { file, index: 0, line, document, root, lineCounter });
}

interface Origin {
  readonly file: string;
  readonly index: number;
  readonly line: number;
  readonly document: Document.Parsed | Document;
  readonly root?: Node;
  readonly lineCounter: LineCounter;
}

function toManifests(value: unknown, origin: Origin): ManifestDocument[] {
  if (value === null || value === undefined) return [];
  const { file, index, line } = origin;
  const base = { file, index, line };
  const lineOf = (root: Node | undefined, fallback: number) =>
    (fieldPath: FieldPath) => locate(origin, root, fallback, fieldPath);
  if (!isPlainObject(value)) {
    return [{ ...base, object: value, malformed: `expected a Kubernetes object (a mapping), found ${describe(value)}`, lineOf: lineOf(origin.root, line) }];
  }
  if (!isList(value)) {
    return [{ ...base, object: value, lineOf: lineOf(origin.root, line) }];
  }
  const items = value.items;
  if (items === undefined || items === null) return []; // `items: null` is how Go writes an empty list
  if (!Array.isArray(items)) {
    return [{ ...base, object: value, malformed: `items of kind ${String(value.kind)}: expected a list, found ${describe(items)}`, lineOf: lineOf(origin.root, line) }];
  }
  const itemsNode = resolve(origin, isMap(origin.root) ? origin.root.get('items', true) : undefined);
  const result: ManifestDocument[] = [];
  items.forEach((item, itemIndex) => {
    const itemNode = isSeq(itemsNode) ? resolve(origin, itemsNode.items[itemIndex]) : undefined;
    const itemLine = itemNode?.range ? origin.lineCounter.linePos(itemNode.range[0]).line : line;
    const itemBase = { file, index, itemIndex, line: itemLine, lineOf: lineOf(itemNode, itemLine) };
    if (isPlainObject(item)) {
      const typed = withListItemType(item, value);
      if (typed === undefined) {
        result.push({ ...itemBase, object: item, malformed: `item ${itemIndex} of the List has no kind, so what it is cannot be known; add kind and apiVersion to it` });
      } else {
        result.push({ ...itemBase, object: typed });
      }
    } else {
      result.push({ ...itemBase, object: item, malformed: `expected a Kubernetes object (a mapping) as item ${itemIndex} of the ${String(value.kind)}, found ${describe(item)}` });
    }
  });
  return result;
}

/**
 * An item of a list, with its kind and apiVersion. The API server sends the items of a typed list
 * (`PodList`, `NetworkPolicyList`) without them: they are the list's kind less `List`, and the list's
 * apiVersion. An item of a `kind: List` without a kind cannot be known: undefined.
 */
function withListItemType(item: Record<string, unknown>, list: Record<string, unknown>): Record<string, unknown> | undefined {
  if (typeof item.kind === 'string' && item.kind !== '') return item;
  const listKind = String(list.kind);
  if (listKind === 'List') return undefined;
  const typed: Record<string, unknown> = { kind: listKind.slice(0, -'List'.length) };
  if (item.apiVersion === undefined && typeof list.apiVersion === 'string') typed.apiVersion = list.apiVersion;
  return { ...typed, ...item, kind: typed.kind };
}

/** `kind: List`, or any `*List` kind that has `items` (`NetworkPolicyList`, `PodList`, ...). */
function isList(object: Record<string, unknown>): boolean {
  const kind = object.kind;
  if (typeof kind !== 'string') return false;
  return kind === 'List' || (kind.endsWith('List') && 'items' in object);
}

function locate(origin: Origin, root: Node | undefined, fallback: number, fieldPath: FieldPath): number {
  const steps = typeof fieldPath === 'string' ? parseFieldPath(fieldPath) : fieldPath;
  let node = resolve(origin, root);
  let line = fallback;
  for (const step of steps) {
    let next: unknown;
    let at: unknown;
    if (isMap(node)) {
      const pair = node.items.find(p => String(isScalar(p.key) ? p.key.value : p.key) === String(step));
      next = pair?.value;
      at = pair?.key;
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
      at = next;
    }
    if (!isNode(at) || !at.range) break;
    line = origin.lineCounter.linePos(at.range[0]).line;
    node = resolve(origin, next);
  }
  return line;
}

function resolve(origin: Origin, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(origin.document as Document) as Node | undefined;
  return isNode(node) ? node : undefined;
}

/** `spec.ingress[0].ports` → `['spec', 'ingress', 0, 'ports']`. */
export function parseFieldPath(fieldPath: string): Array<string | number> {
  const steps: Array<string | number> = [];
  for (const match of fieldPath.matchAll(/([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push(match[3]);
  }
  return steps;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `a string (${JSON.stringify(truncate(value))})`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${String(value)})`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, col: lines[lines.length - 1].length + 1 };
}
