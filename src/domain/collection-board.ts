import { Type } from 'typebox';
import { SubmissionStatusSchema } from './entry-form.js';
import { MunicipalityRef } from './municipality.js';

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ReportingDeadline = Type.Object({
  period: Type.String(),
  dueDate: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
});
export type ReportingDeadline = Type.Static<typeof ReportingDeadline>;

/** Who has submitted a period's data, who is late, who was returned. */
export const CollectionBoard = Type.Object({
  period: Type.String(),
  dueDate: Nullable(Type.String()),
  counts: Type.Object({
    total: Type.Integer(),
    draft: Type.Integer(),
    submitted: Type.Integer(),
    returned: Type.Integer(),
    approved: Type.Integer(),
    locked: Type.Integer(),
    late: Type.Integer(),
  }),
  rows: Type.Array(
    Type.Object({
      municipality: MunicipalityRef,
      status: SubmissionStatusSchema,
      submittedAt: Nullable(Type.String()),
      comment: Nullable(Type.String()),
      late: Type.Boolean(),
    }),
  ),
});
export type CollectionBoard = Type.Static<typeof CollectionBoard>;
