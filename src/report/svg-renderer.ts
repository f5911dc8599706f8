import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';

/** How long one rendering may take before it is given up (Graphviz on a folded graph takes well under a second). */
const RENDER_TIMEOUT_MS = 120_000;

/**
 * The worker: loads Graphviz (WebAssembly, from @viz-js/viz) and renders every DOT text to SVG,
 * then wakes the waiting thread. Plain JavaScript, evaluated as is: no file of ours to find at run
 * time, whether the code runs from lib/ or from src/ under ts-jest.
 */
const WORKER_CODE = `
const { workerData } = require('worker_threads');
const { signal, port, vizPath, dots } = workerData;
const done = (message) => { port.postMessage(message); Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); };
try {
  require(vizPath).instance().then((viz) => {
    done({ results: dots.map((dot) => viz.render(dot, { format: 'svg' })) });
  }, (e) => done({ error: String(e && e.stack || e) }));
} catch (e) {
  done({ error: String(e && e.stack || e) });
}
`;

/** What the worker posts: an error, or one Graphviz result per DOT text. */
interface WorkerMessage {
  readonly error?: string;
  readonly results?: Array<{ status: string; output?: string; errors: Array<{ level?: string; message: string }> }>;
}

/** Thrown when an SVG cannot be rendered. */
export class SvgRenderError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'SvgRenderError';
  }
}

/**
 * Renders DOT texts to SVG with Graphviz compiled to WebAssembly (the npm package `@viz-js/viz`,
 * bundled with this library; no system Graphviz). Synchronous for its callers (the CLI's commands
 * and `cdk8s synth` validations are): the asynchronous WebAssembly load and the rendering run in a
 * worker thread while this thread waits on a shared flag.
 */
export function renderSvgs(dots: readonly string[]): string[] {
  if (dots.length === 0) return [];
  let vizPath: string;
  try {
    vizPath = require.resolve('@viz-js/viz');
  } catch {
    throw new SvgRenderError('SVG output needs the npm package @viz-js/viz, which is bundled with cdk8s-netpol: reinstall cdk8s-netpol (or `npm install @viz-js/viz`), or use --output dot and render it with Graphviz');
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { signal, port: port2, vizPath, dots: [...dots] }, transferList: [port2] });
  worker.unref();
  try {
    const waited = Atomics.wait(signal, 0, 0, RENDER_TIMEOUT_MS);
    const received = receiveMessageOnPort(port1);
    if (waited === 'timed-out' || !received) throw new SvgRenderError(`Graphviz did not finish within ${RENDER_TIMEOUT_MS / 1000} s`);
    const message = received.message as WorkerMessage;
    if (message.error !== undefined) throw new SvgRenderError(`Graphviz (@viz-js/viz) failed to load: ${message.error}`);
    return message.results!.map((r) => {
      if (r.status !== 'success' || r.output === undefined) {
        throw new SvgRenderError(`Graphviz could not render the graph: ${r.errors.map((e) => e.message.trim()).join('; ')}`);
      }
      return r.output;
    });
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** One DOT text to SVG (see `renderSvgs`). */
export function renderSvg(dot: string): string {
  return renderSvgs([dot])[0];
}
