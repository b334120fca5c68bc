import { randomUUID } from 'node:crypto';
import type { ImportJobMode, ImportJobStatus } from '../../../domain/import-job.js';
import { phasePercent } from '../../../domain/import-job.js';
import type { ImportPreview, ImportResult } from '../../../domain/import-preview.js';
import {
  importJobDuration,
  importJobsFinished,
  importJobsStarted,
} from '../../metrics/server-metrics.js';
import {
  type ImportJobLimits,
  type ImportJobRefusal,
  readImportJobLimits,
  refuseImportJob,
} from './import-job-limits.js';
import type { ImportProgress } from './import-service.js';

/** What a finished job hands back: a preview, a commit's result, or why it stopped. */
export type ImportJobOutcome =
  | { state: 'succeeded'; preview: ImportPreview; result: ImportResult | null }
  | { state: 'rejected'; preview: ImportPreview; message: string }
  | { state: 'failed'; status: number; message: string };

/** Called with a copy of the status as it changes; `final` once, at the end. */
export type ImportJobWatcher = (status: ImportJobStatus, final: boolean) => void;

interface Job {
  status: ImportJobStatus;
  owner: string;
  /** Bytes of the file the running job holds; 0 once it has ended. */
  heldBytes: number;
  finishedAtMs: number | null;
  watchers: Set<ImportJobWatcher>;
  lastNotifiedMs: number;
}

/** Watchers hear of progress within a phase at most this often; phase changes at once. */
const NOTIFY_EVERY_MS = 100;

const INTERNAL = 'Внутренняя ошибка сервера. Подробности записаны в журнал.';

/** Finished jobs are kept this long for their owner to read the outcome, then dropped. */
export const FINISHED_JOB_TTL_MS = 15 * 60 * 1000;

export interface ImportJobsOptions {
  /** How long a finished job's status stays readable. */
  ttlMs?: number;
  now?: () => number;
  limits?: ImportJobLimits;
}

/**
 * Imports running in this server process, by a random id, each visible only to its owner.
 * Nothing here is persisted: after a restart the jobs are gone, and so is any unfinished
 * commit (it was one transaction, never committed), so the database stays as it was.
 * A job holds its file only while it runs (only `run` refers to it): a finished job keeps
 * its status and outcome, and its bytes no longer count against the limits.
 */
export class ImportJobs {
  readonly #jobs = new Map<string, Job>();
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #limits: ImportJobLimits;
  #heldBytes = 0;
  /** Each running job's end, for a shutdown that lets them finish. */
  readonly #running = new Set<Promise<void>>();

  constructor(options: ImportJobsOptions = {}) {
    this.#ttlMs = options.ttlMs ?? FINISHED_JOB_TTL_MS;
    this.#now = options.now ?? Date.now;
    this.#limits = options.limits ?? readImportJobLimits();
  }

  /** Why `owner` may not start a job with a file of `bytes` now; null when it may. */
  refusal(owner: string, bytes: number): ImportJobRefusal | null {
    let ownerJobs = 0;
    for (const job of this.#jobs.values())
      if (job.owner === owner && job.finishedAtMs === null) ownerJobs += 1;
    return refuseImportJob(this.#limits, { ownerJobs, heldBytes: this.#heldBytes }, bytes);
  }

  /**
   * Starts `run` on the next turn of the event loop and returns the job's first status.
   * `run` reports progress through the callback and ends with an outcome; it must not throw.
   * `bytes` is the size of the file `run` holds. Ask `refusal` first: a refused start throws.
   */
  start(
    owner: string,
    mode: ImportJobMode,
    bytes: number,
    run: (onProgress: (p: ImportProgress) => void) => Promise<ImportJobOutcome>,
  ): ImportJobStatus {
    this.sweep();
    const refused = this.refusal(owner, bytes);
    if (refused) throw new Error(`import job refused: ${refused.error}`);
    this.#heldBytes += bytes;
    const job: Job = {
      owner,
      heldBytes: bytes,
      finishedAtMs: null,
      watchers: new Set(),
      lastNotifiedMs: 0,
      status: {
        id: randomUUID(),
        mode,
        state: 'running',
        phase: null,
        done: 0,
        total: 0,
        percent: 0,
        startedAt: new Date(this.#now()).toISOString(),
        finishedAt: null,
        preview: null,
        result: null,
        error: null,
      },
    };
    this.#jobs.set(job.status.id, job);
    const onProgress = (p: ImportProgress) => {
      const phaseChanged = p.phase !== job.status.phase;
      Object.assign(job.status, {
        phase: p.phase,
        done: p.done,
        total: p.total,
        percent: phasePercent(p.done, p.total),
      });
      const now = this.#now();
      if (!phaseChanged && now - job.lastNotifiedMs < NOTIFY_EVERY_MS) return;
      job.lastNotifiedMs = now;
      for (const watch of job.watchers) watch({ ...job.status }, false);
    };
    importJobsStarted.inc({ mode });
    const ended = new Promise<void>((resolve) =>
      setImmediate(() => {
        // A run that throws after all still ends its job, or its bytes would stay counted.
        void run(onProgress)
          .catch((): ImportJobOutcome => ({ state: 'failed', status: 500, message: INTERNAL }))
          .then((outcome) => this.finish(job, outcome))
          .finally(resolve);
      }),
    );
    this.#running.add(ended);
    void ended.then(() => this.#running.delete(ended));
    return { ...job.status };
  }

  /** The job's status for its owner; null for an unknown, dropped or someone else's job. */
  get(id: string, owner: string): ImportJobStatus | null {
    this.sweep();
    const job = this.#jobs.get(id);
    return job && job.owner === owner ? { ...job.status } : null;
  }

  /**
   * Calls `watcher` as the owner's job progresses and once at its end (at once if it has
   * ended); false for an unknown or someone else's job. Returns whether it is watched.
   */
  watch(id: string, owner: string, watcher: ImportJobWatcher): boolean {
    const job = this.#jobs.get(id);
    if (!job || job.owner !== owner) return false;
    if (job.finishedAtMs !== null) watcher({ ...job.status }, true);
    else job.watchers.add(watcher);
    return true;
  }

  /** Resolves once every job running now has ended (a graceful shutdown waits for it). */
  async settled(): Promise<void> {
    await Promise.all([...this.#running]);
  }

  /** Jobs still running. */
  get running(): number {
    return this.#running.size;
  }

  get size(): number {
    return this.#jobs.size;
  }

  /** The limits this server applies to its jobs. */
  get limits(): ImportJobLimits {
    return this.#limits;
  }

  /** Bytes of files held by running jobs. */
  get heldBytes(): number {
    return this.#heldBytes;
  }

  private finish(job: Job, outcome: ImportJobOutcome): void {
    job.finishedAtMs = this.#now();
    this.#heldBytes -= job.heldBytes;
    job.heldBytes = 0;
    const s = job.status;
    s.state = outcome.state;
    s.finishedAt = new Date(job.finishedAtMs).toISOString();
    if (outcome.state === 'failed') s.error = { status: outcome.status, message: outcome.message };
    else {
      s.preview = outcome.preview;
      if (outcome.state === 'rejected') s.error = { status: 422, message: outcome.message };
      else {
        s.result = outcome.result;
        s.done = s.total;
        s.percent = 100;
      }
    }
    importJobsFinished.inc({ mode: s.mode, state: outcome.state });
    importJobDuration.observe(
      { mode: s.mode },
      (job.finishedAtMs - Date.parse(s.startedAt)) / 1000,
    );
    for (const watch of job.watchers) watch({ ...s }, true);
    job.watchers.clear();
  }

  private sweep(): void {
    const cutoff = this.#now() - this.#ttlMs;
    for (const [id, job] of this.#jobs)
      if (job.finishedAtMs !== null && job.finishedAtMs < cutoff) this.#jobs.delete(id);
  }
}
