import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

/**
 * Cross-source checks. Expand-only, two new tables:
 * - `crosscheck_tolerance` — per indicator, how far a source-system extract may differ from the
 *   municipality's own report before the difference is flagged (absolute and/or in per cent);
 * - `crosscheck_resolution` — an analyst's choice of which source counts for one discrepancy
 *   (the report's and the extract's revisions of the observation), with the reason. The unique
 *   key settles two analysts resolving the same discrepancy at once.
 */
async function up(db: Db): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('crosscheck_tolerance')
    .addColumn('indicator_id', 'integer', (c) => c.primaryKey().references('indicator.id'))
    .addColumn('absolute', 'double precision')
    .addColumn('relative_percent', 'double precision')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('crosscheck_resolution')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('observation_id', 'integer', (c) => c.notNull().references('observation.id'))
    .addColumn('report_revision', 'integer', (c) => c.notNull())
    .addColumn('extract_revision', 'integer', (c) => c.notNull())
    .addColumn('extract_source', 'text', (c) => c.notNull())
    .addColumn('report_value', 'double precision')
    .addColumn('extract_value', 'double precision')
    .addColumn('chosen', 'text', (c) => c.notNull())
    .addColumn('chosen_value', 'double precision')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text', (c) => c.notNull())
    .addColumn('written_revision', 'integer')
    .addUniqueConstraint('crosscheck_resolution_uq', [
      'observation_id',
      'report_revision',
      'extract_revision',
    ])
    .execute();
}

async function down(db: Db): Promise<void> {
  await sql`DROP TABLE crosscheck_resolution`.execute(db);
  await sql`DROP TABLE crosscheck_tolerance`.execute(db);
}

export const crossSourceChecksSchema: Migration = { up, down };
