import { Type } from 'typebox';
import { Nullable } from './nullable.js';

/** The source a revision written by an analyst's choice between sources names. */
export const RESOLUTION_SOURCE = 'сверка источников';
/** How the municipality's own report (entry form or its import) is named beside extracts. */
export const REPORT_SOURCE_LABEL = 'отчёт ОМСУ';

export const CrossCheckTolerance = Type.Object({
  indicatorCode: Type.String(),
  indicatorName: Type.String(),
  unit: Type.String(),
  absolute: Nullable(Type.Number()),
  relativePercent: Nullable(Type.Number()),
  updatedBy: Nullable(Type.String()),
  updatedAt: Nullable(Type.String()),
});
export type CrossCheckTolerance = Type.Static<typeof CrossCheckTolerance>;

export const ToleranceInput = Type.Object({
  absolute: Nullable(Type.Number()),
  relativePercent: Nullable(Type.Number()),
});
export type ToleranceInput = Type.Static<typeof ToleranceInput>;

/** One source's value of an observation: which revision, from where, who, when, how old. */
export const SourceValue = Type.Object({
  revision: Type.Integer(),
  value: Nullable(Type.Number()),
  source: Type.String(),
  sourceSystem: Nullable(Type.String()),
  batchId: Nullable(Type.Integer()),
  fileName: Nullable(Type.String()),
  row: Nullable(Type.Integer()),
  author: Type.String(),
  recordedAt: Type.String(),
  ageDays: Type.Integer(),
});
export type SourceValue = Type.Static<typeof SourceValue>;

export const CrossCheckResolution = Type.Object({
  chosen: Type.Union([Type.Literal('report'), Type.Literal('extract')]),
  chosenValue: Nullable(Type.Number()),
  reason: Type.String(),
  resolvedBy: Type.String(),
  resolvedAt: Type.String(),
  writtenRevision: Nullable(Type.Integer()),
});

/** A report's value against one extract's for one unit × indicator × period. */
export const CrossCheckRow = Type.Object({
  observationId: Type.Integer(),
  municipalityCode: Type.String(),
  municipalityName: Type.String(),
  indicatorCode: Type.String(),
  indicatorName: Type.String(),
  unit: Type.String(),
  period: Type.String(),
  currentValue: Nullable(Type.Number()),
  report: SourceValue,
  extract: SourceValue,
  difference: Nullable(Type.Number()),
  relativePercent: Nullable(Type.Number()),
  tolerance: Type.Object({
    absolute: Nullable(Type.Number()),
    relativePercent: Nullable(Type.Number()),
  }),
  status: Type.Union([Type.Literal('within'), Type.Literal('open'), Type.Literal('resolved')]),
  resolution: Nullable(CrossCheckResolution),
});
export type CrossCheckRow = Type.Static<typeof CrossCheckRow>;

export const CrossCheckReport = Type.Object({
  period: Type.String(),
  open: Type.Integer(),
  rows: Type.Array(CrossCheckRow),
});
export type CrossCheckReport = Type.Static<typeof CrossCheckReport>;

export const ResolutionInput = Type.Object({
  observationId: Type.Integer(),
  reportRevision: Type.Integer(),
  extractRevision: Type.Integer(),
  choice: Type.Union([Type.Literal('report'), Type.Literal('extract')]),
  reason: Type.String({ maxLength: 2000 }),
});
export type ResolutionInput = Type.Static<typeof ResolutionInput>;

export interface ToleranceProblem {
  field: 'absolute' | 'relativePercent';
  message: string;
}

/**
 * What is wrong with a tolerance, field by field: an absolute one is a finite number ≥ 0, a
 * relative one a per cent from 0 to 100; either may be null (not set).
 *
 * @example toleranceProblems({ absolute: null, relativePercent: -1 })[0].field // 'relativePercent'
 */
export function toleranceProblems(t: ToleranceInput): ToleranceProblem[] {
  const problems: ToleranceProblem[] = [];
  if (t.absolute !== null && !(Number.isFinite(t.absolute) && t.absolute >= 0))
    problems.push({
      field: 'absolute',
      message: `Поле «absolute» (допуск в единицах показателя): нужно число не меньше 0, получено ${t.absolute}.`,
    });
  if (
    t.relativePercent !== null &&
    !(Number.isFinite(t.relativePercent) && t.relativePercent >= 0 && t.relativePercent <= 100)
  )
    problems.push({
      field: 'relativePercent',
      message: `Поле «relativePercent» (допуск в процентах): нужно число от 0 до 100, получено ${t.relativePercent}.`,
    });
  return problems;
}

export interface Difference {
  difference: number | null;
  /** |extract − report| in per cent of the report's value; null where that is 0 or missing. */
  relativePercent: number | null;
  flagged: boolean;
}

/**
 * How an extract's value differs from the report's and whether that is over the tolerance. A
 * difference is tolerated when it is within any tolerance set; with none set, only equal
 * values are. A value missing on one side only is always flagged.
 *
 * @example compareValues(10176, 10301, { absolute: null, relativePercent: 1 })
 * // { difference: 125, relativePercent: 1.2284…, flagged: true }
 */
export function compareValues(
  report: number | null,
  extract: number | null,
  tolerance: { absolute: number | null; relativePercent: number | null },
): Difference {
  if (report === null || extract === null)
    return { difference: null, relativePercent: null, flagged: report !== extract };
  const difference = extract - report;
  const size = Math.abs(difference);
  const relativePercent = report === 0 ? null : (size / Math.abs(report)) * 100;
  if (size === 0) return { difference, relativePercent, flagged: false };
  const withinAbsolute = tolerance.absolute !== null && size <= tolerance.absolute;
  const withinRelative =
    tolerance.relativePercent !== null &&
    relativePercent !== null &&
    relativePercent <= tolerance.relativePercent;
  return { difference, relativePercent, flagged: !(withinAbsolute || withinRelative) };
}

/** Whole days from `from` to `to` (ISO timestamps), never negative. */
export function ageInDays(from: string, to: Date): number {
  const ms = to.getTime() - new Date(from).getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 86_400_000) : 0;
}
