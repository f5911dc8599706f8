/**
 * Where a command writes. Each call writes its text as is (lines end with `\n`), so that tests can
 * capture the output of a run in process.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Writes a long output piece by piece, in order after what was written before. The writer may
   * pull the pieces later, as fast as the reader of stdout takes them (the process's writer waits
   * for the pipe to drain), so that an output of any size needs little memory: the pieces must
   * not depend on anything the command changes after handing them over.
   *
   * @default - each piece is written with `stdout`, at once
   */
  stdoutPieces?(pieces: Iterable<string>): void;
}

/** Writes the pieces of a long output through `io`: streamed when it can, else piece by piece. */
export function writePieces(io: CliIo, pieces: Iterable<string>): void {
  if (io.stdoutPieces) {
    io.stdoutPieces(pieces);
    return;
  }
  for (const piece of pieces) io.stdout(piece);
}

/** The size a batch of lines grows to before it is written: large enough to keep writes few. */
const BATCH_CHARS = 64 * 1024;

/** Joins lines (each ending with `\n`, or not) into pieces of about 64 KiB, lazily. */
export function* batched(lines: Iterable<string>): Generator<string> {
  let batch = '';
  for (const line of lines) {
    batch += line;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}
