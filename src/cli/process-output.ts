import { CliIo } from './cli-io';

/** The part of a Node.js writable stream the output writer uses. */
export interface OutputStream {
  write(chunk: string): boolean;
  once(event: 'drain' | 'error' | 'close', listener: (...args: any[]) => void): unknown;
  removeListener(event: 'drain' | 'error' | 'close', listener: (...args: any[]) => void): unknown;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * The CLI's output to a real stream (the process's stdout): every write waits for the stream to
 * drain when its buffer is full, so that an output of any size goes through a pipe to a slow reader
 * with little memory, instead of piling up in the process (which once ended in `write ENOBUFS`).
 * A reader that goes away (`| head`: EPIPE) ends the output quietly.
 */
export class ProcessOutput implements CliIo {
  private readonly queue: Array<string | Iterable<string>> = [];
  private pumping: Promise<void> = Promise.resolve();
  private running = false;
  private closed = false;
  private failure: NodeJS.ErrnoException | undefined;

  public constructor(private readonly out: OutputStream, private readonly err: (text: string) => void) {
    // Without a listener, an EPIPE would be thrown as an uncaught exception.
    out.on('error', (error) => {
      this.closed = true;
      if (error.code !== 'EPIPE' && this.failure === undefined) this.failure = error;
    });
  }

  public stdout(text: string): void {
    this.enqueue(text);
  }

  public stderr(text: string): void {
    this.err(text);
  }

  public stdoutPieces(pieces: Iterable<string>): void {
    this.enqueue(pieces);
  }

  /**
   * Resolves when everything is written (or the reader went away); rejects with the stream's error
   * when it fails otherwise.
   */
  public async finished(): Promise<void> {
    // What is handed over but still buffered in the stream goes out before the process ends.
    while (this.running) await this.pumping;
    if (this.failure) throw this.failure;
  }

  /** Whether the reader went away before the end of the output. */
  public get readerGone(): boolean {
    return this.closed && this.failure === undefined;
  }

  private enqueue(item: string | Iterable<string>): void {
    this.queue.push(item);
    if (this.running) return;
    this.running = true;
    this.pumping = this.pump();
  }

  /** Writes the queue; `running` is cleared in the same step as the queue is found empty. */
  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const item = this.queue.shift()!;
      for (const piece of typeof item === 'string' ? [item] : item) {
        if (this.closed) break;
        if (piece === '') continue;
        if (!this.out.write(piece)) await this.drained();
      }
    }
    this.running = false;
  }

  /** Waits for 'drain', or for the stream to fail or close (then writing stops). */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.out.removeListener('drain', done);
        this.out.removeListener('error', failed);
        this.out.removeListener('close', closed);
        resolve();
      };
      const failed = (): void => done();
      const closed = (): void => {
        this.closed = true;
        done();
      };
      this.out.once('drain', done);
      this.out.once('error', failed);
      this.out.once('close', closed);
    });
  }
}
