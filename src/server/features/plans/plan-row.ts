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
  monthly: Map<string, number | null> | undefined;
  totalToDate: number | null;
  population: number | null;
  populationIllustrative: boolean;
  printed: { figure_key: string; value: number; decimals: number }[];
}

/** Month labels, the same for every row of a table: made once per month, not once per row. */
const monthLabels = new Map<string, string>();
const monthLabel = (month: string): string => {
  let label = monthLabels.get(month);
  if (label === undefined) {
    label = `% выполнения плана за ${monthPhraseRu(month)}`;
    monthLabels.set(month, label);
  }
  return label;
};

/** Turns stored inputs into a report row: engine figures, printed figures beside them, warnings. */
export function buildPlanRow(input: PlanRowInput): PlanExecutionRow {
  const monthly = input.months.map((month) => ({
    month,
    count: input.monthly?.get(month) ?? null,
  }));
  const result = computePlanExecution({
    startOfYear: input.startOfYear,
    targetYearEnd: input.targetYearEnd,
    monthly,
    totalToDate: input.totalToDate,
    population: input.population,
  });
  const year = input.months[0]?.slice(0, 4) ?? '';
  const figure = (
    key: string,
    label: string,
    computed: number | null,
    unit: PlanFigure['unit'],
    defaultDecimals: number,
  ): PlanFigure => {
    const printed = input.printed.find((p) => p.figure_key === key) ?? null;
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
  };
  const figures: PlanFigure[] = [
    figure(
      'year_increment',
      `Целевой показатель на ${year} год (прирост)`,
      result.yearIncrement,
      'чел.',
      0,
    ),
    figure('monthly_plan', 'План на месяц', result.monthlyPlan, 'чел.', 1),
    ...result.monthPercent.map((m) =>
      figure(`month_percent:${m.month}`, monthLabel(m.month), m.value, '%', 2),
    ),
    figure('ytd_percent', `% выполнения плана за ${year} год`, result.yearToDatePercent, '%', 2),
    figure(
      'registered_percent',
      '% зарегистрированных граждан от численности населения МО',
      result.registeredPercent,
      '%',
      2,
    ),
  ];

  const warnings: PlanWarning[] = [];
  if (result.totalMismatch) {
    const { reported, expected } = result.totalMismatch;
    const diff = reported - expected;
    warnings.push({
      code: 'total-mismatch',
      message: `Всего регистраций${input.asOf ? ` на ${formatDateRu(input.asOf)}` : ''} (${formatNumberRu(reported, 0)}) не равно сумме регистраций на начало года и за месяцы (${formatNumberRu(expected, 0)}): расхождение ${diff > 0 ? '+' : ''}${formatNumberRu(diff, 0)}.`,
    });
  }
  for (const f of figures.filter((x) => x.agreement === 'differs')) {
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
