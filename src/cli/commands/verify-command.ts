import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { contentHash } from '../../db/content-hash.js';
import { canonicalJson } from '../../domain/canonical-json.js';
import type { RatingComputation } from '../../domain/rating-computation.js';
import { verifyComputation } from '../../engine/rating-computation.js';

interface Download {
  code?: string;
  contentHash?: string;
  content?: { computation?: RatingComputation };
}

/** Counts the numbers in a JSON value (what "every digit matches" covered). */
function countNumbers(value: unknown): number {
  if (typeof value === 'number') return 1;
  if (Array.isArray(value)) return value.reduce((s: number, v) => s + countNumbers(v), 0);
  if (value && typeof value === 'object') return countNumbers(Object.values(value));
  return 0;
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Пересчитать выгруженный снимок рейтинга (GET /api/snapshots/КОД/download) по его методике ' +
        'и исходным данным и сверить все числа до последней цифры',
    )
    .argument('<снимок>', 'файл снимка (JSON)')
    .action((file: string) => {
      const snapshot = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Download;
      const problems: string[] = [];
      if (snapshot.contentHash !== undefined && snapshot.content !== undefined) {
        const actual = contentHash(canonicalJson(snapshot.content));
        if (actual !== snapshot.contentHash)
          problems.push(
            `контрольная сумма содержимого ${actual} не совпадает с указанной ${snapshot.contentHash}`,
          );
      }
      const computation = snapshot.content?.computation;
      if (!computation) {
        console.error(
          `Снимок ${snapshot.code ?? file} не содержит расчёта (рейтинг перенесён из документа): пересчитывать нечего.`,
        );
        process.exitCode = 1;
        return;
      }
      problems.push(...verifyComputation(computation));
      const name = snapshot.code ? `«${snapshot.code}»` : file;
      if (problems.length === 0) {
        console.log(
          `Снимок ${name} подтверждён: пересчёт по методике и исходным данным совпал до последней цифры ` +
            `(${countNumbers(computation)} чисел).`,
        );
        return;
      }
      console.log(`Снимок ${name} НЕ подтверждён, расхождения (${problems.length}):`);
      for (const p of problems) console.log(`  ${p}`);
      process.exitCode = 1;
    });
}
