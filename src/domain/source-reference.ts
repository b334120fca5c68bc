import { Type } from 'typebox';

/** Where a published table or figure comes from: the document, its table and a note for readers. */
export const SourceReference = Type.Object({
  document: Type.String(),
  table: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type SourceReference = Type.Static<typeof SourceReference>;
