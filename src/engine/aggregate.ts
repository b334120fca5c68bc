import type { AggregationMethod, MissingDataRule } from '../domain/methodology.js';
import type { Column } from './column.js';

/** A geometric or harmonic mean met a value it cannot take (zero or negative). */
export class AggregationError extends Error {
  override readonly name = 'AggregationError';
  constructor(
    readonly method: AggregationMethod,
    readonly unitIndex: number,
    readonly unitCode: string,
    readonly childCode: string,
    readonly value: number,
  ) {
    const what = method === 'geometric' ? 'Геометрическое' : 'Гармоническое';
    super(
      `${what} среднее определено только для положительных значений: у «${unitCode}» ` +
        `значение «${childCode}» равно ${value}. Нормируйте показатели, например, на [1, 100]`,
    );
  }
}

export interface AggregatedColumn {
  values: Column;
  /** Share of weight (or of children, per the rule) present for each unit, 0..1. */
  availability: Float64Array;
  /** 1 where the unit fell below the availability threshold and got no score. */
  belowThreshold: Uint8Array;
}

export interface AggregationLabels {
  unitCodes: readonly string[];
  childCodes: readonly string[];
}

/**
 * Aggregates child score columns into the parent's column, unit by unit. Weights are
 * relative and normalised within the parent; missing children are dropped and the
 * remaining weights renormalised (COINr `a_amean`/`a_gmean`/`a_hmean`). `sum` adds
 * weight × value without normalising (point scoring: a missing child earns no points).
 * Children with zero weight are skipped entirely. Below `minAvailability` (share of weight
 * or of children present) the unit gets no score, as COINr's `dat_thresh`.
 *
 * @example
 * aggregateColumns([new Float64Array([1]), new Float64Array([4])], [1, 1], 'geometric',
 *   { availabilityBasis: 'count', minAvailability: 0 }).values // [2]
 */
export function aggregateColumns(
  children: readonly Column[],
  weights: readonly number[],
  method: AggregationMethod,
  rule: Pick<MissingDataRule, 'availabilityBasis' | 'minAvailability'>,
  labels?: AggregationLabels,
): AggregatedColumn {
  const n = children[0]?.length ?? 0;
  const values = new Float64Array(n);
  const availability = new Float64Array(n);
  const belowThreshold = new Uint8Array(n);
  let totalWeight = 0;
  for (const w of weights) totalWeight += w;
  const byWeight = rule.availabilityBasis === 'weight';
  for (let i = 0; i < n; i++) {
    let acc = 0;
    let present = 0;
    let presentWeight = 0;
    for (let c = 0; c < children.length; c++) {
      const v = (children[c] as Column)[i] as number;
      if (Number.isNaN(v)) continue;
      present++;
      const w = weights[c] as number;
      if (w === 0) continue;
      presentWeight += w;
      if (method === 'arithmetic' || method === 'sum') acc += w * v;
      else if (v <= 0) {
        throw new AggregationError(
          method,
          i,
          labels?.unitCodes[i] ?? `#${i}`,
          labels?.childCodes[c] ?? `#${c}`,
          v,
        );
      } else if (method === 'geometric') acc += w * Math.log(v);
      else acc += w / v;
    }
    const share = byWeight
      ? totalWeight > 0
        ? presentWeight / totalWeight
        : 0
      : present / children.length;
    availability[i] = share;
    if (presentWeight === 0 || share < rule.minAvailability) {
      values[i] = Number.NaN;
      belowThreshold[i] = share < rule.minAvailability ? 1 : 0;
      continue;
    }
    values[i] =
      method === 'arithmetic'
        ? acc / presentWeight
        : method === 'geometric'
          ? Math.exp(acc / presentWeight)
          : method === 'harmonic'
            ? presentWeight / acc
            : acc;
  }
  return { values, availability, belowThreshold };
}
