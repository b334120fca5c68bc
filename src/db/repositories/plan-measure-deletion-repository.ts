import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

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
