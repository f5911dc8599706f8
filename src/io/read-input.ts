import * as fs from 'fs';
import { InputError } from './input-error';
import { ManifestDocument } from './manifest-document';
import { describeFsError, findManifestFiles, ManifestFile, STDIN_PATH } from './manifest-files';
import { isPlainObject } from './object-identity';
import { parseManifests } from './parse-manifests';

/**
 * What was read from the paths a user named, with everything that could not be used: unlike
 * `readManifests`, one bad file does not stop the others.
 */
export interface ManifestInput {
  /** The Kubernetes objects (and malformed documents of manifest files), in input order. */
  readonly documents: ManifestDocument[];
  /**
   * Files (or directory entries) that could not be used: unreadable, a syntax error, a Helm
   * template, a named file that holds no Kubernetes object. Each makes the input not all usable.
   */
  readonly unusable: InputError[];
  /** Files found in a directory that hold no Kubernetes object (`values.yaml`, `tsconfig.json`), with why; skipped. */
  readonly skipped: InputError[];
  /** Files named explicitly that are empty (no document, or only empty ones): not in `unusable`; the caller decides. */
  readonly empty: InputError[];
}

/**
 * Reads every Kubernetes object of the files and directories named (which files: `findManifestFiles`;
 * how each is decoded: `parseManifests`).
 *
 * - A file named explicitly is always read, whatever it holds (what is not an object is for the
 *   commands to report); its problems are `unusable`, and an empty one is in `empty`.
 * - A file found by walking a directory that holds no Kubernetes object (no document with `kind` or
 *   `apiVersion`, or text that does not parse and does not look like a manifest) is `skipped`.
 * - A Helm template (`{{ ... }}`) is `unusable`, with a hint to render it first.
 *
 * @throws InputError only when a path named on the command line does not exist.
 */
export function readManifestInput(paths: readonly string[]): ManifestInput {
  const documents: ManifestDocument[] = [];
  const unusable: InputError[] = [];
  const skipped: InputError[] = [];
  const empty: InputError[] = [];
  for (const entry of findManifestFiles(paths, (e) => unusable.push(e))) {
    const outcome = readOne(entry);
    documents.push(...outcome.documents);
    if (outcome.problem) (outcome.skip ? skipped : outcome.empty ? empty : unusable).push(outcome.problem);
  }
  return { documents, unusable, skipped, empty };
}

interface FileOutcome {
  readonly documents: ManifestDocument[];
  readonly problem?: InputError;
  /** The problem only means that the file is not a manifest: skip it. */
  readonly skip?: boolean;
  /** The problem is that a file named explicitly is empty. */
  readonly empty?: boolean;
}

function readOne({ file, explicit }: ManifestFile): FileOutcome {
  let text: string;
  try {
    text = fs.readFileSync(file === STDIN_PATH ? 0 : file, 'utf8');
  } catch (e) {
    return { documents: [], problem: new InputError(file, `cannot read (${describeFsError(e)})`) };
  }
  if (isHelmTemplate(text)) {
    return { documents: [], problem: new InputError(file, 'a Helm template ({{ ... }}), not a manifest: render it first (helm template <release> <chart> > manifests.yaml) and give the output') };
  }
  let documents: ManifestDocument[];
  try {
    documents = parseManifests(text, file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A broken file that names no Kubernetes field is some other file (a tsconfig.json with comments).
    return { documents: [], problem: e, skip: !explicit && !looksLikeManifest(text) };
  }
  if (documents.length === 0) {
    return { documents: [], problem: new InputError(file, 'holds no Kubernetes object (it is empty)'), skip: !explicit, empty: explicit };
  }
  // A file found in a directory is some other file unless one of its documents is a Kubernetes object;
  // a file named on purpose is read whatever it holds, and what is not an object is reported by the commands.
  if (!explicit && !documents.some(isKubernetesObject)) {
    return { documents: [], problem: new InputError(file, 'holds no Kubernetes object (no document has a kind or an apiVersion)'), skip: true };
  }
  return { documents };
}

/** A document that says what it is: a mapping with a `kind` or an `apiVersion`. */
export function isKubernetesObject(document: ManifestDocument): boolean {
  if (document.malformed !== undefined || !isPlainObject(document.object)) return false;
  return document.object.kind !== undefined || document.object.apiVersion !== undefined;
}

function isHelmTemplate(text: string): boolean {
  return /\{\{-?\s*[.$a-zA-Z(/"-]/.test(text) && text.includes('}}');
}

function looksLikeManifest(text: string): boolean {
  return /^\s*["']?(apiVersion|kind)["']?\s*:/m.test(text);
}
