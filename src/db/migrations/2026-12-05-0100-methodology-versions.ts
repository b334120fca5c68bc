import type { Kysely, Migration } from 'kysely';

/**
 * A methodology version saved from the editor carries why it changed and who saved it; the
 * month it is in force from is the existing `effective_from`. Expand-only: nullable columns
 * (versions stored with a rating before the editor have neither).
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('methodology').addColumn('change_note', 'text').execute();
  await db.schema.alterTable('methodology').addColumn('created_by', 'text').execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('methodology').dropColumn('created_by').execute();
  await db.schema.alterTable('methodology').dropColumn('change_note').execute();
}

export const methodologyVersionsSchema: Migration = { up, down };
