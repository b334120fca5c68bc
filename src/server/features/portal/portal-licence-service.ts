import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import { saveSetting } from '../../../db/repositories/reference-table-repository.js';
import { findSetting } from '../../../db/repositories/setting-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { cleanLicence, DEFAULT_DATA_LICENCE } from '../../../domain/portal-licence.js';
import { RequestError } from '../access/access-errors.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';

export const LICENCE_SETTING = 'portal.licence';
const ENTITY = { entityType: 'portal_licence' };

/** The region's open data licence line (one region per database): the stored one or the default. */
export async function readLicence(db: Kysely<Database>): Promise<string> {
  return (await findSetting(db, LICENCE_SETTING)) ?? DEFAULT_DATA_LICENCE;
}

/**
 * Sets the licence line every public page shows from now on; the same line again records
 * nothing. The caller's public caches must drop afterwards when `changed`.
 */
export async function setLicence(
  db: Kysely<Database>,
  regionId: number,
  text: string,
  context: AuditContext,
): Promise<{ licence: string; changed: boolean }> {
  authorize(context.actor, 'boundaries.manage', { ...ENTITY, attempt: 'portal-licence.write' });
  const cleaned = cleanLicence(text);
  if ('problem' in cleaned) throw new RequestError(400, 'invalid_licence', cleaned.problem);
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'portalLicence', regionId);
    const before = await readLicence(trx);
    if (before === cleaned.licence) return { licence: before, changed: false };
    await saveSetting(trx, LICENCE_SETTING, cleaned.licence, context.at.toISOString());
    await recordAudit(trx, {
      context,
      action: 'portal.licence',
      ...ENTITY,
      entityId: regionId,
      before: { licence: before },
      after: { licence: cleaned.licence },
    });
    return { licence: cleaned.licence, changed: true };
  });
}
