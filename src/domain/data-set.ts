import { Type } from 'typebox';
import { Nullable } from './nullable.js';

/** How a data set is named in URLs: lower-case latin letters, digits and hyphens. */
export const DATA_SET_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{0,59}$';
export const ISO_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export const DataSetDeadline = Type.Object({
  period: Type.String(),
  dueDate: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
});
export type DataSetDeadline = Type.Static<typeof DataSetDeadline>;

/**
 * A named set of indicators reported together («ЕСИА», «ИС СОУ», «СЭД и ПОС») with its own
 * deadline per period; a period without one uses the form's deadline.
 */
export const DataSet = Type.Object({
  code: Type.String(),
  name: Type.String(),
  indicators: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  deadlines: Type.Array(DataSetDeadline),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
});
export type DataSet = Type.Static<typeof DataSet>;

export const DataSetInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  indicatorCodes: Type.Array(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }), {
    minItems: 1,
    maxItems: 500,
  }),
});
export type DataSetInput = Type.Static<typeof DataSetInput>;

export const NewDataSet = Type.Object({
  code: Type.String({ pattern: DATA_SET_CODE_PATTERN }),
  ...DataSetInput.properties,
});
export type NewDataSet = Type.Static<typeof NewDataSet>;

/** An indicator passport as the back office lists it (for data sets and the values browser). */
export const IndicatorSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  periodicity: Type.String(),
  decimals: Type.Integer(),
  /** Computed from other indicators, never entered or imported. */
  derived: Type.Boolean(),
  /** Whether more is better: the methodology editor starts a new node with it. */
  direction: Type.Union([Type.Literal('higher_better'), Type.Literal('lower_better')]),
  /** A derived indicator's formula, which a methodology node of it carries; null when entered. */
  formula: Nullable(Type.String()),
});
export type IndicatorSummary = Type.Static<typeof IndicatorSummary>;
