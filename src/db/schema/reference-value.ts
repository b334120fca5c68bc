import type { Generated } from 'kysely';

export const REFERENCE_KINDS = ['population', 'econ_active_14_72'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Reference data per unit and year, the denominators of derived indicators. */
export interface ReferenceValueTable {
  id: Generated<number>;
  municipality_id: number;
  year: number;
  kind: ReferenceKind;
  value: number;
  /** 1 when the value is made up for the demo and must never be presented as real. */
  is_illustrative: number;
  source: string;
  /** How the value was worked out where no source gives it (e.g. from a printed target). */
  derived_from: string | null;
}

/** Append-only: one row per change of a reference value or an annual target. */
export interface ReferenceRevisionTable {
  id: Generated<number>;
  municipality_id: number;
  year: number;
  /**
   * A reference kind; `target` for the annual target of `indicator_id` (plan_target's
   * target_value), `target_start` for its start-of-year value (start_value).
   */
  kind: ReferenceKind | 'target' | 'target_start';
  indicator_id: number | null;
  old_value: number | null;
  new_value: number;
  source: string;
  author: string;
  changed_at: string;
  import_batch_id: number | null;
  /** 1-based row (sheet) or line (text) of the value in the imported file. */
  source_row: number | null;
}
