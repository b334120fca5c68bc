import type { Kysely } from 'kysely';
import {
  findMunicipalityByCode,
  listMunicipalities,
} from '../../../db/repositories/municipality-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';
import { NotFoundError } from '../../http-errors.js';

/** The reference of a municipality row: what pages, reports and sessions name it by. */
export const municipalityRefOf = (m: MunicipalityRef): MunicipalityRef => ({
  id: m.id,
  code: m.code,
  name: m.name,
  kind: m.kind,
});

/** The region's municipalities as references, keyed by code and by id. */
export async function loadMunicipalityRefs(db: Kysely<Database>, regionId: number) {
  const rows = await listMunicipalities(db, regionId);
  const byCode = new Map<string, MunicipalityRef>();
  const byId = new Map<number, MunicipalityRef>();
  for (const r of rows) {
    const ref = municipalityRefOf(r);
    byCode.set(r.code, ref);
    byId.set(r.id, ref);
  }
  return { byCode, byId };
}

/** The region's municipality with this code, or a 404 naming it. */
export async function municipalityByCode(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<MunicipalityRef> {
  // One row by its unique key: every form request asks, and a region may have thousands.
  const m = await findMunicipalityByCode(db, regionId, code);
  if (!m) throw new NotFoundError(`Муниципальное образование «${code}» не найдено`);
  return municipalityRefOf(m);
}
