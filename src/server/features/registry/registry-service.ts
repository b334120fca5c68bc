import type { Kysely } from 'kysely';
import {
  listAliases,
  listMunicipalities,
} from '../../../db/repositories/municipality-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Municipality } from '../../../domain/municipality.js';

export async function listRegionMunicipalities(
  db: Kysely<Database>,
  regionId: number,
): Promise<Municipality[]> {
  const [rows, aliases] = await Promise.all([
    listMunicipalities(db, regionId),
    listAliases(db, regionId),
  ]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    oktmo: r.oktmo,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successorId: r.successor_id,
    aliases: aliases.filter((a) => a.municipality_id === r.id).map((a) => a.alias),
    groups: [],
  }));
}
