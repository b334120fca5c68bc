/** Inputs of one municipality's annual plan, as the source gives them. */
export interface PlanExecutionInput {
  /** Cumulative count at the start of the year (e.g. ЕСИА registrations by 31.12 of the previous year). */
  startOfYear: number | null;
  /** Target cumulative count at the end of the year. */
  targetYearEnd: number | null;
  /** New registrations per month since January, in calendar order. */
  monthly: { month: string; count: number | null }[];
  /** Cumulative count on the report date, as the source reports it. */
  totalToDate: number | null;
  population: number | null;
}

export interface PlanExecutionResult {
  /** Target for the year = target at year end − start of year. */
  yearIncrement: number | null;
  /** Monthly plan = yearly increment / 12. */
  monthlyPlan: number | null;
  /** Per month: registrations in that month / monthly plan × 100. */
  monthPercent: { month: string; value: number | null }[];
  /** Registrations since January / yearly increment × 100. */
  yearToDatePercent: number | null;
  /** All registrations to date / population × 100. */
  registeredPercent: number | null;
  /** Start of year + all months: what "total to date" should be if the source adds up. */
  expectedTotal: number | null;
  /** Set when the source's total to date differs from start of year + months. */
  totalMismatch: { reported: number; expected: number } | null;
}

const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : a / b;

const percent = (v: number | null): number | null => (v === null ? null : v * 100);

/** The sum of the months' counts from January, or null when a month has none. */
function sinceJanuaryOf(monthly: PlanExecutionInput['monthly']): number | null {
  let sum = 0;
  for (const m of monthly) {
    if (m.count === null) return null;
    sum += m.count;
  }
  return sum;
}

/**
 * Computes a plan-execution row (Table 2 of the 2017 report) from its inputs, never from
 * printed percentages. Percentages are unrounded; presentation rounds them.
 *
 * @example
 * computePlanExecution({ startOfYear: 7694, targetYearEnd: 14480, totalToDate: 10176,
 *   population: 85199, monthly: [{ month: '2017-01', count: 1010 }] }).monthPercent[0].value
 * // ≈ 178.603 (1010 / (6786 / 12) × 100)
 */
export function computePlanExecution(input: PlanExecutionInput): PlanExecutionResult {
  const yearIncrement =
    input.targetYearEnd === null || input.startOfYear === null
      ? null
      : input.targetYearEnd - input.startOfYear;
  const monthlyPlan = yearIncrement === null ? null : yearIncrement / 12;
  const monthPercent: PlanExecutionResult['monthPercent'] = [];
  for (const m of input.monthly)
    monthPercent.push({ month: m.month, value: percent(ratio(m.count, monthlyPlan)) });
  const sinceJanuary = sinceJanuaryOf(input.monthly);
  const expectedTotal =
    input.startOfYear === null || sinceJanuary === null ? null : input.startOfYear + sinceJanuary;
  const totalMismatch =
    expectedTotal !== null && input.totalToDate !== null && expectedTotal !== input.totalToDate
      ? { reported: input.totalToDate, expected: expectedTotal }
      : null;
  return {
    yearIncrement,
    monthlyPlan,
    monthPercent,
    yearToDatePercent: percent(ratio(sinceJanuary, yearIncrement)),
    registeredPercent: percent(ratio(input.totalToDate, input.population)),
    expectedTotal,
    totalMismatch,
  };
}
