import { type Kysely, sql } from 'kysely';
import { dialectOf } from './dialect-of.js';
import type { Database } from './schema/index.js';

/**
 * What a write locks: every form and workflow step of one municipality; every rating
 * computation and publication of one region; the region's reporting deadlines; the plan rule
 * of one indicator (id: the indicator's); the map boundaries of one region; the registry of one
 * region's municipalities; the methodology versions of one region; the indicator passports of
 * one region. The number is the lock's first key on the server.
 */
export const LOCK_SCOPES = {
  municipalityData: 1,
  regionRatings: 2,
  regionDeadlines: 3,
  indicatorPlanRule: 4,
  regionBoundaries: 6,
  /** Held for a whole uncertainty run (see `tryHoldLock`), one per region on every instance. */
  uncertaintyRun: 7,
  regionRegistry: 40,
  /** The portal's open data licence line of one region. */
  portalLicence: 41,
  /** The running import jobs of one owner on every instance (id: a hash of the owner). */
  importJobOwner: 42,
  /** Saving a new version of any methodology of one region. */
  methodologyVersions: 60,
  regionIndicators: 50,
} as const;

export type LockScope = keyof typeof LOCK_SCOPES;

/**
 * Makes the rest of the caller's transaction the only one at a time for `scope` and `id`, so
 * that what it reads (the stored value, the form's status, whether a snapshot is published)
 * is still true when it writes. On PostgreSQL a transaction-level advisory lock, released at
 * commit or rollback; on SQLite nothing is needed, since its one connection already runs
 * transactions one after another.
 *
 * @example await db.transaction().execute(async (trx) => { await lockForWrite(trx, 'municipalityData', id); … })
 */
export async function lockForWrite(trx: Kysely<Database>, scope: LockScope, id: number) {
  if (!trx.isTransaction) throw new Error('lockForWrite needs a transaction');
  if (dialectOf(trx) === 'sqlite') return;
  if (!Number.isInteger(id)) throw new Error(`lockForWrite: not an integer id: ${id}`);
  // Written out without parameters: the driver sends it in one message with the BEGIN.
  await sql
    .raw(`select pg_advisory_xact_lock(${LOCK_SCOPES[scope]}::int4, ${id}::int4)`)
    .execute(trx);
}
