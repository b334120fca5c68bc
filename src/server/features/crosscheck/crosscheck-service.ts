import type { Kysely } from 'kysely';
import {
  listPeriodRevisions,
  listResolutions,
  listTolerances,
  type PeriodRevisionRow,
} from '../../../db/repositories/crosscheck-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  type CrossCheckReport,
  type CrossCheckRow,
  compareValues,
} from '../../../domain/cross-check.js';
import { storedPeriod } from '../../../domain/entry-period.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { latestBySource, sourceValueOf } from './source-values.js';

type Tolerance = { absolute: number | null; relativePercent: number | null };
type Resolution = Awaited<ReturnType<typeof listResolutions>>[number];

/**
 * The month's cross-source comparison: for every unit × indicator × period (the month, and
 * the first day after it for stocks counted on a date) that has both the municipality's own
 * value and a source-system extract's, the two side by side with provenance and age, the
 * difference, the indicator's tolerance and whether the difference is open, within tolerance
 * or resolved by an analyst. Open discrepancies first.
 */
export async function crossCheckReport(
  db: Kysely<Database>,
  regionId: number,
  month: string,
  context: AuditContext,
): Promise<CrossCheckReport> {
  authorize(context.actor, 'data.approve', { entityType: 'crosscheck', entityId: month });
  const revisions = await listPeriodRevisions(db, regionId, [
    month,
    storedPeriod('on_date', month),
  ]);
  const tolerances = new Map<number, Tolerance>(
    (await listTolerances(db, regionId)).map((t) => [
      t.indicator_id,
      { absolute: t.absolute, relativePercent: t.relative_percent },
    ]),
  );
  const byObservation = new Map<number, PeriodRevisionRow[]>();
  for (const r of revisions) {
    const list = byObservation.get(r.observation_id) ?? [];
    list.push(r);
    byObservation.set(r.observation_id, list);
  }
  const resolutions = await listResolutions(db, [...byObservation.keys()]);
  const rows: CrossCheckRow[] = [];
  for (const list of byObservation.values()) {
    const tolerance = tolerances.get(list[0]?.indicator_id ?? -1) ?? {
      absolute: null,
      relativePercent: null,
    };
    rows.push(...rowsOf(list, tolerance, resolutions, context.at));
  }
  const order = { open: 0, resolved: 1, within: 2 };
  rows.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      a.municipalityName.localeCompare(b.municipalityName, 'ru') ||
      a.indicatorCode.localeCompare(b.indicatorCode) ||
      a.extract.source.localeCompare(b.extract.source),
  );
  return { period: month, open: rows.filter((r) => r.status === 'open').length, rows };
}

/** The comparisons of one observation: its report against each extract system. */
function rowsOf(
  list: PeriodRevisionRow[],
  tolerance: Tolerance,
  resolutions: Resolution[],
  now: Date,
): CrossCheckRow[] {
  const latest = latestBySource(list);
  const report = latest.get('report');
  const first = list[0];
  if (!report || !first) return [];
  const rows: CrossCheckRow[] = [];
  for (const [key, extract] of latest) {
    if (key === 'report') continue;
    const diff = compareValues(report.value, extract.value, tolerance);
    const resolution = resolutions.find(
      (r) =>
        r.observation_id === first.observation_id &&
        r.report_revision === report.revision &&
        r.extract_revision === extract.revision,
    );
    rows.push({
      observationId: first.observation_id,
      municipalityCode: first.municipality_code,
      municipalityName: first.municipality_name,
      indicatorCode: first.indicator_code,
      indicatorName: first.indicator_name,
      unit: first.unit,
      period: first.period,
      currentValue: first.current_value,
      report: sourceValueOf(report, now),
      extract: sourceValueOf(extract, now),
      difference: diff.difference,
      relativePercent: diff.relativePercent,
      tolerance,
      status: resolution ? 'resolved' : diff.flagged ? 'open' : 'within',
      resolution: resolution
        ? {
            chosen: resolution.chosen,
            chosenValue: resolution.chosen_value,
            reason: resolution.reason,
            resolvedBy: resolution.resolved_by,
            resolvedAt: resolution.resolved_at,
            writtenRevision: resolution.written_revision,
          }
        : null,
    });
  }
  return rows;
}
