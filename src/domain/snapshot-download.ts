import { Type } from 'typebox';
import { Nullable } from './nullable.js';
import { SourceReference } from './source-reference.js';

/**
 * A published rating as downloaded for verification: the snapshot's stored content
 * (table, notes and, for computed ratings, `computation` with the methodology, inputs and
 * every intermediate number) and its SHA-256. `munirank verify FILE` recomputes it. The
 * content is as stored: in format `munirank-computation/3` its numeric columns are base64 of
 * little-endian doubles and its table rows are left out (decision 0220).
 */
export const SnapshotDownload = Type.Object({
  format: Type.Literal('munirank-snapshot/1'),
  code: Type.String(),
  title: Type.String(),
  period: Type.String(),
  asOf: Type.String(),
  source: SourceReference,
  methodology: Type.Union([
    Type.Object({ code: Type.String(), version: Type.String(), contentHash: Type.String() }),
    Type.Null(),
  ]),
  publishedAt: Nullable(Type.String()),
  /** Code of the snapshot this one corrects, with the errata note. */
  supersedes: Nullable(Type.String()),
  errataNote: Nullable(Type.String()),
  /** SHA-256 of the canonical JSON of `content`. */
  contentHash: Type.String(),
  content: Type.Unknown(),
});
export type SnapshotDownload = Type.Static<typeof SnapshotDownload>;
