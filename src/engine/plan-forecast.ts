/** Status of a municipality's annual plan, judged on its year-end forecast. */
export type PlanStatus = 'on-track' | 'at-risk' | 'off-track';

export type ForecastMethod = 'linear' | 'seasonal-naive';

/**
 * The status rule (SDG-style, without probabilities): the forecast of the year's increment
 * reaches at least 100 % of the planned increment — on track; at least 80 % — at risk;
 * below 80 % — off track. Boundaries belong to the better status.
 */
export const STATUS_THRESHOLDS = { onTrack: 100, atRisk: 80 } as const;

export interface ForecastInput {
  /** Counts of the months of the year so far (January first); null where none is stored. */
  monthly: (number | null)[];
  /** Counts of the twelve months of the previous year, null where none is stored. */
  lastYear: (number | null)[];
  /** The planned increment for the year (target at year end − start of year). */
  yearIncrement: number | null;
}

export interface ForecastResult {
  /** Months so far at the current pace: sum / months × 12. */
  linear: number | null;
  /** Months so far plus last year's same months for the rest of the year. */
  seasonalNaive: number | null;
  /** The method the status is judged on: seasonal-naive where last year allows it. */
  method: ForecastMethod | null;
  value: number | null;
  /** Forecast increment / planned increment × 100. */
  percentOfPlan: number | null;
  status: PlanStatus | null;
}

const sum = (values: number[]): number => values.reduce((s, v) => s + v, 0);
const complete = (values: (number | null)[]): values is number[] => values.every((v) => v !== null);

/** The status of a forecast that is `percent` % of the plan. */
export function planStatus(percent: number | null): PlanStatus | null {
  if (percent === null || !Number.isFinite(percent)) return null;
  if (percent >= STATUS_THRESHOLDS.onTrack) return 'on-track';
  if (percent >= STATUS_THRESHOLDS.atRisk) return 'at-risk';
  return 'off-track';
}

/**
 * Year-end forecast of the year's increment from the months so far. A month without a value
 * makes the forecast unknown rather than a guess.
 *
 * @example forecastYearEnd({ monthly: [1010, 1105], lastYear: [], yearIncrement: 6786 }).linear // 12 690
 */
export function forecastYearEnd(input: ForecastInput): ForecastResult {
  const months = input.monthly.length;
  const soFar = complete(input.monthly) && months > 0 ? sum(input.monthly) : null;
  const linear = soFar === null ? null : (soFar / months) * 12;
  const rest = Array.from({ length: 12 - months }, (_, i) => input.lastYear[months + i] ?? null);
  const seasonalNaive =
    soFar === null || months >= 12 || !complete(rest) ? null : soFar + sum(rest);
  const method: ForecastMethod | null =
    seasonalNaive !== null ? 'seasonal-naive' : linear !== null ? 'linear' : null;
  const value = method === 'seasonal-naive' ? seasonalNaive : linear;
  const percentOfPlan =
    value === null || input.yearIncrement === null || input.yearIncrement <= 0
      ? null
      : (value / input.yearIncrement) * 100;
  return { linear, seasonalNaive, method, value, percentOfPlan, status: planStatus(percentOfPlan) };
}

/**
 * Cumulative execution month by month against the plan line (an even twelfth of the
 * increment per month), for a chart: `actual` stops at the last known month.
 */
export function cumulativeExecution(
  monthly: (number | null)[],
  yearIncrement: number | null,
): { month: number; actual: number | null; plan: number | null }[] {
  const points: { month: number; actual: number | null; plan: number | null }[] = [];
  let running: number | null = 0;
  for (let i = 0; i < 12; i++) {
    const count = i < monthly.length ? (monthly[i] ?? null) : null;
    running = running === null || count === null ? null : running + count;
    points.push({
      month: i + 1,
      actual: i < monthly.length ? running : null,
      plan: yearIncrement === null ? null : (yearIncrement * (i + 1)) / 12,
    });
  }
  return points;
}
