import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

export async function insertLoginFailure(
  db: Kysely<Database>,
  username: string,
  ip: string,
  at: string,
): Promise<void> {
  await db.insertInto('login_failure').values({ username, ip, failed_at: at }).execute();
}

/** Failures since `since` for the account and for the address: counts and the oldest time. */
export async function countLoginFailures(
  db: Kysely<Database>,
  by: { username: string } | { ip: string },
  since: string,
): Promise<{ count: number; oldest: string | null }> {
  let query = db
    .selectFrom('login_failure')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('failed_at').as('oldest')])
    .where('failed_at', '>', since);
  query =
    'username' in by ? query.where('username', '=', by.username) : query.where('ip', '=', by.ip);
  const row = await query.executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
}

export async function clearLoginFailures(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('login_failure').where('username', '=', username).execute();
}

export async function deleteLoginFailuresBefore(db: Kysely<Database>, before: string) {
  await db.deleteFrom('login_failure').where('failed_at', '<=', before).execute();
}
