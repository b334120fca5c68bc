import type { Kysely } from 'kysely';
import {
  listAliases,
  listMunicipalities,
  type MunicipalityRow,
} from '../../../db/repositories/municipality-repository.js';
import { listGroupMemberships } from '../../../db/repositories/unit-group-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Municipality, MunicipalityRef } from '../../../domain/municipality.js';

export const refOf = (r: MunicipalityRow): MunicipalityRef => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
});

/** The region's units as the registry shows them: aliases, groups and successor by code. */
export async function loadRegistryViews(
  db: Kysely<Database>,
  regionId: number,
): Promise<{ rows: MunicipalityRow[]; views: Municipality[] }> {
  const [rows, aliases, memberships] = await Promise.all([
    listMunicipalities(db, regionId),
    listAliases(db, regionId),
    listGroupMemberships(db, regionId),
  ]);
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const views = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    oktmo: r.oktmo,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successorId: r.successor_id,
    successorCode: r.successor_id === null ? null : (codeOf.get(r.successor_id) ?? null),
    aliases: aliases.filter((a) => a.municipality_id === r.id).map((a) => a.alias),
    groups: memberships.filter((m) => m.municipality_id === r.id).map((m) => m.group_code),
  }));
  return { rows, views };
}

/** One unit's registry view by code, from a freshly loaded registry. */
export async function registryViewOf(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<Municipality | undefined> {
  return (await loadRegistryViews(db, regionId)).views.find((v) => v.code === code);
}
