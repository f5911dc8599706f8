import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as readline from 'readline';

/** One connection attempt of the agent: from a network namespace (and source address) to ip:port. */
export interface AgentProbe {
  readonly netns: string;
  /** The source address to bind, for a namespace with several (the world); empty for a pod. */
  readonly source: string;
  readonly ip: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}

/** What the agent saw: `allowed` (TCP established, UDP answered), `denied`, or `error` (the probe could not run). */
export interface AgentResult {
  readonly result: 'allowed' | 'denied' | 'error';
  /** The listener's answer: the name it was started with. */
  readonly reply?: string;
  readonly detail?: string;
}

/**
 * The lab binary's probe agent (`labbin agent`, labgo/agent.go): one process that listens and
 * connects inside the pods' network namespaces, driven by JSON lines. It exits with its stdin.
 */
export class ProbeAgent {
  public static start(binary: string): ProbeAgent {
    return new ProbeAgent(spawn(binary, ['agent'], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (a: any) => void; reject: (e: Error) => void }>();
  private stderr = '';
  private exited?: string;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      let answer: any;
      try {
        answer = JSON.parse(line);
      } catch {
        return;
      }
      const p = this.pending.get(answer.id);
      if (!p) return;
      this.pending.delete(answer.id);
      if (answer.error) p.reject(new Error(`probe agent: ${answer.error}`));
      else p.resolve(answer);
    });
    child.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-4000);
    });
    const fail = (why: string) => {
      this.exited = why;
      for (const p of this.pending.values()) p.reject(new Error(`probe agent ${why}: ${this.stderr.trim()}`));
      this.pending.clear();
    };
    child.on('exit', (code, sig) => fail(`exited (${code ?? sig})`));
    child.on('error', (e) => fail(`failed: ${e.message}`));
  }

  /** Listens on the ports in the namespace (on each address, or all), answering with `name`. */
  public async listen(netns: string, name: string, tcp: number[], udp: number[], addrs: string[] = []): Promise<void> {
    await this.send({ op: 'listen', netns, name, tcp, udp, addrs });
  }

  /** Closes every listener of the namespace (before it is deleted). */
  public async close(netns: string): Promise<void> {
    await this.send({ op: 'close', netns });
  }

  /** Runs the probes concurrently, each with a new connection; results in the same order. */
  public async probe(probes: readonly AgentProbe[], timeoutMs: number): Promise<AgentResult[]> {
    if (probes.length === 0) return [];
    const answer = await this.send({ op: 'probe', timeoutMs, probes });
    return answer.results;
  }

  public stop(): void {
    this.child.stdin.end();
    if (this.exited === undefined) this.child.kill();
  }

  private send(request: object): Promise<any> {
    if (this.exited !== undefined) return Promise.reject(new Error(`probe agent ${this.exited}: ${this.stderr.trim()}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(JSON.stringify({ ...request, id }) + '\n');
    });
  }
}
