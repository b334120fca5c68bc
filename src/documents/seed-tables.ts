import type { PlanExecutionReport, PlanExecutionRow } from '../domain/plan-execution.js';
import type { RatingSnapshotView } from '../domain/rating-snapshot.js';
import { formatDateRu, monthPhraseRu } from '../domain/russian-date-format.js';
import type { CellValue, Tabular, TabularColumn } from './tabular.js';

/**
 * Table 1 of the department's briefing note: a rating as the source document prints it —
 * place, municipality, then each published value with the publication's decimals.
 */
export function ratingTable(snapshot: RatingSnapshotView, number = 1): Tabular {
  const columns: TabularColumn[] = [
    { title: 'Место в рейтинге ОМСУ', decimals: 0, width: 10 },
    { title: 'Наименование ОМСУ', width: 32 },
    ...snapshot.columns.map((c) => ({
      title: c.unit && c.unit !== 'чел.' ? `${c.title}, ${c.unit}` : c.title,
      decimals: c.decimals,
      width: 18,
    })),
  ];
  return {
    title: `Таблица ${number}. ${snapshot.title} на ${formatDateRu(snapshot.asOf)}`,
    sheetName: `Таблица ${number}`,
    columns,
    rows: snapshot.rows.map((r) => [
      r.place ?? r.placeLabel,
      r.municipality.name,
      ...snapshot.columns.map((c) => r.values[c.key] ?? null),
    ]),
    notes: [
      ...snapshot.notes,
      `Источник: ${snapshot.source.document}${snapshot.source.table ? `, ${snapshot.source.table}` : ''}. Контрольная сумма снимка: ${snapshot.contentHash}.`,
    ],
  };
}

/** A computed figure of a plan row by its key (null where it cannot be computed). */
const figure = (row: PlanExecutionRow, key: string): number | null =>
  row.figures.find((f) => f.key === key)?.computed ?? null;

const decimalsOf = (report: PlanExecutionReport, key: string, fallback: number): number =>
  report.rows[0]?.figures.find((f) => f.key === key)?.decimals ?? fallback;

/**
 * Table 2 of the briefing note: the year's plan by municipality in the source document's
 * layout (registrations last year, per month, targets, the monthly plan, execution per month
 * and for the year, total to date, population and the share registered), all computed from
 * the stored inputs.
 */
export function planExecutionTable(report: PlanExecutionReport, number = 2): Tabular {
  const year = report.year;
  const asOf = formatDateRu(report.asOf);
  const count = (title: string): TabularColumn => ({ title, decimals: 0, width: 12 });
  const percent = (title: string, key: string): TabularColumn => ({
    title,
    decimals: decimalsOf(report, key, 2),
    percent: true,
    width: 12,
  });
  const columns: TabularColumn[] = [
    { title: 'Наименование ОМСУ', width: 24 },
    count(`Кол-во регистраций за ${year - 1} год`),
    ...report.months.map((m) => count(`Кол-во регистраций за ${monthPhraseRu(m)}`)),
    count(`Целевой показатель на конец ${year} года`),
    count(`Целевой показатель на ${year} год`),
    { title: 'План на месяц', decimals: decimalsOf(report, 'monthly_plan', 1), width: 10 },
    ...report.months.map((m) =>
      percent(`% выполнения плана за ${monthPhraseRu(m)}`, `month_percent:${m}`),
    ),
    percent(`% выполнения плана за ${year} год`, 'ytd_percent'),
    count(`Всего регистраций на ${asOf}`),
    count('Численность населения МО'),
    percent('% зарегистрированных граждан от численности населения МО', 'registered_percent'),
  ];
  const rows: CellValue[][] = report.rows.map((r) => [
    r.municipality.name,
    r.inputs.startOfYear,
    ...r.inputs.monthly.map((m) => m.count),
    r.inputs.targetYearEnd,
    figure(r, 'year_increment'),
    figure(r, 'monthly_plan'),
    ...report.months.map((m) => figure(r, `month_percent:${m}`)),
    figure(r, 'ytd_percent'),
    r.inputs.totalToDate,
    r.inputs.population,
    figure(r, 'registered_percent'),
  ]);
  const illustrative = report.rows.some((r) => r.inputs.populationIllustrative);
  return {
    title: `Таблица ${number}. ${report.title} на ${asOf}`,
    sheetName: `Таблица ${number}`,
    columns,
    rows,
    notes: [
      'Показатели рассчитаны munirank по хранимым данным: план на год = целевой показатель на конец года − регистрации на начало года; план на месяц = план на год / 12; % выполнения за месяц = регистрации за месяц / план на месяц × 100; % за год = регистрации с начала года / план на год × 100.',
      ...(illustrative
        ? ['Численность населения отмечена в данных как иллюстративная (выведена из источника).']
        : []),
      `Источник: ${report.source.document}${report.source.table ? `, ${report.source.table}` : ''}.`,
    ],
  };
}
