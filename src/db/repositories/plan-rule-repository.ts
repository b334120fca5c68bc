import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { PlanRuleTable } from '../schema/plan.js';

export type PlanRuleRow = Selectable<PlanRuleTable> & { monthly_indicator_code: string };

/** The rule of an indicator's targets for a year, with its monthly indicator's code. */
export async function findPlanRule(
  db: Kysely<Database>,
  indicatorId: number,
  year: number,
): Promise<PlanRuleRow | null> {
  const row = await db
    .selectFrom('plan_rule as r')
    .innerJoin('indicator as i', 'i.id', 'r.monthly_indicator_id')
    .selectAll('r')
    .select('i.code as monthly_indicator_code')
    .where('r.indicator_id', '=', indicatorId)
    .where('r.year', '=', year)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertPlanRule(
  db: Kysely<Database>,
  values: Insertable<PlanRuleTable>,
): Promise<void> {
  await db.insertInto('plan_rule').values(values).execute();
}

export async function updatePlanRule(
  db: Kysely<Database>,
  id: number,
  values: Pick<
    Insertable<PlanRuleTable>,
    'kind' | 'value' | 'reference_kind' | 'monthly_indicator_id' | 'updated_at' | 'updated_by'
  >,
): Promise<void> {
  await db.updateTable('plan_rule').set(values).where('id', '=', id).execute();
}

export async function deletePlanRule(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('plan_rule').where('id', '=', id).execute();
}

/** One municipality's target row of an indicator and year, if any. */
export async function findPlanTarget(
  db: Kysely<Database>,
  municipalityId: number,
  indicatorId: number,
  year: number,
) {
  const row = await db
    .selectFrom('plan_target')
    .select(['id', 'start_value', 'target_value', 'set_by_hand'])
    .where('municipality_id', '=', municipalityId)
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row ?? null;
}

export async function setPlanTargetByHand(
  db: Kysely<Database>,
  id: number,
  values: { target_value: number; start_value: number | null; set_by_hand: number; source: string },
): Promise<void> {
  await db.updateTable('plan_target').set(values).where('id', '=', id).execute();
}

/** The indicator of a region by code, or null. */
export async function findIndicatorByCode(db: Kysely<Database>, regionId: number, code: string) {
  const row = await db
    .selectFrom('indicator')
    .select(['id', 'code', 'name', 'periodicity'])
    .where('region_id', '=', regionId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ?? null;
}
