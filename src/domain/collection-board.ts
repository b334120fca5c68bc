import { Type } from 'typebox';
import { SubmissionStatusSchema } from './entry-form.js';
import { MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';

export const ReportingDeadline = Type.Object({
  period: Type.String(),
  dueDate: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
});
export type ReportingDeadline = Type.Static<typeof ReportingDeadline>;

/** Which rows of a board to show: everyone, one workflow state, the late or the incomplete. */
export const BOARD_FILTERS = [
  'all',
  'not_started',
  'draft',
  'submitted',
  'returned',
  'approved',
  'locked',
  'late',
  'incomplete',
] as const;
export type BoardFilter = (typeof BOARD_FILTERS)[number];
export const BoardFilterSchema = Type.Union(
  BOARD_FILTERS.map((s) => Type.Literal(s)),
) as Type.TSchema as Type.TUnsafe<BoardFilter>;

export const BOARD_FILTER_LABELS: Record<BoardFilter, string> = {
  all: 'все',
  not_started: 'не начали',
  draft: 'черновик',
  submitted: 'отправлено',
  returned: 'возвращено',
  approved: 'утверждено',
  locked: 'закрыто',
  late: 'опаздывают',
  incomplete: 'заполнено не всё',
};

/**
 * Who has submitted a period's data, who is late, who was returned — for the whole form or
 * for one data set (its indicators and its own deadline).
 */
export const CollectionBoard = Type.Object({
  period: Type.String(),
  /** The deadline that applies: the data set's own, else the form's. */
  dueDate: Nullable(Type.String()),
  /** The form's deadline for the period (the default for every data set). */
  formDueDate: Nullable(Type.String()),
  /** The data set the board is about; null for the whole form. */
  dataSet: Nullable(
    Type.Object({ code: Type.String(), name: Type.String(), ownDeadline: Type.Boolean() }),
  ),
  /** The entered indicators whose values count towards completeness. */
  indicatorCodes: Type.Array(Type.String()),
  filter: BoardFilterSchema,
  /** Counts over every row the reader may see, whatever the filter. */
  counts: Type.Object({
    total: Type.Integer(),
    notStarted: Type.Integer(),
    draft: Type.Integer(),
    submitted: Type.Integer(),
    returned: Type.Integer(),
    approved: Type.Integer(),
    locked: Type.Integer(),
    late: Type.Integer(),
    complete: Type.Integer(),
  }),
  rows: Type.Array(
    Type.Object({
      municipality: MunicipalityRef,
      status: SubmissionStatusSchema,
      /** A draft without a single value of the board's indicators. */
      notStarted: Type.Boolean(),
      submittedAt: Nullable(Type.String()),
      comment: Nullable(Type.String()),
      late: Type.Boolean(),
      /** How many of the board's indicators have a value, of `expected`. */
      filled: Type.Integer(),
      expected: Type.Integer(),
    }),
  ),
});
export type CollectionBoard = Type.Static<typeof CollectionBoard>;
export type CollectionBoardRow = CollectionBoard['rows'][number];

const DONE = new Set(['submitted', 'approved', 'locked']);

/**
 * Late: not delivered (submitted, approved or locked) after the due date, or delivered after
 * it. Dates compare as ISO strings; `today` and `due` are `YYYY-MM-DD`.
 *
 * @example isLate('submitted', '2031-05-12T12:00:00Z', '2031-05-10', '2031-05-20') // true
 */
export function isLate(
  status: string,
  submittedAt: string | null,
  due: string | null,
  today: string,
): boolean {
  if (due === null) return false;
  return DONE.has(status) ? submittedAt !== null && submittedAt.slice(0, 10) > due : today > due;
}

/** Whether a row passes a board filter. */
export function boardRowMatches(row: CollectionBoardRow, filter: BoardFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'not_started':
      return row.notStarted;
    case 'late':
      return row.late;
    case 'incomplete':
      return row.filled < row.expected;
    default:
      return row.status === filter;
  }
}

/** The board's counts over its rows. */
export function countBoardRows(rows: CollectionBoardRow[]): CollectionBoard['counts'] {
  const count = (f: (r: CollectionBoardRow) => boolean) => rows.filter(f).length;
  return {
    total: rows.length,
    notStarted: count((r) => r.notStarted),
    draft: count((r) => r.status === 'draft'),
    submitted: count((r) => r.status === 'submitted'),
    returned: count((r) => r.status === 'returned'),
    approved: count((r) => r.status === 'approved'),
    locked: count((r) => r.status === 'locked'),
    late: count((r) => r.late),
    complete: count((r) => r.filled >= r.expected),
  };
}
