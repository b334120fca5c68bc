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
  /** Sum of the weights of the children present for each unit (before renormalising). */
  presentWeight: Float64Array;
  /** How many children each unit lacks (whatever their weight). */
  missingChildren: Uint32Array;
  /** Per child, the units lacking its score, ascending (found by the same pass). */
  absent: number[][];
}

export interface AggregationLabels {
  unitCodes: readonly string[];
  childCodes: readonly string[];
}

/**
 * The parent's value from its accumulated sum, the weight present and the share present.
 * Shared by the column aggregation and the what-if explanations so both give the same bits.
 */
export function finishAggregate(
  method: AggregationMethod,
  acc: number,
  presentWeight: number,
  share: number,
  minAvailability: number,
): number {
  if (presentWeight === 0 || share < minAvailability) return Number.NaN;
  return method === 'arithmetic'
    ? acc / presentWeight
    : method === 'geometric'
      ? Math.exp(acc / presentWeight)
      : method === 'harmonic'
        ? presentWeight / acc
        : acc;
}

/** One child's term of the accumulated sum: w·v, w·log v or w/v (v > 0 checked by the caller). */
export function aggregateTerm(method: AggregationMethod, w: number, v: number): number {
  return method === 'arithmetic' || method === 'sum'
    ? w * v
    : method === 'geometric'
      ? w * Math.log(v)
      : w / v;
}

function firstNonPositive(
  children: readonly Column[],
  weights: readonly number[],
  method: AggregationMethod,
  labels: AggregationLabels | undefined,
): AggregationError {
  const n = children[0]?.length ?? 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < children.length; c++) {
      const v = (children[c] as Column)[i] as number;
      if (Number.isNaN(v) || weights[c] === 0 || v > 0) continue;
      return new AggregationError(
        method,
        i,
        labels?.unitCodes[i] ?? `#${i}`,
        labels?.childCodes[c] ?? `#${c}`,
        v,
      );
    }
  }
  return new AggregationError(method, -1, '?', '?', Number.NaN);
}

/**
 * Aggregates child score columns into the parent's column. Weights are relative and
 * normalised within the parent; missing children are dropped and the remaining weights
 * renormalised (COINr `a_amean`/`a_gmean`/`a_hmean`). `sum` adds weight × value without
 * normalising (point scoring: a missing child earns no points). Children with zero weight
 * are skipped entirely. Below `minAvailability` (share of weight or of children present)
 * the unit gets no score, as COINr's `dat_thresh`. Works child by child over whole columns
 * (sequential memory), adding the terms of every unit in child order.
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
  const out = {
    values: new Float64Array(n),
    availability: new Float64Array(n),
    belowThreshold: new Uint8Array(n),
    presentWeight: new Float64Array(n),
    missingChildren: new Uint32Array(n),
    absent: children.map((): number[] => []),
  };
  aggregateInto(children, weights, method, rule, out, out.missingChildren, labels);
  return out;
}

/**
 * Two children's terms w·v in one pass, each sum read and written once: the additions are
 * the ones two passes would make, in the same order, so the same bits.
 */
function addTwo(
  acc: Column,
  missing: Uint32Array,
  first: Column,
  w1: number,
  lacks1: number[] | undefined,
  second: Column,
  w2: number,
  lacks2: number[] | undefined,
): void {
  for (let i = 0; i < acc.length; i++) {
    let a = acc[i] as number;
    const v1 = first[i] as number;
    const v2 = second[i] as number;
    if (Number.isNaN(v1)) {
      missing[i] = (missing[i] as number) + 1;
      lacks1?.push(i);
    } else a += w1 * v1;
    if (Number.isNaN(v2)) {
      missing[i] = (missing[i] as number) + 1;
      lacks2?.push(i);
    } else a += w2 * v2;
    acc[i] = a;
  }
}

/**
 * aggregateColumns into buffers the caller owns and reuses (Monte Carlo draws): `values`
 * always, the other columns only when given; `missing` (of the same length) ends up holding
 * each unit's count of missing children, and `out.absent`, when given (an empty list per
 * child), the units lacking each child.
 * Same operations in the same order, so the same bits.
 *
 * @example aggregateInto(children, weights, 'arithmetic', rule, { values: buffer }, scratch)
 */
export function aggregateInto(
  children: readonly Column[],
  weights: readonly number[],
  method: AggregationMethod,
  rule: Pick<MissingDataRule, 'availabilityBasis' | 'minAvailability'>,
  out: { values: Column } & Partial<Omit<AggregatedColumn, 'values' | 'missingChildren'>>,
  missing: Uint32Array,
  labels?: AggregationLabels,
): void {
  const n = children[0]?.length ?? 0;
  const acc = out.values;
  acc.fill(0);
  missing.fill(0);
  let totalWeight = 0;
  for (const w of weights) totalWeight += w;
  // One specialised loop per method, touching one array per cell: the weight present is
  // the same for every unit with complete data, and recounted (in child order, as the
  // what-if explanations recount it) only for the others.
  const linear = (c: number): boolean =>
    weights[c] === 0 || method === 'arithmetic' || method === 'sum';
  for (let c = 0; c < children.length; c++) {
    const col = children[c] as Column;
    const w = weights[c] as number;
    // Noted in the rare branch of a pass made anyway: the reasons a score is missing need
    // them, and looking them up afterwards costs a cache miss per unit and child.
    const lacks = out.absent?.[c];
    if (c + 1 < children.length && linear(c) && linear(c + 1)) {
      addTwo(
        acc,
        missing,
        col,
        w,
        lacks,
        children[c + 1] as Column,
        weights[c + 1] as number,
        out.absent?.[c + 1],
      );
      c++;
      continue;
    }
    if (linear(c)) {
      for (let i = 0; i < n; i++) {
        const v = col[i] as number;
        if (Number.isNaN(v)) {
          missing[i] = (missing[i] as number) + 1;
          lacks?.push(i);
        } else acc[i] = (acc[i] as number) + w * v;
      }
      continue;
    }
    const geometric = method === 'geometric';
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (Number.isNaN(v)) {
        missing[i] = (missing[i] as number) + 1;
        lacks?.push(i);
      } else if (!(v > 0)) throw firstNonPositive(children, weights, method, labels);
      else acc[i] = (acc[i] as number) + (geometric ? w * Math.log(v) : w / v);
    }
  }
  const { availability, presentWeight, belowThreshold } = out;
  const byWeight = rule.availabilityBasis === 'weight';
  const count = children.length;
  let fullWeight = 0;
  for (const w of weights) if (w !== 0) fullWeight += w;
  for (let i = 0; i < n; i++) {
    let pw = fullWeight;
    let present = count;
    if (missing[i] !== 0) {
      pw = 0;
      present = 0;
      for (let c = 0; c < count; c++) {
        if (Number.isNaN((children[c] as Column)[i] as number)) continue;
        present++;
        const w = weights[c] as number;
        if (w !== 0) pw += w;
      }
    }
    const share = byWeight ? (totalWeight > 0 ? pw / totalWeight : 0) : present / count;
    if (belowThreshold && share < rule.minAvailability) belowThreshold[i] = 1;
    acc[i] = finishAggregate(method, acc[i] as number, pw, share, rule.minAvailability);
    if (availability) availability[i] = share;
    if (presentWeight) presentWeight[i] = pw;
  }
}
