import type { Generated } from 'kysely';

/** A header or name confirmed to mean an indicator, matched in the next imports. */
export interface IndicatorAliasTable {
  id: Generated<number>;
  indicator_id: number;
  alias: string;
  /** The alias's words and unit as the matcher compares them; unique per indicator. */
  normalized: string;
  created_at: string;
}
