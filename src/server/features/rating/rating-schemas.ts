import { Type } from 'typebox';
import { MunicipalityRef } from '../../../domain/municipality.js';
import { Nullable } from '../../../domain/nullable.js';
import { RatingReview } from '../../../domain/rating-review.js';
import { RatingSnapshotSummary, RatingSnapshotView } from '../../../domain/rating-snapshot.js';

// Request and response schemas of the rating feature beyond the shared snapshot types; the
// web client takes its types from here (type-only imports).

export const SnapshotLink = Type.Object({ code: Type.String(), title: Type.String() });
export type SnapshotLink = Type.Static<typeof SnapshotLink>;

/** A correction of a snapshot, as shown beside the corrected one. */
export const SnapshotCorrection = Type.Object({
  ...SnapshotLink.properties,
  errataNote: Type.String(),
  publishedAt: Nullable(Type.String()),
});

/**
 * The errata entry of a snapshot: which snapshot it corrects and why, and which later
 * snapshots correct it (the public sees published corrections only).
 */
const ErrataFields = {
  supersedes: Nullable(SnapshotLink),
  errataNote: Nullable(Type.String()),
  correctedBy: Type.Array(SnapshotCorrection),
};

export const SnapshotSummaryWithErrata = Type.Object({
  ...RatingSnapshotSummary.properties,
  ...ErrataFields,
});
export type SnapshotSummaryWithErrata = Type.Static<typeof SnapshotSummaryWithErrata>;

/** A snapshot in the staff's list: its review too (null while nobody has reviewed it). */
export const StaffSnapshotSummary = Type.Object({
  ...SnapshotSummaryWithErrata.properties,
  review: Nullable(RatingReview),
});
export type StaffSnapshotSummary = Type.Static<typeof StaffSnapshotSummary>;

export const SnapshotViewWithErrata = Type.Object({
  ...RatingSnapshotView.properties,
  ...ErrataFields,
});
export type SnapshotViewWithErrata = Type.Static<typeof SnapshotViewWithErrata>;

export const StoredMethodology = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  version: Type.String(),
  title: Type.String(),
  effectiveFrom: Type.String(),
  contentHash: Type.String(),
  createdAt: Type.String(),
  /** The methodology document as stored (validated when it was first used). */
  definition: Type.Object({}, { additionalProperties: true }),
});
export type StoredMethodology = Type.Static<typeof StoredMethodology>;

const IndicatorRef = Type.Object({
  indicator: Type.String(),
  name: Type.String(),
  unit: Nullable(Type.String()),
  /** Decimals the region's registry prints the indicator with; null if it is not registered. */
  decimals: Nullable(Type.Integer()),
});

/** One unit's explanation in a stored snapshot, with the names a reader needs. */
export const UnitExplanationView = Type.Object({
  snapshotCode: Type.String(),
  municipality: MunicipalityRef,
  place: Nullable(Type.Integer()),
  score: Nullable(Type.Number()),
  outputScale: Type.Number(),
  /** The unit directly above, whose score the improvements reach. */
  overtakes: Nullable(MunicipalityRef),
  contributions: Type.Array(
    Type.Object({
      ...IndicatorRef.properties,
      value: Nullable(Type.Number()),
      score: Nullable(Type.Number()),
      effectiveWeight: Type.Number(),
      /** effectiveWeight × normalised score, on the index's 0..1 scale. */
      contribution: Type.Number(),
    }),
  ),
  strengths: Type.Array(IndicatorRef),
  weaknesses: Type.Array(IndicatorRef),
  improvements: Type.Array(
    Type.Object({
      ...IndicatorRef.properties,
      from: Type.Number(),
      to: Type.Number(),
      change: Type.Number(),
      method: Type.Union([Type.Literal('exact'), Type.Literal('numerical')]),
    }),
  ),
  unreachable: Type.Array(IndicatorRef),
  reasons: Type.Array(Type.String()),
});
export type UnitExplanationView = Type.Static<typeof UnitExplanationView>;

/** A stored methodology by code (its newest version unless one is named) or a document. */
export const MethodologyChoice = Type.Union([
  Type.Object(
    { code: Type.String({ minLength: 1, maxLength: 200 }), version: Type.Optional(Type.String()) },
    { additionalProperties: false },
  ),
  Type.Object(
    { definition: Type.Object({}, { additionalProperties: true }) },
    { additionalProperties: false },
  ),
]);
export type MethodologyChoice = Type.Static<typeof MethodologyChoice>;

const MethodologyLabel = Type.Object({
  code: Type.String(),
  version: Type.String(),
  title: Type.String(),
});

export const SimulationResult = Type.Object({
  period: Type.String(),
  before: MethodologyLabel,
  after: MethodologyLabel,
  units: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      scoreBefore: Nullable(Type.Number()),
      scoreAfter: Nullable(Type.Number()),
      rankBefore: Nullable(Type.Integer()),
      rankAfter: Nullable(Type.Integer()),
      /** rankBefore − rankAfter: positive when the new methodology moves the unit up. */
      shift: Nullable(Type.Integer()),
    }),
  ),
});
export type SimulationResult = Type.Static<typeof SimulationResult>;

const PublishedPlaces = Type.Array(
  Type.Object({
    snapshot: Type.Object({
      ...SnapshotLink.properties,
      asOf: Type.String(),
      /** Whether a published correction replaces this snapshot. */
      corrected: Type.Boolean(),
    }),
    /** False when the published table does not list the municipality (a top-10, say). */
    listed: Type.Boolean(),
    place: Nullable(Type.Integer()),
    placeLabel: Nullable(Type.String()),
  }),
);

/**
 * A municipality's places in every published rating, newest first (its own history), and
 * those of the units merged into it, under their own names: each predecessor with its last
 * day before the merger and the unit it merged into (predecessors of predecessors too).
 */
export const RatingPlaceHistory = Type.Object({
  municipality: MunicipalityRef,
  places: PublishedPlaces,
  predecessors: Type.Array(
    Type.Object({
      municipality: MunicipalityRef,
      validTo: Nullable(Type.String()),
      mergedInto: MunicipalityRef,
      places: PublishedPlaces,
    }),
  ),
});
export type RatingPlaceHistory = Type.Static<typeof RatingPlaceHistory>;
