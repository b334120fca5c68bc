import type { Column } from './column.js';

export interface SkewKurtosis {
  /** Bias-corrected sample skewness (Excel SKEW, e1071 type 2); NaN if n < 3 or no spread. */
  skewness: number;
  /** Bias-corrected excess kurtosis (Excel KURT, e1071 type 2); NaN if n < 4 or no spread. */
  kurtosis: number;
  count: number;
}

/**
 * Skewness and kurtosis exactly as COINr's `skew()` and `kurt()` compute them, missing
 * values ignored.
 *
 * @example skewKurtosis(new Float64Array([1, 2, 3, 10])).skewness // ≈ 1.76363 (Excel SKEW)
 */
export function skewKurtosis(column: Column): SkewKurtosis {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  }
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (Number.isNaN(v)) continue;
    const d = v - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  let skewness = Number.NaN;
  let kurtosis = Number.NaN;
  if (n >= 3 && m2 > 0) {
    skewness = ((Math.sqrt(n) * m3) / m2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
  }
  if (n >= 4 && m2 > 0) {
    const r = (n * m4) / (m2 * m2);
    kurtosis = (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
  }
  return { skewness, kurtosis, count: n };
}

/**
 * COINr's `check_SkewKurt`: passes if |skewness| < skewThreshold OR kurtosis <
 * kurtosisThreshold. Returns null when either statistic is undefined (R gets NA there and
 * COINr leaves the indicator untreated).
 *
 * @example passesSkewKurtosis({ skewness: 2.5, kurtosis: 3, count: 10 }) // true
 */
export function passesSkewKurtosis(
  stats: SkewKurtosis,
  skewThreshold = 2,
  kurtosisThreshold = 3.5,
): boolean | null {
  if (Number.isNaN(stats.skewness) || Number.isNaN(stats.kurtosis)) return null;
  return Math.abs(stats.skewness) < skewThreshold || stats.kurtosis < kurtosisThreshold;
}
