import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { UserSessionTable } from '../schema/user-session.js';
import type { UserRow } from './user-repository.js';

export type SessionRow = Selectable<UserSessionTable>;

export async function insertSession(
  db: Kysely<Database>,
  values: Insertable<UserSessionTable>,
): Promise<void> {
  await db.insertInto('user_session').values(values).execute();
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

/**
 * A session with its account and the account's municipalities, in one query: every signed-in
 * request asks. Undefined when the session is unknown; `municipalityIds` in ascending order.
 */
export async function findSessionWithUser(
  db: Kysely<Database>,
  idHash: string,
): Promise<
  | {
      session: Pick<SessionRow, 'user_id' | 'expires_at' | 'last_seen_at'>;
      user: UserRow;
      municipalityIds: number[];
    }
  | undefined
> {
  const rows = await db
    .selectFrom('user_session as s')
    .innerJoin('user_account as u', 'u.id', 's.user_id')
    .leftJoin('user_municipality as um', 'um.user_id', 'u.id')
    .selectAll('u')
    .select([
      's.expires_at as session_expires_at',
      's.last_seen_at as session_last_seen_at',
      'um.municipality_id as session_municipality_id',
    ])
    .where('s.id_hash', '=', idHash)
    .orderBy('um.municipality_id')
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  const { session_expires_at, session_last_seen_at, session_municipality_id: _, ...user } = first;
  return {
    session: {
      user_id: user.id,
      expires_at: session_expires_at,
      last_seen_at: session_last_seen_at,
    },
    user,
    municipalityIds: rows.flatMap((r) =>
      r.session_municipality_id === null ? [] : [r.session_municipality_id],
    ),
  };
}
