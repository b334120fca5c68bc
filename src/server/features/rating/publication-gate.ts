import type { Kysely } from 'kysely';
import { listMunicipalitiesWithStatus } from '../../../db/repositories/submission-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { UNAPPROVED_STATUSES } from '../../../domain/monthly-cycle.js';
import { RequestError } from '../access/access-errors.js';

/** The form period a rating's period is reported in: a day of a month belongs to its month. */
export const formPeriodOf = (period: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(period) ? period.slice(0, 7) : period;

/** Municipalities whose reported data of a rating's period are not approved yet. */
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
      `Нельзя опубликовать: не утверждены данные за ${formPeriodOf(period)} — ${names.join(', ')}. ` +
        'Утвердите их или укажите обоснование публикации (поле «overrideReason»).',
    );
  return { reason: overrideReason, unapproved: unapproved.map((u) => u.code) };
}
