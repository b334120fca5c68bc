import { CanonicalRecord } from '../domain/canonical-json.js';
import type { Methodology } from '../domain/methodology.js';
import {
  COMPUTATION_FORMATS,
  type RatingComputation,
  type RatingComputationFormat,
} from '../domain/rating-computation.js';
import { type Column, fromColumn, toColumn } from './column.js';
import {
  type ComputationComparison,
  compareComputations,
  DIFFERENCE_SECTIONS,
} from './compare-computations.js';
import { computeRating, type RatingData, type RatingResult } from './compute-rating.js';
import { describeExplanation, type UnitExplanation } from './describe-explanation.js';
import { HIGHLIGHTS } from './explain-scores.js';
import {
  IMPROVEMENT_EXACT,
  IMPROVEMENT_NUMERICAL,
  IMPROVEMENT_UNREACHABLE,
} from './find-improvements.js';
import { validateMethodology } from './validate-methodology.js';

const plain = (values: ArrayLike<number | null>): (number | null)[] => fromColumn(toColumn(values));

/** JSON's view of a value: what survives a round trip through a file (NaN → null…). */
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The full record of one computation: methodology, exact inputs, every intermediate column,
 * places and explanations, as plain JSON. In format `/2` (decision 0160) the explanations are
 * columns (`unitExplanationOf` makes one unit's object of them); `/1`, one object per unit, is
 * what snapshots stored before it, and what their check recomputes. `/3` (the default,
 * decision 0220) is the same record as `/2` here; it differs only in how it is stored
 * (`storedSnapshotText` in src/server/features/rating packs its columns).
 *
 * @example describeComputation(m, data, computeRating(m, data)).nodes[0]?.scores
 */
export function describeComputation(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  format: RatingComputationFormat = 'munirank-computation/3',
): RatingComputation {
  return format === 'munirank-computation/1'
    ? describeComputationV1(m, data, result)
    : describeComputationV2(m, data, result, format);
}

/** The record with one explanation object per unit, kept as it was for snapshots stored so. */
function describeComputationV1(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
): RatingComputation {
  const codes = data.units.map((u) => u.code);
  const record = (values: RatingData['values'] | undefined) =>
    Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, plain(v)]));
  const e = result.explanations;
  return asJson({
    format: 'munirank-computation/1',
    methodology: m,
    inputs: {
      units: data.units.map((u) => ({ code: u.code, name: u.name, group: u.group ?? null })),
      values: record(data.values),
      reference: record(data.reference),
      previousRanks: Object.fromEntries(data.previousRanks ?? new Map()),
      history: (data.history ?? []).map((period) => ({
        unitCodes: [...period.unitCodes],
        values: record(period.values),
      })),
    },
    indicators: result.indicators.map((ind) => ({
      code: ind.code,
      raw: fromColumn(ind.raw),
      imputed: [...ind.imputed.keys()].filter((i) => ind.imputed[i] === 1),
      treated: fromColumn(ind.treated),
      normalised: fromColumn(ind.normalised),
      treatment: ind.treatment,
      note: ind.note,
    })),
    nodes: result.nodes.map((n) => ({
      code: n.code,
      scores: fromColumn(n.scores),
      ranks: fromColumn(n.ranks),
      availability: [...n.availability],
    })),
    units: result.units,
    // Only with a screening rule, so computations stored before it recompute to the same JSON.
    ...(m.screening ? { screened: result.screened } : {}),
    explanations: e
      ? codes.map((_, i) =>
          describeExplanation(
            e,
            codes,
            result.indicators.map((ind) => ind.code),
            result.indicators.map((ind) => ind.normalised),
            result.indicators.map((ind) => ind.filled),
            i,
          ),
        )
      : [],
  });
}

/** A number as it comes back from JSON: null for NaN and the infinities, 0 for −0. */
const asJsonNumber = (v: number): number | null => (v - v === 0 ? v + 0 : null);

/**
 * A column for JSON as an array of doubles, NaN where JSON has null: JSON.stringify writes
 * NaN and the infinities as null and −0 as 0, so the text is the same as of the array with
 * nulls, but V8 keeps the doubles unboxed in one block instead of an object per number
 * (at 20,000 × 60 some ten million objects for the garbage collector). −0 is made 0 here
 * and the infinities NaN, so that the array compares as the parsed text does.
 */
function jsonColumn(column: ArrayLike<number>): (number | null)[] {
  // Filled with a double first: the array holds doubles from the start, not growing.
  const out: number[] = new Array<number>(column.length).fill(Number.NaN);
  for (let i = 0; i < column.length; i++) out[i] = jsonDouble(column[i] as number);
  return out;
}

/** A number as JSON keeps it: −0 as 0, NaN and the infinities as NaN (JSON's null). */
const jsonDouble = (v: number): number => (v - v === 0 ? v + 0 : Number.NaN);

/**
 * A typed array's numbers as a plain array (through `map`, if given). `Array.from` on a typed
 * array goes through its iterator: five times slower (60 columns of 20,000: 50 ms).
 */
function plainNumbers<T = number>(
  typed: ArrayLike<number>,
  map?: (value: number) => T,
): (T | number)[] {
  const out = new Array<T | number>(typed.length);
  for (let i = 0; i < typed.length; i++) {
    const v = typed[i] as number;
    out[i] = map ? map(v) : v;
  }
  return out;
}

/** Units listed per unit from HIGHLIGHTS slots, −1 for an empty slot. */
function highlightLists(slots: Int32Array, n: number): number[][] {
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const list: number[] = [];
    for (let h = 0; h < HIGHLIGHTS; h++) {
      const k = slots[i * HIGHLIGHTS + h] as number;
      if (k >= 0) list.push(k);
    }
    out[i] = list;
  }
  return out;
}

/**
 * A column as its stored doubles: −0 made 0 and the infinities NaN, as JSON would write them,
 * every NaN with the bits of `Number.NaN`. A Float64Array that holds them so already (the
 * usual case) is given back itself, not copied: at 20,000 × 60 a snapshot has 268 columns.
 */
function jsonDoubles(column: ArrayLike<number>): Float64Array {
  if (column instanceof Float64Array && storedAsIs(column)) return column;
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) out[i] = jsonDouble(column[i] as number);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** The high word of `Number.NaN` (its low word is 0), of an infinity or NaN, of −0. */
const NAN_HIGH = 0x7ff80000;
const EXPONENT_ALL_ONES = 0x7ff00000;
const NEGATIVE_ZERO_HIGH = 0x80000000;

/** No −0, no infinity, no NaN but `Number.NaN` itself: read by the doubles' words. */
function storedAsIs(column: Float64Array): boolean {
  if (!LITTLE_ENDIAN) return false;
  const words = new Uint32Array(column.buffer, column.byteOffset, column.length * 2);
  for (let i = 1; i < words.length; i += 2) {
    const high = words[i] as number;
    // The low word matters only for these: a NaN's other bits, or −0 against a tiny negative.
    if (high === NAN_HIGH || high === NEGATIVE_ZERO_HIGH) {
      if (words[i - 1] !== 0 && high === NAN_HIGH) return false;
      if (words[i - 1] === 0 && high === NEGATIVE_ZERO_HIGH) return false;
    } else if ((high & EXPONENT_ALL_ONES) === EXPONENT_ALL_ONES) return false;
  }
  return true;
}

/** Whether two columns are stored alike (NaN as NaN, −0 as 0). */
function sameDoubles(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y && (x - x === 0 || y - y === 0)) return false;
  }
  return true;
}

/**
 * The record of format `/3` as it is stored (decision 0220), made straight from the engine's
 * columns: each per-unit numeric column is `pack` of its doubles (−0 as 0, NaN for what JSON
 * writes as null), an indicator's `treated` is left out where it equals `raw`. The same text
 * as packing `describeComputation(m, data, result)` column by column, without the arrays of
 * that record in between (at 20 000 × 60 some six million numbers).
 *
 * @example canonicalJson(describePackedComputation(m, data, result, packColumn))
 */
export function describePackedComputation(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  pack: (doubles: Float64Array) => unknown,
): unknown {
  const column = (values: ArrayLike<number>) => pack(jsonDoubles(values));
  return describeColumns(m, data, result, 'munirank-computation/3', column, true);
}

/**
 * The record with the explanations as columns, built straight as JSON values: the columns
 * are converted once, not serialised and parsed again (at 20 000 units that round trip of a
 * hundred megabytes cost more than everything else). The small parts (methodology, outlier
 * reports, units, screening) still go through `asJson`. Numeric columns hold NaN where the
 * stored text has null (see jsonColumn): the record is meant to be written (canonicalJson)
 * or compared (compareComputations, which takes NaN for null), not read as it is.
 */
function describeComputationV2(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  format: 'munirank-computation/2' | 'munirank-computation/3',
): RatingComputation {
  return describeColumns(m, data, result, format, jsonColumn, false) as RatingComputation;
}

/**
 * Formats `/2` and `/3`, each column made by `column` (an array for the record, packed text
 * for the stored `/3`). `asStored` makes the record only to be written as text (the stored
 * `/3`): a `treated` equal to `raw` is left out, and the units and the previous places go to
 * the writer as they are, not as plain JSON copies. Keys in canonical order where there are
 * many objects: written by JSON.stringify as they are.
 */
function describeColumns<C>(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  format: 'munirank-computation/2' | 'munirank-computation/3',
  column: (values: ArrayLike<number>) => C,
  asStored: boolean,
): unknown {
  const n = data.units.length;
  const record = (values: RatingData['values'] | undefined) => {
    const out: Record<string, C> = {};
    // A Float64Array as it is: `column` makes −0 and the infinities what toColumn would.
    for (const [k, v] of Object.entries(values ?? {}))
      if (v !== undefined) out[k] = column(v instanceof Float64Array ? v : toColumn(v));
    return out;
  };
  const e = result.explanations;
  const imputedOf = (flags: Uint8Array): number[] => {
    const out: number[] = [];
    for (let i = 0; i < flags.length; i++) if (flags[i] === 1) out.push(i);
    return out;
  };
  const imputed = result.indicators.map((ind) => imputedOf(ind.imputed));
  const small = asJson({
    methodology: m,
    previousRanks: asStored ? {} : Object.fromEntries(data.previousRanks ?? new Map()),
    treatments: result.indicators.map((ind) => ind.treatment),
    ...(m.screening ? { screened: result.screened } : {}),
  });
  return {
    format,
    methodology: small.methodology,
    inputs: {
      units: data.units.map((u) => ({ code: u.code, group: u.group ?? null, name: u.name })),
      values: record(data.values),
      reference: record(data.reference),
      previousRanks: asStored
        ? new CanonicalRecord(data.previousRanks ?? new Map())
        : small.previousRanks,
      history: (data.history ?? []).map((period) => ({
        unitCodes: [...period.unitCodes],
        values: record(period.values),
      })),
    },
    indicators: result.indicators.map((ind, k) => ({
      code: ind.code,
      imputed: imputed[k] as number[],
      normalised: column(ind.normalised),
      note: ind.note,
      raw: column(ind.raw),
      ...(asStored && sameDoubles(ind.treated, ind.raw) ? {} : { treated: column(ind.treated) }),
      treatment: small.treatments[k] ?? null,
    })),
    nodes: result.nodes.map((node) => ({
      availability: column(node.availability),
      code: node.code,
      ranks: column(node.ranks),
      scores: column(node.scores),
    })),
    // Written as text only (packed), the units need no plain copy: the canonical text writes
    // their NaN as null and −0 as 0 as the copy would hold them (20,000 units: 39 ms).
    units: asStored ? result.units : asJson(result.units),
    // Only with a screening rule, as in format /1.
    ...(small.screened ? { screened: small.screened } : {}),
    explanations: e
      ? {
          overtakes: plainNumbers(e.overtakes, (o) => (o >= 0 ? o : null)),
          strengths: highlightLists(e.strengths, n),
          weaknesses: highlightLists(e.weaknesses, n),
          groupOf: plainNumbers(e.effectiveWeights.groupOf),
          weights: jsonColumn(e.effectiveWeights.weights) as number[],
          shares: e.effectiveWeights.shares.map(column),
          improvements: result.indicators.map((ind, k) => {
            const kind = e.improvements.kind[k] as Uint8Array;
            const to = e.improvements.to[k] as Column;
            const needed = new Float64Array(n);
            for (let i = 0; i < n; i++)
              needed[i] =
                kind[i] === IMPROVEMENT_EXACT || kind[i] === IMPROVEMENT_NUMERICAL
                  ? (to[i] as number)
                  : Number.NaN;
            return {
              imputedValues: (imputed[k] as number[]).map((i) =>
                asJsonNumber(ind.filled[i] as number),
              ),
              kind: plainNumbers(kind),
              to: column(needed),
            };
          }),
        }
      : null,
  };
}

const numberOr = (v: number | null | undefined): number => (typeof v === 'number' ? v : Number.NaN);

/**
 * Unit `at`'s explanation in a stored computation of either format, the same object in both:
 * in `/1` it is stored as it is, in `/2` it is made from the columns with the engine's own
 * arithmetic (the effective weight, its product with the score, the change). Null when the
 * computation has no explanations or no such unit.
 *
 * @example unitExplanationOf(snapshot.content.computation, 3)?.improvements[0]?.to
 */
export function unitExplanationOf(c: RatingComputation, at: number): UnitExplanation | null {
  const e = c.explanations;
  if (e === null || e === undefined || at < 0 || at >= c.inputs.units.length) return null;
  if (Array.isArray(e)) return (e[at] as UnitExplanation | undefined) ?? null;
  const codes = c.inputs.units.map((u) => u.code);
  const indicatorCodes = c.indicators.map((ind) => ind.code);
  const contributions = c.indicators.map((ind, k) => {
    const score = numberOr(ind.normalised[at]);
    const g = e.groupOf[k] as number;
    const groupScore = numberOr(c.nodes[g]?.scores[at]);
    const share = numberOr(e.shares[g]?.[at]);
    const w = numberOr(e.weights[k]);
    const effectiveWeight = Number.isNaN(groupScore + score) ? 0 : share * w;
    return {
      indicator: ind.code,
      score: asJsonNumber(score),
      effectiveWeight: asJsonNumber(effectiveWeight) as number,
      contribution: asJsonNumber(effectiveWeight > 0 ? effectiveWeight * score : 0) as number,
    };
  });
  const improvements: UnitExplanation['improvements'] = [];
  const unreachable: string[] = [];
  c.indicators.forEach((ind, k) => {
    const column = e.improvements[k];
    const kind = column?.kind[at];
    if (kind === IMPROVEMENT_UNREACHABLE) unreachable.push(ind.code);
    if (!column || (kind !== IMPROVEMENT_EXACT && kind !== IMPROVEMENT_NUMERICAL)) return;
    // The value after imputation: the raw one unless this unit's was imputed.
    const j = ind.imputed.indexOf(at);
    const from = numberOr(j >= 0 ? column.imputedValues[j] : ind.raw[at]);
    const to = numberOr(column.to[at]);
    improvements.push({
      indicator: ind.code,
      from: asJsonNumber(from) as number,
      to: asJsonNumber(to) as number,
      change: asJsonNumber(to - from) as number,
      method: kind === IMPROVEMENT_EXACT ? 'exact' : 'numerical',
    });
  });
  const over = e.overtakes[at];
  const names = (list: number[] | undefined) =>
    (list ?? []).map((k) => indicatorCodes[k] as string);
  return {
    unitCode: codes[at] as string,
    overtakes: over === null || over === undefined ? null : (codes[over] ?? null),
    contributions,
    strengths: names(e.strengths[at]),
    weaknesses: names(e.weaknesses[at]),
    improvements,
    unreachable,
  };
}

/** The computation's inputs back in the engine's form. */
export function ratingDataOf(c: RatingComputation): RatingData {
  return {
    units: c.inputs.units,
    values: c.inputs.values,
    reference: c.inputs.reference,
    previousRanks: new Map(Object.entries(c.inputs.previousRanks)),
    history: c.inputs.history ?? [],
  };
}

export type ComputationCheck =
  | { ok: false; refused: string[] }
  | { ok: true; comparison: ComputationComparison };

/**
 * Recomputes a stored computation from its own methodology and inputs and compares every
 * number (and everything else), sorted from causes to effects: see `compareComputations`.
 *
 * @example checkComputation(snapshot.content.computation) // { ok: true, comparison: { total: 0, … } }
 */
export function checkComputation(stored: RatingComputation, keepPerSection = 20): ComputationCheck {
  if (!COMPUTATION_FORMATS.includes(stored?.format))
    return {
      ok: false,
      refused: [
        `неизвестный формат расчёта (ожидается ${COMPUTATION_FORMATS.slice(0, -1).join(', ')} ` +
          `или ${COMPUTATION_FORMATS.at(-1)})`,
      ],
    };
  // A /3 computation as stored, columns still base64 text: recomputing it would read the
  // letters as values. Its readers unpack it first (unpackComputation, decision 0220).
  if (Object.values(stored.inputs?.values ?? {}).some((v) => typeof v === 'string'))
    return {
      ok: false,
      refused: ['столбцы расчёта упакованы (формат /3): сначала прочитайте их как массивы'],
    };
  const checked = validateMethodology(stored.methodology);
  if (!checked.ok)
    return { ok: false, refused: checked.errors.map((e) => `методика ${e.path}: ${e.message}`) };
  const data = ratingDataOf(stored);
  const again = describeComputation(
    checked.methodology,
    data,
    computeRating(checked.methodology, data),
    stored.format,
  );
  return { ok: true, comparison: compareComputations(stored, again, keepPerSection) };
}

/**
 * The differences of `checkComputation` as lines, causes first, at most `limit`; empty when
 * the computation matches to the digit.
 *
 * @example verifyComputation(snapshot.content.computation) // []
 */
export function verifyComputation(stored: RatingComputation, limit = 50): string[] {
  const check = checkComputation(stored, limit);
  if (!check.ok) return check.refused;
  return DIFFERENCE_SECTIONS.flatMap((s) => check.comparison.listed[s]).slice(0, limit);
}
