import type { Kysely } from 'kysely';
import { findRegionName } from '../../../db/repositories/region-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  type CommissionReport,
  planStanding,
  ratingMoves,
} from '../../../domain/commission-report.js';
import type { PlanMonthReport } from '../../../domain/plan-month.js';
import { formatDateRu } from '../../../domain/russian-date-format.js';
import { RequestError } from '../access/access-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { measureSummary } from '../measures/measure-summary-service.js';
import { computePlanMonth } from '../plans/plan-month-service.js';
import { getPlanReport, listPlanReportSummaries } from '../plans/plan-service.js';
import { previousInSeries } from '../portal/league-table-model.js';
import { getSnapshot, listSnapshots } from '../rating/rating-service.js';

/** How many municipalities the note names at the top and the bottom of the rating. */
export const TOP_AND_BOTTOM = 5;

/**
 * Table 2 of the plan for the last month before the meeting whose data let the year be
 * forecast (a month not yet reported by anyone is skipped), back to January of that year.
 */
async function latestPlanMonth(
  db: Kysely<Database>,
  regionId: number,
  indicatorCode: string,
  meetingDate: string,
): Promise<PlanMonthReport | null> {
  const year = Number(meetingDate.slice(0, 4));
  const meetingMonth = Number(meetingDate.slice(5, 7));
  for (let month = meetingMonth - 1; month >= 1; month--) {
    const report = await computePlanMonth(db, regionId, {
      indicatorCode,
      month: `${year}-${String(month).padStart(2, '0')}`,
    });
    if (report.rows.some((r) => r.forecast.value !== null)) return report;
  }
  return null;
}

/**
 * Gathers the commission's briefing note for a meeting: the latest published rating on that
 * date (a corrected one replaced by its correction) and the previous one of the same
 * methodology, Table 2 of the plan with forecasts for the last month reported before the
 * meeting (of the indicator of the latest stored plan report), the measures' summary. A date
 * without a published rating is refused with the reason: no empty document is made.
 */
export async function gatherCommissionReport(
  db: Kysely<Database>,
  regionId: number,
  meetingDate: string,
  context: AuditContext,
): Promise<CommissionReport> {
  authorize(context.actor, 'summaries.read', {
    entityType: 'commission_report',
    entityId: meetingDate,
    attempt: 'commission-report.read',
  });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meetingDate) || Number.isNaN(Date.parse(meetingDate)))
    throw new RequestError(
      400,
      'invalid_date',
      `Дата заседания «${meetingDate}» не распознана: ожидается ГГГГ-ММ-ДД.`,
    );
  const published = (await listSnapshots(db, regionId)).filter(
    (s) => s.asOf <= meetingDate && s.correctedBy.every((c) => c.publishedAt === null),
  );
  const current = published[0];
  if (!current)
    throw new RequestError(
      422,
      'no_published_rating',
      `На ${formatDateRu(meetingDate)} нет ни одного опубликованного рейтинга: справку составить не из чего. Опубликуйте рейтинг с датой не позднее дня заседания.`,
    );
  const rating = await getSnapshot(db, regionId, current.code);
  // The same series as the portal's change of place: one methodology, or one source table.
  const previousSummary = previousInSeries(current, published);
  const moves = previousSummary
    ? ratingMoves(rating, await getSnapshot(db, regionId, previousSummary.code))
    : { risers: [], fallers: [] };

  const planSummary = (await listPlanReportSummaries(db, regionId))
    .filter((p) => p.asOf <= meetingDate)
    .sort((a, b) => b.asOf.localeCompare(a.asOf))[0];
  const plan = planSummary
    ? await latestPlanMonth(
        db,
        regionId,
        (await getPlanReport(db, regionId, planSummary.code)).indicatorCode,
        meetingDate,
      )
    : null;

  const ranked = rating.rows.filter((r) => r.place !== null);
  return {
    meetingDate,
    regionName: (await findRegionName(db, regionId)) ?? '',
    rating,
    previousRating: previousSummary
      ? { code: previousSummary.code, title: previousSummary.title, asOf: previousSummary.asOf }
      : null,
    top: ranked.slice(0, TOP_AND_BOTTOM),
    bottom: ranked.length > TOP_AND_BOTTOM ? ranked.slice(-TOP_AND_BOTTOM) : [],
    ...moves,
    plan,
    standings: plan ? plan.rows.map(planStanding) : [],
    measures: await measureSummary(
      db,
      regionId,
      Number(meetingDate.slice(0, 4)),
      meetingDate,
      context,
    ),
  };
}
