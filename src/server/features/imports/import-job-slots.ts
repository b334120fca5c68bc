import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  claimImportJobSlot,
  refreshImportJobSlots,
  releaseImportJobSlot,
} from '../../../db/repositories/import-job-slot-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  type ImportJobLimits,
  type ImportJobRefusal,
  refuseImportJob,
} from './import-job-limits.js';

/** How often an instance marks its running jobs alive, and when an unmarked one stops counting. */
export const SLOT_HEARTBEAT_MS = 15_000;
export const SLOT_STALE_MS = 60_000;

/**
 * The per-owner limit of running import jobs across every instance on one PostgreSQL
 * database: each job holds a row while it runs. (The memory limit stays each instance's own:
 * it guards that process's memory.) SQLite serves one instance, whose jobs count in process.
 */
export class ImportJobSlots {
  readonly #instanceId = randomUUID();
  readonly #mine = new Set<string>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly limits: ImportJobLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** A slot for the owner's new job, or why not (the owner's jobs on every instance). */
  async claim(owner: string): Promise<{ slotId: string } | { refused: ImportJobRefusal }> {
    const slotId = randomUUID();
    const at = this.now();
    const running = await claimImportJobSlot(
      this.db,
      { slotId, owner, instanceId: this.#instanceId, at: new Date(at).toISOString() },
      this.limits.runningPerOwner,
      new Date(at - SLOT_STALE_MS).toISOString(),
    );
    if (running !== null) {
      const refused = refuseImportJob(this.limits, { ownerJobs: running, heldBytes: 0 }, 0);
      if (refused) return { refused };
    }
    this.#mine.add(slotId);
    this.#timer ??= setInterval(() => void this.#refresh(), SLOT_HEARTBEAT_MS).unref();
    return { slotId };
  }

  /** Frees the slot; a failure is only logged by the caller, as the row goes stale by itself. */
  async release(slotId: string): Promise<void> {
    this.#mine.delete(slotId);
    if (this.#mine.size === 0) this.close();
    await releaseImportJobSlot(this.db, slotId);
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #refresh(): Promise<void> {
    if (this.#mine.size === 0) return;
    try {
      await refreshImportJobSlots(this.db, this.#instanceId, new Date(this.now()).toISOString());
    } catch {
      // The database is away: the next beat tries again; meanwhile the rows only age.
    }
  }
}
