import type { Generated } from 'kysely';

/**
 * An analyst's check of a computed draft before publication. One per snapshot (unique): a
 * draft is immutable, so a recomputation is a new snapshot and needs its own review.
 */
export interface SnapshotReviewTable {
  id: Generated<number>;
  snapshot_id: number;
  /** The content hash of the draft as it was reviewed. */
  content_hash: string;
  reviewed_at: string;
  /** Who reviewed, as the audit trail names them. */
  reviewed_by: string;
  remark: string | null;
}
