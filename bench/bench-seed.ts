// What the benchmarks that seed a made-up region share.
import type { Kysely } from 'kysely';
import { insertIndicator } from '../src/db/repositories/indicator-repository.js';
import type { Database } from '../src/db/schema/index.js';
import type { Periodicity } from '../src/domain/entry-period.js';

/** An entered indicator of a made-up region: higher is better, whole numbers from 0, no formula. */
export function insertBenchIndicator(
  db: Kysely<Database>,
  regionId: number,
  indicator: { code: string; name: string; unit: string; periodicity?: Periodicity },
): Promise<number> {
  return insertIndicator(db, {
    region_id: regionId,
    code: indicator.code,
    name: indicator.name,
    unit: indicator.unit,
    direction: 'higher_better',
    periodicity: indicator.periodicity ?? 'monthly',
    source_system: null,
    range_min: 0,
    range_max: null,
    formula: null,
    decimals: 0,
    description: null,
  });
}
