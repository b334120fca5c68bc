import { canonicalJsonBytesHashed } from '../../../db/canonical-json-bytes.js';
import { packColumn, unpackColumn } from '../../../db/packed-column.js';
import { canonicalJson, PlainJsonString } from '../../../domain/canonical-json.js';
import type { Methodology } from '../../../domain/methodology.js';
import type { ExplanationColumns, RatingComputation } from '../../../domain/rating-computation.js';
import type { RatingSnapshotContent } from '../../../domain/rating-snapshot.js';
import type { RatingData, RatingResult } from '../../../engine/compute-rating.js';
import { describePackedComputation } from '../../../engine/rating-computation.js';
import { snapshotRows, snapshotTableHead } from './build-snapshot-content.js';

const PACKED = 'munirank-computation/3';

type Columns = Record<string, (number | null)[]>;
type PackedColumns = Record<string, string>;

const packRecord = (values: Columns): PackedColumns => {
  const out: PackedColumns = {};
  for (const [k, v] of Object.entries(values)) out[k] = packColumn(v);
  return out;
};
const unpackRecord = (values: PackedColumns): Columns => {
  const out: Columns = {};
  for (const [k, v] of Object.entries(values ?? {})) out[k] = unpackColumn(v);
  return out;
};

/** Same doubles, NaN and null alike: what a packed column cannot tell apart either. */
function sameColumn(a: ArrayLike<number | null>, b: ArrayLike<number | null>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    if (!Object.is(x, y) && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

/**
 * A computation of format `/3` as stored (decision 0220): every per-unit numeric column as
 * `packColumn` text, `treated` left out where it equals `raw`. Keys in canonical order where
 * there are many objects, so that canonicalJson hands them to JSON.stringify whole.
 */
function packComputation(c: RatingComputation): unknown {
  const e = c.explanations as ExplanationColumns | null;
  return {
    explanations: e
      ? {
          groupOf: e.groupOf,
          improvements: e.improvements.map((imp) => ({
            imputedValues: imp.imputedValues,
            kind: imp.kind,
            to: packColumn(imp.to),
          })),
          overtakes: e.overtakes,
          shares: e.shares.map(packColumn),
          strengths: e.strengths,
          weaknesses: e.weaknesses,
          weights: e.weights,
        }
      : null,
    format: c.format,
    indicators: c.indicators.map((ind) => {
      const raw = packColumn(ind.raw);
      return {
        code: ind.code,
        imputed: ind.imputed,
        normalised: packColumn(ind.normalised),
        note: ind.note,
        raw,
        ...(sameColumn(ind.treated, ind.raw) ? {} : { treated: packColumn(ind.treated) }),
        treatment: ind.treatment,
      };
    }),
    inputs: {
      history: c.inputs.history.map((period) => ({
        unitCodes: period.unitCodes,
        values: packRecord(period.values),
      })),
      previousRanks: c.inputs.previousRanks,
      reference: packRecord(c.inputs.reference),
      units: c.inputs.units,
      values: packRecord(c.inputs.values),
    },
    methodology: c.methodology,
    nodes: c.nodes.map((node) => ({
      availability: packColumn(node.availability),
      code: node.code,
      ranks: packColumn(node.ranks),
      scores: packColumn(node.scores),
    })),
    units: c.units,
    ...(c.screened ? { screened: c.screened } : {}),
  };
}

interface PackedComputation {
  format: typeof PACKED;
  methodology: unknown;
  inputs: Omit<RatingComputation['inputs'], 'values' | 'reference' | 'history'> & {
    values: PackedColumns;
    reference: PackedColumns;
    history: { unitCodes: string[]; values: PackedColumns }[];
  };
  indicators: (Omit<RatingComputation['indicators'][number], 'raw' | 'treated' | 'normalised'> & {
    raw: string;
    treated?: string;
    normalised: string;
  })[];
  nodes: { code: string; scores: string; ranks: string; availability: string }[];
  units: RatingComputation['units'];
  screened?: RatingComputation['screened'];
  explanations:
    | (Omit<ExplanationColumns, 'shares' | 'improvements'> & {
        shares: string[];
        improvements: (Omit<ExplanationColumns['improvements'][number], 'to'> & { to: string })[];
      })
    | null;
}

/**
 * A stored `/3` computation with every column an array again and `treated` filled back from
 * `raw`: the same object a `/2` computation is. Throws when a packed column is not one.
 */
export function unpackComputation(stored: RatingComputation): RatingComputation {
  if (stored?.format !== PACKED) return stored;
  const c = stored as unknown as PackedComputation;
  const e = c.explanations;
  return {
    format: c.format,
    methodology: c.methodology,
    inputs: {
      units: c.inputs.units,
      values: unpackRecord(c.inputs.values),
      reference: unpackRecord(c.inputs.reference),
      previousRanks: c.inputs.previousRanks,
      history: (c.inputs.history ?? []).map((period) => ({
        unitCodes: period.unitCodes,
        values: unpackRecord(period.values),
      })),
    },
    indicators: c.indicators.map((ind) => {
      const raw = unpackColumn(ind.raw);
      return {
        code: ind.code,
        raw,
        imputed: ind.imputed,
        treated: ind.treated === undefined ? raw.slice() : unpackColumn(ind.treated),
        normalised: unpackColumn(ind.normalised),
        treatment: ind.treatment,
        note: ind.note,
      };
    }),
    nodes: c.nodes.map((node) => ({
      code: node.code,
      scores: unpackColumn(node.scores),
      ranks: unpackColumn(node.ranks),
      availability: unpackColumn(node.availability) as number[],
    })),
    units: c.units,
    ...(c.screened ? { screened: c.screened } : {}),
    explanations: e
      ? {
          overtakes: e.overtakes,
          strengths: e.strengths,
          weaknesses: e.weaknesses,
          groupOf: e.groupOf,
          weights: e.weights,
          shares: e.shares.map(unpackColumn),
          improvements: e.improvements.map((imp) => ({
            kind: imp.kind,
            to: unpackColumn(imp.to),
            imputedValues: imp.imputedValues,
          })),
        }
      : null,
  };
}

/**
 * The text a snapshot's content is stored as and hashed over: its canonical JSON, a `/3`
 * computation packed and the table's rows left out (they follow from the computation, see
 * `readSnapshotContent`). Contents of older formats and ratings taken from a document are
 * written as they are.
 *
 * @example contentHash(storedSnapshotText(buildSnapshotContent(m, data, result)))
 */
export function storedSnapshotText(content: RatingSnapshotContent): string {
  const computation = content.computation;
  if (computation?.format !== PACKED) return canonicalJson(content);
  const { rows: _rows, computation: _computation, ...rest } = content;
  return canonicalJson({ ...rest, computation: packComputation(computation) });
}

/**
 * The stored text of a computed rating's content, made straight from the engine's result:
 * the same text as `storedSnapshotText(buildSnapshotContent(m, data, result))`, without the
 * table's rows and the computation's arrays that the stored text leaves out or packs.
 *
 * @example contentHash(computedSnapshotText(m, data, computeRating(m, data)))
 */
export function computedSnapshotText(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
): string {
  return canonicalJson(computedSnapshotValue(m, data, result));
}

/**
 * `computedSnapshotText` as its UTF-8 bytes, which are hashed and stored (or written to a
 * file), with their `contentHash`: the packed columns, most of the bytes, are encoded one by
 * one as the ASCII they are, and a large content is hashed by a thread while it is written
 * (canonicalJsonBytesHashed).
 *
 * @example const { bytes, hash } = await computedSnapshotBytes(m, data, computeRating(m, data))
 */
export function computedSnapshotBytes(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
): Promise<{ bytes: Buffer; hash: string }> {
  return canonicalJsonBytesHashed(computedSnapshotValue(m, data, result));
}

function computedSnapshotValue(m: Methodology, data: RatingData, result: RatingResult) {
  const { columns, notes } = snapshotTableHead(m, result);
  const pack = (doubles: Float64Array) => new PlainJsonString(packColumn(doubles));
  return { columns, computation: describePackedComputation(m, data, result, pack), notes };
}

/**
 * The places kept beside a computed snapshot (snapshot_places): JSON, unit code → place,
 * null for a unit without one. `keptPlacesOf` reads what `keptPlacesText` wrote.
 *
 * @example keptPlacesOf(keptPlacesText([{ code: 'orsk', rank: 3 }])).get('orsk') // 3
 */
export function keptPlacesText(units: readonly { code: string; rank: number | null }[]): string {
  return JSON.stringify(Object.fromEntries(units.map((u) => [u.code, u.rank])));
}

export function keptPlacesOf(text: string): Map<string, number | null> {
  return new Map(Object.entries(JSON.parse(text) as Record<string, number | null>));
}

/**
 * Each unit's place in a stored content, by unit code, without making the rest of it: a
 * `/3` computation holds them in its units (the table's rows are made from those), older
 * formats in their rows. For a rating's change of place, read from the previous month's
 * snapshot at every computation; unpacking every column and making the rows only to read
 * them took 120 of the 160 ms at 2,500 units.
 *
 * @example placesOfStoredContent(row.content).get('orsk') // 3
 */
export function placesOfStoredContent(stored: string): Map<string, number | null> {
  const content = JSON.parse(stored) as {
    rows?: { municipalityCode: string; place: number | null }[];
    computation?: { format?: string; units?: { code: string; rank: number | null }[] } | null;
  };
  if (content.computation?.format === PACKED)
    return new Map((content.computation.units ?? []).map((u) => [u.code, u.rank]));
  return new Map((content.rows ?? []).map((r) => [r.municipalityCode, r.place]));
}

/**
 * A snapshot's content as every reader wants it, from its stored text (or that text parsed,
 * as a download carries it): a `/3` computation unpacked and the table's rows made from it,
 * so the portal, documents, the API and verify see the same objects for every format.
 *
 * @example readSnapshotContent(row.content).rows[0]?.municipalityCode
 */
export function readSnapshotContent(stored: string | RatingSnapshotContent): RatingSnapshotContent {
  const content = (
    typeof stored === 'string' ? JSON.parse(stored) : stored
  ) as RatingSnapshotContent;
  if (content.computation?.format !== PACKED) return content;
  const computation = unpackComputation(content.computation);
  const rawOf = new Map(computation.indicators.map((ind) => [ind.code, ind.raw]));
  return {
    columns: content.columns,
    rows: snapshotRows(computation.methodology as Methodology, computation.units, (code) =>
      rawOf.get(code),
    ),
    notes: content.notes,
    computation,
  };
}
