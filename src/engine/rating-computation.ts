import type { Methodology } from '../domain/methodology.js';
import type { RatingComputation } from '../domain/rating-computation.js';
import { fromColumn, toColumn } from './column.js';
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

/** Paths (JSON-Pointer-like) where two JSON values differ, at most `limit` of them. */
function differences(a: unknown, b: unknown, path: string, out: string[], limit: number): void {
  if (out.length >= limit) return;
  if (Object.is(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: длина ${b.length} вместо ${a.length}`);
    else
      a.forEach((v, i) => {
        differences(v, b[i], `${path}/${i}`, out, limit);
      });
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}/${k}`,
        out,
        limit,
      );
    }
    return;
  }
  out.push(`${path}: в снимке ${JSON.stringify(a)}, при пересчёте ${JSON.stringify(b)}`);
}

/**
 * Recomputes a stored computation from its own methodology and inputs and lists every
 * place where a number (or anything else) differs; empty when it matches to the digit.
 *
 * @example verifyComputation(snapshot.content.computation) // []
 */
export function verifyComputation(stored: RatingComputation, limit = 50): string[] {
  if (stored?.format !== 'munirank-computation/1')
    return ['неизвестный формат расчёта (ожидается munirank-computation/1)'];
  const checked = validateMethodology(stored.methodology);
  if (!checked.ok) return checked.errors.map((e) => `методика ${e.path}: ${e.message}`);
  const data = ratingDataOf(stored);
  const again = describeComputation(
    checked.methodology,
    data,
    computeRating(checked.methodology, data),
  );
  const out: string[] = [];
  differences(stored, again, '', out, limit);
  return out;
}
