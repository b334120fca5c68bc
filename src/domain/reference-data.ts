import { Type } from 'typebox';
import { MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';

/** The reference kinds kept per unit and year: the denominators of derived indicators. */
export const REFERENCE_DATA_KINDS = ['population', 'econ_active_14_72'] as const;
export type ReferenceDataKind = (typeof REFERENCE_DATA_KINDS)[number];
export const REFERENCE_DATA_KIND_LABELS: Record<ReferenceDataKind, string> = {
  population: 'Численность населения',
  econ_active_14_72: 'Экономически активное население 14–72 лет',
};
export const ReferenceDataKindSchema = Type.Union([
  Type.Literal('population'),
  Type.Literal('econ_active_14_72'),
]);

/** The share of change over the previous year above which a value is flagged, by default. */
export const DEFAULT_JUMP_SHARE = 0.25;

/**
 * How far `value` moved from `previous`, as a share of `previous` (0.3 = 30 %); null where
 * there is nothing to compare with.
 *
 * @example changeShare(100_000, 130_000) === 0.3
 */
export function changeShare(previous: number | null, value: number | null): number | null {
  if (previous === null || value === null || previous === 0) return null;
  return Math.abs(value - previous) / Math.abs(previous);
}

/**
 * Whether a value jumps more than `threshold` (a share) from the previous year's.
 *
 * @example isJump(100_000, 125_001, 0.25) === true; isJump(100_000, 125_000, 0.25) === false
 */
export function isJump(previous: number | null, value: number | null, threshold: number): boolean {
  const share = changeShare(previous, value);
  // Compared in whole parts per million, so that 25 % of 100 000 is exactly at the threshold.
  return share !== null && Math.round(share * 1e6) > Math.round(threshold * 1e6);
}

export const ReferenceCell = Type.Object({
  value: Nullable(Type.Number()),
  /** Where the value comes from (a document, an extract, «ввод вручную: …»). */
  source: Nullable(Type.String()),
  derivedFrom: Nullable(Type.String()),
  illustrative: Type.Boolean(),
  changedBy: Nullable(Type.String()),
  changedAt: Nullable(Type.String()),
  /** The imported file of the last change, if it came from an import. */
  file: Nullable(Type.String()),
  previous: Nullable(Type.Number()),
  changeShare: Nullable(Type.Number()),
  jump: Type.Boolean(),
});
export type ReferenceCell = Type.Static<typeof ReferenceCell>;

/** Reference data of a year: every unit valid in it, each kind with provenance and a jump flag. */
export const ReferenceTable = Type.Object({
  year: Type.Integer(),
  jumpShare: Type.Number(),
  rows: Type.Array(
    Type.Object({
      municipality: MunicipalityRef,
      cells: Type.Object({ population: ReferenceCell, econ_active_14_72: ReferenceCell }),
    }),
  ),
});
export type ReferenceTable = Type.Static<typeof ReferenceTable>;

export const ReferenceValueInput = Type.Object(
  {
    value: Type.Number(),
    source: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type ReferenceValueInput = Type.Static<typeof ReferenceValueInput>;

export const ReferenceSettings = Type.Object(
  { jumpShare: Type.Number() },
  { additionalProperties: false },
);
export type ReferenceSettings = Type.Static<typeof ReferenceSettings>;

/** The answer to a value set by hand: the cell as stored now and a warning on a jump. */
export const ReferenceSetResult = Type.Object({
  municipality: Type.Object({ code: Type.String(), name: Type.String() }),
  year: Type.Integer(),
  kind: ReferenceDataKindSchema,
  cell: ReferenceCell,
  warning: Nullable(Type.String()),
});
export type ReferenceSetResult = Type.Static<typeof ReferenceSetResult>;
