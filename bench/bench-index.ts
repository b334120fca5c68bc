// What the engine benchmarks share: one index of 60 indicators and the way runs are timed.
import type { Methodology, MethodologyNode } from '../src/domain/methodology.js';

export const INDICATORS = 60;
export const DIMENSIONS = 6;

/** Index → 6 dimensions → 10 indicators, min–max 0..100, arithmetic, every fifth lower-is-better. */
export function benchMethodology(): Methodology {
  const per = INDICATORS / DIMENSIONS;
  const dims: MethodologyNode[] = Array.from({ length: DIMENSIONS }, (_, d) => ({
    kind: 'group',
    code: `D${d}`,
    name: `Направление ${d}`,
    weight: 1 + (d % 3),
    aggregation: 'arithmetic',
    children: Array.from({ length: per }, (_, j) => ({
      kind: 'indicator' as const,
      code: `I${d * per + j}`,
      name: `Показатель ${d * per + j}`,
      weight: 1 + (j % 2),
      direction: (j % 5 === 0 ? -1 : 1) as 1 | -1,
      normalisation: { method: 'min-max' as const },
    })),
  }));
  return {
    code: 'bench',
    version: 1,
    title: 'Бенчмарк',
    effectiveFrom: '2024',
    outputScale: 100,
    tieRule: 'competition',
    missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0.5 },
    colourThresholds: [],
    tree: {
      kind: 'group',
      code: 'INDEX',
      name: 'Индекс',
      weight: 1,
      aggregation: 'arithmetic',
      children: dims,
    },
  };
}

/** Minimum and median of several runs after a warm-up: the minimum is the least disturbed by other processes. */
export function time(runs: number, f: () => unknown): { min: number; median: number } {
  f(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return minAndMedian(times);
}

/** `time` of work that ends when its promise does; `f(r)` is run r = 0 (warm-up) … runs. */
export async function timeAsync(
  runs: number,
  f: (r: number) => Promise<unknown>,
): Promise<{ min: number; median: number }> {
  await f(0);
  const times: number[] = [];
  for (let r = 1; r <= runs; r++) {
    const t = performance.now();
    await f(r);
    times.push(performance.now() - t);
  }
  return minAndMedian(times);
}

function minAndMedian(times: number[]): { min: number; median: number } {
  times.sort((a, b) => a - b);
  return { min: times[0] as number, median: times[Math.floor(times.length / 2)] as number };
}
