import { Type } from 'typebox';
import { Nullable } from './nullable.js';
import { PlanExecutionReport, PlanExecutionRow } from './plan-execution.js';
import { PlanRule, PlanTargetProblem, TargetOriginSchema } from './plan-targets.js';

export const PlanStatusSchema = Type.Union([
  Type.Literal('on-track'),
  Type.Literal('at-risk'),
  Type.Literal('off-track'),
]);
export type PlanStatusValue = Type.Static<typeof PlanStatusSchema>;

/** Status words and arrows, as the commission reads them. */
export const PLAN_STATUS_LABELS: Record<PlanStatusValue, { label: string; arrow: string }> = {
  'on-track': { label: 'выполняется', arrow: '↑' },
  'at-risk': { label: 'под угрозой', arrow: '→' },
  'off-track': { label: 'отстаёт', arrow: '↓' },
};

export const FORECAST_METHOD_LABELS = {
  linear: 'линейный (темп месяцев с начала года)',
  'seasonal-naive': 'сезонный наивный (оставшиеся месяцы — как в прошлом году)',
} as const;

/** Year-end forecast of the year's increment and the status judged on it. */
export const PlanForecast = Type.Object({
  linear: Nullable(Type.Number()),
  seasonalNaive: Nullable(Type.Number()),
  method: Nullable(Type.Union([Type.Literal('linear'), Type.Literal('seasonal-naive')])),
  value: Nullable(Type.Number()),
  percentOfPlan: Nullable(Type.Number()),
  status: Nullable(PlanStatusSchema),
});
export type PlanForecast = Type.Static<typeof PlanForecast>;

export const CumulativePoint = Type.Object({
  month: Type.Integer({ minimum: 1, maximum: 12 }),
  actual: Nullable(Type.Number()),
  plan: Nullable(Type.Number()),
});

/** A Table 2 row computed for a month, with where its target came from and its forecast. */
export const PlanMonthRow = Type.Object({
  ...PlanExecutionRow.properties,
  targetOrigin: Nullable(TargetOriginSchema),
  forecast: PlanForecast,
  cumulative: Type.Array(CumulativePoint),
});
export type PlanMonthRow = Type.Static<typeof PlanMonthRow>;

/**
 * Table 2 for any month of a plan year, computed from stored monthly values, targets and
 * reference data; where a stored source report covers the same months, its printed figures
 * stand beside the computed ones.
 */
export const PlanMonthReport = Type.Object({
  ...PlanExecutionReport.properties,
  /** The last month covered, `YYYY-MM`; `asOf` is the first day after it. */
  month: Type.String(),
  rule: Nullable(PlanRule),
  rows: Type.Array(PlanMonthRow),
  /** Municipalities asked for or planned without a computable target. */
  problems: Type.Array(PlanTargetProblem),
});
export type PlanMonthReport = Type.Static<typeof PlanMonthReport>;
