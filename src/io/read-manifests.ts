import * as fs from 'fs';
import { InputError } from './input-error';
import { ManifestDocument } from './manifest-document';
import { describeFsError, listManifestFiles, STDIN_PATH } from './manifest-files';
import { parseManifests } from './parse-manifests';

/**
 * Reads every Kubernetes object from the files and directories named (see `listManifestFiles` for
 * which files, in which order, and `parseManifests` for how each is decoded), in input order.
 *
 * @throws InputError for a path that cannot be read or a file with a syntax error.
 */
export function readManifests(paths: readonly string[]): ManifestDocument[] {
  const documents: ManifestDocument[] = [];
  for (const file of listManifestFiles(paths)) {
    documents.push(...parseManifests(readText(file), file));
  }
  return documents;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file === STDIN_PATH ? 0 : file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot read (${describeFsError(e)})`);
  }
}
