import type { Generated } from 'kysely';

/** One committed import: what file, from which system, by whom, when, and what it changed. */
export interface ImportBatchTable {
  id: Generated<number>;
  region_id: number;
  file_name: string;
  /** SHA-256 of the file's bytes, lowercase hex: the same file imported again is recognised. */
  file_sha256: string;
  file_size: number;
  source_system: string | null;
  /** How the file was read, e.g. `csv; cp1251; «;»; long`. */
  read_as: string;
  mapping_name: string | null;
  author: string;
  imported_at: string;
  values_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
}
