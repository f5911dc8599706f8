/**
 * Input that cannot be used at all: a path that cannot be read, or a file that is not valid
 * YAML or JSON. It names the file and, where known, the line (and column) of the problem.
 *
 * Commands report it and exit with code 2; it is never a verdict on an object.
 */
export class InputError extends Error {
  /** The file (or directory) as the user named it, `-` for standard input. */
  public readonly file: string;
  /** The 1-based line of the problem, when it has one. */
  public readonly line?: number;
  /** The 1-based column of the problem, when it has one. */
  public readonly column?: number;
  /** What is wrong, without the location. */
  public readonly reason: string;

  constructor(file: string, reason: string, line?: number, column?: number) {
    super(`${formatLocation(file, line, column)}: ${reason}`);
    this.name = 'InputError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

/** `file`, `file:line` or `file:line:column`, the form editors and CI annotations understand. */
export function formatLocation(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}
