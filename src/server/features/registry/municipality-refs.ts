import type { Kysely } from 'kysely';
import { listMunicipalities } from '../../../db/repositories/municipality-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';

/** The region's municipalities as references, keyed by code and by id. */
export async function loadMunicipalityRefs(db: Kysely<Database>, regionId: number) {
  const rows = await listMunicipalities(db, regionId);
  const byCode = new Map<string, MunicipalityRef>();
  const byId = new Map<number, MunicipalityRef>();
  for (const r of rows) {
    const ref = { id: r.id, code: r.code, name: r.name, kind: r.kind };
    byCode.set(r.code, ref);
    byId.set(r.id, ref);
  }
  return { byCode, byId };
}
