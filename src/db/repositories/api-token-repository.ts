import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ApiTokenTable } from '../schema/api-token.js';
import type { Database } from '../schema/index.js';

export type ApiTokenRow = Selectable<ApiTokenTable> & { created_by_username: string | null };

export async function insertApiToken(
  db: Kysely<Database>,
  values: Insertable<ApiTokenTable>,
): Promise<number> {
  const row = await db
    .insertInto('api_token')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function selectTokens(db: Kysely<Database>) {
  return db
    .selectFrom('api_token as t')
    .leftJoin('user_account as u', 'u.id', 't.created_by')
    .selectAll('t')
    .select('u.username as created_by_username');
}

export async function listApiTokens(db: Kysely<Database>): Promise<ApiTokenRow[]> {
  return selectTokens(db).orderBy('t.id').execute();
}

export async function findApiToken(
  db: Kysely<Database>,
  id: number,
): Promise<ApiTokenRow | undefined> {
  return selectTokens(db).where('t.id', '=', id).executeTakeFirst();
}

export async function findActiveApiTokenByHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<Selectable<ApiTokenTable> | undefined> {
  return db
    .selectFrom('api_token')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function setApiTokenLastUsed(
  db: Kysely<Database>,
  id: number,
  at: string,
): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revokeApiToken(db: Kysely<Database>, id: number, at: string): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
