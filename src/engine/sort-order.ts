/**
 * Indices of the non-missing values of `values` in ascending order of value (NaN left out).
 * Large columns use an LSD radix sort on the IEEE-754 bits, which beats a comparator sort
 * by an order of magnitude and gives the permutation for free; tiny columns use the
 * native sort. Equal values keep their index order (stable).
 *
 * @example sortOrder(new Float64Array([3, NaN, 1, 2])) // Uint32Array [2, 3, 0]
 */
export function sortOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) m++;
  const order = new Uint32Array(m);
  if (m < 256) {
    let k = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) order[k++] = i;
    return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  }
  return radixOrder(values, m, m < 20000 ? 8 : 16);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function radixOrder(values: ArrayLike<number>, m: number, bits: 8 | 16): Uint32Array {
  // Keys as two unsigned words whose order is the order of the doubles, read through a
  // Uint32Array view of the doubles (no per-value DataView calls).
  const doubles = new Float64Array(m);
  let order = new Uint32Array(m);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    doubles[k] = v === 0 ? 0 : v; // −0 sorts with 0
    order[k] = i;
    k++;
  }
  const words = new Uint32Array(doubles.buffer);
  const hi = new Uint32Array(m);
  const lo = new Uint32Array(m);
  const hiAt = LITTLE_ENDIAN ? 1 : 0;
  for (let j = 0; j < m; j++) {
    let h = words[2 * j + hiAt] as number;
    let l = words[2 * j + 1 - hiAt] as number;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[j] = h;
    lo[j] = l;
  }
  let keysHi = hi;
  let keysLo = lo;
  let nextOrder = new Uint32Array(m);
  let nextHi = new Uint32Array(m);
  let nextLo = new Uint32Array(m);
  // 16-bit digits (4 passes) for large columns, 8-bit (8 passes, small tables) below.
  const buckets = 1 << bits;
  const mask = buckets - 1;
  const passes = 64 / bits;
  const counts = new Uint32Array(buckets);
  for (let pass = 0; pass < passes; pass++) {
    const word = pass < passes / 2 ? keysLo : keysHi;
    const shift = (pass % (passes / 2)) * bits;
    counts.fill(0);
    for (let j = 0; j < m; j++) {
      const d = ((word[j] as number) >>> shift) & mask;
      counts[d] = (counts[d] as number) + 1;
    }
    // A digit shared by every key sorts nothing: skip the pass.
    if (counts[((word[0] as number) >>> shift) & mask] === m) continue;
    let sum = 0;
    for (let d = 0; d < buckets; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    // Carry only the words later passes still read: the low word until its last pass, the
    // high word until the last pass of all.
    const carryLo = pass < passes / 2 - 1;
    const carryHi = pass < passes - 1;
    for (let j = 0; j < m; j++) {
      const d = ((word[j] as number) >>> shift) & mask;
      const to = counts[d] as number;
      counts[d] = to + 1;
      nextOrder[to] = order[j] as number;
      if (carryHi) nextHi[to] = keysHi[j] as number;
      if (carryLo) nextLo[to] = keysLo[j] as number;
    }
    [order, nextOrder] = [nextOrder, order];
    [keysHi, nextHi] = [nextHi, keysHi];
    [keysLo, nextLo] = [nextLo, keysLo];
  }
  return order;
}
