import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

export async function insertLoginFailure(
  db: Kysely<Database>,
  failure: { username: string; ip: string; at: string; accountKnown: boolean },
): Promise<void> {
  await db
    .insertInto('login_failure')
    .values({
      username: failure.username,
      ip: failure.ip,
      failed_at: failure.at,
      account_known: failure.accountKnown ? 1 : 0,
    })
    .execute();
}

/**
 * Failures since `since` of one account from one address, or of unknown names from one
 * address: how many, the oldest and the latest.
 */
export async function countLoginFailures(
  db: Kysely<Database>,
  by: { username: string; ip: string } | { unknownNamesFrom: string },
  since: string,
): Promise<{ count: number; oldest: string | null; latest: string | null }> {
  let query = db
    .selectFrom('login_failure')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('failed_at').as('oldest'),
      eb.fn.max('failed_at').as('latest'),
    ])
    .where('failed_at', '>', since);
  query =
    'username' in by
      ? query.where('username', '=', by.username).where('ip', '=', by.ip)
      : query.where('ip', '=', by.unknownNamesFrom).where('account_known', '=', 0);
  const row = await query.executeTakeFirstOrThrow();
  return {
    count: Number(row.n),
    oldest: (row.oldest as string | null) ?? null,
    latest: (row.latest as string | null) ?? null,
  };
}

/** Forgets the failures of an account: from one address (a login there), or all (an unlock). */
export async function clearLoginFailures(
  db: Kysely<Database>,
  username: string,
  ip?: string,
): Promise<number> {
  let query = db.deleteFrom('login_failure').where('username', '=', username);
  if (ip !== undefined) query = query.where('ip', '=', ip);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteLoginFailuresBefore(db: Kysely<Database>, before: string) {
  await db.deleteFrom('login_failure').where('failed_at', '<=', before).execute();
}
