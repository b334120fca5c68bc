import { Type } from 'typebox';
import { MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';

/** How a period filter of the values browser may start: a year, quarter, month or day. */
export const PERIOD_PREFIX_PATTERN = '^[0-9]{4}(-(Q[1-4]|[0-9]{2}(-[0-9]{2})?))?$';
export const VALUE_PAGE_SIZES = [25, 50, 100] as const;

/** One current value with where it came from and when it last changed. */
export const CurrentValue = Type.Object({
  observationId: Type.Integer(),
  municipality: MunicipalityRef,
  indicator: Type.Object({
    code: Type.String(),
    name: Type.String(),
    unit: Type.String(),
    decimals: Type.Integer(),
  }),
  period: Type.String(),
  value: Nullable(Type.Number()),
  /** The source of the last change: an import's source system or «форма ввода». */
  source: Type.String(),
  /** Who made the last change, and when. */
  author: Type.String(),
  recordedAt: Type.String(),
  /** How many revisions the value has (the current one's number). */
  revision: Type.Integer(),
});
export type CurrentValue = Type.Static<typeof CurrentValue>;

/** A page of the values browser: the matching values, in registry order of municipality and indicator, then period. */
export const ValuePage = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  rows: Type.Array(CurrentValue),
});
export type ValuePage = Type.Static<typeof ValuePage>;

export const ValueQuery = Type.Object({
  municipality: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,100}$' })),
  indicator: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' })),
  period: Type.Optional(Type.String({ pattern: PERIOD_PREFIX_PATTERN })),
  /** With `municipality`: also the values of the units merged into it, under their own names. */
  withPredecessors: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type ValueQuery = Type.Static<typeof ValueQuery>;
