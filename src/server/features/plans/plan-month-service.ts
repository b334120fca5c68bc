import type { Kysely } from 'kysely';
import { findObservationSeries } from '../../../db/repositories/observation-repository.js';
import {
  findPlanReportOn,
  findReportMonthlyIndicator,
  listPrintedFigures,
} from '../../../db/repositories/plan-repository.js';
import { listReferenceValues } from '../../../db/repositories/reference-value-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { PlanMonthReport, PlanMonthRow } from '../../../domain/plan-month.js';
import { formatDateRu, formatMonthRu } from '../../../domain/russian-date-format.js';
import { formatNumberRu } from '../../../domain/russian-number-format.js';
import { cumulativeExecution, forecastYearEnd } from '../../../engine/plan-forecast.js';
import { NotFoundError } from '../../http-errors.js';
import { RequestError } from '../access/access-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { buildPlanRow } from './plan-row.js';
import { resolvePlanTargets } from './plan-targets-service.js';

export interface PlanMonthQuery {
  indicatorCode: string;
  /** `YYYY-MM`: the last month covered; the plan year is its year. */
  month: string;
  /** Codes of the municipalities to show; all with a target when omitted. */
  municipalityCodes?: string[] | undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthsOf = (year: number, through: number) =>
  Array.from({ length: through }, (_, i) => `${year}-${pad(i + 1)}`);

function parseMonth(month: string): { year: number; number: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const number = Number(match?.[2]);
  if (!match || number < 1 || number > 12)
    throw new RequestError(
      400,
      'invalid_month',
      `Поле month: месяц «${month}» не распознан, ожидается ГГГГ-ММ, например 2017-03.`,
    );
  return { year: Number(match[1]), number };
}

/**
 * Table 2 for any month of a plan year and any set of municipalities, computed from stored
 * monthly values, the targets (rule or hand-set) and reference data — never from a stored
 * report; a stored source report dated the day after the month lends its printed figures for
 * comparison. Each row carries its year-end forecast, status and cumulative series. No
 * authorisation: the read model for pages, the CLI and documents.
 *
 * @example await computePlanMonth(db, regionId, { indicatorCode: 'esia_total', month: '2017-03' })
 */
export async function computePlanMonth(
  db: Kysely<Database>,
  regionId: number,
  query: PlanMonthQuery,
): Promise<PlanMonthReport> {
  const { year, number } = parseMonth(query.month);
  const targets = await resolvePlanTargets(db, regionId, query.indicatorCode, year);
  const monthlyId =
    targets.ruleRow?.monthly_indicator_id ??
    (await findReportMonthlyIndicator(db, regionId, targets.indicatorId, year));
  if (monthlyId === null)
    throw new NotFoundError(
      `Для показателя «${query.indicatorCode}» на ${year} год не задан ежемесячный показатель: задайте правило целевых показателей`,
    );
  const months = monthsOf(year, number);
  // The seasonal forecast reads only last year's months after the one asked for.
  const lastYearRest = monthsOf(year - 1, 12).slice(number);
  const asOf = number === 12 ? `${year + 1}-01-01` : `${year}-${pad(number + 1)}-01`;
  const [counts, totals, population, report] = await Promise.all([
    findObservationSeries(db, monthlyId, [...months, ...lastYearRest]),
    findObservationSeries(db, targets.indicatorId, [asOf]),
    listReferenceValues(db, regionId, year, 'population'),
    findPlanReportOn(db, regionId, targets.indicatorId, asOf),
  ]);
  const comparable = report !== null && report.months === JSON.stringify(months);
  const printed = comparable ? await listPrintedFigures(db, report.code) : [];

  const populationOf = new Map(population.map((p) => [p.municipality_id, p]));
  // The printed figures by municipality, once: a row looks up its own, not the whole report's.
  const printedOf = new Map<number, typeof printed>();
  for (const p of printed) {
    const own = printedOf.get(p.municipality_id);
    if (own) own.push(p);
    else printedOf.set(p.municipality_id, [p]);
  }
  const asOfText = formatDateRu(asOf);
  const wanted = query.municipalityCodes ? new Set(query.municipalityCodes) : null;
  if (wanted) {
    const known = new Set(targets.rows.map((r) => r.municipality.code));
    const unknown = [...wanted].filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw new NotFoundError(
        `Поле municipalities: нет в плане на ${year} год — ${unknown.map((c) => `«${c}»`).join(', ')}`,
      );
  }
  const chosen = targets.rows.filter((r) =>
    wanted ? wanted.has(r.municipality.code) : r.target !== null,
  );
  const rows = chosen.map((t): PlanMonthRow => {
    const id = t.municipality.id;
    // This year's months, then last year's after the month asked for: one array.
    const series = counts.get(id);
    const monthly = series ? series.slice(0, number) : new Array<null>(number).fill(null);
    const reported = totals.get(id)?.[0] ?? null;
    let sinceJanuary: number | null = 0;
    for (const v of monthly)
      sinceJanuary = sinceJanuary === null || v === null ? null : sinceJanuary + v;
    const derivedTotal =
      t.startOfYear === null || sinceJanuary === null ? null : t.startOfYear + sinceJanuary;
    const pop = populationOf.get(id);
    const row = buildPlanRow({
      municipality: t.municipality,
      months,
      asOf,
      startOfYear: t.startOfYear,
      targetYearEnd: t.target,
      monthly,
      totalToDate: reported ?? derivedTotal,
      population: pop?.value ?? null,
      populationIllustrative: pop?.is_illustrative === 1,
      printed: printedOf.get(id) ?? [],
    });
    if (reported === null && derivedTotal !== null)
      row.warnings.push({
        code: 'total-derived',
        message: `Всего на ${asOfText} не передано: взято начало года и сумма месяцев (${formatNumberRu(derivedTotal, 0)}).`,
      });
    const yearIncrement = row.figures.find((f) => f.key === 'year_increment')?.computed ?? null;
    return {
      municipality: row.municipality,
      inputs: row.inputs,
      figures: row.figures,
      warnings: row.warnings,
      targetOrigin: t.origin,
      forecast: forecastYearEnd({
        monthly,
        // Last year's twelve months: those up to the month asked for are not read (null).
        lastYear: series ? series.map((v, i) => (i < number ? null : v)) : [],
        yearIncrement,
      }),
      cumulative: cumulativeExecution(monthly, yearIncrement),
    };
  });
  const problems = targets.problems.filter((p) => !wanted || wanted.has(p.municipality.code));
  return {
    code: `${targets.indicatorCode}-${query.month}`,
    title: `Выполнение плана на ${year} год: ${targets.indicatorName}`,
    indicatorCode: targets.indicatorCode,
    year,
    asOf,
    month: query.month,
    months,
    source: comparable
      ? { document: report.source_document, table: report.source_table, note: report.source_note }
      : {
          document: `Рассчитано munirank по данным за ${months.length === 1 ? formatMonthRu(months[0] ?? '') : `январь — ${formatMonthRu(query.month)}`}`,
          table: null,
          note: targets.rule ? `Целевой показатель: ${targets.rule.description}.` : null,
        },
    rule: targets.rule,
    rows,
    problems,
  };
}

/** `GET /api/plans/{indicator}/execution?month=…`: for those who read region-wide summaries. */
export async function getPlanMonth(
  db: Kysely<Database>,
  regionId: number,
  query: PlanMonthQuery,
  context: AuditContext,
): Promise<PlanMonthReport> {
  authorize(context.actor, 'summaries.read', {
    entityType: 'plan_execution',
    entityId: `${query.indicatorCode}/${query.month}`,
    attempt: 'plan-execution.read',
  });
  return computePlanMonth(db, regionId, query);
}
