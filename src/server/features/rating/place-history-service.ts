import type { Kysely } from 'kysely';
import { listPublishedSnapshots } from '../../../db/repositories/snapshot-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { RatingSnapshotContent } from '../../../domain/rating-snapshot.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { municipalityByCode } from '../registry/municipality-refs.js';
import type { RatingPlaceHistory } from './rating-schemas.js';

/**
 * Where a municipality stood in each published rating, read from the stored snapshots
 * (nothing is recomputed). Published places are public, so anyone may ask about any unit.
 */
export async function listPlaceHistory(
  db: Kysely<Database>,
  regionId: number,
  municipalityCode: string,
  context: AuditContext,
): Promise<RatingPlaceHistory> {
  authorize(context.actor, 'published.read', {
    entityType: 'municipality',
    entityId: municipalityCode,
  });
  const municipality = await municipalityByCode(db, regionId, municipalityCode);
  const snapshots = await listPublishedSnapshots(db, regionId);
  const corrected = new Set(snapshots.map((s) => s.supersedes_id).filter((id) => id !== null));
  return {
    municipality,
    places: snapshots.map((s) => {
      const content = JSON.parse(s.content) as RatingSnapshotContent;
      const row = content.rows.find((r) => r.municipalityCode === municipalityCode);
      return {
        snapshot: { code: s.code, title: s.title, asOf: s.as_of, corrected: corrected.has(s.id) },
        listed: row !== undefined,
        place: row?.place ?? null,
        placeLabel: row?.placeLabel ?? null,
      };
    }),
  };
}
