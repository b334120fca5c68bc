import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema/index.js';
import type { BoundaryRecord, BoundaryUpload } from '../../../domain/boundaries.js';
import type { MatchableUnit } from '../../../ingest/match-municipality.js';
import { coreName } from '../../../ingest/normalise-name.js';
import type { AuditContext } from '../access/audit.js';
import { listRegionMunicipalities } from '../registry/registry-service.js';
import { saveBoundaries } from './boundary-service.js';
import { prepareBoundaries } from './region-boundaries.js';

/** OpenStreetMap boundaries beside the repository (never copied into it), for the demo. */
export const DEMO_BOUNDARIES = fileURLToPath(
  new URL('../../../../../shared/data/geo/orenburg-districts-osm.geojson', import.meta.url),
);
export const OSM_ATTRIBUTION = 'Границы: © участники OpenStreetMap, лицензия ODbL 1.0';
const FILE_NAME = 'orenburg-districts-osm.geojson';

/**
 * The upload an administrator would make of the shared OSM file, or null where it is absent.
 * It confirms a feature whose closest unit has the same name without kind words («Гайский
 * район» → «Гайский городской округ», «Оренбург» → «г.Оренбург») and leaves out the rest.
 */
export function demoBoundaryUpload(
  units: (MatchableUnit & { oktmo: string | null })[],
  path = DEMO_BOUNDARIES,
): BoundaryUpload | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const first = prepareBoundaries(text, FILE_NAME, units);
  const choices = first.unmatched.map((u) => {
    const best = u.candidates[0];
    const same = best !== undefined && coreName(best.name) === coreName(u.feature);
    return { feature: u.feature, municipality: same ? best.code : null };
  });
  return { fileName: FILE_NAME, text, choices, attribution: OSM_ATTRIBUTION };
}

/** The demo set-up's map: stores the OSM boundaries (audited) when the shared file exists. */
export async function storeDemoBoundaries(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
  path = DEMO_BOUNDARIES,
): Promise<BoundaryRecord | null> {
  const upload = demoBoundaryUpload(await listRegionMunicipalities(db, regionId), path);
  return upload ? (await saveBoundaries(db, regionId, upload, context)).record : null;
}
