import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

export async function insertRegion(
  db: Kysely<Database>,
  code: string,
  name: string,
): Promise<number> {
  const row = await db
    .insertInto('region')
    .values({ code, name, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findRegionId(db: Kysely<Database>, code: string): Promise<number | null> {
  const row = await db
    .selectFrom('region')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function findRegionName(db: Kysely<Database>, id: number): Promise<string | null> {
  const row = await db.selectFrom('region').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}
