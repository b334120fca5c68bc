import type { Kysely } from 'kysely';
import {
  listMeasureReports,
  listPlanMeasuresOfYear,
} from '../../../db/repositories/plan-measure-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  type MeasureStatus,
  type MeasureSummary,
  type MeasureSummaryRow,
  QUARTERS,
} from '../../../domain/plan-measure.js';
import { rollUpByOfficial } from '../../../engine/measure-rollup.js';
import { RequestError } from '../access/access-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { loadMunicipalityRefs } from '../registry/municipality-refs.js';

/**
 * The department's summary of plan execution for a year: per municipality and quarter the
 * number of measures by status (no report counts as «не начато»); per municipality and
 * responsible official the measures done, late, not started and in progress on `asOf`
 * (`rollUpByOfficial`); and the overdue measures — the deadline before `asOf` and the latest
 * reported status not «выполнено» (the «late» ones of the roll-up).
 */
export async function measureSummary(
  db: Kysely<Database>,
  regionId: number,
  year: number,
  asOf: string | undefined,
  context: AuditContext,
): Promise<MeasureSummary> {
  authorize(context.actor, 'summaries.read', {
    entityType: 'measure_summary',
    entityId: year,
    attempt: 'measure-summary.read',
  });
  const date = asOf ?? context.at.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new RequestError(400, 'invalid_date', `Дата «${date}» не распознана.`);
  const refs = await loadMunicipalityRefs(db, regionId);
  const measures = await listPlanMeasuresOfYear(db, [...refs.byId.keys()], year);
  const reports = await listMeasureReports(
    db,
    measures.map((m) => m.id),
  );
  const statusOf = new Map<string, MeasureStatus>(
    reports.map((r) => [`${r.measure_id}/${r.quarter}`, r.status]),
  );
  const latestOf = new Map<number, MeasureStatus>();
  for (const r of reports) latestOf.set(r.measure_id, r.status); // ordered by quarter

  const rows: MeasureSummaryRow[] = [];
  const municipalities = [...new Set(measures.map((m) => m.municipality_id))]
    .map((id) => refs.byId.get(id))
    .filter((m) => m !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  for (const municipality of municipalities) {
    const own = measures.filter((m) => m.municipality_id === municipality.id);
    for (const quarter of QUARTERS) {
      const row: MeasureSummaryRow = {
        municipality,
        quarter,
        total: own.length,
        not_started: 0,
        in_progress: 0,
        done: 0,
        not_done: 0,
      };
      for (const m of own) row[statusOf.get(`${m.id}/${quarter}`) ?? 'not_started'] += 1;
      rows.push(row);
    }
  }
  const byOfficial = rollUpByOfficial(
    measures.map((m) => ({
      municipalityId: m.municipality_id,
      responsibleName: m.responsible_name,
      deadline: m.deadline,
      latestStatus: latestOf.get(m.id) ?? null,
    })),
    date,
  )
    .flatMap((r) => {
      const { municipalityId, ...counts } = r;
      const municipality = refs.byId.get(municipalityId);
      return municipality ? [{ municipality, ...counts }] : [];
    })
    .sort(
      (a, b) =>
        a.municipality.name.localeCompare(b.municipality.name, 'ru') ||
        a.responsibleName.localeCompare(b.responsibleName, 'ru'),
    );
  const overdue = measures
    .filter((m) => m.deadline < date && latestOf.get(m.id) !== 'done')
    .flatMap((m) => {
      const municipality = refs.byId.get(m.municipality_id);
      return municipality
        ? [
            {
              id: m.id,
              municipality,
              title: m.title,
              responsibleName: m.responsible_name,
              deadline: m.deadline,
              status: latestOf.get(m.id) ?? ('not_started' as const),
            },
          ]
        : [];
    })
    .sort(
      (a, b) =>
        a.deadline.localeCompare(b.deadline) ||
        a.municipality.name.localeCompare(b.municipality.name, 'ru') ||
        a.id - b.id,
    );
  return { year, asOf: date, rows, byOfficial, overdue };
}
