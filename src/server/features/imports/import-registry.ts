import type { Kysely } from 'kysely';
import { listIndicatorAliases } from '../../../db/repositories/indicator-alias-repository.js';
import { listIndicators } from '../../../db/repositories/indicator-repository.js';
import {
  listAliases,
  listMunicipalities,
} from '../../../db/repositories/municipality-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { buildMunicipalityMatcher } from '../../../ingest/match-municipality.js';
import type { ImportRegistry } from '../../../ingest/read-observations.js';
import { type ReferenceDestination, referencePassports } from './reference-passports.js';

export interface LoadedRegistry extends ImportRegistry {
  units: Map<number, { code: string; name: string }>;
  indicatorsById: Map<number, { code: string; name: string }>;
  /** Pseudo-indicators of reference data (negative ids) and where their values go. */
  reference: Map<number, ReferenceDestination>;
}

/** A spelling confirmed in this import, not saved yet, and the code it means. */
export interface PendingAlias {
  name: string;
  code: string;
}

/**
 * The region's units (names, saved aliases, OKTMO codes) and indicator passports (with their
 * saved aliases) as an import needs them. `extraAliases` and `extraIndicatorAliases` are
 * spellings confirmed in this import but not saved yet (a preview applies them without
 * writing).
 */
export async function loadImportRegistry(
  db: Kysely<Database>,
  regionId: number,
  extraAliases: PendingAlias[] = [],
  extraIndicatorAliases: PendingAlias[] = [],
): Promise<LoadedRegistry> {
  const [units, aliases, indicators, indicatorAliases] = await Promise.all([
    listMunicipalities(db, regionId),
    listAliases(db, regionId),
    listIndicators(db, regionId),
    listIndicatorAliases(db, regionId),
  ]);
  const matchable = units.map((u) => ({
    code: u.code,
    name: u.name,
    oktmo: u.oktmo,
    aliases: [
      ...aliases.filter((a) => a.municipality_id === u.id).map((a) => a.alias),
      ...extraAliases.filter((a) => a.code === u.code).map((a) => a.name),
    ],
  }));
  const passports = indicators.map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    unit: i.unit,
    rangeMin: i.range_min,
    rangeMax: i.range_max,
    decimals: i.decimals,
    aliases: [
      ...indicatorAliases.filter((a) => a.indicator_id === i.id).map((a) => a.alias),
      ...extraIndicatorAliases.filter((a) => a.code === i.code).map((a) => a.name),
    ],
  }));
  const derived = new Set(indicators.filter((i) => i.formula !== null).map((i) => i.id));
  const reference = referencePassports(passports, derived);
  return {
    matcher: buildMunicipalityMatcher(matchable),
    unitIds: new Map(units.map((u) => [u.code, u.id])),
    units: new Map(units.map((u) => [u.id, { code: u.code, name: u.name }])),
    indicators: [...passports, ...reference.passports],
    reference: reference.destinations,
    indicatorsById: new Map(indicators.map((i) => [i.id, { code: i.code, name: i.name }])),
  };
}
