import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import { runCliInProcess } from './run-cli-in-process';
import { generateCluster, writeCluster } from '../../bench/cluster';
import { ProcessOutput } from '../../src/cli/process-output';

const ROOT = path.join(__dirname, '..', '..');

/** A stream that takes one chunk every few milliseconds, as a slow reader of a pipe does. */
class SlowStream extends Writable {
  public received = '';
  public maxBuffered = 0;
  public constructor(highWaterMark: number, private readonly delayMs: number) {
    super({ highWaterMark, decodeStrings: false });
  }
  public override _write(chunk: any, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    setTimeout(() => {
      this.received += String(chunk);
      callback();
    }, this.delayMs);
  }
}

describe('ProcessOutput', () => {
  test('waits for the stream to drain: the pieces are pulled as the reader takes them, in order', async () => {
    const stream = new SlowStream(1024, 1);
    const output = new ProcessOutput(stream, () => undefined);
    let pulled = 0;
    function* pieces(): Generator<string> {
      for (let i = 0; i < 200; i++) {
        pulled++;
        yield `${String(i).padStart(4, '0')}${'x'.repeat(496)}\n`;
      }
    }
    output.stdout('head\n');
    output.stdoutPieces(pieces());
    output.stdout('tail\n');
    // Nothing is pulled ahead of the reader: at most what fits the stream's buffer, plus one piece.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBeLessThan(20);
    await output.finished();
    expect(pulled).toBe(200);
    await new Promise((resolve) => stream.end(resolve));
    const lines = stream.received.split('\n');
    expect(lines[0]).toBe('head');
    expect(lines.slice(1, 201).map((l) => Number(l.slice(0, 4)))).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(lines[201]).toBe('tail');
    // The stream never held much more than its high-water mark (one piece of 501 characters beyond).
    expect(stream.maxBuffered).toBeLessThanOrEqual(1024 + 501);
  });

  test('a reader that goes away (EPIPE) ends the output quietly; another error is reported', async () => {
    const gone = new Writable({ highWaterMark: 16, write: (_c, _e, cb) => cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })) });
    const quiet = new ProcessOutput(gone, () => undefined);
    quiet.stdoutPieces(['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(100)]);
    await expect(quiet.finished()).resolves.toBeUndefined();
    expect(quiet.readerGone).toBe(true);
    const full = new Writable({ write: (_c, _e, cb) => cb(Object.assign(new Error('write ENOSPC'), { code: 'ENOSPC' })) });
    const failing = new ProcessOutput(full, () => undefined);
    failing.stdout('x');
    await expect(failing.finished()).rejects.toThrow('ENOSPC');
  });
});

describe('output through a real pipe to a slow reader', () => {
  let dir: string;
  let cluster: string;
  let changed: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-pipe-'));
    cluster = path.join(dir, 'cluster.yaml');
    changed = path.join(dir, 'changed.yaml');
    writeCluster(cluster, generateCluster({ endpoints: 300, namespaces: 10, policies: 60 }));
    writeCluster(changed, generateCluster({ endpoints: 300, namespaces: 10, policies: 60 }, 7));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * `cdk8s-netpol ARGS | READER` in a shell, with the process entry of bin/cdk8s-netpol run from the
   * sources; returns both exit codes, the CLI's stderr, and what the reader wrote to a file.
   */
  function piped(args: string[], reader: string): { cliCode: number; readerCode: number; stderr: string; received: string } {
    const out = path.join(dir, 'received');
    fs.rmSync(out, { force: true });
    const cli = [process.execPath, '-r', 'ts-node/register/transpile-only', '-e', 'require("./src/cli/run-process").runProcess(process.argv.slice(1))', ...args];
    const script = `${cli.map(quote).join(' ')} 2>${quote(path.join(dir, 'stderr'))} | ${process.execPath} -e ${quote(reader)} ${quote(out)}; echo "\${PIPESTATUS[0]} \${PIPESTATUS[1]}"`;
    const run = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const [cliCode, readerCode] = run.stdout.trim().split(' ').map(Number);
    return { cliCode, readerCode, stderr: fs.readFileSync(path.join(dir, 'stderr'), 'utf8'), received: fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '' };
  }

  // Reads 16 KiB at a time, pausing 2 ms after each read, and writes everything to the file argument.
  const SLOW_READER = `
    const fs = require('fs'); const chunks = [];
    process.stdin.on('readable', function read() {
      const chunk = process.stdin.read(16384) ?? process.stdin.read();
      if (chunk === null) return;
      chunks.push(chunk);
      setTimeout(read, 2);
    });
    process.stdin.on('end', () => fs.writeFileSync(process.argv[1], Buffer.concat(chunks)));`;

  test.each([
    ['json', ['analyze', '--output', 'json', '--all-pairs']],
    ['csv', ['analyze', '--output', 'csv']],
    ['diff text', ['diff']],
  ])('%s: complete, the same as in process, no crash', (name, args) => {
    const paths = name === 'diff text' ? [cluster, changed] : [cluster];
    const expected = runCliInProcess([...args, ...paths]);
    expect(expected.stdout.length).toBeGreaterThan(100_000);
    const r = piped([...args, ...paths], SLOW_READER);
    expect(r.stderr).toBe('');
    expect(r.readerCode).toBe(0);
    expect(r.cliCode).toBe(expected.code);
    expect(r.received.length).toBe(expected.stdout.length);
    expect(r.received).toBe(expected.stdout);
    if (name === 'json') {
      const json = JSON.parse(r.received);
      expect(json.connections).toHaveLength(json.endpoints.length ** 2);
    }
  });

  test('a reader that stops early (| head): the CLI ends quietly, without EPIPE', () => {
    const HEAD = 'process.stdin.once("data", (c) => { require("fs").writeFileSync(process.argv[1], c.subarray(0, 100)); process.exit(0); });';
    const r = piped(['analyze', '--output', 'json', '--all-pairs', cluster], HEAD);
    expect(r.readerCode).toBe(0);
    expect(r.received).toMatch(/^\{\n {2}"complete": true/);
    expect(r.stderr).toBe('');
    expect(r.cliCode).toBe(0);
  });
});

function quote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}
