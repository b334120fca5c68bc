import { Type } from 'typebox';
import { MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';

/** The workflow of one municipality's data for one period. */
export const SUBMISSION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'locked',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SubmissionStatusSchema = Type.Union(
  SUBMISSION_STATUSES.map((s) => Type.Literal(s)),
) as Type.TSchema as Type.TUnsafe<SubmissionStatus>;

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: 'черновик',
  submitted: 'отправлено',
  returned: 'возвращено на доработку',
  approved: 'утверждено',
  locked: 'закрыто',
};

export const WORKFLOW_ACTIONS = ['submit', 'return', 'approve', 'lock', 'unlock'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];
export const WorkflowActionSchema = Type.Union(
  WORKFLOW_ACTIONS.map((s) => Type.Literal(s)),
) as Type.TSchema as Type.TUnsafe<WorkflowAction>;

export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: 'Отправить на проверку',
  return: 'Вернуть на доработку',
  approve: 'Утвердить',
  lock: 'Закрыть период',
  unlock: 'Открыть период',
};

/** One line of the form: an indicator with its passport, current and previous value. */
export const EntryLine = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  rangeMin: Nullable(Type.Number()),
  rangeMax: Nullable(Type.Number()),
  decimals: Type.Integer(),
  formula: Nullable(Type.String()),
  /** The observation period the value is stored under (a date for stocks). */
  storedPeriod: Type.String(),
  value: Nullable(Type.Number()),
  observationId: Nullable(Type.Integer()),
  previousValue: Nullable(Type.Number()),
  /** The comment saved with the current value (why it jumped), for the official and reviewers. */
  note: Nullable(Type.String()),
});
export type EntryLine = Type.Static<typeof EntryLine>;

export const SubmissionEvent = Type.Object({
  fromStatus: Nullable(SubmissionStatusSchema),
  toStatus: SubmissionStatusSchema,
  actor: Type.String(),
  at: Type.String(),
  comment: Nullable(Type.String()),
});
export type SubmissionEvent = Type.Static<typeof SubmissionEvent>;

export const EntryForm = Type.Object({
  municipality: MunicipalityRef,
  period: Type.String(),
  previousPeriod: Type.String(),
  status: SubmissionStatusSchema,
  comment: Nullable(Type.String()),
  /** Whether the asking actor may change values now (role, ownership and status). */
  editable: Type.Boolean(),
  /** Workflow actions the asking actor may take now. */
  actions: Type.Array(WorkflowActionSchema),
  /** A change larger than this (in % of the previous value) needs a comment. */
  jumpThresholdPercent: Type.Number(),
  lines: Type.Array(EntryLine),
  /** Reference data of the period's year, by kind (population…), for derived indicators. */
  references: Type.Record(Type.String(), Type.Number()),
  history: Type.Array(SubmissionEvent),
});
export type EntryForm = Type.Static<typeof EntryForm>;

export const EntrySave = Type.Object({
  values: Type.Record(Type.String({ maxLength: 100 }), Nullable(Type.Number())),
  comments: Type.Optional(
    Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 2000 })),
  ),
});
export type EntrySave = Type.Static<typeof EntrySave>;

export const EntryProblem = Type.Object({ indicator: Type.String(), message: Type.String() });
export type EntryProblem = Type.Static<typeof EntryProblem>;

export const EntryRejected = Type.Object({
  error: Type.Literal('entry_invalid'),
  message: Type.String(),
  problems: Type.Array(EntryProblem),
});

export const WorkflowRequest = Type.Object({
  action: WorkflowActionSchema,
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type WorkflowRequest = Type.Static<typeof WorkflowRequest>;

export const SubmissionState = Type.Object({
  municipality: MunicipalityRef,
  period: Type.String(),
  status: SubmissionStatusSchema,
  comment: Nullable(Type.String()),
});
export type SubmissionState = Type.Static<typeof SubmissionState>;
