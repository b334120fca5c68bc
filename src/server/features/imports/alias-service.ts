import type { Kysely } from 'kysely';
import {
  insertAlias,
  listMunicipalities,
} from '../../../db/repositories/municipality-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { InputError } from '../../../ingest/input-problem.js';
import { normaliseName } from '../../../ingest/normalise-name.js';
import { loadImportRegistry } from './import-registry.js';

/** A spelling confirmed to mean a unit, given by the unit's code or OKTMO. */
export interface AliasConfirmation {
  name: string;
  municipality: string;
}

/** Finds the unit a confirmation points at, by code or OKTMO; null if there is none. */
export async function resolveAliasTarget(
  db: Kysely<Database>,
  regionId: number,
  target: string,
): Promise<{ id: number; code: string; name: string } | null> {
  const units = await listMunicipalities(db, regionId);
  const wanted = target.trim();
  const unit = units.find((u) => u.code === wanted || (u.oktmo !== null && u.oktmo === wanted));
  return unit ? { id: unit.id, code: unit.code, name: unit.name } : null;
}

/**
 * Saves a confirmed spelling as an alias, so that the next import matches it. A spelling that
 * already means this unit is accepted quietly; one that means another unit is refused.
 *
 * @returns 'saved' or 'already-known'
 */
export async function confirmAlias(
  db: Kysely<Database>,
  regionId: number,
  confirmation: AliasConfirmation,
): Promise<'saved' | 'already-known'> {
  const where = { file: 'сопоставление названий', row: null, column: null };
  const name = confirmation.name.trim();
  if (name === '' || name.length > 300)
    throw new InputError([
      { ...where, message: 'название для сопоставления пусто или длиннее 300 знаков' },
    ]);
  const unit = await resolveAliasTarget(db, regionId, confirmation.municipality);
  if (!unit)
    throw new InputError([
      {
        ...where,
        message: `нет муниципального образования с кодом или ОКТМО «${confirmation.municipality}»`,
      },
    ]);
  const registry = await loadImportRegistry(db, regionId);
  const current = registry.matcher.match(name);
  if (current === unit.code) return 'already-known';
  if (current !== null)
    throw new InputError([
      {
        ...where,
        message: `«${name}» уже означает другое ОМСУ (${current}); сопоставление с ${unit.code} не сохранено`,
      },
    ]);
  await insertAlias(db, unit.id, name, normaliseName(name));
  return 'saved';
}
