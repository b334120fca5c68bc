import type { Kysely } from 'kysely';
import { findIndicatorCode } from '../../../db/repositories/indicator-repository.js';
import {
  findObservationSeries,
  findObservationValues,
} from '../../../db/repositories/observation-repository.js';
import {
  findPlanReport,
  listPlanReports,
  listPlanTargets,
  listPrintedFigures,
} from '../../../db/repositories/plan-repository.js';
import { listReferenceValues } from '../../../db/repositories/reference-value-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { PlanExecutionReport } from '../../../domain/plan-execution.js';
import { NotFoundError } from '../../http-errors.js';
import { buildPlanRow } from './plan-row.js';

export interface PlanReportSummary {
  code: string;
  title: string;
  year: number;
  asOf: string;
}

export async function listPlanReportSummaries(
  db: Kysely<Database>,
  regionId: number,
): Promise<PlanReportSummary[]> {
  const rows = await listPlanReports(db, regionId);
  return rows.map((r) => ({ code: r.code, title: r.title, year: r.year, asOf: r.as_of }));
}

/**
 * A plan-execution report computed from stored inputs (targets, monthly counts, totals,
 * population), with the source's printed figures beside ours for comparison.
 */
export async function getPlanReport(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<PlanExecutionReport> {
  const report = await findPlanReport(db, regionId, code);
  if (!report) throw new NotFoundError(`Отчёт о выполнении плана «${code}» не найден`);
  const months = JSON.parse(report.months) as string[];
  const [indicatorCode, targets, monthly, totals, population, printed] = await Promise.all([
    findIndicatorCode(db, report.total_indicator_id),
    listPlanTargets(db, regionId, report.total_indicator_id, report.year),
    findObservationSeries(db, report.monthly_indicator_id, months),
    findObservationValues(db, report.total_indicator_id, [report.as_of]),
    listReferenceValues(db, regionId, report.year, 'population'),
    listPrintedFigures(db, report.code),
  ]);
  return {
    code: report.code,
    title: report.title,
    indicatorCode,
    year: report.year,
    asOf: report.as_of,
    months,
    source: {
      document: report.source_document,
      table: report.source_table,
      note: report.source_note,
    },
    rows: targets.map((t) => {
      const pop = population.find((p) => p.municipality_id === t.municipality_id);
      return buildPlanRow({
        municipality: { id: t.municipality_id, code: t.code, name: t.name, kind: t.kind },
        months,
        asOf: report.as_of,
        startOfYear: t.start_value,
        targetYearEnd: t.target_value,
        monthly: monthly.get(t.municipality_id),
        totalToDate: totals.get(t.municipality_id)?.get(report.as_of) ?? null,
        population: pop?.value ?? null,
        populationIllustrative: pop?.is_illustrative === 1,
        printed: printed.filter((p) => p.municipality_id === t.municipality_id),
      });
    }),
  };
}
