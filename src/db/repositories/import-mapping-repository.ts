import type { Kysely, Selectable } from 'kysely';
import type { ImportMappingTable } from '../schema/import-mapping.js';
import type { Database } from '../schema/index.js';

export type ImportMappingRow = Selectable<ImportMappingTable>;

/** Saves a mapping under its name, replacing an earlier one of the same name. */
export async function saveImportMapping(
  db: Kysely<Database>,
  values: { regionId: number; name: string; sourceSystem: string | null; definition: string },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('import_mapping')
    .values({
      region_id: values.regionId,
      name: values.name,
      source_system: values.sourceSystem,
      definition: values.definition,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['region_id', 'name']).doUpdateSet({
        source_system: values.sourceSystem,
        definition: values.definition,
        updated_at: now,
      }),
    )
    .execute();
}

export async function findImportMapping(
  db: Kysely<Database>,
  regionId: number,
  name: string,
): Promise<ImportMappingRow | null> {
  const row = await db
    .selectFrom('import_mapping')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ?? null;
}

export async function listImportMappings(
  db: Kysely<Database>,
  regionId: number,
): Promise<ImportMappingRow[]> {
  return db
    .selectFrom('import_mapping')
    .selectAll()
    .where('region_id', '=', regionId)
    .orderBy('name')
    .execute();
}
