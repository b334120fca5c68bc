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
}
