// `npm run bench engine` (with engine-bench.ts): the whole path a user waits for with
// `munirank compute --snapshot` — a data file read, the rating computed with explanations, the
// stored content built (explanations as columns, numeric columns packed), its hash, the
// bundle written — beside the engine alone, measured in the same run, for 2,500 × 60 and
// 20,000 × 60 (POST /api/ratings: engine-store-bench.ts). Goal: under 150 ms and under 1 s end to end. Prints figures; asserts nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDataColumns } from '../src/cli/check-data-columns.js';
import { writeOfflineSnapshot } from '../src/cli/offline-snapshot.js';
import { readMethodologyFile } from '../src/cli/read-methodology-file.js';
import { readRatingTable } from '../src/cli/read-rating-table.js';
import { contentHash } from '../src/db/content-hash.js';
import { computeRating } from '../src/engine/compute-rating.js';
import { drawRandom } from '../src/engine/prng.js';
import { computedSnapshotBytes } from '../src/server/features/rating/stored-snapshot-content.js';
import { benchMethodology, INDICATORS, time, timeAsync } from './bench-index.js';

/** A data file as a user has it: `;`, decimal commas, 1 % empty cells. */
function dataFile(n: number): string {
  const random = drawRandom(2024, n);
  const header = ['код', 'наименование', ...Array.from({ length: INDICATORS }, (_, k) => `I${k}`)];
  const lines = [header.join(';')];
  for (let i = 0; i < n; i += 1) {
    const cells = [`u${i}`, `ОМСУ ${i}`];
    for (let k = 0; k < INDICATORS; k += 1)
      cells.push(random() < 0.01 ? '' : (random() * 100).toFixed(3).replace('.', ','));
    lines.push(cells.join(';'));
  }
  return `${lines.join('\n')}\n`;
}

const ms = (x: number) => `${x.toFixed(1)} мс`;
const range = (x: { min: number; median: number }) => `${ms(x.min)} / ${ms(x.median)}`;
const dir = mkdtempSync(join(tmpdir(), 'munirank-path-bench-'));
const methodologyFile = join(dir, 'm.json');
writeFileSync(methodologyFile, JSON.stringify(benchMethodology()));
console.log('Путь compute --snapshot: минимум / медиана нескольких прогонов после разогрева.');

for (const [n, runs] of [
  [2_500, 9],
  [20_000, 3],
] as const) {
  const dataPath = join(dir, `data-${n}.csv`);
  writeFileSync(dataPath, dataFile(n));
  const out = join(dir, `snapshot-${n}.json`);
  const m = readMethodologyFile(methodologyFile);
  const data = readRatingTable(dataPath);
  const engine = time(runs, () => computeRating(m, data));
  const read = time(runs, () => {
    const table = readRatingTable(dataPath);
    checkDataColumns(dataPath, m, table.columns);
  });
  const result = computeRating(m, data);
  // The stored bytes straight from the engine's columns (format /3: packed, no rows).
  const content = await timeAsync(runs, () => computedSnapshotBytes(m, data, result));
  const { bytes } = await computedSnapshotBytes(m, data, result);
  const hashed = time(runs, () => contentHash(bytes));
  const whole = await timeAsync(runs, async () => {
    const mm = readMethodologyFile(methodologyFile);
    const table = readRatingTable(dataPath);
    checkDataColumns(dataPath, mm, table.columns);
    const r = computeRating(mm, table);
    await writeOfflineSnapshot(out, mm, table, r, { dataFile: dataPath, asOf: '2024-12-31' });
  });
  console.log(
    `${n} × ${INDICATORS}: весь путь compute --snapshot ${range(whole)}; движок с объяснениями ` +
      `отдельно ${range(engine)} (${((100 * engine.median) / whole.median).toFixed(0)} % пути). ` +
      `Части: чтение файла ${range(read)}, содержимое снимка (столбцы расчёта, упакованные, в ` +
      `каноническом JSON, ${(bytes.length / 1e6).toFixed(1)} МБ в UTF-8, с хешем, который ` +
      `поток считает, пока они пишутся) ${range(content)}; SHA-256 тех же байтов в одном ` +
      `потоке ${range(hashed)}; ` +
      `остальное — запись файла.`,
  );
}
rmSync(dir, { recursive: true, force: true });
