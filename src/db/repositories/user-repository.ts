import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { UserAccountTable } from '../schema/user-account.js';

export type UserRow = Selectable<UserAccountTable>;

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('user_account')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(
  db: Kysely<Database>,
  values: Insertable<UserAccountTable>,
): Promise<number> {
  const row = await db
    .insertInto('user_account')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findUserByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('user_account')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('user_account').selectAll().orderBy('username').execute();
}

export async function updateUser(
  db: Kysely<Database>,
  id: number,
  values: Updateable<UserAccountTable>,
): Promise<void> {
  await db.updateTable('user_account').set(values).where('id', '=', id).execute();
}

export async function setUserMunicipalities(
  db: Kysely<Database>,
  userId: number,
  municipalityIds: number[],
): Promise<void> {
  await db.deleteFrom('user_municipality').where('user_id', '=', userId).execute();
  if (municipalityIds.length === 0) return;
  await db
    .insertInto('user_municipality')
    .values(municipalityIds.map((municipality_id) => ({ user_id: userId, municipality_id })))
    .execute();
}

/** Municipality ids per user, for the given users (all users when `userIds` is omitted). */
export async function listUserMunicipalities(
  db: Kysely<Database>,
  userIds?: number[],
): Promise<Map<number, number[]>> {
  let query = db.selectFrom('user_municipality').select(['user_id', 'municipality_id']);
  if (userIds !== undefined) {
    if (userIds.length === 0) return new Map();
    query = query.where('user_id', 'in', userIds);
  }
  const rows = await query.orderBy('municipality_id').execute();
  const byUser = new Map<number, number[]>();
  for (const r of rows)
    byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.municipality_id]);
  return byUser;
}
