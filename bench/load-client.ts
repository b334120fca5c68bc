// What the load bench's clients share: plain HTTP/1.1 calls over kept-alive sockets (an
// official's browser, a visitor's), latency series with their percentiles, a pool of workers
// that keeps a bounded number of calls in flight, and a steady open-loop rate.
import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  body: string;
  setCookie: string[];
  ms: number;
}

export interface CallOptions {
  cookie?: string;
  csrf?: string;
  body?: unknown;
}

/**
 * One HTTP call to the server under test; a refused connection answers status 0. A GET sent on
 * a kept-alive socket that the server closed meanwhile is sent once more on a new one, as a
 * browser does; its time counts from the first attempt.
 */
export function call(
  agent: Agent,
  base: URL,
  method: string,
  path: string,
  options: CallOptions = {},
  start = performance.now(),
  again = true,
): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json, text/html' };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, method, path, headers },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(parts).toString('utf8'),
            setCookie: res.headers['set-cookie'] ?? [],
            ms: performance.now() - start,
          }),
        );
        res.on('error', () =>
          resolve({ status: 0, body: '', setCookie: [], ms: performance.now() - start }),
        );
      },
    );
    req.on('error', (error) => {
      if (
        again &&
        method === 'GET' &&
        req.reusedSocket &&
        (error as NodeJS.ErrnoException).code === 'ECONNRESET'
      )
        return resolve(call(agent, base, method, path, options, start, false));
      resolve({ status: 0, body: error.message, setCookie: [], ms: performance.now() - start });
    });
    req.end(payload);
  });
}

/** Latencies (ms) and statuses of one kind of call. */
export class Series {
  readonly ms: number[] = [];
  readonly statuses = new Map<number, number>();
  /** The first unexpected answer, to show what went wrong. */
  firstFailure: string | null = null;

  add(answer: Answer, expected = 200): boolean {
    this.ms.push(answer.ms);
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    const ok = answer.status === expected;
    if (!ok && this.firstFailure === null)
      this.firstFailure = `${answer.status}: ${answer.body.slice(0, 300)}`;
    return ok;
  }

  get count(): number {
    return this.ms.length;
  }

  count5xx(): number {
    return [...this.statuses].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
  }

  unexpected(expected = 200): number {
    return [...this.statuses].filter(([s]) => s !== expected).reduce((n, [, c]) => n + c, 0);
  }

  /** Nearest rank: the smallest latency at or above which lie p % of the calls. */
  percentile(p: number): number {
    if (this.ms.length === 0) return Number.NaN;
    const sorted = [...this.ms].sort((a, b) => a - b);
    return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
  }

  /** `p50 … мс, p99 … мс` for a report line. */
  summary(): string {
    return `p50 ${this.percentile(50).toFixed(1)} мс, p99 ${this.percentile(99).toFixed(1)} мс`;
  }

  statusText(): string {
    return [...this.statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${s === 0 ? 'нет соединения' : s}: ${c}`)
      .join(', ');
  }
}

/**
 * Runs `work(i)` for i in 0..count−1 with at most `concurrency` in flight; stops taking new
 * items at `deadline` (performance.now() time). Returns how many were started.
 */
export async function runPool(
  count: number,
  concurrency: number,
  deadline: number,
  work: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const i = next;
      next += 1;
      await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return next;
}

/**
 * Calls `tick()` `perSecond` times a second, each at its scheduled moment whether or not the
 * previous calls have answered (open loop: a slow server does not slow the visitors down),
 * until `stop()` is called; resolves when the calls under way have answered.
 */
export function steadyRate(perSecond: number, tick: () => Promise<void>) {
  const interval = 1000 / perSecond;
  const start = performance.now();
  const pending = new Set<Promise<void>>();
  let n = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    n += 1;
    timer = setTimeout(
      () => {
        const p = tick().finally(() => pending.delete(p));
        pending.add(p);
        schedule();
      },
      Math.max(0, start + n * interval - performance.now()),
    );
  };
  schedule();
  return {
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all(pending);
    },
  };
}

/** Keep-alive sockets, as browsers hold them; `sockets` at most at a time. */
export const keptAlive = (sockets: number) =>
  new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
