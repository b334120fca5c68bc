import { Type } from 'typebox';
import { MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';
import type { RatingComputation } from './rating-computation.js';
import { SourceReference } from './source-reference.js';

/** One value column of a published rating table, with the precision the publication uses. */
export const SnapshotColumn = Type.Object({
  key: Type.String(),
  title: Type.String(),
  unit: Nullable(Type.String()),
  decimals: Type.Integer({ minimum: 0, maximum: 12 }),
});
export type SnapshotColumn = Type.Static<typeof SnapshotColumn>;

export const SnapshotRow = Type.Object({
  /** Exact place, or null where the publication gives only a range (e.g. "4–10"). */
  place: Nullable(Type.Integer({ minimum: 1 })),
  placeLabel: Type.String(),
  municipality: MunicipalityRef,
  values: Type.Record(Type.String(), Nullable(Type.Number())),
});
export type SnapshotRow = Type.Static<typeof SnapshotRow>;

export const RatingSnapshotSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  period: Type.String(),
  asOf: Type.String({ format: 'date' }),
  methodologyCode: Nullable(Type.String()),
  source: SourceReference,
  contentHash: Type.String(),
  createdAt: Type.String(),
  publishedAt: Nullable(Type.String()),
  rowCount: Type.Integer(),
});
export type RatingSnapshotSummary = Type.Static<typeof RatingSnapshotSummary>;

export const RatingSnapshotView = Type.Object({
  ...RatingSnapshotSummary.properties,
  columns: Type.Array(SnapshotColumn),
  rows: Type.Array(SnapshotRow),
  notes: Type.Array(Type.String()),
});
export type RatingSnapshotView = Type.Static<typeof RatingSnapshotView>;

/** What a snapshot stores: everything needed to show it again, byte for byte. */
export interface RatingSnapshotContent {
  columns: SnapshotColumn[];
  rows: {
    place: number | null;
    placeLabel: string;
    municipalityCode: string;
    values: Record<string, number | null>;
  }[];
  notes: string[];
  /** Present when munirank computed the rating (absent for ratings taken from a document). */
  computation?: RatingComputation;
}
