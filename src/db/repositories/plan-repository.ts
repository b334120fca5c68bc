import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../schema/index.js';
import type { PlanReportTable, PlanTargetTable, PrintedFigureTable } from '../schema/plan.js';

export type PlanReportRow = Selectable<PlanReportTable>;

export async function insertPlanTarget(
  db: Kysely<Database>,
  values: Insertable<PlanTargetTable>,
): Promise<void> {
  await db.insertInto('plan_target').values(values).execute();
}

export async function insertPlanReport(
  db: Kysely<Database>,
  values: Insertable<PlanReportTable>,
): Promise<void> {
  await db.insertInto('plan_report').values(values).execute();
}

export async function insertPrintedFigure(
  db: Kysely<Database>,
  values: Insertable<PrintedFigureTable>,
): Promise<void> {
  await db.insertInto('printed_figure').values(values).execute();
}

export async function listPlanReports(
  db: Kysely<Database>,
  regionId: number,
): Promise<PlanReportRow[]> {
  return db
    .selectFrom('plan_report')
    .selectAll()
    .where('region_id', '=', regionId)
    .orderBy('as_of', 'desc')
    .execute();
}

export async function findPlanReport(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<PlanReportRow | null> {
  const row = await db
    .selectFrom('plan_report')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ?? null;
}

/** The region's targets of a year for an indicator, joined to their municipalities, in the order entered. */
function planTargetsOf(db: Kysely<Database>, regionId: number, indicatorId: number, year: number) {
  return db
    .selectFrom('plan_target as t')
    .innerJoin('municipality as m', 'm.id', 't.municipality_id')
    .where('m.region_id', '=', regionId)
    .where('t.indicator_id', '=', indicatorId)
    .where('t.year', '=', year)
    .orderBy('t.id');
}

/** The targets of a year for an indicator, with their municipalities, in the order entered. */
export async function listPlanTargets(
  db: Kysely<Database>,
  regionId: number,
  indicatorId: number,
  year: number,
) {
  return planTargetsOf(db, regionId, indicatorId, year)
    .select([
      'm.id as municipality_id',
      'm.code',
      'm.name',
      'm.kind',
      't.start_value',
      't.target_value',
      't.is_illustrative',
      't.set_by_hand',
    ])
    .execute();
}

/** The stored target values of a year for an indicator, in the order entered. */
export async function listPlanTargetValues(
  db: Kysely<Database>,
  regionId: number,
  indicatorId: number,
  year: number,
) {
  return planTargetsOf(db, regionId, indicatorId, year)
    .select(['t.municipality_id', 't.start_value', 't.target_value', 't.set_by_hand'])
    .execute();
}

export async function listPrintedFigures(db: Kysely<Database>, documentCode: string) {
  return db
    .selectFrom('printed_figure')
    .select(['municipality_id', 'figure_key', 'value', 'decimals'])
    .where('document_code', '=', documentCode)
    .execute();
}

/** The stored source report of an indicator and year dated `asOf`, whose printed figures to compare. */
export async function findPlanReportOn(
  db: Kysely<Database>,
  regionId: number,
  indicatorId: number,
  asOf: string,
): Promise<PlanReportRow | null> {
  const row = await db
    .selectFrom('plan_report')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('total_indicator_id', '=', indicatorId)
    .where('as_of', '=', asOf)
    .executeTakeFirst();
  return row ?? null;
}

/** The monthly indicator a stored report of this indicator and year pairs it with, if any. */
export async function findReportMonthlyIndicator(
  db: Kysely<Database>,
  regionId: number,
  indicatorId: number,
  year: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('plan_report')
    .select('monthly_indicator_id')
    .where('region_id', '=', regionId)
    .where('total_indicator_id', '=', indicatorId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.monthly_indicator_id ?? null;
}
