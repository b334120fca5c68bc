import type { Generated } from 'kysely';

/**
 * One value: unit × indicator × period. Periods are `YYYY`, `YYYY-MM`, `YYYY-Qn` or a date
 * `YYYY-MM-DD` for stocks counted on a day. Every change appends an observation_revision
 * (an imported value's first version is kept in place until it first changes).
 */
export interface ObservationTable {
  id: Generated<number>;
  municipality_id: number;
  indicator_id: number;
  period: string;
  value: number | null;
  /**
   * Who wrote the current value, from where, when. Null (all three) for values written by an
   * import: they are those of its import batch (`import_batch_id`).
   */
  source: string | null;
  author: string | null;
  recorded_at: string | null;
  revision: number;
  is_illustrative: number;
  /**
   * The import that wrote the current value, and its 1-based row in the file; null for
   * other writers. An imported value that never changed has no observation_revision rows:
   * its revision 1 is this row (written out before its first change).
   */
  import_batch_id: number | null;
  source_row: number | null;
}

/** Append-only: the database refuses UPDATE and DELETE on this table. */
export interface ObservationRevisionTable {
  id: Generated<number>;
  observation_id: number;
  revision: number;
  old_value: number | null;
  new_value: number | null;
  /**
   * Null (all three) for revisions written by an import: they are the batch's
   * (`import_batch.author`, `imported_at`, the source «импорт №N: «file» (system)»).
   */
  source: string | null;
  author: string | null;
  changed_at: string | null;
  note: string | null;
  /** The import that wrote this revision (null for other writers). */
  import_batch_id: number | null;
  /** 1-based row (sheet) or line (text) of the value in the imported file. */
  source_row: number | null;
}
