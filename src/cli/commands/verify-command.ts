import type { Command } from 'commander';
import { contentHash } from '../../db/content-hash.js';
import { canonicalJson } from '../../domain/canonical-json.js';
import type { RatingComputation } from '../../domain/rating-computation.js';
import { DIFFERENCE_SECTIONS, type DifferenceSection } from '../../engine/compare-computations.js';
import { checkComputation } from '../../engine/rating-computation.js';
import { unpackComputation } from '../../server/features/rating/stored-snapshot-content.js';
import { readJsonFile } from '../read-methodology-file.js';

interface Download {
  code?: string;
  contentHash?: string;
  methodology?: { code?: string; version?: string; contentHash?: string } | null;
  content?: { computation?: RatingComputation };
}

const SECTION_TITLES: Record<DifferenceSection, string> = {
  inputs: 'Исходные данные и методика (значения, веса, параметры)',
  scores: 'Баллы по уровням, от показателей к индексу, и места',
  explanations: 'Объяснения',
};

/** Lines shown per section; the count says how many there are in all. */
const SHOWN = 20;

/** Counts the numbers in a JSON value (what "every digit matches" covered). */
function countNumbers(value: unknown): number {
  if (typeof value === 'number') return 1;
  if (Array.isArray(value)) return value.reduce((s: number, v) => s + countNumbers(v), 0);
  if (value && typeof value === 'object') return countNumbers(Object.values(value));
  return 0;
}

/** The download's own fingerprints: of the content, and of the methodology it names. */
function checkHashes(snapshot: Download, computation: RatingComputation | undefined): string[] {
  const out: string[] = [];
  if (snapshot.contentHash !== undefined && snapshot.content !== undefined) {
    const actual = contentHash(canonicalJson(snapshot.content));
    if (actual !== snapshot.contentHash)
      out.push(
        `контрольная сумма содержимого ${actual} не совпадает с указанной ${snapshot.contentHash}`,
      );
  }
  const named = snapshot.methodology;
  if (computation && named?.contentHash) {
    const actual = contentHash(canonicalJson(computation.methodology));
    if (actual !== named.contentHash)
      out.push(
        `методика расчёта не совпадает с методикой «${named.code}» версии ${named.version}, ` +
          `указанной в снимке: контрольная сумма ${actual} вместо ${named.contentHash}`,
      );
  }
  return out;
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Пересчитать выгруженный снимок рейтинга (GET /api/snapshots/КОД/download или ' +
        'compute --snapshot) по его методике и исходным данным и сверить все числа до последней ' +
        'цифры; расхождения — сначала в исходных данных и методике, затем в баллах от показателей ' +
        'к индексу, затем в объяснениях',
    )
    .argument('<снимок>', 'файл снимка (JSON)')
    .action((file: string) => {
      const snapshot = readJsonFile(file) as Download;
      const stored = snapshot.content?.computation;
      const hashes = checkHashes(snapshot, stored);
      // Format /3 packs its columns: read back as arrays, as /2 has them (decision 0220).
      let computation: RatingComputation | undefined;
      try {
        computation = stored && unpackComputation(stored);
      } catch (error) {
        console.log(`Снимок ${snapshot.code ?? file} НЕ подтверждён: расчёт не прочитать.`);
        for (const p of [(error as Error).message, ...hashes]) console.log(`  ${p}`);
        process.exitCode = 1;
        return;
      }
      if (!computation) {
        console.error(
          `Снимок ${snapshot.code ?? file} не содержит расчёта (рейтинг перенесён из документа): пересчитывать нечего.`,
        );
        process.exitCode = 1;
        return;
      }
      const name = snapshot.code ? `«${snapshot.code}»` : file;
      const check = checkComputation(computation, SHOWN);
      if (!check.ok) {
        console.log(`Снимок ${name} НЕ подтверждён: расчёт не выполнить.`);
        for (const p of [...check.refused, ...hashes]) console.log(`  ${p}`);
        process.exitCode = 1;
        return;
      }
      const { total, bySection, listed } = check.comparison;
      if (total === 0 && hashes.length === 0) {
        console.log(
          `Снимок ${name} подтверждён: пересчёт по методике и исходным данным совпал до последней цифры ` +
            `(${countNumbers(computation)} чисел).`,
        );
        return;
      }
      const summary = DIFFERENCE_SECTIONS.filter((s) => bySection[s] > 0).map(
        (s) => `${SECTION_TITLES[s].toLowerCase()} — ${bySection[s]}`,
      );
      if (hashes.length > 0) summary.push(`контрольные суммы — ${hashes.length}`);
      console.log(
        `Снимок ${name} НЕ подтверждён, расхождений: ${total + hashes.length} (${summary.join('; ')}).`,
      );
      for (const s of DIFFERENCE_SECTIONS) {
        if (bySection[s] === 0) continue;
        console.log(`${SECTION_TITLES[s]} — ${bySection[s]}:`);
        for (const line of listed[s]) console.log(`  ${line}`);
        if (bySection[s] > listed[s].length)
          console.log(`  … и ещё ${bySection[s] - listed[s].length}`);
      }
      if (hashes.length > 0) {
        console.log(`Контрольные суммы — ${hashes.length}:`);
        for (const h of hashes) console.log(`  ${h}`);
      }
      process.exitCode = 1;
    });
}
