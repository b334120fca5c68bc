import type { Kysely } from 'kysely';
import { listMunicipalities } from '../../../db/repositories/municipality-repository.js';
import {
  findSnapshotContent,
  listSnapshotsWithoutContent,
  type SnapshotListRow,
} from '../../../db/repositories/snapshot-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { ancestorsOf } from '../registry/lineage.js';
import { municipalityByCode } from '../registry/municipality-refs.js';
import { placeLabelOf } from './build-snapshot-content.js';
import type { RatingPlaceHistory } from './rating-schemas.js';
import { keptPlacesOf, readSnapshotContent } from './stored-snapshot-content.js';

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
  const snapshots: { row: SnapshotListRow; places: Map<string, ListedPlace> }[] = [];
  for (const row of await listSnapshotsWithoutContent(db, regionId, true))
    snapshots.push({ row, places: await listedPlaces(db, row) });
  const corrected = new Set(snapshots.map((s) => s.row.supersedes_id).filter((id) => id !== null));
  const placesOf = (code: string): Places =>
    snapshots.map(({ row: s, places }) => {
      const listed = places.get(code);
      return {
        snapshot: { code: s.code, title: s.title, asOf: s.as_of, corrected: corrected.has(s.id) },
        listed: listed !== undefined,
        place: listed?.place ?? null,
        placeLabel: listed?.placeLabel ?? null,
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

interface ListedPlace {
  place: number | null;
  placeLabel: string;
}

/**
 * Each unit's place in a published snapshot: from the places kept beside it (labelled as its
 * table's rows are, a dash for no place), or from its content's rows for one stored before
 * they were kept (a document's table may label places otherwise).
 */
async function listedPlaces(
  db: Kysely<Database>,
  row: SnapshotListRow,
): Promise<Map<string, ListedPlace>> {
  if (row.places === null)
    return new Map(
      readSnapshotContent(await findSnapshotContent(db, row.id)).rows.map((r) => [
        r.municipalityCode,
        { place: r.place, placeLabel: r.placeLabel },
      ]),
    );
  return new Map(
    [...keptPlacesOf(row.places)].map(([code, place]) => [
      code,
      { place, placeLabel: placeLabelOf(place) },
    ]),
  );
}

const refOf = (u: Row) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind });
