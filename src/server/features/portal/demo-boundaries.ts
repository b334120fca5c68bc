import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MatchableUnit } from '../../../ingest/match-municipality.js';
import { coreName } from '../../../ingest/normalise-name.js';
import { type PreparedBoundaries, prepareBoundaries } from './region-boundaries.js';

/** OpenStreetMap boundaries beside the repository (never copied into it), for the demo. */
export const DEMO_BOUNDARIES = fileURLToPath(
  new URL('../../../../../shared/data/geo/orenburg-districts-osm.geojson', import.meta.url),
);
export const OSM_ATTRIBUTION = 'Границы: © участники OpenStreetMap, лицензия ODbL 1.0';

/**
 * The Orenburg demo's map, when the shared OSM file exists. The set-up confirms what an
 * administrator would: a feature whose closest unit has the same name without kind words
 * («Гайский район» → «Гайский городской округ», «Оренбург» → «г.Оренбург»).
 */
export function loadDemoBoundaries(
  units: (MatchableUnit & { oktmo: string | null })[],
  path = DEMO_BOUNDARIES,
): (PreparedBoundaries & { attribution: string }) | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const first = prepareBoundaries(text, 'orenburg-districts-osm.geojson', units);
  const confirmed: Record<string, string> = {};
  for (const u of first.unmatched) {
    const best = u.candidates[0];
    if (best && coreName(best.name) === coreName(u.feature)) confirmed[u.feature] = best.code;
  }
  return {
    ...prepareBoundaries(text, 'orenburg-districts-osm.geojson', units, confirmed),
    attribution: OSM_ATTRIBUTION,
  };
}
