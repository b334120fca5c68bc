import type { Generated } from 'kysely';

/** A grouping of municipalities (population band, curator…), ranked or filtered separately. */
export interface UnitGroupTable {
  id: Generated<number>;
  region_id: number;
  code: string;
  name: string;
}

export interface MunicipalityGroupTable {
  municipality_id: number;
  group_id: number;
}
