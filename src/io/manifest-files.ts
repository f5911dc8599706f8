import * as fs from 'fs';
import * as path from 'path';
import { InputError } from './input-error';

/** The extensions of the files read from a directory. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** The path that stands for standard input. */
export const STDIN_PATH = '-';

/**
 * The files to read for the paths the user named, in a stable order: each path in turn; a file as it is
 * (whatever its extension); a directory recursively, its entries sorted by name, keeping only files
 * ending with `.yaml`, `.yml` or `.json`. A file named twice is listed once, where it first appears.
 * `-` (standard input) is kept as is.
 *
 * @throws InputError when a path does not exist or cannot be read.
 */
export function listManifestFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = file === STDIN_PATH ? file : path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const given of paths) {
    if (given === STDIN_PATH) {
      add(given);
      continue;
    }
    const stat = statOrThrow(given);
    if (stat.isDirectory()) {
      walk(given, new Set([realpath(given)]), add);
    } else {
      add(given);
    }
  }
  return files;
}

function walk(dir: string, ancestors: Set<string>, add: (file: string) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(dir, `cannot read directory (${describeFsError(e)})`);
  }
  const names = entries.map(entry => entry.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const full = path.join(dir, name);
    const stat = statOrThrow(full);
    if (stat.isDirectory()) {
      const real = realpath(full);
      if (ancestors.has(real)) continue; // a symbolic link back up the tree
      walk(full, new Set([...ancestors, real]), add);
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
