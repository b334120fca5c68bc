import type { Kysely } from 'kysely';
import { listMunicipalitiesWithStatus } from '../../../db/repositories/submission-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { entryPeriodLabel, formPeriodOf } from '../../../domain/entry-period.js';
import { UNAPPROVED_STATUSES } from '../../../domain/monthly-cycle.js';
import { RequestError } from '../access/access-errors.js';

/**
 * Municipalities whose reported data of a rating's period are not approved yet: the form of
 * the period, or of the month before a stock counted on a first day (`2017-05-01` → `2017-04`).
 */
export async function unapprovedOf(db: Kysely<Database>, regionId: number, period: string) {
  return listMunicipalitiesWithStatus(db, regionId, formPeriodOf(period), UNAPPROVED_STATUSES);
}

/**
 * A rating is not published over unapproved data unless the analyst says why. Returns the
 * override to keep with the publication (null when nothing was unapproved).
 */
export async function checkPublishable(
  db: Kysely<Database>,
  regionId: number,
  period: string,
  overrideReason: string | null,
): Promise<{ reason: string; unapproved: string[] } | null> {
  const unapproved = await unapprovedOf(db, regionId, period);
  if (unapproved.length === 0) return null;
  const names = unapproved.map((u) => u.name);
  if (overrideReason === null)
    throw new RequestError(
      409,
      'unapproved_data',
      `Нельзя опубликовать: не утверждены данные за ${entryPeriodLabel(formPeriodOf(period))} — ${names.join(', ')}. ` +
        'Утвердите их или укажите обоснование публикации (поле «overrideReason»).',
    );
  return { reason: overrideReason, unapproved: unapproved.map((u) => u.code) };
}
