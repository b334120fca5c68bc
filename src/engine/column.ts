/**
 * The engine stores a column of values as a Float64Array with NaN for "missing". Arrays
 * mixing numbers and null make V8 box every double; a typed array keeps 20 000 × 60 cells
 * allocation-free. `toColumn` / `fromColumn` convert at the engine's edges.
 */
export type Column = Float64Array;

/**
 * Converts numbers with null/undefined for missing into a column; non-finite numbers
 * count as missing too, since no rating input can be infinite.
 *
 * @example toColumn([1, null, 3]) // Float64Array [1, NaN, 3]
 */
export function toColumn(values: ArrayLike<number | null | undefined>): Column {
  if (values instanceof Float64Array) {
    // Already doubles: one block copy, then only the infinities need replacing (v − v is
    // NaN exactly for ±∞ and NaN, and NaN stays NaN).
    const out = new Float64Array(values);
    for (let i = 0; i < out.length; i++) {
      const v = out[i] as number;
      if (v - v !== 0) out[i] = Number.NaN;
    }
    return out;
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
  }
  return out;
}

/**
 * toColumn without the copy where none is needed: a Float64Array without infinities is
 * returned itself. The engine never writes to its input columns, but the result then reads
 * the caller's array (a rating's `raw`, and `filled` and `treated` where nothing is imputed
 * or treated), so the caller must not change it while the result is in use.
 *
 * @example const v = new Float64Array([1, NaN]); toSharedColumn(v) === v // true
 */
export function toSharedColumn(values: ArrayLike<number | null | undefined>): Column {
  if (!(values instanceof Float64Array)) return toColumn(values);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) return toColumn(values);
  }
  return values;
}

/**
 * Converts a column back to plain numbers with null for missing (for JSON and tests).
 *
 * @example fromColumn(new Float64Array([1, NaN])) // [1, null]
 */
export function fromColumn(column: ArrayLike<number>): (number | null)[] {
  const out: (number | null)[] = new Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}
