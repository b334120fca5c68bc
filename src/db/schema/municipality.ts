import type { Generated } from 'kysely';
import type { MunicipalityKind } from '../../domain/municipality.js';

export interface MunicipalityTable {
  id: Generated<number>;
  region_id: number;
  /** Stable slug used in URLs and files, e.g. `buzuluk-city`. */
  code: string;
  name: string;
  kind: MunicipalityKind;
  /** ОКТМО code; null where no trustworthy code is known yet. */
  oktmo: string | null;
  valid_from: string | null;
  valid_to: string | null;
  successor_id: number | null;
  /** Who last changed the unit in the registry, and when (null for units loaded before). */
  updated_at: string | null;
  updated_by: string | null;
}
