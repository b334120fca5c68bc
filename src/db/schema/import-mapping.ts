import type { Generated } from 'kysely';

/** A saved column mapping (ColumnMapping as JSON text), reused for a source system's extracts. */
export interface ImportMappingTable {
  id: Generated<number>;
  region_id: number;
  name: string;
  source_system: string | null;
  definition: string;
  created_at: string;
  updated_at: string;
}
