import type { Command } from 'commander';
import { simulateMethodologyChange } from '../../engine/simulate-methodology.js';
import { checkDataColumns } from '../check-data-columns.js';
import { readMethodologyFile } from '../read-methodology-file.js';
import { readRatingTable } from '../read-rating-table.js';
import { addOutputOptions, writeOutput } from '../write-output.js';

export function registerSimulateCommand(program: Command): void {
  addOutputOptions(
    program
      .command('simulate')
      .description(
        'Симулятор методики по файлам, без базы данных: одни и те же данные по действующей ' +
          '(--against) и новой (--methodology) методикам; для каждого ОМСУ место по каждой и ' +
          'сдвиг (rank_before − rank_after: больше нуля — поднимается)',
      )
      .requiredOption('--data <файл>', 'таблица данных (как для compute)')
      .requiredOption('--methodology <файл>', 'новая (проверяемая) методика, JSON')
      .requiredOption('--against <файл>', 'действующая методика, с которой сравнивать, JSON'),
  ).action(
    (opts: {
      data: string;
      methodology: string;
      against: string;
      format: 'csv' | 'json';
      output?: string;
      excel?: boolean;
    }) => {
      const after = readMethodologyFile(opts.methodology);
      const before = readMethodologyFile(opts.against);
      const data = readRatingTable(opts.data);
      checkDataColumns(opts.data, before, data.columns);
      checkDataColumns(opts.data, after, data.columns);
      const shifts = simulateMethodologyChange(before, after, data);
      const rows = shifts.map((s) => ({
        code: s.code,
        name: s.name,
        rank_before: s.rankBefore,
        rank_after: s.rankAfter,
        shift: s.shift,
        score_before: s.scoreBefore,
        score_after: s.scoreAfter,
      }));
      writeOutput(rows, opts, {
        before: { code: before.code, version: before.version, file: opts.against },
        after: { code: after.code, version: after.version, file: opts.methodology },
        units: shifts,
      });
    },
  );
}
