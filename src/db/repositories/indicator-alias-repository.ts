import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

export async function insertIndicatorAlias(
  db: Kysely<Database>,
  values: { indicatorId: number; alias: string; normalized: string },
): Promise<void> {
  await db
    .insertInto('indicator_alias')
    .values({
      indicator_id: values.indicatorId,
      alias: values.alias,
      normalized: values.normalized,
      created_at: new Date().toISOString(),
    })
    // The same words confirmed again for the same indicator: already remembered.
    .onConflict((oc) => oc.columns(['indicator_id', 'normalized']).doNothing())
    .execute();
}

/** Every confirmed indicator spelling of a region, in a stable order. */
export async function listIndicatorAliases(
  db: Kysely<Database>,
  regionId: number,
): Promise<{ indicator_id: number; alias: string }[]> {
  return db
    .selectFrom('indicator_alias')
    .innerJoin('indicator', 'indicator.id', 'indicator_alias.indicator_id')
    .select(['indicator_alias.indicator_id', 'indicator_alias.alias'])
    .where('indicator.region_id', '=', regionId)
    .orderBy('indicator_alias.id')
    .execute();
}
