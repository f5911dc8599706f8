/**
 * Runs tasks in child processes (bench/worker.ts, one per task, --expose-gc), interleaved: after
 * the warm-up, each round runs every task once, in an order that rotates from round to round, so
 * that a load spike on the machine falls on all of them alike. Each figure is the median.
 */
import { ChildProcess, fork } from 'child_process';
import * as path from 'path';
import type { TaskSpec } from './worker';

export interface Measured {
  readonly label: string;
  readonly timesS: number[];
  readonly medianS: number;
  readonly peakMb: number;
  readonly baselineMb: number;
  readonly info: any;
  readonly extra: any;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

class Worker {
  private readonly child: ChildProcess;
  private pending: { resolve: (v: any) => void; reject: (e: Error) => void } | undefined;

  constructor(public readonly label: string) {
    this.child = fork(path.join(__dirname, 'worker.js'), [], { execArgv: ['--expose-gc', '--max-old-space-size=8192'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: any) => {
      const p = this.pending;
      this.pending = undefined;
      if (!p) return;
      if (m.ok) p.resolve(m); else p.reject(new Error(`${this.label}: ${m.error}`));
    });
    this.child.on('exit', (code) => {
      if (this.pending) this.pending.reject(new Error(`${this.label}: worker exited with ${code}`));
      this.pending = undefined;
    });
  }

  public ask(message: any): Promise<any> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(message);
    });
  }

  public stop(): void {
    this.child.kill();
  }
}

export interface MeasureOptions {
  readonly warmup: number;
  readonly reps: number;
  /** Ask each worker for its `extra` figures after the runs. */
  readonly extra?: boolean;
  readonly log?: (line: string) => void;
}

export async function measure(tasks: Array<{ label: string; task: TaskSpec }>, options: MeasureOptions): Promise<Measured[]> {
  const workers = tasks.map((t) => new Worker(t.label));
  try {
    const infos: any[] = [];
    for (let i = 0; i < tasks.length; i++) {
      const t0 = Date.now();
      infos.push(await workers[i].ask({ op: 'setup', task: tasks[i].task }));
      options.log?.(`  ${tasks[i].label}: ready in ${((Date.now() - t0) / 1000).toFixed(1)} s${infos[i].info?.check ? ` (${infos[i].info.check})` : ''}`);
    }
    for (let w = 0; w < options.warmup; w++) for (const worker of workers) await worker.ask({ op: 'run' });
    const times: number[][] = tasks.map(() => []);
    for (let r = 0; r < options.reps; r++) {
      for (let k = 0; k < workers.length; k++) {
        const i = (k + r) % workers.length;
        const { ms } = await workers[i].ask({ op: 'run' });
        times[i].push(ms / 1000);
      }
    }
    const out: Measured[] = [];
    for (let i = 0; i < tasks.length; i++) {
      const extra = options.extra ? (await workers[i].ask({ op: 'extra' })).extra : null;
      const stats = await workers[i].ask({ op: 'stats' });
      out.push({ label: tasks[i].label, timesS: times[i], medianS: median(times[i]), peakMb: stats.peakMb, baselineMb: stats.baselineMb, info: infos[i].info, extra });
      options.log?.(`  ${tasks[i].label}: median ${median(times[i]).toFixed(3)} s of [${times[i].map((t) => t.toFixed(3)).join(', ')}], peak ${stats.peakMb} MB`);
    }
    return out;
  } finally {
    for (const worker of workers) worker.stop();
  }
}
