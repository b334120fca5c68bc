// `npm run bench engine`: the rating engine against a naive object-per-cell baseline
// (bench/naive-engine.ts), measured in the same run. Prints figures; asserts nothing.
import { availableParallelism, loadavg } from 'node:os';
import { computeRating } from '../src/engine/compute-rating.js';
import { describeExplanation } from '../src/engine/describe-explanation.js';
import { drawRandom } from '../src/engine/prng.js';
import { runUncertainty, UncertaintyPool } from '../src/server/workers/uncertainty-pool.js';
import { benchMethodology, INDICATORS, time } from './bench-index.js';
import { naiveRating } from './naive-engine.js';

/** Random data, 1 % missing, from the engine's own seeded generator. */
function dataset(n: number) {
  const random = drawRandom(2024, n);
  const units = Array.from({ length: n }, (_, i) => ({ code: `u${i}`, name: `ОМСУ ${i}` }));
  const values: Record<string, Float64Array> = {};
  for (let k = 0; k < INDICATORS; k++) {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = random() < 0.01 ? Number.NaN : random() * 100;
    values[`I${k}`] = column;
  }
  return { units, values };
}

const ms = (x: number) => `${x.toFixed(1)} мс`;
const range = (x: { min: number; median: number }) => `${ms(x.min)} / ${ms(x.median)}`;
const m = benchMethodology();
console.log(
  `Ядер: ${availableParallelism()}, средняя загрузка за минуту ${loadavg()[0]?.toFixed(2)} ` +
    '(другие процессы на машине замедляют замеры). Минимум / медиана нескольких прогонов после разогрева.',
);

for (const n of [2_500, 20_000]) {
  const { units, values } = dataset(n);
  // 21 runs: on a shared machine the median of 11 still jumps with other processes' load.
  const plain = time(21, () => computeRating(m, { units, values }, { explain: false }));
  const full = time(21, () => computeRating(m, { units, values }));
  const naive = time(3, () => naiveRating(m, units, values, true));
  console.log(
    `Полный расчёт ${n} × ${INDICATORS}: с объяснениями ${range(full)} (без объяснений ${range(plain)}); ` +
      `наивная реализация с объяснениями ${range(naive)} — в ${(naive.median / full.median).toFixed(1)} раза медленнее (по медианам)`,
  );
  // The timed call computes every number of the explanations (effective weights,
  // strengths, weaknesses, improvements) into typed arrays; the per-unit objects of a
  // snapshot or an API answer are built from them afterwards, measured here apart.
  const rating = computeRating(m, { units, values });
  const e = rating.explanations;
  if (e) {
    const codes = units.map((u) => u.code);
    const indicatorCodes = rating.indicators.map((ind) => ind.code);
    const normalised = rating.indicators.map((ind) => ind.normalised);
    const filled = rating.indicators.map((ind) => ind.filled);
    const objects = time(3, () =>
      codes.map((_, i) => describeExplanation(e, codes, indicatorCodes, normalised, filled, i)),
    );
    console.log(
      `  Объяснения в замере выше — типизированные массивы, все числа уже вычислены; объекты по ` +
        `каждому муниципалитету (как в снимке и ответе API) строятся из них отдельно и в замер не входят: ` +
        `для всех ${n} — ${range(objects)}`,
    );
  }
}

const { units, values } = dataset(2_500);
const draws = 1_000;
// Worker threads stay up between runs (as in the server): start-up measured apart.
const startUp = performance.now();
const pool = new UncertaintyPool(2);
await pool.run(m, { units, values }, { draws: 2, seed: 1, chunk: 1 });
console.log(
  `Запуск 2 потоков (загрузка движка, 1 испытание в каждом): ${ms(performance.now() - startUp)}`,
);
const runs: number[] = [];
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  await pool.run(m, { units, values }, { draws, seed: 42 });
  runs.push(performance.now() - t);
}
runs.sort((a, b) => a - b);
console.log(
  `Монте-Карло ${draws} испытаний, 2500 × ${INDICATORS}, 2 потока, ${runs.length} прогона: ` +
    `${range({ min: runs[0] as number, median: runs[1] as number })}`,
);
await pool.close();
const inline = performance.now();
await runUncertainty(m, { units, values }, { draws, seed: 42, workers: 0 });
console.log(`Монте-Карло ${draws} испытаний в основном потоке: ${ms(performance.now() - inline)}`);
// The baseline is too slow for 1,000 draws: 20 draws, scaled up.
const sample = 20;
const t = performance.now();
for (let d = 0; d < sample; d++) naiveRating(m, units, values, false);
const perDraw = (performance.now() - t) / sample;
console.log(
  `Наивная реализация: ${ms(perDraw)} на испытание → ≈${ms(perDraw * draws)} на ${draws} (оценка по ${sample}, один поток)`,
);
