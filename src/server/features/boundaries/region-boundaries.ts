import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { Topology } from 'topojson-specification';
import { MAX_BOUNDARY_BYTES } from '../../../domain/boundaries.js';
import {
  buildMunicipalityMatcher,
  type MatchableUnit,
  type MatchCandidate,
} from '../../../ingest/match-municipality.js';
import { RequestError } from '../access/access-errors.js';

const NAME_PROPERTIES = ['name', 'district', 'NAME', 'название', 'name:ru'];

export interface PreparedBoundaries {
  /** Simplified features of matched units, each with `code` and `name` properties. */
  geojson: FeatureCollection<Geometry, { code: string; name: string }>;
  /** `confirmed`: matched by a spelling the administrator chose, not by the name itself. */
  matched: { feature: string; code: string; confirmed: boolean }[];
  /** Features that match no unit, never dropped silently: listed with the closest units. */
  unmatched: { feature: string; candidates: MatchCandidate[] }[];
  /** Features the administrator chose not to show (e.g. a neighbouring region's). */
  leftOut: string[];
}

/** Per feature name: the unit code chosen for it, or null to leave the feature off the map. */
export type BoundaryChoices = Record<string, string | null>;

const refuse = (message: string) => new RequestError(400, 'invalid_boundaries', message);

/** A FeatureCollection from GeoJSON or TopoJSON text, or a Russian message saying why not. */
function readFeatures(text: string, fileName: string): FeatureCollection {
  if (Buffer.byteLength(text) > MAX_BOUNDARY_BYTES)
    throw refuse(
      `Файл «${fileName}» больше ${MAX_BOUNDARY_BYTES / 1024 / 1024} МБ: границы региона так много не занимают — упростите их перед загрузкой.`,
    );
  let json: { type?: unknown; objects?: Record<string, unknown>; features?: unknown };
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse(`Файл «${fileName}» — не GeoJSON и не TopoJSON: это не JSON.`);
  }
  if (json?.type === 'Topology' && json.objects) {
    const [name] = Object.keys(json.objects);
    if (!name) throw refuse(`В TopoJSON «${fileName}» нет объектов.`);
    const topo = json as unknown as Topology;
    const collection = feature(topo, topo.objects[name] as never) as unknown as FeatureCollection;
    if (collection.type === 'FeatureCollection') return collection;
  }
  if (json?.type === 'FeatureCollection' && Array.isArray(json.features))
    return json as unknown as FeatureCollection;
  throw refuse(
    `Файл «${fileName}» — не GeoJSON (FeatureCollection) и не TopoJSON (Topology): границы не загружены.`,
  );
}

/**
 * Reads boundaries, matches each feature to a unit by its name as imports do (ё/е, kind
 * words, OKTMO), applies the administrator's choices (feature name → unit code, or null to
 * leave it out), and simplifies what matched so that a visitor downloads little. Nothing is
 * stored here.
 */
export function prepareBoundaries(
  text: string,
  fileName: string,
  units: (MatchableUnit & { oktmo: string | null })[],
  choices: BoundaryChoices = {},
): PreparedBoundaries {
  const collection = readFeatures(text, fileName);
  const property = NAME_PROPERTIES.find((p) =>
    collection.features.every((f) => typeof f.properties?.[p] === 'string'),
  );
  if (!property || collection.features.length === 0)
    throw refuse(
      `В файле «${fileName}» у объектов нет свойства с названием (${NAME_PROPERTIES.join(', ')}): не с чем сопоставить ОМСУ.`,
    );
  const matcher = buildMunicipalityMatcher(units);
  const known = new Set(units.map((u) => u.code));
  const names = new Map(units.map((u) => [u.code, u.name]));
  const matched: PreparedBoundaries['matched'] = [];
  const unmatched: PreparedBoundaries['unmatched'] = [];
  const leftOut: string[] = [];
  const kept: FeatureCollection = { type: 'FeatureCollection', features: [] };
  for (const f of collection.features) {
    const name = String(f.properties?.[property]);
    const chosen = Object.hasOwn(choices, name) ? choices[name] : undefined;
    if (chosen === null) {
      leftOut.push(name);
      continue;
    }
    if (chosen !== undefined && !known.has(chosen))
      throw refuse(
        `Для объекта «${name}» выбрано ОМСУ с кодом «${chosen}», которого нет в реестре: границы не загружены.`,
      );
    const byName = matcher.match(name);
    const code = chosen ?? byName;
    if (code === null) {
      unmatched.push({ feature: name, candidates: matcher.candidates(name) });
      continue;
    }
    matched.push({ feature: name, code, confirmed: chosen !== undefined && chosen !== byName });
    kept.features.push({ ...f, properties: { code, name: names.get(code) ?? name } });
  }
  return { geojson: simplified(kept), matched, unmatched, leftOut };
}

/** Topology-preserving simplification: keeps the 15 % most significant points (quantile p = share kept). */
function simplified(collection: FeatureCollection) {
  const topo = presimplify(topology({ units: collection }, 1e5) as never);
  const thin = simplify(topo, quantile(topo, 0.15)) as unknown as Topology;
  const out = feature(thin, thin.objects.units as never) as unknown as FeatureCollection<
    Geometry,
    { code: string; name: string }
  >;
  // Four decimals of a degree (about 10 m) are more than a map needs.
  return JSON.parse(
    JSON.stringify(out, (_key, value) =>
      typeof value === 'number' ? Math.round(value * 1e4) / 1e4 : value,
    ),
  ) as typeof out;
}
