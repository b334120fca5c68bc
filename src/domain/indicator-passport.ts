import { Type } from 'typebox';
import { Nullable } from './nullable.js';

/** An indicator code: a name a formula can use (latin letters, digits, underscore). */
export const INDICATOR_CODE_PATTERN = '^[a-z][a-z0-9_]{0,99}$';

/** How each field of a passport is named in every refusal, form and CLI message. */
export const INDICATOR_FIELD_LABELS = {
  code: 'код',
  name: 'наименование',
  unit: 'единица измерения',
  direction: 'направление',
  periodicity: 'периодичность',
  sourceSystem: 'система-источник',
  rangeMin: 'допустимый минимум',
  rangeMax: 'допустимый максимум',
  decimals: 'знаков после запятой',
  description: 'описание',
  formula: 'формула',
} as const;
export type IndicatorField = keyof typeof INDICATOR_FIELD_LABELS;

export const DIRECTION_LABELS = {
  higher_better: 'больше — лучше',
  lower_better: 'меньше — лучше',
} as const;
export const PERIODICITY_LABELS = {
  monthly: 'ежемесячно',
  quarterly: 'ежеквартально',
  annual: 'ежегодно',
  on_date: 'на дату',
} as const;

/** Everything of a passport but its code: what an edit replaces. */
export const IndicatorPassportFields = Type.Object(
  {
    name: Type.String({ maxLength: 500 }),
    unit: Type.String({ maxLength: 100 }),
    direction: Type.Union([Type.Literal('higher_better'), Type.Literal('lower_better')]),
    periodicity: Type.Union([
      Type.Literal('monthly'),
      Type.Literal('quarterly'),
      Type.Literal('annual'),
      Type.Literal('on_date'),
    ]),
    sourceSystem: Nullable(Type.String({ maxLength: 200 })),
    rangeMin: Nullable(Type.Number()),
    rangeMax: Nullable(Type.Number()),
    decimals: Type.Integer({ minimum: 0, maximum: 6 }),
    description: Nullable(Type.String({ maxLength: 4000 })),
    /** Over other indicators and reference data (`population`); null for an entered indicator. */
    formula: Nullable(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type IndicatorPassportFields = Type.Static<typeof IndicatorPassportFields>;

export const NewIndicator = Type.Object(
  { code: Type.String({ maxLength: 100 }), ...IndicatorPassportFields.properties },
  { additionalProperties: false },
);
export type NewIndicator = Type.Static<typeof NewIndicator>;

/** An edit: the whole passport, and optionally the version the editor started from. */
export const IndicatorEdit = Type.Object(
  {
    ...IndicatorPassportFields.properties,
    /** When given and the passport has moved on since, the edit is refused (409). */
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type IndicatorEdit = Type.Static<typeof IndicatorEdit>;

export const IndicatorVersion = Type.Object({
  version: Type.Integer(),
  validFrom: Nullable(Type.String()),
  validTo: Type.String(),
  snapshotCode: Type.String(),
  replacedBy: Type.String(),
  passport: IndicatorPassportFields,
});
export type IndicatorVersion = Type.Static<typeof IndicatorVersion>;

export const IndicatorView = Type.Object({
  code: Type.String(),
  ...IndicatorPassportFields.properties,
  version: Type.Integer(),
  validFrom: Nullable(Type.String()),
  updatedAt: Nullable(Type.String()),
  updatedBy: Nullable(Type.String()),
  /** The published rating whose methodology uses the code: an edit makes a new version. */
  usedBySnapshot: Nullable(Type.String()),
  /** Earlier versions, newest first. */
  versions: Type.Array(IndicatorVersion),
});
export type IndicatorView = Type.Static<typeof IndicatorView>;

export const FormulaCheck = Type.Object(
  {
    /** The indicator the formula belongs to (may be a new code not yet saved). */
    code: Type.String({ maxLength: 100 }),
    formula: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type FormulaCheck = Type.Static<typeof FormulaCheck>;

export const FormulaCheckResult = Type.Object({
  ok: Type.Boolean(),
  /** The refusal, naming the field, or null. */
  message: Nullable(Type.String()),
  /** 1-based character of the culprit, when known. */
  position: Nullable(Type.Integer()),
  /** The codes and reference names the formula reads. */
  variables: Type.Array(Type.String()),
});
export type FormulaCheckResult = Type.Static<typeof FormulaCheckResult>;
