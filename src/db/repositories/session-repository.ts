import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { UserSessionTable } from '../schema/user-session.js';

export type SessionRow = Selectable<UserSessionTable>;

export async function insertSession(
  db: Kysely<Database>,
  values: Insertable<UserSessionTable>,
): Promise<void> {
  await db.insertInto('user_session').values(values).execute();
}

export async function findSession(
  db: Kysely<Database>,
  idHash: string,
): Promise<SessionRow | undefined> {
  return db.selectFrom('user_session').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(
  db: Kysely<Database>,
  idHash: string,
  lastSeenAt: string,
): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: lastSeenAt })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user; returns how many there were. */
export async function deleteUserSessions(db: Kysely<Database>, userId: number): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(
  db: Kysely<Database>,
  now: string,
  idleSince: string,
): Promise<void> {
  await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleSince)]))
    .execute();
}

/** Ends every session of a user except one (the one that is changing the password). */
export async function deleteOtherSessions(
  db: Kysely<Database>,
  userId: number,
  keepIdHash: string | null,
): Promise<void> {
  await db
    .deleteFrom('user_session')
    .where('user_id', '=', userId)
    .where('id_hash', '!=', keepIdHash ?? '')
    .execute();
}
