import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

export async function findSetting(db: Kysely<Database>, key: string): Promise<string | null> {
  const row = await db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function insertSetting(
  db: Kysely<Database>,
  key: string,
  value: string,
): Promise<void> {
  await db
    .insertInto('app_setting')
    .values({ key, value, updated_at: new Date().toISOString() })
    .execute();
}
