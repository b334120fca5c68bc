import type { Kysely } from 'kysely';
import { findMethodologyById } from '../../../db/repositories/methodology-repository.js';
import { listMunicipalityRefs } from '../../../db/repositories/municipality-repository.js';
import {
  findIndicatorCodesById,
  readPeriodColumns,
} from '../../../db/repositories/observation-repository.js';
import { listReferenceValues } from '../../../db/repositories/reference-value-repository.js';
import {
  findSnapshotContent,
  findSnapshotPlaces,
  listSnapshotHeads,
} from '../../../db/repositories/snapshot-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { REFERENCE_KINDS } from '../../../db/schema/reference-value.js';
import type { Methodology, MethodologyNode } from '../../../domain/methodology.js';
import type { RatingData } from '../../../engine/compute-rating.js';
import { expressionVariables, parseExpression } from '../../../engine/expression.js';
import { keptPlacesOf, placesOfStoredContent } from './stored-snapshot-content.js';

/** The indicator codes a tree reads: its indicators, or the variables of their formulas. */
export function indicatorCodes(node: MethodologyNode, into: Set<string>): Set<string> {
  if (node.kind === 'indicator') {
    if (node.formula) {
      for (const name of expressionVariables(parseExpression(node.formula))) into.add(name);
    } else into.add(node.code);
  } else for (const child of node.children) indicatorCodes(child, into);
  return into;
}

/**
 * Whether the data hold no value at all, for any unit, of anything the methodology reads
 * (indicators, formula variables, reference values): then every score would be empty.
 */
export function hasNoDataFor(methodology: Methodology, data: RatingData): boolean {
  const series = (code: string) => data.values[code] ?? data.reference?.[code] ?? [];
  return [...indicatorCodes(methodology.tree, new Set<string>())].every((code) =>
    Array.prototype.every.call(
      series(code),
      (v) => v === null || v === undefined || Number.isNaN(v),
    ),
  );
}

/** Whether a unit existed in a period: validity dates compare as text (`2017` ≤ `2017-03-01`). */
const validIn = (period: string, from: string | null, to: string | null) =>
  (from === null || from.slice(0, period.length) <= period) &&
  (to === null || to.slice(0, period.length) >= period);

/**
 * The inputs of a rating from stored data: the region's units valid in the period, the
 * period's observations of every indicator the methodology reads (formulas included), the
 * year's reference values, and the places of the newest earlier published snapshot under
 * the same methodology, for the change of place.
 */
export async function loadRatingData(
  db: Kysely<Database>,
  regionId: number,
  methodology: Methodology,
  period: string,
): Promise<RatingData> {
  // Side by side: on SQLite the connection is free while the reader threads read the values.
  const [data, previousRanks] = await Promise.all([
    loadPeriodData(db, regionId, [methodology], period),
    previousPlaces(db, regionId, methodology.code, period),
  ]);
  return { ...data, previousRanks };
}

/**
 * The units valid in a period with the period's values of every indicator that any of the
 * methodologies reads, and the year's reference values (no previous places).
 */
export async function loadPeriodData(
  db: Kysely<Database>,
  regionId: number,
  methodologies: readonly Methodology[],
  period: string,
): Promise<RatingData> {
  const units = (await listMunicipalityRefs(db, regionId)).filter((m) =>
    validIn(period, m.valid_from, m.valid_to),
  );
  const index = new Map(units.map((u, i) => [u.id, i]));
  const wanted = [
    ...methodologies.reduce((into, m) => indicatorCodes(m.tree, into), new Set<string>()),
  ];
  const empty = () => new Array<number | null>(units.length).fill(null);
  // The indicators' values as doubles, NaN for missing, which the engine reads in place: an
  // array holding nulls keeps every number boxed (1.2 million of them at 20,000 × 60).
  const missing = () => new Float64Array(units.length).fill(Number.NaN);

  const values: Record<string, Float64Array> = {};
  // An indicator's column made at its first value, as before: none for one without values.
  const codeOf = await findIndicatorCodesById(db, regionId, wanted);
  const columns = await readPeriodColumns(
    db,
    [...codeOf.keys()],
    period,
    units.map((u) => u.id),
  );
  for (const [id, column] of columns) values[codeOf.get(id) as string] = column;

  const year = Number(period.slice(0, 4));
  const reference: Record<string, (number | null)[]> = {};
  for (const kind of REFERENCE_KINDS) {
    for (const r of await listReferenceValues(db, regionId, year, kind)) {
      const at = index.get(r.municipality_id);
      if (at === undefined) continue;
      reference[kind] ??= empty();
      (reference[kind] as (number | null)[])[at] = r.value;
    }
  }
  // Formula variables that name an indicator without data, or a reference kind without
  // data, are still present (as missing) so that the engine reports them per unit.
  for (const code of wanted) {
    if ((REFERENCE_KINDS as readonly string[]).includes(code)) reference[code] ??= empty();
    else values[code] ??= missing();
  }

  return {
    units: units.map((u) => ({ code: u.code, name: u.name })),
    values,
    reference,
  };
}

async function previousPlaces(
  db: Kysely<Database>,
  regionId: number,
  methodologyCode: string,
  period: string,
): Promise<Map<string, number | null>> {
  const earlier = (await listSnapshotHeads(db, regionId))
    .filter((s) => s.published_at !== null && s.period < period && s.methodology_id !== null)
    .sort((a, b) => (a.period < b.period ? 1 : -1));
  for (const s of earlier) {
    const m = await findMethodologyById(db, s.methodology_id as number);
    if (m?.code !== methodologyCode) continue;
    const kept = await findSnapshotPlaces(db, s.id);
    return kept === null
      ? placesOfStoredContent(await findSnapshotContent(db, s.id))
      : keptPlacesOf(kept);
  }
  return new Map();
}
