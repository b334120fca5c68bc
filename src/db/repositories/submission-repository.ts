import type { Kysely, Selectable } from 'kysely';
import type { SubmissionStatus } from '../../domain/entry-form.js';
import type { Database } from '../schema/index.js';
import type { SubmissionTable } from '../schema/submission.js';

export type SubmissionRow = Selectable<SubmissionTable>;

export async function findSubmission(
  db: Kysely<Database>,
  municipalityId: number,
  period: string,
): Promise<SubmissionRow | null> {
  return (
    (await db
      .selectFrom('submission')
      .selectAll()
      .where('municipality_id', '=', municipalityId)
      .where('period', '=', period)
      .executeTakeFirst()) ?? null
  );
}

/**
 * Sets a form's status (creating its row on the first transition) and appends the event.
 * `existing` is the form's row as read under the municipality's lock (null: none yet).
 */
export async function saveSubmissionStatus(
  db: Kysely<Database>,
  change: {
    existing: { id: number; submittedAt: string | null } | null;
    municipalityId: number;
    period: string;
    from: SubmissionStatus | null;
    to: SubmissionStatus;
    comment: string | null;
    actor: string;
    at: string;
  },
): Promise<void> {
  const { existing } = change;
  const submittedAt = change.to === 'submitted' ? change.at : (existing?.submittedAt ?? null);
  let id: number;
  if (existing) {
    id = existing.id;
    await db
      .updateTable('submission')
      .set({
        status: change.to,
        comment: change.comment,
        submitted_at: submittedAt,
        updated_at: change.at,
        updated_by: change.actor,
      })
      .where('id', '=', id)
      .execute();
  } else {
    ({ id } = await db
      .insertInto('submission')
      .values({
        municipality_id: change.municipalityId,
        period: change.period,
        status: change.to,
        comment: change.comment,
        submitted_at: submittedAt,
        updated_at: change.at,
        updated_by: change.actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  }
  await db
    .insertInto('submission_event')
    .values({
      submission_id: id,
      from_status: change.from,
      to_status: change.to,
      actor: change.actor,
      at: change.at,
      comment: change.comment,
    })
    .execute();
}

/** Every form of a period in the region, with the municipality it belongs to. */
export async function listSubmissionsForPeriod(
  db: Kysely<Database>,
  regionId: number,
  period: string,
) {
  return db
    .selectFrom('submission as s')
    .innerJoin('municipality as m', 'm.id', 's.municipality_id')
    .selectAll('s')
    .where('m.region_id', '=', regionId)
    .where('s.period', '=', period)
    .execute();
}

export async function findDeadline(db: Kysely<Database>, regionId: number, period: string) {
  return (
    (await db
      .selectFrom('reporting_deadline')
      .selectAll()
      .where('region_id', '=', regionId)
      .where('period', '=', period)
      .executeTakeFirst()) ?? null
  );
}

export async function listDeadlines(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom('reporting_deadline')
    .select(['period', 'due_date', 'created_by', 'created_at'])
    .where('region_id', '=', regionId)
    .orderBy('period', 'desc')
    .execute();
}

/** Sets the deadline of a period (replacing an earlier one); two at once: the later stays. */
export async function saveDeadline(
  db: Kysely<Database>,
  row: { regionId: number; period: string; dueDate: string; actor: string; at: string },
): Promise<void> {
  const values = { due_date: row.dueDate, created_at: row.at, created_by: row.actor };
  await db
    .insertInto('reporting_deadline')
    .values({ region_id: row.regionId, period: row.period, ...values })
    .onConflict((oc) => oc.columns(['region_id', 'period']).doUpdateSet(values))
    .execute();
}

/** The municipalities whose form of a period is in one of `statuses`, by name. */
export async function listMunicipalitiesWithStatus(
  db: Kysely<Database>,
  regionId: number,
  period: string,
  statuses: readonly SubmissionStatus[],
): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('submission as s')
    .innerJoin('municipality as m', 'm.id', 's.municipality_id')
    .select(['m.code', 'm.name'])
    .where('m.region_id', '=', regionId)
    .where('s.period', '=', period)
    .where('s.status', 'in', [...statuses])
    .orderBy('m.name')
    .execute();
}
