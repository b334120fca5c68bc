import type { Generated } from 'kysely';

/** One upload of a region's map boundaries; the newest row of a region is the one shown. */
export interface RegionBoundariesTable {
  id: Generated<number>;
  region_id: number;
  file_name: string;
  /** SHA-256 of the uploaded file, hex. */
  sha256: string;
  /** Simplified FeatureCollection of matched units, each feature with `code` and `name`. */
  geojson: string;
  /** JSON array of `{ feature, code, confirmed }`: how each shown feature was matched. */
  matched_json: string;
  /** JSON array of feature names the administrator chose not to show. */
  left_out_json: string;
  /** The licence line shown under the map (e.g. OpenStreetMap's ODbL). */
  attribution: string | null;
  uploaded_at: string;
  uploaded_by: number | null;
}
