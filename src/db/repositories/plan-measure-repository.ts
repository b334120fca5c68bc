import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { MeasureStatus } from '../../domain/plan-measure.js';
import type { Database } from '../schema/index.js';
import type {
  MeasureAttachmentTable,
  MeasureReportTable,
  PlanMeasureTable,
} from '../schema/plan-measure.js';

export type PlanMeasureRow = Selectable<PlanMeasureTable>;
export type MeasureReportRow = Selectable<MeasureReportTable>;
export type MeasureAttachmentInfoRow = Omit<
  Selectable<MeasureAttachmentTable>,
  'content' | 'sha256'
>;

export async function findMeasurePlanApproved(
  db: Kysely<Database>,
  municipalityId: number,
  year: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('measure_plan')
    .select('approved')
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(row?.approved ?? 0) === 1;
}

export async function saveMeasurePlanApproval(
  db: Kysely<Database>,
  change: { municipalityId: number; year: number; approved: boolean; at: string; by: string },
): Promise<void> {
  const values = {
    approved: change.approved ? 1 : 0,
    updated_at: change.at,
    updated_by: change.by,
  };
  const updated = await db
    .updateTable('measure_plan')
    .set(values)
    .where('municipality_id', '=', change.municipalityId)
    .where('year', '=', change.year)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto('measure_plan')
    .values({ municipality_id: change.municipalityId, year: change.year, ...values })
    .execute();
}

export async function listPlanMeasures(
  db: Kysely<Database>,
  municipalityId: number,
  year: number,
): Promise<PlanMeasureRow[]> {
  return db
    .selectFrom('plan_measure')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year)
    .orderBy('deadline')
    .orderBy('id')
    .execute();
}

export async function listPlanMeasuresOfYear(
  db: Kysely<Database>,
  municipalityIds: number[],
  year: number,
): Promise<PlanMeasureRow[]> {
  if (municipalityIds.length === 0) return [];
  return db
    .selectFrom('plan_measure')
    .selectAll()
    .where('municipality_id', 'in', municipalityIds)
    .where('year', '=', year)
    .orderBy('id')
    .execute();
}

export async function findPlanMeasure(
  db: Kysely<Database>,
  id: number,
): Promise<PlanMeasureRow | null> {
  return (
    (await db.selectFrom('plan_measure').selectAll().where('id', '=', id).executeTakeFirst()) ??
    null
  );
}

export async function insertPlanMeasure(
  db: Kysely<Database>,
  values: Insertable<PlanMeasureTable>,
): Promise<number> {
  const row = await db
    .insertInto('plan_measure')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlanMeasure(
  db: Kysely<Database>,
  id: number,
  values: Updateable<PlanMeasureTable>,
): Promise<void> {
  await db.updateTable('plan_measure').set(values).where('id', '=', id).execute();
}

export async function listMeasureReports(
  db: Kysely<Database>,
  measureIds: number[],
): Promise<MeasureReportRow[]> {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom('measure_report')
    .selectAll()
    .where('measure_id', 'in', measureIds)
    .orderBy('quarter')
    .execute();
}

export async function findMeasureReport(
  db: Kysely<Database>,
  measureId: number,
  quarter: number,
): Promise<MeasureReportRow | null> {
  return (
    (await db
      .selectFrom('measure_report')
      .selectAll()
      .where('measure_id', '=', measureId)
      .where('quarter', '=', quarter)
      .executeTakeFirst()) ?? null
  );
}

/** Sets the report of a measure for a quarter, creating it on first use; returns its id. */
export async function saveMeasureReport(
  db: Kysely<Database>,
  report: {
    measureId: number;
    quarter: number;
    status: MeasureStatus;
    comment: string | null;
    at: string;
    by: string;
  },
): Promise<number> {
  const existing = await findMeasureReport(db, report.measureId, report.quarter);
  const values = {
    status: report.status,
    comment: report.comment,
    updated_at: report.at,
    updated_by: report.by,
  };
  if (existing) {
    await db.updateTable('measure_report').set(values).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const row = await db
    .insertInto('measure_report')
    .values({ measure_id: report.measureId, quarter: report.quarter, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listAttachmentInfo(
  db: Kysely<Database>,
  reportIds: number[],
): Promise<MeasureAttachmentInfoRow[]> {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom('measure_attachment')
    .select(['id', 'report_id', 'file_name', 'content_type', 'size', 'uploaded_at', 'uploaded_by'])
    .where('report_id', 'in', reportIds)
    .orderBy('id')
    .execute();
}

export async function insertAttachment(
  db: Kysely<Database>,
  values: Insertable<MeasureAttachmentTable>,
): Promise<number> {
  const row = await db
    .insertInto('measure_attachment')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An attachment joined to its report and measure. */
const attachmentById = (db: Kysely<Database>, id: number) =>
  db
    .selectFrom('measure_attachment')
    .innerJoin('measure_report', 'measure_report.id', 'measure_attachment.report_id')
    .innerJoin('plan_measure', 'plan_measure.id', 'measure_report.measure_id')
    .where('measure_attachment.id', '=', id);

/** An attachment with its bytes and the measure it belongs to. */
export async function findAttachment(db: Kysely<Database>, id: number) {
  return (
    (await attachmentById(db, id)
      .select([
        'measure_attachment.id',
        'measure_attachment.file_name',
        'measure_attachment.content_type',
        'measure_attachment.size',
        'measure_attachment.content',
        'plan_measure.municipality_id',
        'plan_measure.id as measure_id',
      ])
      .executeTakeFirst()) ?? null
  );
}

/** An attachment's description (not its bytes) with the report and measure it belongs to. */
export async function findAttachmentRecord(db: Kysely<Database>, id: number) {
  return (
    (await attachmentById(db, id)
      .select([
        'measure_attachment.id',
        'measure_attachment.file_name',
        'measure_attachment.content_type',
        'measure_attachment.size',
        'measure_attachment.sha256',
        'measure_attachment.uploaded_at',
        'measure_attachment.uploaded_by',
        'measure_report.quarter',
        'plan_measure.id as measure_id',
        'plan_measure.municipality_id',
        'plan_measure.year',
      ])
      .executeTakeFirst()) ?? null
  );
}
