import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { computeRating } from '../../engine/compute-rating.js';
import { runUncertainty } from '../../server/workers/uncertainty-pool.js';
import { checkDataColumns } from '../check-data-columns.js';
import { readMethodologyFile } from '../read-methodology-file.js';
import { readRatingTable } from '../read-rating-table.js';
import { addOutputOptions, writeOutput } from '../write-output.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`«${value}» — ожидается целое неотрицательное число`);
  return n;
}

export function registerUncertaintyCommand(program: Command): void {
  addOutputOptions(
    program
      .command('uncertainty')
      .description(
        'Неопределённость мест (Монте-Карло): случайные возмущения весов и альтернативные ' +
          'нормировки и способы агрегирования; медиана места и диапазон 5–95 % для каждого ОМСУ',
      )
      .requiredOption('--data <файл>', 'таблица данных (как для compute)')
      .requiredOption('--methodology <файл>', 'методика (JSON)')
      .option('--draws <число>', 'число испытаний', positiveInteger, 1000)
      .option(
        '--seed <число>',
        'начальное значение генератора (результат воспроизводим)',
        positiveInteger,
        42,
      )
      .option(
        '--workers <число>',
        'число потоков (0 — в основном потоке)',
        positiveInteger,
        Math.min(2, availableParallelism()),
      )
      .option('--noise <доля>', 'разброс весов ε: вес × U(1 − ε, 1 + ε)', Number, 0.25)
      .option('--no-alternatives', 'не менять нормировку и агрегирование, только веса'),
  ).action(
    async (opts: {
      data: string;
      methodology: string;
      draws: number;
      seed: number;
      workers: number;
      noise: number;
      alternatives: boolean;
      format: 'csv' | 'json';
      output?: string;
      excel?: boolean;
    }) => {
      const m = readMethodologyFile(opts.methodology);
      const data = readRatingTable(opts.data);
      checkDataColumns(opts.data, m, data.columns);
      const base = computeRating(m, data, { explain: false });
      let lastShown = -1;
      const started = performance.now();
      const result = await runUncertainty(m, data, {
        draws: opts.draws,
        seed: opts.seed,
        workers: opts.workers,
        options: { weightNoise: opts.noise, alternatives: opts.alternatives },
        onProgress: (done, total) => {
          const percent = Math.floor((done / total) * 100);
          if (percent >= lastShown + 10 || done === total) {
            lastShown = percent;
            process.stderr.write(`Испытания: ${done} из ${total} (${percent} %)\n`);
          }
        },
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      process.stderr.write(
        `Готово за ${seconds} с, потоков: ${opts.workers}, seed ${opts.seed}.\n`,
      );
      const rows = base.units.map((u, i) => ({
        code: u.code,
        name: u.name,
        rank: u.rank,
        median: result.median[i] as number,
        p05: result.p05[i] as number,
        p95: result.p95[i] as number,
      }));
      writeOutput(rows, opts, {
        methodology: { code: m.code, version: m.version },
        draws: opts.draws,
        seed: opts.seed,
        noise: opts.noise,
        alternatives: opts.alternatives,
        units: rows,
      });
    },
  );
}
