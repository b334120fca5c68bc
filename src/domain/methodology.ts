import { Type } from 'typebox';

/**
 * A versioned rating methodology as JSON. The engine validates it with
 * `validateMethodology` (src/engine/validate-methodology.ts), which also checks what a schema
 * cannot express: unique codes, weight sums, goalpost order, ascending thresholds.
 */

/** +1: higher is better; −1: lower is better. */
export const Direction = Type.Enum([1, -1]);
export type Direction = Type.Static<typeof Direction>;

/** Scores of the whole rating run from 0 to `outputScale` (the 2017 rating used 0..1). */
export const OutputScale = Type.Enum([1, 100]);
export type OutputScale = Type.Static<typeof OutputScale>;

/** Competition ranking "1224" or dense ranking "1223". */
export const TieRule = Type.Enum(['competition', 'dense']);
export type TieRule = Type.Static<typeof TieRule>;

export const ImputationMethod = Type.Enum(['none', 'mean', 'group-mean', 'last-observation']);
export type ImputationMethod = Type.Static<typeof ImputationMethod>;

export const AggregationMethod = Type.Enum(['arithmetic', 'geometric', 'harmonic', 'sum']);
export type AggregationMethod = Type.Static<typeof AggregationMethod>;

export const PointThreshold = Type.Object(
  { value: Type.Number(), points: Type.Number() },
  { additionalProperties: false },
);
export type PointThreshold = Type.Static<typeof PointThreshold>;

/** A point-scoring table: thresholds on the raw value, ascending. */
export const PointScoring = Type.Object(
  {
    mode: Type.Enum(['step', 'linear']),
    thresholds: Type.Array(PointThreshold, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type PointScoring = Type.Static<typeof PointScoring>;

const Strict = { additionalProperties: false } as const;

/**
 * How one indicator is brought to a common scale. Methods whose natural range is 0..1
 * are multiplied by the methodology's `outputScale` unless a parameter says otherwise.
 */
export const Normalisation = Type.Union([
  Type.Object(
    {
      method: Type.Literal('min-max'),
      /** Target interval [l, u]; default [0, outputScale]. */
      lower: Type.Optional(Type.Number()),
      upper: Type.Optional(Type.Number()),
    },
    Strict,
  ),
  Type.Object(
    {
      method: Type.Literal('goalposts'),
      /** Goalposts in the indicator's own units, lo < hi, whatever the direction. */
      lo: Type.Number(),
      hi: Type.Number(),
      /** Multiplier of the clamped 0..1 share; default outputScale. */
      scale: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    },
    Strict,
  ),
  Type.Object(
    {
      method: Type.Literal('distance-to-target'),
      target: Type.Number(),
      capAtTarget: Type.Optional(Type.Boolean()),
    },
    Strict,
  ),
  Type.Object({ method: Type.Literal('fraction-of-max') }, Strict),
  Type.Object(
    {
      method: Type.Literal('z-score'),
      mean: Type.Optional(Type.Number()),
      sd: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    },
    Strict,
  ),
  Type.Object({ method: Type.Literal('rank') }, Strict),
  Type.Object({ method: Type.Literal('percentile-rank') }, Strict),
  /** Point scoring replaces normalisation: the table itself encodes the direction. */
  Type.Object({ method: Type.Literal('points'), scoring: PointScoring }, Strict),
]);
export type Normalisation = Type.Static<typeof Normalisation>;
export type NormalisationMethod = Normalisation['method'];

/** Skewness/kurtosis check, winsorisation, then a log transform (COINr's default scheme). */
export const OutlierTreatment = Type.Object(
  {
    skewThreshold: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    kurtosisThreshold: Type.Optional(Type.Number()),
    maxWinsorised: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  Strict,
);
export type OutlierTreatment = Type.Static<typeof OutlierTreatment>;

/**
 * An indicator's passport: what the number is and where it comes from. Informational: the
 * engine computes from the tree, the portal shows the passport next to the methodology.
 */
export const IndicatorPassport = Type.Object(
  {
    unit: Type.String(),
    periodicity: Type.Enum(['monthly', 'quarterly', 'annual', 'on_date']),
    sourceSystem: Type.Optional(Type.String()),
    rangeMin: Type.Optional(Type.Number()),
    rangeMax: Type.Optional(Type.Number()),
    description: Type.Optional(Type.String()),
  },
  Strict,
);
export type IndicatorPassport = Type.Static<typeof IndicatorPassport>;

const nodeBase = {
  code: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  /** Relative weight, normalised within the parent; ignored on the root. */
  weight: Type.Number({ minimum: 0 }),
};

export const IndicatorNode = Type.Object(
  {
    kind: Type.Literal('indicator'),
    ...nodeBase,
    direction: Direction,
    normalisation: Normalisation,
    treatment: Type.Optional(OutlierTreatment),
    /** Derived indicator: an expression over indicator codes and reference values. */
    formula: Type.Optional(Type.String({ minLength: 1 })),
    passport: Type.Optional(IndicatorPassport),
  },
  Strict,
);
export type IndicatorNode = Type.Static<typeof IndicatorNode>;

/** A dimension or the index: children of any depth, aggregated by `aggregation`. */
export const MethodologyNode = Type.Cyclic(
  {
    Node: Type.Union([
      IndicatorNode,
      Type.Object(
        {
          kind: Type.Literal('group'),
          ...nodeBase,
          aggregation: AggregationMethod,
          children: Type.Array(Type.Ref('Node'), { minItems: 1 }),
        },
        Strict,
      ),
    ]),
  },
  'Node',
);
export type MethodologyNode = Type.Static<typeof MethodologyNode>;
export type GroupNode = Extract<MethodologyNode, { kind: 'group' }>;

export const MissingDataRule = Type.Object(
  {
    imputation: ImputationMethod,
    /** Share of the parent's weight ('weight') or of its children ('count') that must be present. */
    availabilityBasis: Type.Enum(['weight', 'count']),
    minAvailability: Type.Number({ minimum: 0, maximum: 1 }),
  },
  Strict,
);
export type MissingDataRule = Type.Static<typeof MissingDataRule>;

/**
 * Unit screening before normalisation, as COINr's `Screen` (unit_screen = "byNA"): a unit whose
 * share of indicators with a raw value is below `minAvailability` — over all indicators, or
 * within any one child of the index — is left out: it gets no score and no place, and does
 * not count in the minimum, maximum, means or imputation of the units that remain.
 */
export const UnitScreening = Type.Object(
  {
    minAvailability: Type.Number({ minimum: 0, maximum: 1 }),
    /** 'overall' (default): over every indicator; 'each-dimension': in every child of the index. */
    scope: Type.Optional(Type.Enum(['overall', 'each-dimension'])),
  },
  Strict,
);
export type UnitScreening = Type.Static<typeof UnitScreening>;

export const ColourThreshold = Type.Object(
  {
    /** Index scores from this value (inclusive) up to the next threshold get this colour. */
    from: Type.Number(),
    colour: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
    label: Type.String(),
  },
  Strict,
);
export type ColourThreshold = Type.Static<typeof ColourThreshold>;

/** One band of a grouping: units whose value is at least `from` (up to the next band). */
export const GroupBand = Type.Object(
  { from: Type.Number(), label: Type.String({ minLength: 1 }) },
  Strict,
);
export type GroupBand = Type.Static<typeof GroupBand>;

/**
 * Groups for places within a group (Perm ranks its municipalities in three population
 * groups): each unit falls into the band of its reference value (e.g. `population`) with
 * the largest `from` not above it; a unit without the value is in no group. The same groups
 * serve the `group-mean` imputation.
 */
export const Grouping = Type.Object(
  {
    /** Shown over the group places, e.g. «Группа по численности населения». */
    title: Type.String({ minLength: 1 }),
    /** A reference value or indicator code of the data, e.g. `population`. */
    reference: Type.String({ minLength: 1 }),
    /** Ascending by `from`. */
    bands: Type.Array(GroupBand, { minItems: 1 }),
  },
  Strict,
);
export type Grouping = Type.Static<typeof Grouping>;

export const Methodology = Type.Object(
  {
    code: Type.String({ minLength: 1 }),
    version: Type.Integer({ minimum: 1 }),
    title: Type.String({ minLength: 1 }),
    /** Free text for readers: the basis of the methodology, what is reconstructed or illustrative. */
    description: Type.Optional(Type.String()),
    /** First period the version applies to: a year "2022" or a month "2017-01". */
    effectiveFrom: Type.String({ pattern: '^[0-9]{4}(-(0[1-9]|1[0-2]))?$' }),
    outputScale: OutputScale,
    tieRule: TieRule,
    missingData: MissingDataRule,
    /** Units dropped before normalisation for want of data; without it, none are. */
    screening: Type.Optional(UnitScreening),
    colourThresholds: Type.Array(ColourThreshold),
    /** Groups for places within a group; without it, units keep the groups the data gives. */
    grouping: Type.Optional(Grouping),
    tree: MethodologyNode,
  },
  Strict,
);
export type Methodology = Type.Static<typeof Methodology>;
