import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

const idColumn =
  (db: Db) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialectOf(db) === 'postgres'
      ? col.primaryKey().generatedByDefaultAsIdentity()
      : col.primaryKey().autoIncrement();

/** Makes the database itself refuse UPDATE and DELETE on an append-only or immutable table. */
async function forbidChanges(db: Db, table: string): Promise<void> {
  const message = `${table} is append-only: rows cannot be changed or deleted`;
  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(
        `CREATE FUNCTION ${table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION '${message}'; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION ${table}_immutable()`,
      )
      .execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
         BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      )
      .execute(db);
  }
}

async function up(db: Db): Promise<void> {
  const id = idColumn(db);
  const real = 'double precision' as const;

  await db.schema
    .createTable('app_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('region')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('municipality')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind in ('city_okrug','municipal_district','municipal_okrug','city','zato')`),
    )
    .addColumn('oktmo', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('successor_id', 'integer', (c) => c.references('municipality.id'))
    .addUniqueConstraint('municipality_region_code_uq', ['region_id', 'code'])
    .execute();

  await db.schema
    .createTable('municipality_alias')
    .addColumn('id', 'integer', id)
    .addColumn('municipality_id', 'integer', (c) =>
      c.notNull().references('municipality.id').onDelete('cascade'),
    )
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('municipality_alias_uq', ['municipality_id', 'normalized'])
    .execute();
  await db.schema
    .createIndex('municipality_alias_normalized_ix')
    .on('municipality_alias')
    .column('normalized')
    .execute();

  await db.schema
    .createTable('unit_group')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_group_region_code_uq', ['region_id', 'code'])
    .execute();

  await db.schema
    .createTable('municipality_group')
    .addColumn('municipality_id', 'integer', (c) =>
      c.notNull().references('municipality.id').onDelete('cascade'),
    )
    .addColumn('group_id', 'integer', (c) =>
      c.notNull().references('unit_group.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('municipality_group_pk', ['municipality_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('reference_value')
    .addColumn('id', 'integer', id)
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', real, (c) => c.notNull())
    .addColumn('is_illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('reference_value_uq', ['municipality_id', 'year', 'kind'])
    .execute();

  await db.schema
    .createTable('indicator')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) =>
      c.notNull().check(sql`direction in ('higher_better','lower_better')`),
    )
    .addColumn('periodicity', 'text', (c) =>
      c.notNull().check(sql`periodicity in ('monthly','quarterly','annual','on_date')`),
    )
    .addColumn('source_system', 'text')
    .addColumn('range_min', real)
    .addColumn('range_max', real)
    .addColumn('formula', 'text')
    .addColumn('decimals', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('description', 'text')
    .addUniqueConstraint('indicator_region_code_uq', ['region_id', 'code'])
    .execute();

  await db.schema
    .createTable('observation')
    .addColumn('id', 'integer', id)
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', real)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('observation_uq', ['municipality_id', 'indicator_id', 'period'])
    .execute();
  await db.schema
    .createIndex('observation_indicator_period_ix')
    .on('observation')
    .columns(['indicator_id', 'period'])
    .execute();

  await db.schema
    .createTable('observation_revision')
    .addColumn('id', 'integer', id)
    .addColumn('observation_id', 'integer', (c) => c.notNull().references('observation.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('old_value', real)
    .addColumn('new_value', real)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addUniqueConstraint('observation_revision_uq', ['observation_id', 'revision'])
    .execute();
  await forbidChanges(db, 'observation_revision');

  await db.schema
    .createTable('methodology')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('methodology_uq', ['region_id', 'code', 'version'])
    .execute();
  await forbidChanges(db, 'methodology');

  await db.schema
    .createTable('rating_snapshot')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('methodology_id', 'integer', (c) => c.references('methodology.id'))
    .addColumn('source_document', 'text', (c) => c.notNull())
    .addColumn('source_table', 'text')
    .addColumn('source_note', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'integer', (c) => c.references('rating_snapshot.id'))
    .addColumn('errata_note', 'text')
    .addUniqueConstraint('rating_snapshot_uq', ['region_id', 'code'])
    .execute();
  await forbidChanges(db, 'rating_snapshot');

  await db.schema
    .createTable('snapshot_publication')
    .addColumn('id', 'integer', id)
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('rating_snapshot.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await forbidChanges(db, 'snapshot_publication');

  await db.schema
    .createTable('plan_target')
    .addColumn('id', 'integer', id)
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('start_value', real)
    .addColumn('target_value', real, (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('is_illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('plan_target_uq', ['municipality_id', 'indicator_id', 'year'])
    .execute();

  await db.schema
    .createTable('plan_report')
    .addColumn('id', 'integer', id)
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('total_indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('monthly_indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('months', 'text', (c) => c.notNull())
    .addColumn('source_document', 'text', (c) => c.notNull())
    .addColumn('source_table', 'text')
    .addColumn('source_note', 'text')
    .addUniqueConstraint('plan_report_uq', ['region_id', 'code'])
    .execute();

  await db.schema
    .createTable('printed_figure')
    .addColumn('id', 'integer', id)
    .addColumn('document_code', 'text', (c) => c.notNull())
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('figure_key', 'text', (c) => c.notNull())
    .addColumn('value', real, (c) => c.notNull())
    .addColumn('decimals', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('printed_figure_uq', ['document_code', 'municipality_id', 'figure_key'])
    .execute();
}

async function down(): Promise<void> {
  throw new Error('The initial schema is not reversible: restore from a backup instead.');
}

export const initialSchema: Migration = { up, down };
