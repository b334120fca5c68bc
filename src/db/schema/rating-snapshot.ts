import type { Generated } from 'kysely';

/** Immutable: the database refuses UPDATE and DELETE. A correction is a new row that supersedes. */
export interface RatingSnapshotTable {
  id: Generated<number>;
  region_id: number;
  code: string;
  title: string;
  period: string;
  as_of: string;
  methodology_id: number | null;
  source_document: string;
  source_table: string | null;
  source_note: string | null;
  /** RatingSnapshotContent as canonical JSON text. */
  content: string;
  /** SHA-256 of `content`. */
  content_hash: string;
  created_at: string;
  supersedes_id: number | null;
  errata_note: string | null;
}

export interface SnapshotPublicationTable {
  id: Generated<number>;
  snapshot_id: number;
  published_at: string;
  published_by: string;
  note: string | null;
  /** Why it was published although some of the period's data were unapproved. */
  override_reason: string | null;
}

/** Each unit's place in a computed snapshot, for the next period's change of place. */
export interface SnapshotPlacesTable {
  snapshot_id: number;
  /** JSON: `{"unit code": place or null}`. */
  places: string;
}
