import type { Generated } from 'kysely';

export interface MethodologyTable {
  id: Generated<number>;
  region_id: number;
  code: string;
  version: string;
  title: string;
  effective_from: string;
  /** The methodology document as JSON text. */
  definition: string;
  content_hash: string;
  created_at: string;
  /** Why this version differs from the previous one (versions saved from the editor). */
  change_note: string | null;
  /** Who saved the version from the editor. */
  created_by: string | null;
}
