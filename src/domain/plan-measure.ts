import { Type } from 'typebox';
import { MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';

/** The quarterly status of a plan measure. */
export const MEASURE_STATUSES = ['not_started', 'in_progress', 'done', 'not_done'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const MeasureStatusSchema = Type.Union(
  MEASURE_STATUSES.map((s) => Type.Literal(s)),
) as Type.TSchema as Type.TUnsafe<MeasureStatus>;

export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  not_started: 'не начато',
  in_progress: 'в работе',
  done: 'выполнено',
  not_done: 'не выполнено',
};

export const QUARTERS = [1, 2, 3, 4] as const;
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export const MeasureAttachment = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  uploadedAt: Type.String(),
  uploadedBy: Type.String(),
});
export type MeasureAttachment = Type.Static<typeof MeasureAttachment>;

export const MeasureReport = Type.Object({
  quarter: Type.Integer({ minimum: 1, maximum: 4 }),
  status: MeasureStatusSchema,
  comment: Nullable(Type.String()),
  updatedAt: Nullable(Type.String()),
  updatedBy: Nullable(Type.String()),
  attachments: Type.Array(MeasureAttachment),
});
export type MeasureReport = Type.Static<typeof MeasureReport>;

export const PlanMeasure = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  title: Type.String(),
  /** One of the municipality's responsible officials, or null when typed as free text. */
  responsibleOfficialId: Nullable(Type.Integer()),
  responsibleName: Type.String(),
  responsiblePosition: Type.String(),
  deadline: Type.String(),
  /** Four entries, Q1–Q4; a quarter without a report is «не начато». */
  reports: Type.Array(MeasureReport),
});
export type PlanMeasure = Type.Static<typeof PlanMeasure>;

export const MeasurePlan = Type.Object({
  municipality: MunicipalityRef,
  year: Type.Integer(),
  approved: Type.Boolean(),
  /** Whether the current user may add and edit measures (not reports) now. */
  editable: Type.Boolean(),
  /** Whether the current user may report on measures. */
  reportable: Type.Boolean(),
  /** Whether the current user may approve or reopen the plan. */
  canApprove: Type.Boolean(),
  measures: Type.Array(PlanMeasure),
});
export type MeasurePlan = Type.Static<typeof MeasurePlan>;

export const MeasureInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 1000 }),
  responsibleOfficialId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  responsibleName: Type.Optional(Type.String({ maxLength: 300 })),
  responsiblePosition: Type.Optional(Type.String({ maxLength: 300 })),
  deadline: Type.String({ pattern: DATE_PATTERN }),
});
export type MeasureInput = Type.Static<typeof MeasureInput>;

export const MeasureReportInput = Type.Object({
  status: MeasureStatusSchema,
  comment: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
});
export type MeasureReportInput = Type.Static<typeof MeasureReportInput>;

export const AttachmentUpload = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 255 }),
  /** The file's bytes in base64. */
  contentBase64: Type.String({ maxLength: 15 * 1024 * 1024 }),
});
export type AttachmentUpload = Type.Static<typeof AttachmentUpload>;

export const OverdueMeasure = Type.Object({
  id: Type.Integer(),
  municipality: MunicipalityRef,
  title: Type.String(),
  responsibleName: Type.String(),
  deadline: Type.String(),
  /** The latest reported status (of the last quarter reported), «не начато» without reports. */
  status: MeasureStatusSchema,
});

export const MeasureSummaryRow = Type.Object({
  municipality: MunicipalityRef,
  quarter: Type.Integer(),
  total: Type.Integer(),
  not_started: Type.Integer(),
  in_progress: Type.Integer(),
  done: Type.Integer(),
  not_done: Type.Integer(),
});
export type MeasureSummaryRow = Type.Static<typeof MeasureSummaryRow>;

/**
 * Measures of one responsible official of a municipality by where they stand on the date:
 * done (reported «выполнено»), late (deadline passed, not done), not started (no report or
 * «не начато», deadline ahead), in progress (the rest).
 */
export const MeasureOfficialRow = Type.Object({
  municipality: MunicipalityRef,
  responsibleName: Type.String(),
  total: Type.Integer(),
  done: Type.Integer(),
  late: Type.Integer(),
  notStarted: Type.Integer(),
  inProgress: Type.Integer(),
});
export type MeasureOfficialRow = Type.Static<typeof MeasureOfficialRow>;

export const MeasureSummary = Type.Object({
  year: Type.Integer(),
  asOf: Type.String(),
  rows: Type.Array(MeasureSummaryRow),
  /** The commission's roll-up: per municipality and responsible official. */
  byOfficial: Type.Array(MeasureOfficialRow),
  overdue: Type.Array(OverdueMeasure),
});
export type MeasureSummary = Type.Static<typeof MeasureSummary>;
