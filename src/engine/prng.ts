/**
 * A small seedable generator: xoshiro128** (Blackman & Vigna), seeded through splitmix32.
 * Every Monte Carlo draw gets its own stream from (seed, draw number), so draws k..m can be
 * computed anywhere, in any order, by any number of workers, with identical results.
 *
 * @example const next = drawRandom(42, 7); next(); // a number in [0, 1)
 */
export function drawRandom(seed: number, draw: number): () => number {
  let sm = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(draw | 0, 0x85ebca6b)) >>> 0;
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) >>> 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
