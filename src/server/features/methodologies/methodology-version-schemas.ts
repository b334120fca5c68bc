import { Type } from 'typebox';
import { Nullable } from '../../../domain/nullable.js';

/** A methodology's code as stored (and in the editor's address). */
export const MethodologyCode = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,200}$' });

/** The month a version is in force from: "2017-05". */
export const InForceMonth = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });

/** One stored version of a methodology, without its document. */
export const MethodologyVersionView = Type.Object({
  code: Type.String(),
  version: Type.String(),
  title: Type.String(),
  effectiveFrom: Type.String(),
  changeNote: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  contentHash: Type.String(),
});
export type MethodologyVersionView = Type.Static<typeof MethodologyVersionView>;

/** The versions of a methodology and which one is in force this month. */
export const MethodologyVersionList = Type.Object({
  code: Type.String(),
  inForceNow: Nullable(Type.String()),
  versions: Type.Array(MethodologyVersionView),
});
export type MethodologyVersionList = Type.Static<typeof MethodologyVersionList>;

export const SaveVersionBody = Type.Object({
  /** The methodology document (docs/methodology-format.md); its version and date are set here. */
  definition: Type.Object({}, { additionalProperties: true }),
  changeNote: Type.String({ minLength: 1, maxLength: 2000 }),
  effectiveFrom: InForceMonth,
  /**
   * The version the editor started from: if another one was saved since, the save is refused
   * (409) rather than silently overtaking it.
   */
  baseVersion: Type.Optional(Type.String({ maxLength: 20 })),
});
export type SaveVersionBody = Type.Static<typeof SaveVersionBody>;

export const SavedVersion = Type.Object({
  code: Type.String(),
  version: Type.String(),
  effectiveFrom: Type.String(),
  contentHash: Type.String(),
});

export const PreviewBody = Type.Object({
  definition: Type.Object({}, { additionalProperties: true }),
  /** The period to preview on; by default the latest one holding data. */
  period: Type.Optional(Type.String({ maxLength: 40 })),
});
