import { Type } from 'typebox';
import { MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';

export const PLAN_RULE_KINDS = ['share', 'absolute', 'growth'] as const;
export const PlanRuleKindSchema = Type.Union([
  Type.Literal('share'),
  Type.Literal('absolute'),
  Type.Literal('growth'),
]);
export const PLAN_RULE_KIND_LABELS: Record<(typeof PLAN_RULE_KINDS)[number], string> = {
  share: 'доля справочного значения',
  absolute: 'абсолютное значение',
  growth: 'прирост к значению на начало года',
};

export const ReferenceKindSchema = Type.Union([
  Type.Literal('population'),
  Type.Literal('econ_active_14_72'),
]);
export const REFERENCE_KIND_LABELS = {
  population: 'численность населения',
  econ_active_14_72: 'экономически активное население 14–72 лет',
} as const;

const IndicatorCode = Type.String({ pattern: '^[a-z0-9_]{1,100}$' });

/** What an analyst sets: the rule for every municipality's target of an indicator and year. */
export const PlanRuleInput = Type.Object(
  {
    kind: PlanRuleKindSchema,
    /** Percent for `share` and `growth`, the cumulative target for `absolute`. */
    value: Type.Number({ minimum: 0, maximum: 1e12 }),
    /** Required for `share`: the reference value the target is a share of. */
    referenceKind: Type.Optional(Nullable(ReferenceKindSchema)),
    /** The indicator of monthly counts (e.g. `esia_new`). */
    monthlyIndicator: IndicatorCode,
  },
  { additionalProperties: false },
);
export type PlanRuleInput = Type.Static<typeof PlanRuleInput>;

export const PlanRule = Type.Object({
  kind: PlanRuleKindSchema,
  value: Type.Number(),
  referenceKind: Nullable(ReferenceKindSchema),
  monthlyIndicator: Type.String(),
  /** In words, e.g. «20 % — экономически активное население 14–72 лет». */
  description: Type.String(),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
});
export type PlanRule = Type.Static<typeof PlanRule>;

export const ManualTargetInput = Type.Object(
  {
    /** The cumulative value to reach by year end. */
    target: Type.Number({ minimum: 0, maximum: 1e12 }),
    /** The cumulative value at the start of the year, when known. */
    startOfYear: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  },
  { additionalProperties: false },
);
export type ManualTargetInput = Type.Static<typeof ManualTargetInput>;

export const TargetOriginSchema = Type.Union([
  Type.Literal('manual'),
  Type.Literal('rule'),
  Type.Literal('stored'),
]);
export const TARGET_ORIGIN_LABELS = {
  manual: 'задано вручную',
  rule: 'по правилу',
  stored: 'из источника',
} as const;

export const PlanTargetRow = Type.Object({
  municipality: MunicipalityRef,
  startOfYear: Nullable(Type.Number()),
  reference: Nullable(
    Type.Object({
      value: Type.Number(),
      illustrative: Type.Boolean(),
      /** How the value was worked out where no source gives it. */
      derivedFrom: Nullable(Type.String()),
    }),
  ),
  /** What the rule gives, beside a hand-set target that overrides it. */
  ruleTarget: Nullable(Type.Number()),
  target: Nullable(Type.Number()),
  origin: Nullable(TargetOriginSchema),
});
export type PlanTargetRow = Type.Static<typeof PlanTargetRow>;

export const PlanTargetProblem = Type.Object({
  municipality: MunicipalityRef,
  message: Type.String(),
});
export type PlanTargetProblem = Type.Static<typeof PlanTargetProblem>;

/** Every municipality's target of an indicator for a year, and who lacks what for one. */
export const PlanTargets = Type.Object({
  indicatorCode: Type.String(),
  indicatorName: Type.String(),
  year: Type.Integer(),
  rule: Nullable(PlanRule),
  rows: Type.Array(PlanTargetRow),
  /** Municipalities without a target, each named with what is missing (nothing is guessed). */
  problems: Type.Array(PlanTargetProblem),
});
export type PlanTargets = Type.Static<typeof PlanTargets>;
