import type { Generated } from 'kysely';

/** How far an extract may differ from a municipality's report before it is flagged. */
export interface CrosscheckToleranceTable {
  indicator_id: number;
  /** In the indicator's unit; null: not set. */
  absolute: number | null;
  /** Per cent of the report's value; null: not set. */
  relative_percent: number | null;
  updated_at: string;
  updated_by: string;
}

/**
 * An analyst's choice of which source counts for one discrepancy: the report's and the
 * extract's revisions of the observation, the values, the reason, who and when, and the
 * revision the choice wrote (null when the chosen value already stood).
 */
export interface CrosscheckResolutionTable {
  id: Generated<number>;
  observation_id: number;
  report_revision: number;
  extract_revision: number;
  extract_source: string;
  report_value: number | null;
  extract_value: number | null;
  chosen: 'report' | 'extract';
  chosen_value: number | null;
  reason: string;
  resolved_by: string;
  resolved_at: string;
  written_revision: number | null;
}
