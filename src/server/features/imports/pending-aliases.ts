import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema/index.js';
import type { InputProblem } from '../../../ingest/input-problem.js';
import { resolveAliasTarget } from './alias-service.js';
import type { PendingAlias } from './import-registry.js';
import type { ImportRequest } from './import-service.js';
import { checkIndicatorAlias, INDICATOR_ALIAS_FILE } from './indicator-alias-service.js';

/** Aliases given for a preview: checked and applied in memory, not saved. */
export async function checkAliases(
  db: Kysely<Database>,
  regionId: number,
  request: Pick<ImportRequest, 'aliases' | 'indicatorAliases'>,
) {
  const problems: InputProblem[] = [];
  const where = { row: null, column: null };
  const pending: Pending = { units: [], indicators: [] };
  for (const a of request.aliases ?? []) {
    const unit = await resolveAliasTarget(db, regionId, a.municipality);
    if (unit) pending.units.push({ name: a.name, code: unit.code });
    else
      problems.push({
        file: 'сопоставление названий',
        ...where,
        message: `нет муниципального образования с кодом или ОКТМО «${a.municipality}»`,
      });
  }
  for (const a of request.indicatorAliases ?? []) {
    const refusal = await checkIndicatorAlias(db, regionId, a);
    if (refusal === null) pending.indicators.push({ name: a.name, code: a.indicator.trim() });
    else problems.push({ file: INDICATOR_ALIAS_FILE, ...where, message: refusal });
  }
  return { pending, problems };
}

/** Spellings confirmed in this import, not saved yet: of units and of indicators. */
export interface Pending {
  units: PendingAlias[];
  indicators: PendingAlias[];
}
