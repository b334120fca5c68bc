import type { Generated } from 'kysely';

/** One rank uncertainty run of a snapshot; the newest is shown beside its places. */
export interface SnapshotUncertaintyTable {
  id: Generated<number>;
  snapshot_id: number;
  /** `{ draws, seed, noise, alternatives, workers }`. */
  settings_json: string;
  /** Per unit `{ code, name, place, median, p05, p95 }`, in order of place. */
  units_json: string;
  computed_at: string;
  /** Who started the run, as the audit trail names them. */
  computed_by: string;
}
