import type { MunicipalityRef } from '../../../domain/municipality.js';
import type { PlanExecutionRow, PlanFigure, PlanWarning } from '../../../domain/plan-execution.js';
import { formatDateRu, monthPhraseRu } from '../../../domain/russian-date-format.js';
import { formatNumberRu } from '../../../domain/russian-number-format.js';
import { computePlanExecution } from '../../../engine/plan-execution.js';
import { comparePrinted } from '../../../engine/printed-figure.js';

export interface PlanRowInput {
  municipality: MunicipalityRef;
  months: string[];
  asOf?: string;
  startOfYear: number | null;
  targetYearEnd: number | null;
  /** The counts of `months`, in their order (null where none is stored); none at all: undefined. */
  monthly: readonly (number | null)[] | undefined;
  totalToDate: number | null;
  population: number | null;
  populationIllustrative: boolean;
  printed: PrintedFigure[];
}

type PrintedFigure = { figure_key: string; value: number; decimals: number };

/**
 * Keys and labels the same for every row of a table (a month's, a year's), made once, not
 * once per row: a table of thousands of rows would otherwise build each again for each.
 */
function cached(cache: Map<string, string>, of: string, make: (of: string) => string): string {
  let text = cache.get(of);
  if (text === undefined) {
    text = make(of);
    cache.set(of, text);
  }
  return text;
}
const monthKeys = new Map<string, string>();
const monthLabels = new Map<string, string>();
const incrementLabels = new Map<string, string>();
const yearPercentLabels = new Map<string, string>();
const monthKey = (month: string) => `month_percent:${month}`;
const monthLabel = (month: string) => `% выполнения плана за ${monthPhraseRu(month)}`;
const incrementLabel = (year: string) => `Целевой показатель на ${year} год (прирост)`;
const yearPercentLabel = (year: string) => `% выполнения плана за ${year} год`;

function figure(
  printedFigures: readonly PrintedFigure[],
  key: string,
  label: string,
  computed: number | null,
  unit: PlanFigure['unit'],
  defaultDecimals: number,
): PlanFigure {
  let printed: PrintedFigure | null = null;
  for (const p of printedFigures)
    if (p.figure_key === key) {
      printed = p;
      break;
    }
  const decimals = printed?.decimals ?? defaultDecimals;
  return {
    key,
    label,
    computed,
    printed: printed?.value ?? null,
    decimals,
    unit,
    agreement: comparePrinted(computed, printed?.value ?? null, decimals),
  };
}

/** Turns stored inputs into a report row: engine figures, printed figures beside them, warnings. */
export function buildPlanRow(input: PlanRowInput): PlanExecutionRow {
  const monthly: { month: string; count: number | null }[] = [];
  for (let i = 0; i < input.months.length; i++)
    monthly.push({ month: input.months[i] as string, count: input.monthly?.[i] ?? null });
  const result = computePlanExecution({
    startOfYear: input.startOfYear,
    targetYearEnd: input.targetYearEnd,
    monthly,
    totalToDate: input.totalToDate,
    population: input.population,
  });
  const year = input.months[0]?.slice(0, 4) ?? '';
  const printed = input.printed;
  const figures: PlanFigure[] = [
    figure(
      printed,
      'year_increment',
      cached(incrementLabels, year, incrementLabel),
      result.yearIncrement,
      'чел.',
      0,
    ),
    figure(printed, 'monthly_plan', 'План на месяц', result.monthlyPlan, 'чел.', 1),
  ];
  for (const m of result.monthPercent)
    figures.push(
      figure(
        printed,
        cached(monthKeys, m.month, monthKey),
        cached(monthLabels, m.month, monthLabel),
        m.value,
        '%',
        2,
      ),
    );
  figures.push(
    figure(
      printed,
      'ytd_percent',
      cached(yearPercentLabels, year, yearPercentLabel),
      result.yearToDatePercent,
      '%',
      2,
    ),
    figure(
      printed,
      'registered_percent',
      '% зарегистрированных граждан от численности населения МО',
      result.registeredPercent,
      '%',
      2,
    ),
  );

  const warnings: PlanWarning[] = [];
  if (result.totalMismatch) {
    const { reported, expected } = result.totalMismatch;
    const diff = reported - expected;
    warnings.push({
      code: 'total-mismatch',
      message: `Всего регистраций${input.asOf ? ` на ${formatDateRu(input.asOf)}` : ''} (${formatNumberRu(reported, 0)}) не равно сумме регистраций на начало года и за месяцы (${formatNumberRu(expected, 0)}): расхождение ${diff > 0 ? '+' : ''}${formatNumberRu(diff, 0)}.`,
    });
  }
  for (const f of figures) {
    if (f.agreement !== 'differs') continue;
    const suffix = f.unit === '%' ? ' %' : '';
    warnings.push({
      code: 'printed-differs',
      message: `${f.label}: рассчитано ${formatNumberRu(f.computed, f.decimals)}${suffix}, в источнике напечатано ${formatNumberRu(f.printed, f.decimals)}${suffix} — расхождение больше погрешности округления.`,
    });
  }
  return {
    municipality: input.municipality,
    inputs: {
      startOfYear: input.startOfYear,
      monthly,
      targetYearEnd: input.targetYearEnd,
      totalToDate: input.totalToDate,
      population: input.population,
      populationIllustrative: input.populationIllustrative,
    },
    figures,
    warnings,
  };
}
