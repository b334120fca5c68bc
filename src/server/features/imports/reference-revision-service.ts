import type { Kysely } from 'kysely';
import { listReferenceRevisions } from '../../../db/repositories/reference-import-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { ReferenceRevision } from '../../../domain/import-preview.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { municipalityByCode } from '../registry/municipality-refs.js';
import { batchOf } from './revision-service.js';

/**
 * The history of a municipality's reference data and targets for a year, oldest first, for
 * those who may read its unpublished data.
 */
export async function listReferenceHistory(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  year: number,
  context: AuditContext,
): Promise<ReferenceRevision[]> {
  const unit = await municipalityByCode(db, regionId, code);
  authorize(context.actor, 'municipality-data.read', {
    municipalityId: unit.id,
    entityType: 'reference_value',
    entityId: `${unit.code}/${year}`,
  });
  const rows = await listReferenceRevisions(db, unit.id, year);
  return rows.map((r) => ({
    kind: r.kind,
    indicator: r.indicator_code,
    oldValue: r.old_value,
    newValue: r.new_value,
    author: r.author,
    changedAt: r.changed_at,
    source: r.source,
    batch: batchOf(r),
  }));
}
