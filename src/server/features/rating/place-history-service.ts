import type { Kysely } from 'kysely';
import { listMunicipalities } from '../../../db/repositories/municipality-repository.js';
import { listPublishedSnapshots } from '../../../db/repositories/snapshot-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { ancestorsOf } from '../registry/lineage.js';
import { municipalityByCode } from '../registry/municipality-refs.js';
import type { RatingPlaceHistory } from './rating-schemas.js';
import { readSnapshotContent } from './stored-snapshot-content.js';

type Places = RatingPlaceHistory['places'];
type Row = Awaited<ReturnType<typeof listMunicipalities>>[number];

/**
 * Where a municipality stood in each published rating, read from the stored snapshots
 * (nothing is recomputed), with the history of every unit merged into it under that unit's
 * own name. Published places are public, so anyone may ask about any unit.
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
  const snapshots = (await listPublishedSnapshots(db, regionId)).map((s) => ({
    row: s,
    content: readSnapshotContent(s.content),
  }));
  const corrected = new Set(snapshots.map((s) => s.row.supersedes_id).filter((id) => id !== null));
  const placesOf = (code: string): Places =>
    snapshots.map(({ row: s, content }) => {
      const row = content.rows.find((r) => r.municipalityCode === code);
      return {
        snapshot: { code: s.code, title: s.title, asOf: s.as_of, corrected: corrected.has(s.id) },
        listed: row !== undefined,
        place: row?.place ?? null,
        placeLabel: row?.placeLabel ?? null,
      };
    });
  const units = await listMunicipalities(db, regionId);
  return {
    municipality,
    places: placesOf(municipalityCode),
    predecessors: ancestorsOf(units, municipality.id).map(({ unit, into }) => ({
      municipality: refOf(unit),
      validTo: unit.valid_to,
      mergedInto: refOf(into),
      places: placesOf(unit.code),
    })),
  };
}

const refOf = (u: Row) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind });
