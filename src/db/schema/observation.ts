import type { Generated } from 'kysely';

/**
 * One value: unit × indicator × period. Periods are `YYYY`, `YYYY-MM`, `YYYY-Qn` or a date
 * `YYYY-MM-DD` for stocks counted on a day. Every change appends an observation_revision.
 */
export interface ObservationTable {
  id: Generated<number>;
  municipality_id: number;
  indicator_id: number;
  period: string;
  value: number | null;
  source: string;
  author: string;
  recorded_at: string;
  revision: number;
  is_illustrative: number;
}

/** Append-only: the database refuses UPDATE and DELETE on this table. */
export interface ObservationRevisionTable {
  id: Generated<number>;
  observation_id: number;
  revision: number;
  old_value: number | null;
  new_value: number | null;
  source: string;
  author: string;
  changed_at: string;
  note: string | null;
  /** The import that wrote this revision (null for other writers). */
  import_batch_id: number | null;
  /** 1-based row (sheet) or line (text) of the value in the imported file. */
  source_row: number | null;
}
