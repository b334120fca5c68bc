import type { Generated } from 'kysely';

export const REFERENCE_KINDS = ['population', 'econ_active_14_72'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Reference data per unit and year, the denominators of derived indicators. */
export interface ReferenceValueTable {
  id: Generated<number>;
  municipality_id: number;
  year: number;
  kind: ReferenceKind;
  value: number;
  /** 1 when the value is made up for the demo and must never be presented as real. */
  is_illustrative: number;
  source: string;
}
