import type { Kysely } from 'kysely';
import {
  findMunicipalityByOktmo,
  listAliases,
  listMunicipalities,
  replaceAliases,
} from '../../../db/repositories/municipality-repository.js';
import {
  listUnitGroups,
  replaceMemberships,
} from '../../../db/repositories/unit-group-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { normaliseName } from '../../../ingest/normalise-name.js';
import { fieldError } from './registry-input.js';

/** Refuses an ОКТМО code another unit of the region already holds. */
export async function requireFreeOktmo(
  db: Kysely<Database>,
  regionId: number,
  oktmo: string | null,
  selfId: number | null,
): Promise<void> {
  if (oktmo === null) return;
  const holder = await findMunicipalityByOktmo(db, regionId, oktmo);
  if (holder && holder.id !== selfId)
    throw fieldError('oktmo', `код ${oktmo} уже указан у «${holder.name}».`, 409);
}

/**
 * Stores a unit's aliases. A spelling that names another unit (its name or one of its
 * aliases) is refused: imports match names through them, and one spelling must mean one unit.
 */
export async function storeAliases(
  db: Kysely<Database>,
  regionId: number,
  unit: { id: number; name: string },
  aliases: string[],
  at: string,
): Promise<void> {
  const own = normaliseName(unit.name);
  const wanted = new Map<string, string>();
  for (const alias of aliases) {
    const normalized = normaliseName(alias);
    if (normalized !== own && !wanted.has(normalized)) wanted.set(normalized, alias);
  }
  if (wanted.size > 0) {
    const units = await listMunicipalities(db, regionId);
    const nameOf = new Map(units.map((u) => [u.id, u.name]));
    const taken = new Map<string, string>();
    for (const u of units) if (u.id !== unit.id) taken.set(normaliseName(u.name), u.name);
    for (const a of await listAliases(db, regionId))
      if (a.municipality_id !== unit.id)
        taken.set(normaliseName(a.alias), nameOf.get(a.municipality_id) ?? '');
    for (const [normalized, alias] of wanted) {
      const other = taken.get(normalized);
      if (other !== undefined)
        throw fieldError('aliases', `«${alias}» уже означает «${other}».`, 409);
    }
  }
  await replaceAliases(
    db,
    unit.id,
    [...wanted].map(([normalized, alias]) => ({ alias, normalized })),
    at,
  );
}

/** Puts a unit in exactly the named groups; an unknown group code is refused by name. */
export async function storeGroups(
  db: Kysely<Database>,
  regionId: number,
  unitId: number,
  codes: string[],
): Promise<void> {
  const byCode = new Map((await listUnitGroups(db, regionId)).map((g) => [g.code, g.id]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0)
    throw fieldError('groups', `таких групп нет: ${unknown.map((c) => `«${c}»`).join(', ')}.`);
  await replaceMemberships(db, unitId, [...new Set(codes.map((c) => byCode.get(c) as number))]);
}
