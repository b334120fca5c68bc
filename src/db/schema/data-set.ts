import type { Generated } from 'kysely';

/** A named set of indicators reported together (e.g. «ЕСИА», «ИС СОУ», «СЭД и ПОС»). */
export interface DataSetTable {
  id: Generated<number>;
  region_id: number;
  /** Stable identifier used in URLs: lower-case latin letters, digits and hyphens. */
  code: string;
  name: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** The indicators of a data set. */
export interface DataSetIndicatorTable {
  data_set_id: number;
  indicator_id: number;
}

/** A data set's own deadline for a form period; without one the form's deadline applies. */
export interface DataSetDeadlineTable {
  id: Generated<number>;
  data_set_id: number;
  period: string;
  /** ISO date `YYYY-MM-DD`, inclusive. */
  due_date: string;
  created_at: string;
  created_by: string;
}
