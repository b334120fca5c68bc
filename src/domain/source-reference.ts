import { Type } from 'typebox';
import { Nullable } from './nullable.js';

/** Where a published table or figure comes from: the document, its table and a note for readers. */
export const SourceReference = Type.Object({
  document: Type.String(),
  table: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
export type SourceReference = Type.Static<typeof SourceReference>;
