import type { Generated } from 'kysely';

/** An indicator passport. */
export interface IndicatorTable {
  id: Generated<number>;
  region_id: number;
  code: string;
  name: string;
  unit: string;
  direction: 'higher_better' | 'lower_better';
  periodicity: 'monthly' | 'quarterly' | 'annual' | 'on_date';
  source_system: string | null;
  range_min: number | null;
  range_max: number | null;
  /** Formula over other indicators and reference data, for derived indicators. */
  formula: string | null;
  decimals: number;
  description: string | null;
  /** 1 for the first passport, raised by each edit. */
  version: Generated<number>;
  /** Since when the current version is in force; null since the passport was made. */
  valid_from: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

/** An earlier version of a passport that a published methodology used; never changed. */
export interface IndicatorVersionTable {
  id: Generated<number>;
  indicator_id: number;
  version: number;
  valid_from: string | null;
  valid_to: string;
  /** The passport as it was (IndicatorPassportFields), as JSON text. */
  passport: string;
  /** The published rating whose methodology used this version. */
  snapshot_code: string;
  replaced_by: string;
}
