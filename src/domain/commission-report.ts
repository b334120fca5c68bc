import type { PlanExecutionReport, PlanExecutionRow } from './plan-execution.js';
import type { MeasureSummary } from './plan-measure.js';
import type { RatingSnapshotView, SnapshotRow } from './rating-snapshot.js';

/** A municipality whose place changed between two snapshots of the same series. */
export interface RatingMove {
  name: string;
  from: number;
  to: number;
  /** Places gained (positive) or lost (negative). */
  change: number;
}

/**
 * Plan status by the year-end forecast, as SDG dashboards grade progress: on track (the
 * forecast reaches the year's plan), at risk (80 % of it or more), off track (below).
 */
export type PlanStatus = 'on_track' | 'at_risk' | 'off_track' | 'unknown';

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  on_track: 'выполняется',
  at_risk: 'под угрозой',
  off_track: 'не выполняется',
  unknown: 'нет данных',
};

export interface PlanStanding {
  name: string;
  /** The year's plan (target at year end minus the start of the year). */
  yearPlan: number | null;
  /** Registered since the start of the year, by the months reported. */
  sinceJanuary: number;
  /** Linear forecast for the year: the mean of the months reported × 12. */
  forecast: number | null;
  /** The forecast as a share of the year's plan, in per cent. */
  forecastPercent: number | null;
  status: PlanStatus;
}

/** Everything the commission's briefing note says, gathered for one meeting date. */
export interface CommissionReport {
  meetingDate: string;
  regionName: string;
  rating: RatingSnapshotView;
  previousRating: { code: string; title: string; asOf: string } | null;
  top: SnapshotRow[];
  bottom: SnapshotRow[];
  risers: RatingMove[];
  fallers: RatingMove[];
  plan: PlanExecutionReport | null;
  standings: PlanStanding[];
  measures: MeasureSummary;
}

/**
 * Moves between the previous snapshot and the current one, by exact place: the biggest
 * risers and fallers first, at most `limit` of each; units in only one of them are left out.
 */
export function ratingMoves(
  current: RatingSnapshotView,
  previous: RatingSnapshotView,
  limit = 5,
): { risers: RatingMove[]; fallers: RatingMove[] } {
  const before = new Map(previous.rows.map((r) => [r.municipality.code, r.place]));
  const moves: RatingMove[] = [];
  for (const row of current.rows) {
    const from = before.get(row.municipality.code);
    if (from === undefined || from === null || row.place === null) continue;
    if (from !== row.place)
      moves.push({ name: row.municipality.name, from, to: row.place, change: from - row.place });
  }
  const byName = (a: RatingMove, b: RatingMove) => a.name.localeCompare(b.name, 'ru');
  return {
    risers: moves
      .filter((m) => m.change > 0)
      .sort((a, b) => b.change - a.change || byName(a, b))
      .slice(0, limit),
    fallers: moves
      .filter((m) => m.change < 0)
      .sort((a, b) => a.change - b.change || byName(a, b))
      .slice(0, limit),
  };
}

/** Grades a forecast against the year's plan: ≥ 100 % on track, ≥ 80 % at risk, below off track. */
export function planStatus(forecastPercent: number | null): PlanStatus {
  if (forecastPercent === null) return 'unknown';
  if (forecastPercent >= 100) return 'on_track';
  if (forecastPercent >= 80) return 'at_risk';
  return 'off_track';
}

/** A plan row's standing: what was done since January and where the months so far lead. */
export function planStanding(row: PlanExecutionRow): PlanStanding {
  const yearPlan = row.figures.find((f) => f.key === 'year_increment')?.computed ?? null;
  const reported = row.inputs.monthly.filter((m) => m.count !== null);
  const sinceJanuary = reported.reduce((sum, m) => sum + (m.count ?? 0), 0);
  const forecast = reported.length === 0 ? null : (sinceJanuary / reported.length) * 12;
  const forecastPercent =
    forecast === null || yearPlan === null || yearPlan <= 0 ? null : (forecast / yearPlan) * 100;
  return {
    name: row.municipality.name,
    yearPlan,
    sinceJanuary,
    forecast,
    forecastPercent,
    status: planStatus(forecastPercent),
  };
}
