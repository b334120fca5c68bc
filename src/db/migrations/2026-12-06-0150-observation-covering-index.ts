import { type Kysely, type Migration, sql } from 'kysely';

type Db = Kysely<unknown>;

/**
 * The values of one indicator over a set of periods (Table 2, the plan's forecasts, the
 * rating's input) read from the index alone, without a visit to each row.
 */
async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('observation_indicator_period_value_ix')
    .on('observation')
    .columns(['indicator_id', 'period', 'municipality_id', 'value'])
    .execute();
  // Its first two columns are the older index, which no read needs any more and every write pays.
  await db.schema.dropIndex('observation_indicator_period_ix').execute();
}

async function down(db: Db): Promise<void> {
  await db.schema
    .createIndex('observation_indicator_period_ix')
    .on('observation')
    .columns(['indicator_id', 'period'])
    .execute();
  await sql`DROP INDEX observation_indicator_period_value_ix`.execute(db);
}

export const observationCoveringIndexSchema: Migration = { up, down };
