import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Methodology } from '../../domain/methodology.js';
import type { RatingData } from '../../engine/compute-rating.js';
import {
  computeDraws,
  prepareUncertainty,
  type RankBands,
  summariseDraws,
  type UncertaintyOptions,
} from '../../engine/rank-uncertainty.js';
import type { WorkerRequest } from './uncertainty-worker.js';

export interface UncertaintyRun {
  draws: number;
  seed: number;
  options?: UncertaintyOptions;
  /** Called after every finished chunk with the number of draws done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Draws per message to a worker. */
  chunk?: number;
}

export interface UncertaintyResult extends RankBands {
  /** Every draw's places, draw-major: ranks[d × unitCount + i]. */
  ranks: Float64Array;
}

type WorkerReply =
  | { type: 'ready' }
  | { type: 'ranks'; from: number; to: number; ranks: Float64Array }
  | ({ type: 'summary' } & UncertaintyResult)
  | { type: 'error'; message: string };

/**
 * The compiled worker next to this file; when running from the TypeScript sources (tests,
 * benchmarks through tsx), a tiny module that registers tsx in the worker and imports the
 * source.
 */
function workerScript(): URL {
  const compiled = new URL('./uncertainty-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return compiled;
  const source = new URL('./uncertainty-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(source)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Sends one request (handing over `transfer`) and waits for the worker's next reply. */
function ask(
  worker: Worker,
  request: WorkerRequest,
  transfer: ArrayBuffer[] = [],
): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: WorkerReply) => {
      settle();
      if (reply.type === 'error') reject(new Error(reply.message));
      else resolve(reply);
    };
    const onError = (e: Error) => {
      settle();
      reject(e);
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`Поток расчёта неопределённости завершился с кодом ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request, transfer);
  });
}

/**
 * Worker threads that stay up between runs (the server keeps one; the CLI makes one per
 * command). Runs are taken one at a time.
 *
 * @example const pool = new UncertaintyPool(2); await pool.run(m, data, { draws: 1000, seed: 42 });
 */
export class UncertaintyPool {
  private readonly workers: Worker[];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(size: number) {
    const script = workerScript();
    this.workers = Array.from({ length: Math.max(1, size) }, () => new Worker(script));
  }

  run(methodology: Methodology, data: RatingData, run: UncertaintyRun): Promise<UncertaintyResult> {
    const next = this.queue.then(() => this.runNow(methodology, data, run));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(
    methodology: Methodology,
    data: RatingData,
    run: UncertaintyRun,
  ): Promise<UncertaintyResult> {
    const n = data.units.length;
    const ranks = new Float64Array(run.draws * n);
    const chunk = Math.max(1, run.chunk ?? 25);
    const options = run.options ?? {};
    let next = 0;
    let done = 0;
    await Promise.all(
      this.workers.map(async (worker) => {
        await ask(worker, { type: 'prepare', methodology, data, options });
        while (next < run.draws) {
          const from = next;
          next = Math.min(run.draws, from + chunk);
          const reply = await ask(worker, { type: 'draws', seed: run.seed, from, to: next });
          if (reply.type !== 'ranks') throw new Error('неожиданный ответ потока');
          ranks.set(reply.ranks, from * n);
          done += reply.to - reply.from;
          run.onProgress?.(done, run.draws);
        }
      }),
    );
    const summary = await ask(
      this.workers[0] as Worker,
      { type: 'summarise', ranks, unitCount: n },
      [ranks.buffer],
    );
    if (summary.type !== 'summary') throw new Error('неожиданный ответ потока');
    const { median, p05, p95 } = summary;
    return { ranks: summary.ranks, median, p05, p95 };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Monte Carlo rank uncertainty off the event loop: the draws are cut into chunks that the
 * workers take in turn; every draw depends only on (seed, draw number), so the result is
 * the same for any number of workers. `workers: 0` computes on the calling thread.
 *
 * @example await runUncertainty(m, data, { draws: 1000, seed: 42, workers: 2 })
 */
export async function runUncertainty(
  methodology: Methodology,
  data: RatingData,
  run: UncertaintyRun & { workers: number },
): Promise<UncertaintyResult> {
  if (run.workers > 0) {
    const pool = new UncertaintyPool(run.workers);
    try {
      return await pool.run(methodology, data, run);
    } finally {
      await pool.close();
    }
  }
  const n = data.units.length;
  const ranks = new Float64Array(run.draws * n);
  const chunk = Math.max(1, run.chunk ?? 25);
  const model = prepareUncertainty(methodology, data, run.options);
  for (let from = 0; from < run.draws; from += chunk) {
    const to = Math.min(run.draws, from + chunk);
    ranks.set(computeDraws(model, run.seed, from, to), from * n);
    run.onProgress?.(to, run.draws);
  }
  return { ranks, ...summariseDraws(ranks, n) };
}
