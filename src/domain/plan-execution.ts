import { Type } from 'typebox';
import { MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';
import { SourceReference } from './source-reference.js';

export const PlanFigure = Type.Object({
  key: Type.String(),
  label: Type.String(),
  /** Computed by the engine from stored inputs, unrounded. */
  computed: Nullable(Type.Number()),
  /** The figure as the source document printed it, if it printed one. */
  printed: Nullable(Type.Number()),
  decimals: Type.Integer(),
  unit: Type.Union([Type.Literal('%'), Type.Literal('чел.')]),
  agreement: Type.Union([
    Type.Literal('match'),
    Type.Literal('differs'),
    Type.Literal('not-printed'),
    Type.Literal('not-computable'),
  ]),
});
export type PlanFigure = Type.Static<typeof PlanFigure>;

export const PlanWarning = Type.Object({
  code: Type.String(),
  message: Type.String(),
});
export type PlanWarning = Type.Static<typeof PlanWarning>;

export const PlanExecutionRow = Type.Object({
  municipality: MunicipalityRef,
  inputs: Type.Object({
    startOfYear: Nullable(Type.Number()),
    monthly: Type.Array(Type.Object({ month: Type.String(), count: Nullable(Type.Number()) })),
    targetYearEnd: Nullable(Type.Number()),
    totalToDate: Nullable(Type.Number()),
    population: Nullable(Type.Number()),
    populationIllustrative: Type.Boolean(),
  }),
  figures: Type.Array(PlanFigure),
  warnings: Type.Array(PlanWarning),
});
export type PlanExecutionRow = Type.Static<typeof PlanExecutionRow>;

export const PlanExecutionReport = Type.Object({
  code: Type.String(),
  title: Type.String(),
  indicatorCode: Type.String(),
  year: Type.Integer(),
  asOf: Type.String({ format: 'date' }),
  months: Type.Array(Type.String()),
  source: SourceReference,
  rows: Type.Array(PlanExecutionRow),
});
export type PlanExecutionReport = Type.Static<typeof PlanExecutionReport>;
