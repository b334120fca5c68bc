import { scratchUint32 } from './scratch.js';

/**
 * Indices of the non-missing values of `values` in ascending order of value (NaN left out).
 * Large columns use a radix sort on the IEEE-754 bits, which beats a comparator sort by an
 * order of magnitude and gives the permutation for free; tiny columns use the native sort.
 * Equal values keep their index order (stable); −0 sorts with 0.
 *
 * @example sortOrder(new Float64Array([3, NaN, 1, 2])) // Uint32Array [2, 3, 0]
 */
export function sortOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) m++;
  if (m < 256) {
    const order = new Uint32Array(m);
    let k = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) order[k++] = i;
    return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  }
  return radixOrder(values, m);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** One double seen as two words, to read its bits without a DataView call per value. */
const bitsOf = new Float64Array(1);
const wordsOf = new Uint32Array(bitsOf.buffer);
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = 1 - HI;

/** 11-bit digits: a 2,048-entry count table stays in the first-level cache. */
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
/** Runs of equal high words up to this length are finished by insertion sort. */
const SHORT_RUN = 16;

/**
 * Sorts positions by the high word of their keys (sign, exponent and the top 20 bits of the
 * mantissa, 3 passes), then finishes each run of equal high words by the low word: by
 * insertion where the run is short (the usual case: real data rarely share 32 leading bits),
 * by the same radix passes where it is long. Keys are the doubles' bits flipped so that
 * unsigned order is numeric order.
 */
function radixOrder(values: ArrayLike<number>, m: number): Uint32Array {
  const index = scratchUint32('sort-index', m);
  const lo = scratchUint32('sort-low', m);
  let key = scratchUint32('sort-key', m);
  // The three digit histograms of the high words, counted while the keys are built.
  const histograms = scratchUint32('sort-histograms', 3 * BUCKETS).fill(0);
  const mask = BUCKETS - 1;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    bitsOf[0] = v === 0 ? 0 : v; // −0 sorts with 0
    let h = wordsOf[HI] as number;
    let l = wordsOf[LO] as number;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    index[k] = i;
    key[k] = h;
    lo[k] = l;
    const d0 = h & mask;
    const d1 = BUCKETS + ((h >>> DIGIT_BITS) & mask);
    const d2 = 2 * BUCKETS + (h >>> (2 * DIGIT_BITS));
    histograms[d0] = (histograms[d0] as number) + 1;
    histograms[d1] = (histograms[d1] as number) + 1;
    histograms[d2] = (histograms[d2] as number) + 1;
    k++;
  }
  // Positions 0..m−1 follow the index order, so a stable sort of positions is stable by index.
  let order = scratchUint32('sort-order', m);
  for (let j = 0; j < m; j++) order[j] = j;
  let spareOrder = scratchUint32('sort-spare-order', m);
  let spareKey = scratchUint32('sort-spare-key', m);
  for (let pass = 0; pass < 3; pass++) {
    const shift = pass * DIGIT_BITS;
    const counts = histograms.subarray(pass * BUCKETS, (pass + 1) * BUCKETS);
    // A digit every key shares sorts nothing: skip the pass.
    if (counts[((key[0] as number) >>> shift) & mask] === m) continue;
    scatter(counts, shift, order, key, spareOrder, spareKey, 0, m);
    [order, spareOrder] = [spareOrder, order];
    [key, spareKey] = [spareKey, key];
  }
  const counts = histograms.subarray(0, BUCKETS);
  for (let start = 0; start < m; ) {
    const h = key[start] as number;
    let end = start + 1;
    while (end < m && key[end] === h) end++;
    if (end - start > SHORT_RUN) {
      for (let t = start; t < end; t++) key[t] = lo[order[t] as number] as number;
      sortSegment(order, key, spareOrder, spareKey, counts, start, end);
    } else if (end - start > 1) insertByLow(order, lo, start, end);
    start = end;
  }
  const out = new Uint32Array(m);
  for (let t = 0; t < m; t++) out[t] = index[order[t] as number] as number;
  return out;
}

/** Stable insertion sort of order[start..end) by lo[position]. */
function insertByLow(order: Uint32Array, lo: Uint32Array, start: number, end: number): void {
  for (let t = start + 1; t < end; t++) {
    const p = order[t] as number;
    const l = lo[p] as number;
    let u = t - 1;
    while (u >= start && (lo[order[u] as number] as number) > l) {
      order[u + 1] = order[u] as number;
      u--;
    }
    order[u + 1] = p;
  }
}

/**
 * Stable LSD radix sort of order[start..end) by the 32-bit keys aligned with it (key[t]
 * belongs to order[t]), 11 bits a pass; a pass whose digit every key shares is skipped.
 * The result is left in `order` and `key`.
 */
function sortSegment(
  order: Uint32Array,
  key: Uint32Array,
  spareOrder: Uint32Array,
  spareKey: Uint32Array,
  counts: Uint32Array,
  start: number,
  end: number,
): void {
  let from = order;
  let fromKey = key;
  let to = spareOrder;
  let toKey = spareKey;
  const mask = BUCKETS - 1;
  for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
    counts.fill(0);
    for (let t = start; t < end; t++) {
      const d = ((fromKey[t] as number) >>> shift) & mask;
      counts[d] = (counts[d] as number) + 1;
    }
    if (counts[((fromKey[start] as number) >>> shift) & mask] === end - start) continue;
    scatter(counts, shift, from, fromKey, to, toKey, start, end);
    [from, to] = [to, from];
    [fromKey, toKey] = [toKey, fromKey];
  }
  if (from !== order) {
    order.set(from.subarray(start, end), start);
    key.set(fromKey.subarray(start, end), start);
  }
}

/**
 * One radix pass over [start, end): `counts` holds the digit histogram of the segment and
 * becomes the running positions; positions and keys move from `from` to `to`, stably.
 */
function scatter(
  counts: Uint32Array,
  shift: number,
  from: Uint32Array,
  fromKey: Uint32Array,
  to: Uint32Array,
  toKey: Uint32Array,
  start: number,
  end: number,
): void {
  const mask = BUCKETS - 1;
  let sum = start;
  for (let d = 0; d < BUCKETS; d++) {
    const c = counts[d] as number;
    counts[d] = sum;
    sum += c;
  }
  for (let t = start; t < end; t++) {
    const kv = fromKey[t] as number;
    const d = (kv >>> shift) & mask;
    const at = counts[d] as number;
    counts[d] = at + 1;
    to[at] = from[t] as number;
    toKey[at] = kv;
  }
}
