import type { Kysely } from 'kysely';
import { insertIndicatorAlias } from '../../../db/repositories/indicator-alias-repository.js';
import { listIndicators } from '../../../db/repositories/indicator-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { indicatorKey } from '../../../ingest/indicator-words.js';
import { InputError } from '../../../ingest/input-problem.js';
import { buildIndicatorMatcher } from '../../../ingest/match-indicator.js';
import { loadImportRegistry } from './import-registry.js';

/** A header or name confirmed to mean an indicator, given by the indicator's code. */
export interface IndicatorAliasConfirmation {
  name: string;
  indicator: string;
}

export const INDICATOR_ALIAS_FILE = 'сопоставление показателей';

const refuse = (message: string): never => {
  throw new InputError([{ file: INDICATOR_ALIAS_FILE, row: null, column: null, message }]);
};

/** The indicator a confirmation points at, by code; null if the region has none such. */
export async function resolveIndicatorTarget(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<{ id: number; code: string; name: string } | null> {
  const wanted = code.trim();
  const found = (await listIndicators(db, regionId)).find((i) => i.code === wanted);
  return found ? { id: found.id, code: found.code, name: found.name } : null;
}

/** Why a confirmation cannot be applied, or null: for a preview, which saves nothing. */
export async function checkIndicatorAlias(
  db: Kysely<Database>,
  regionId: number,
  confirmation: IndicatorAliasConfirmation,
): Promise<string | null> {
  return (await resolveIndicatorTarget(db, regionId, confirmation.indicator))
    ? null
    : `нет показателя с кодом «${confirmation.indicator}»`;
}

/**
 * Saves a confirmed header as an alias of an indicator, so that the next import matches it
 * (by its words and unit, as any header is compared). A header that already means this
 * indicator is accepted quietly; one that means another indicator is refused.
 *
 * @returns 'saved' or 'already-known'
 */
export async function confirmIndicatorAlias(
  db: Kysely<Database>,
  regionId: number,
  confirmation: IndicatorAliasConfirmation,
): Promise<'saved' | 'already-known'> {
  const name = confirmation.name.trim();
  if (name === '' || name.length > 300)
    refuse('название для сопоставления пусто или длиннее 300 знаков');
  const normalized = indicatorKey(name);
  if (normalized === '' || normalized.startsWith(' '))
    refuse(`в «${name}» нет слов, по которым узнать показатель`);
  const target = await resolveIndicatorTarget(db, regionId, confirmation.indicator);
  if (!target) return refuse(`нет показателя с кодом «${confirmation.indicator}»`);
  const registry = await loadImportRegistry(db, regionId);
  const current = buildIndicatorMatcher(registry.indicators).match(name);
  if (current?.code === target.code) return 'already-known';
  if (current)
    refuse(
      `«${name}» уже означает другой показатель («${current.name}»); сопоставление с «${target.name}» не сохранено`,
    );
  await insertIndicatorAlias(db, { indicatorId: target.id, alias: name, normalized });
  return 'saved';
}
