import type { Generated } from 'kysely';

export interface MunicipalityAliasTable {
  id: Generated<number>;
  municipality_id: number;
  alias: string;
  /** The alias after name normalisation; unique within a region's units. */
  normalized: string;
  created_at: string;
}
