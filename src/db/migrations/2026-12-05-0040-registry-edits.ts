import type { Kysely, Migration } from 'kysely';

type Db = Kysely<unknown>;

/**
 * The registry becomes editable. Expand-only:
 * - an ОКТМО code is unique within a region (unknown codes, null, may repeat): the index
 *   settles two administrators entering the same code at once;
 * - `municipality.updated_at` / `updated_by` — who last changed a unit and when, shown in the
 *   registry beside the audit trail's full history.
 */
async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('municipality_region_oktmo_uq')
    .on('municipality')
    .columns(['region_id', 'oktmo'])
    .unique()
    .execute();
  await db.schema.alterTable('municipality').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('municipality').addColumn('updated_by', 'text').execute();
}

async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('municipality_region_oktmo_uq').execute();
  await db.schema.alterTable('municipality').dropColumn('updated_by').execute();
  await db.schema.alterTable('municipality').dropColumn('updated_at').execute();
}

export const registryEditsSchema: Migration = { up, down };
