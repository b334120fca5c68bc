import type { OutlierTreatment } from '../domain/methodology.js';
import type { Column } from './column.js';
import { passesSkewKurtosis, skewKurtosis } from './skew-kurtosis.js';

export type OutlierStatus =
  | 'passed'
  | 'winsorised'
  | 'log-transformed'
  | 'still-failing'
  /** Fewer than 4 values or no spread: skewness/kurtosis undefined, left untreated. */
  | 'not-assessable';

export interface WinsorisedPoint {
  /** Row (unit) index in the column. */
  index: number;
  side: 'high' | 'low';
  from: number;
  to: number;
}

export interface OutlierReport {
  status: OutlierStatus;
  skewnessBefore: number;
  kurtosisBefore: number;
  skewnessAfter: number;
  kurtosisAfter: number;
  winsorised: WinsorisedPoint[];
  /** 'log': log(x − min + a); 'mirrored-log': −log(max + a − x); a = 0.01·(max − min). */
  logTransform: 'log' | 'mirrored-log' | null;
}

/**
 * Replaces every copy of the current extreme on one side by the nearest remaining value,
 * as COINr's `winsorise()` does (tied extremes move together). Returns false if nothing
 * is left to move.
 */
function winsoriseOnce(x: Column, high: boolean, moved: Map<number, WinsorisedPoint>): boolean {
  let extreme = high ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const v of x) if (!Number.isNaN(v) && (high ? v > extreme : v < extreme)) extreme = v;
  let next = high ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const v of x) {
    if (Number.isNaN(v) || v === extreme) continue;
    if (high ? v > next : v < next) next = v;
  }
  if (!Number.isFinite(next)) return false;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== extreme) continue;
    const earlier = moved.get(i);
    moved.set(i, {
      index: i,
      side: high ? 'high' : 'low',
      from: earlier?.from ?? extreme,
      to: next,
    });
    x[i] = next;
  }
  return true;
}

/** COINr's `log_CT_plus`: a log on the skewed side, applied to the original values. */
function logTransform(
  original: Column,
  skewness: number,
): { values: Column; kind: 'log' | 'mirrored-log' } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of original) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const a = 0.01 * (max - min);
  const positive = skewness > 0;
  const values = new Float64Array(original.length);
  for (let i = 0; i < original.length; i++) {
    const v = original[i] as number;
    values[i] = positive ? Math.log(v - min + a) : -Math.log(max + a - v);
  }
  return { values, kind: positive ? 'log' : 'mirrored-log' };
}

/**
 * Outlier treatment as COINr's default `Treat()`: an indicator passes if |skewness| < 2 OR
 * kurtosis < 3.5. Otherwise the extreme on the skewed side (skew ≥ 0: the highest) is
 * winsorised one value at a time, re-checking after each, until it passes or 5 points have
 * moved. If it still fails, the log transform is applied to the ORIGINAL values
 * (`combine_treat = FALSE`); the result is kept even if it still fails, and reported so.
 *
 * @example
 * treatOutliers(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100])).report.status
 * // 'winsorised': 100 → 30 is enough (skew 1.712)
 */
export function treatOutliers(
  column: Column,
  options: OutlierTreatment = {},
): { values: Column; report: OutlierReport } {
  const skewThreshold = options.skewThreshold ?? 2;
  const kurtosisThreshold = options.kurtosisThreshold ?? 3.5;
  const maxWinsorised = options.maxWinsorised ?? 5;
  const before = skewKurtosis(column);
  const report: OutlierReport = {
    status: 'passed',
    skewnessBefore: before.skewness,
    kurtosisBefore: before.kurtosis,
    skewnessAfter: before.skewness,
    kurtosisAfter: before.kurtosis,
    winsorised: [],
    logTransform: null,
  };
  let pass = passesSkewKurtosis(before, skewThreshold, kurtosisThreshold);
  if (pass !== false) {
    if (pass === null) report.status = 'not-assessable';
    return { values: column.slice(), report };
  }
  const x = column.slice();
  const moved = new Map<number, WinsorisedPoint>();
  let stats = before;
  while (pass === false && moved.size < maxWinsorised) {
    if (!winsoriseOnce(x, stats.skewness >= 0, moved)) break;
    stats = skewKurtosis(x);
    pass = passesSkewKurtosis(stats, skewThreshold, kurtosisThreshold);
  }
  if (pass === true) {
    report.status = 'winsorised';
    report.winsorised = [...moved.values()].sort((a, b) => a.index - b.index);
    report.skewnessAfter = stats.skewness;
    report.kurtosisAfter = stats.kurtosis;
    return { values: x, report };
  }
  const logged = logTransform(column, before.skewness);
  const after = skewKurtosis(logged.values);
  report.status =
    passesSkewKurtosis(after, skewThreshold, kurtosisThreshold) === true
      ? 'log-transformed'
      : 'still-failing';
  report.logTransform = logged.kind;
  report.skewnessAfter = after.skewness;
  report.kurtosisAfter = after.kurtosis;
  return { values: logged.values, report };
}
