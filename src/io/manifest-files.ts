import * as fs from 'fs';
import * as path from 'path';
import { InputError } from './input-error';

/** The extensions of the files read from a directory. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** The path that stands for standard input. */
export const STDIN_PATH = '-';

/** Folders never walked into: dependencies (`node_modules`), and dot-folders (`.git`, `.github`, `.cache`...). */
export function isSkippedFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** A file to read, and whether the user named it (rather than it being found in a directory). */
export interface ManifestFile {
  /** The path as the user gave it, or joined under the directory the user gave. */
  readonly file: string;
  /** True when named on the command line (its problems are always errors); false when found by walking a directory. */
  readonly explicit: boolean;
}

/**
 * The files to read for the paths the user named, in a stable order: each path in turn; a file as it is
 * (whatever its extension); a directory recursively, its entries sorted by name, keeping only files
 * ending with `.yaml`, `.yml` or `.json` and never entering `node_modules` or dot-folders. A file named
 * twice is listed once, where it first appears. `-` (standard input) is kept as is.
 *
 * @throws InputError when a path does not exist or cannot be read.
 */
export function findManifestFiles(paths: readonly string[], onUnreadable?: (error: InputError) => void): ManifestFile[] {
  const files: ManifestFile[] = [];
  const seen = new Set<string>();
  const add = (file: string, explicit: boolean) => {
    const key = file === STDIN_PATH ? file : path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push({ file, explicit });
    }
  };
  for (const given of paths) {
    if (given === STDIN_PATH) {
      add(given, true);
      continue;
    }
    const stat = statOrThrow(given);
    if (stat.isDirectory()) {
      walk(given, new Set([realpath(given)]), (file) => add(file, false), onUnreadable);
    } else {
      add(given, true);
    }
  }
  return files;
}

/** `findManifestFiles`, the paths only. */
export function listManifestFiles(paths: readonly string[]): string[] {
  return findManifestFiles(paths).map((f) => f.file);
}

/**
 * Adds the manifest files under `dir`. An entry that cannot be read (a broken link, no permission) is
 * passed to `onUnreadable` when given, so that one bad entry does not stop the others; thrown otherwise.
 */
function walk(dir: string, ancestors: Set<string>, add: (file: string) => void, onUnreadable?: (error: InputError) => void): void {
  const fail = (error: InputError) => {
    if (!onUnreadable) throw error;
    onUnreadable(error);
  };
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    fail(new InputError(dir, `cannot read directory (${describeFsError(e)})`));
    return;
  }
  const names = entries.map(entry => entry.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const full = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = statOrThrow(full);
    } catch (e) {
      fail(e as InputError);
      continue;
    }
    if (stat.isDirectory()) {
      if (isSkippedFolder(name)) continue;
      const real = realpath(full);
      if (ancestors.has(real)) continue; // a symbolic link back up the tree
      walk(full, new Set([...ancestors, real]), add, onUnreadable);
    } else if (stat.isFile() && MANIFEST_EXTENSIONS.includes(path.extname(name).toLowerCase())) {
      add(full);
    }
  }
}

function statOrThrow(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (e) {
    throw new InputError(file, `cannot read (${describeFsError(e)})`);
  }
}

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** `ENOENT: no such file or directory`, without the path that node repeats. */
export function describeFsError(error: unknown): string {
  // not `instanceof Error`: errors of node's fs may come from another realm (as under jest)
  const message = typeof (error as { message?: unknown } | undefined)?.message === 'string' ? (error as Error).message : String(error);
  return message.split(',')[0];
}
