import type { Methodology } from '../domain/methodology.js';
import type { RatingComputation } from '../domain/rating-computation.js';
import { fromColumn, toColumn } from './column.js';
import {
  type ComputationComparison,
  compareComputations,
  DIFFERENCE_SECTIONS,
} from './compare-computations.js';
import { computeRating, type RatingData, type RatingResult } from './compute-rating.js';
import { describeExplanation } from './describe-explanation.js';
import { validateMethodology } from './validate-methodology.js';

const plain = (values: ArrayLike<number | null>): (number | null)[] => fromColumn(toColumn(values));

/** JSON's view of a value: what survives a round trip through a file (NaN → null…). */
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The full record of one computation: methodology, exact inputs, every intermediate column,
 * places and explanations, as plain JSON.
 *
 * @example describeComputation(m, data, computeRating(m, data)).nodes[0]?.scores
 */
export function describeComputation(
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
  if (stored?.format !== 'munirank-computation/1')
    return {
      ok: false,
      refused: ['неизвестный формат расчёта (ожидается munirank-computation/1)'],
    };
  const checked = validateMethodology(stored.methodology);
  if (!checked.ok)
    return { ok: false, refused: checked.errors.map((e) => `методика ${e.path}: ${e.message}`) };
  const data = ratingDataOf(stored);
  const again = describeComputation(
    checked.methodology,
    data,
    computeRating(checked.methodology, data),
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
