import type { Kysely } from 'kysely';
import { insertMunicipality } from '../../src/db/repositories/municipality-repository.js';
import type { Database } from '../../src/db/schema/index.js';

/**
 * `count` municipal okrugs of a made-up region, `u0`, `u1`… named «ОМСУ 0»…, valid always:
 * their ids in order. For tests and benches that need many units and nothing about them.
 */
export async function insertMadeUpUnits(
  db: Kysely<Database>,
  regionId: number,
  count: number,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      await insertMunicipality(db, {
        region_id: regionId,
        code: `u${i}`,
        name: `ОМСУ ${i}`,
        kind: 'municipal_okrug',
        oktmo: null,
        valid_from: null,
        valid_to: null,
        successor_id: null,
      }),
    );
  return ids;
}
