import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

/** An attachment's description (not its bytes) with the report and measure it belongs to. */
export async function findAttachmentRecord(db: Kysely<Database>, id: number) {
  return (
    (await db
      .selectFrom('measure_attachment as a')
      .innerJoin('measure_report as r', 'r.id', 'a.report_id')
      .innerJoin('plan_measure as m', 'm.id', 'r.measure_id')
      .select([
        'a.id',
        'a.file_name',
        'a.content_type',
        'a.size',
        'a.sha256',
        'a.uploaded_at',
        'a.uploaded_by',
        'r.quarter',
        'm.id as measure_id',
        'm.municipality_id',
        'm.year',
      ])
      .where('a.id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

export async function deleteAttachmentRow(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('measure_attachment').where('id', '=', id).execute();
}

/** How many files are attached to each report of a measure. */
export async function countAttachmentsByReport(db: Kysely<Database>, measureId: number) {
  return db
    .selectFrom('measure_attachment as a')
    .innerJoin('measure_report as r', 'r.id', 'a.report_id')
    .select(['r.quarter', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.measure_id', '=', measureId)
    .groupBy('r.quarter')
    .execute();
}

/** Deletes a measure and its report rows; the caller has made sure the reports are empty. */
export async function deleteMeasureRows(db: Kysely<Database>, measureId: number): Promise<void> {
  await db.deleteFrom('measure_report').where('measure_id', '=', measureId).execute();
  await db.deleteFrom('plan_measure').where('id', '=', measureId).execute();
}
