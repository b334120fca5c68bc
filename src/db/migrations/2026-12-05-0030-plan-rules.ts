import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';

type Db = Kysely<unknown>;

/**
 * Plan rules: per region, indicator and year, how every municipality's target is computed
 * (a share of a reference value, an absolute value, growth over the start value), and which
 * indicator carries the monthly counts. Expand-only:
 * - `plan_target.set_by_hand` — 1 for a target set per municipality (by hand or imported), which
 *   wins over the rule; 0 for a target stored as a source gave it, used only without a rule.
 *   Rows loaded before were set per municipality, hence the default 1.
 * - `reference_value.derived_from` — how a reference value was worked out when no source gives
 *   it (e.g. from a printed target), so it is never presented as measured.
 */
async function up(db: Db): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('plan_rule')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('reference_kind', 'text')
    .addColumn('monthly_indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_rule_uq', ['indicator_id', 'year'])
    .execute();
  await db.schema
    .alterTable('plan_target')
    .addColumn('set_by_hand', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('reference_value').addColumn('derived_from', 'text').execute();
}

async function down(db: Db): Promise<void> {
  await sql`DROP TABLE plan_rule`.execute(db);
  await db.schema.alterTable('plan_target').dropColumn('set_by_hand').execute();
  await db.schema.alterTable('reference_value').dropColumn('derived_from').execute();
}

export const planRulesSchema: Migration = { up, down };
