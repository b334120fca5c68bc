import type { MeasureSummary } from './plan-measure.js';
import type { PlanForecast, PlanMonthReport, PlanMonthRow, PlanStatusValue } from './plan-month.js';
import type { RatingSnapshotView, SnapshotRow } from './rating-snapshot.js';

/** A municipality whose place changed between two snapshots of the same series. */
export interface RatingMove {
  name: string;
  from: number;
  to: number;
  /** Places gained (positive) or lost (negative). */
  change: number;
}

export interface PlanStanding {
  name: string;
  /** The year's plan (target at year end minus the start of the year). */
  yearPlan: number | null;
  /** Registered since the start of the year, by the months reported. */
  sinceJanuary: number;
  /** The year-end forecast of the year's increment (linear, or seasonal where last year allows). */
  forecast: number | null;
  method: PlanForecast['method'];
  /** The forecast as a share of the year's plan, in per cent. */
  forecastPercent: number | null;
  status: PlanStatusValue | null;
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
  plan: PlanMonthReport | null;
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

/** A plan row's standing: what was done since January and where its forecast leads. */
export function planStanding(row: PlanMonthRow): PlanStanding {
  return {
    name: row.municipality.name,
    yearPlan: row.figures.find((f) => f.key === 'year_increment')?.computed ?? null,
    sinceJanuary: row.inputs.monthly.reduce((sum, m) => sum + (m.count ?? 0), 0),
    forecast: row.forecast.value,
    method: row.forecast.method,
    forecastPercent: row.forecast.percentOfPlan,
    status: row.forecast.status,
  };
}
