import * as http from 'http';

/** An answer of the API server. */
export interface KubeResponse {
  readonly status: number;
  readonly body: any;
}

/**
 * A minimal client of the lab's API server, through `kubectl proxy --unix-socket` running in the
 * node namespace (a Unix socket is reachable from every network namespace, so the driver never
 * needs a route into the lab).
 */
export class KubeApi {
  public constructor(private readonly socketPath: string) {}

  public request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request({
        socketPath: this.socketPath,
        method,
        path,
        // kubectl proxy accepts only local Host headers.
        headers: {
          Host: 'localhost',
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) }),
        },
        timeout: 30_000,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any = text;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            // not JSON (a proxy error page): keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Like `request`, but throws unless the status is 2xx (or one of `okStatuses`). */
  public async expect(method: string, path: string, body?: unknown, okStatuses: number[] = [], contentType?: string): Promise<KubeResponse> {
    const r = await this.request(method, path, body, contentType);
    if ((r.status < 200 || r.status > 299) && !okStatuses.includes(r.status)) {
      throw new Error(`${method} ${path}: HTTP ${r.status}: ${typeof r.body === 'object' ? r.body?.message ?? JSON.stringify(r.body) : r.body}`);
    }
    return r;
  }
}
