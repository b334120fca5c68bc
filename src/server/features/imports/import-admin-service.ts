import type { Kysely } from 'kysely';
import { listImportBatches } from '../../../db/repositories/import-batch-repository.js';
import {
  listImportMappings,
  saveImportMapping,
} from '../../../db/repositories/import-mapping-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { ColumnMapping } from '../../../domain/import-mapping.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { confirmAlias } from './alias-service.js';
import { confirmIndicatorAlias } from './indicator-alias-service.js';

/** Region-wide import settings and the import log belong to region-wide importers only. */
const authorizeRegionWide = (context: AuditContext, entityType: string) =>
  authorize(context.actor, 'import.write', { entityType });

export async function listImportLog(
  db: Kysely<Database>,
  regionId: number,
  limit: number,
  context: AuditContext,
) {
  authorizeRegionWide(context, 'import_batch');
  return listImportBatches(db, regionId, limit);
}

export async function listMappings(db: Kysely<Database>, regionId: number, context: AuditContext) {
  authorizeRegionWide(context, 'import_mapping');
  return listImportMappings(db, regionId);
}

export async function saveMapping(
  db: Kysely<Database>,
  regionId: number,
  input: { name: string; sourceSystem: string | null; mapping: ColumnMapping },
  context: AuditContext,
): Promise<void> {
  authorizeRegionWide(context, 'import_mapping');
  await db.transaction().execute(async (trx) => {
    await saveImportMapping(trx, {
      regionId,
      name: input.name,
      sourceSystem: input.sourceSystem,
      definition: JSON.stringify(input.mapping),
    });
    await recordAudit(trx, {
      context,
      action: 'import-mapping.save',
      entityType: 'import_mapping',
      entityId: input.name,
      after: input,
    });
  });
}

export async function confirmAliasAs(
  db: Kysely<Database>,
  regionId: number,
  confirmation: { name: string; municipality: string },
  context: AuditContext,
): Promise<'saved' | 'already-known'> {
  authorizeRegionWide(context, 'municipality_alias');
  return db.transaction().execute(async (trx) => {
    const outcome = await confirmAlias(trx, regionId, confirmation);
    if (outcome === 'saved')
      await recordAudit(trx, {
        context,
        action: 'municipality-alias.create',
        entityType: 'municipality_alias',
        entityId: confirmation.municipality,
        after: confirmation,
      });
    return outcome;
  });
}

export async function confirmIndicatorAliasAs(
  db: Kysely<Database>,
  regionId: number,
  confirmation: { name: string; indicator: string },
  context: AuditContext,
): Promise<'saved' | 'already-known'> {
  authorizeRegionWide(context, 'indicator_alias');
  return db.transaction().execute(async (trx) => {
    const outcome = await confirmIndicatorAlias(trx, regionId, confirmation);
    if (outcome === 'saved')
      await recordAudit(trx, {
        context,
        action: 'indicator-alias.create',
        entityType: 'indicator_alias',
        entityId: confirmation.indicator,
        after: confirmation,
      });
    return outcome;
  });
}
