import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { ResponsibleOfficialTable } from '../schema/responsible-official.js';

export type ResponsibleOfficialRow = Selectable<ResponsibleOfficialTable>;

export async function insertResponsibleOfficial(
  db: Kysely<Database>,
  values: Insertable<ResponsibleOfficialTable>,
): Promise<number> {
  const row = await db
    .insertInto('responsible_official')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listResponsibleOfficials(
  db: Kysely<Database>,
  municipalityId: number,
): Promise<ResponsibleOfficialRow[]> {
  return db
    .selectFrom('responsible_official')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .orderBy('id')
    .execute();
}

export async function findResponsibleOfficial(
  db: Kysely<Database>,
  id: number,
): Promise<ResponsibleOfficialRow | undefined> {
  return db.selectFrom('responsible_official').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteResponsibleOfficial(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('responsible_official').where('id', '=', id).execute();
}
