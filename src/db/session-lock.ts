import { type Kysely, sql } from 'kysely';
import { dialectOf } from './dialect-of.js';
import { LOCK_SCOPES, type LockScope } from './lock-for-write.js';
import type { Database } from './schema/index.js';

/** Gives the lock back (and the connection that held it to the pool). */
export type ReleaseLock = () => Promise<void>;

/**
 * Takes a lock for work that outlives a transaction (a Monte Carlo run of several seconds)
 * without waiting: the release function, or null when another process of the same database
 * holds it. On PostgreSQL a session-level advisory lock on a connection kept for the work,
 * shared by every instance on the database and freed by the server if this process dies; on
 * SQLite, which one process serves, there is nothing to share and the lock is always granted.
 *
 * @example const release = await tryHoldLock(db, 'uncertaintyRun', regionId); if (!release) 429
 */
export async function tryHoldLock(
  db: Kysely<Database>,
  scope: LockScope,
  id: number,
): Promise<ReleaseLock | null> {
  if (dialectOf(db) !== 'postgres') return async () => {};
  const key = LOCK_SCOPES[scope];
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let answer: (held: boolean) => void = () => {};
  const held = new Promise<boolean>((resolve) => {
    answer = resolve;
  });
  const work = db.connection().execute(async (connection) => {
    const { rows } = await sql<{ held: boolean }>`
      select pg_try_advisory_lock(${key}::int4, ${id}::int4) as held`.execute(connection);
    const got = rows[0]?.held === true;
    answer(got);
    if (!got) return;
    await finished;
    await sql`select pg_advisory_unlock(${key}::int4, ${id}::int4)`.execute(connection);
  });
  const failed = work.then(
    () => undefined,
    (error: unknown) => error,
  );
  failed.then((error) => error !== undefined && answer(false));
  if (!(await held)) {
    const error = await failed;
    if (error !== undefined) throw error;
    return null;
  }
  return async () => {
    finish();
    const error = await failed;
    if (error !== undefined) throw error;
  };
}
