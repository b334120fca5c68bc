import type { Kysely, Migration } from 'kysely';

/**
 * Why a rating was published while some of its period's data were still unapproved: the
 * analyst's override reason, kept with the publication. Expand-only: one nullable column.
 */
async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('snapshot_publication').addColumn('override_reason', 'text').execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('snapshot_publication').dropColumn('override_reason').execute();
}

export const publicationOverrideSchema: Migration = { up, down };
