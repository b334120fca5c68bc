import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema/index.js';
import type { Municipality } from '../../../domain/municipality.js';
import { loadRegistryViews } from './registry-views.js';

/** The registry as published: every unit, open and closed, with successors and groups. */
export async function listRegionMunicipalities(
  db: Kysely<Database>,
  regionId: number,
): Promise<Municipality[]> {
  return (await loadRegistryViews(db, regionId)).views;
}
