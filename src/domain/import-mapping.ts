import { Type } from 'typebox';

/**
 * How the columns of a source's table map to municipalities, indicators, periods and values.
 * A column is named by its header text (case, `ё`, spacing and markup do not matter) or by
 * the beginning of it; `|` separates alternatives. Saved per source system and reused.
 */
export const ColumnMapping = Type.Object({
  /** `long`: one row per value (unit, indicator, period, value); `wide`: a column per indicator. */
  format: Type.Union([Type.Literal('long'), Type.Literal('wide')]),
  unitColumn: Type.String({ minLength: 1, maxLength: 500 }),
  indicatorColumn: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  periodColumn: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  valueColumn: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  /** Wide format: which column holds which indicator, and for which period if not the file's. */
  columns: Type.Optional(
    Type.Array(
      Type.Object({
        column: Type.String({ minLength: 1, maxLength: 500 }),
        indicator: Type.String({ minLength: 1, maxLength: 100 }),
        period: Type.Optional(Type.String({ maxLength: 20 })),
      }),
      { maxItems: 500 },
    ),
  ),
  /** The period of every value when the table has no period column. */
  period: Type.Optional(Type.String({ maxLength: 20 })),
  /** Long format: how the source names indicators → indicator codes. */
  indicatorNames: Type.Optional(Type.Record(Type.String(), Type.String())),
});
export type ColumnMapping = Type.Static<typeof ColumnMapping>;

/** What an import understands without a saved mapping: a long table with the usual headers. */
export const DEFAULT_LONG_MAPPING: ColumnMapping = {
  format: 'long',
  unitColumn:
    'омсу|наименование омсу|муниципальное образование|наименование мо|мо|октмо|код октмо|unit|municipality',
  indicatorColumn: 'показатель|код показателя|indicator',
  // «Год» beside «Месяц» or «Квартал» is read as one period.
  periodColumn: 'период|отчетный период|дата|месяц|квартал|год|period',
  valueColumn: 'значение|value',
};

/** The same for a wide table: a column per indicator, found by its header. */
export const DEFAULT_WIDE_MAPPING: ColumnMapping = {
  format: 'wide',
  unitColumn: DEFAULT_LONG_MAPPING.unitColumn,
  periodColumn: DEFAULT_LONG_MAPPING.periodColumn,
};

export const SOURCE_SYSTEMS = ['ЕСИА', 'ИС СОУ', 'СЭД', 'ПОС', 'ЕПГУ', 'вручную'] as const;
