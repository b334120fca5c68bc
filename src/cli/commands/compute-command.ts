import type { Command } from 'commander';
import type { MethodologyNode } from '../../domain/methodology.js';
import { computeRating } from '../../engine/compute-rating.js';
import { checkDataColumns } from '../check-data-columns.js';
import { writeOfflineSnapshot } from '../offline-snapshot.js';
import { DETAILS, type Detail, ratingDetail } from '../rating-detail.js';
import { readMethodologyFile } from '../read-methodology-file.js';
import { readRatingTable } from '../read-rating-table.js';
import { addOutputOptions, writeOutput } from '../write-output.js';

/** Node codes in tree order: the index, then each dimension followed by what it contains. */
function nodeCodes(node: MethodologyNode): string[] {
  return node.kind === 'indicator' ? [node.code] : [node.code, ...node.children.flatMap(nodeCodes)];
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new Error(`дата «${value}»: ожидается ГГГГ-ММ-ДД`);
  return value;
}

function parseDetail(value: string): Detail {
  if (!(DETAILS as readonly string[]).includes(value))
    throw new Error(`таблица «${value}»: допустимы ${DETAILS.join(', ')}`);
  return value as Detail;
}

export function registerComputeCommand(program: Command): void {
  addOutputOptions(
    program
      .command('compute')
      .description(
        'Рассчитать рейтинг по файлам, без базы данных: одна строка на ОМСУ с баллами всех узлов ' +
          'методики (показатели после обработки и нормировки, направления, индекс) и местом; ' +
          'если методика делит ОМСУ на группы — с группой и местом в группе',
      )
      .requiredOption(
        '--data <файл>',
        'таблица данных (CSV: «;», «,» или табуляция; код ОМСУ, название, показатели)',
      )
      .requiredOption('--methodology <файл>', 'методика (JSON)')
      .option(
        '--detail <таблица>',
        'вместо результата — промежуточная таблица: weights (веса всех узлов: доля в родителе и ' +
          'эффективный вес в индексе), imputed (после восстановления пропусков), treated (после ' +
          'обработки выбросов), treatment (что сделала обработка выбросов: асимметрия и эксцесс до ' +
          'и после, винсоризованные точки, логарифм), normalised (нормированные баллы), aggregates ' +
          '(баллы, места и доля данных направлений и индекса) или all (всё одним JSON, с ' +
          'эффективными весами показателей у каждого ОМСУ)',
        parseDetail,
      )
      .option(
        '--snapshot <файл>',
        'записать ещё и проверяемый снимок (JSON как выгрузка опубликованного снимка: методика, ' +
          'исходные данные, все промежуточные значения, объяснения, контрольная сумма) — ' +
          'проверка: munirank verify ФАЙЛ',
      )
      .option('--code <код>', 'код снимка (по умолчанию — код и версия методики)')
      .option('--period <период>', 'период снимка (по умолчанию — начало действия методики)')
      .option(
        '--as-of <дата>',
        'дата данных снимка ГГГГ-ММ-ДД (по умолчанию — сегодня)',
        parseDate,
      ),
  ).action(
    async (opts: {
      data: string;
      methodology: string;
      format: 'csv' | 'json';
      output?: string;
      excel?: boolean;
      detail?: Detail;
      snapshot?: string;
      code?: string;
      period?: string;
      asOf?: string;
    }) => {
      const m = readMethodologyFile(opts.methodology);
      const data = readRatingTable(opts.data);
      checkDataColumns(opts.data, m, data.columns);
      const result = computeRating(m, data, {
        explain: opts.detail === 'all' || opts.snapshot !== undefined,
      });
      if (opts.snapshot) {
        await writeOfflineSnapshot(opts.snapshot, m, data, result, {
          dataFile: opts.data,
          code: opts.code,
          period: opts.period,
          asOf: opts.asOf ?? new Date().toISOString().slice(0, 10),
        });
      }
      if (opts.detail) {
        const detail = ratingDetail(m, result, opts.detail);
        if (Array.isArray(detail)) writeOutput(detail, opts);
        else writeOutput([], { ...opts, format: 'json' }, detail);
        return;
      }
      const scores = new Map<string, Float64Array>([
        ...result.nodes.map((n) => [n.code, n.scores] as const),
        ...result.indicators.map((ind) => [ind.code, ind.normalised] as const),
      ]);
      const codes = nodeCodes(m.tree);
      // Groups from the methodology's bands or from the data (COINr's *_group columns).
      const grouped = m.grouping !== undefined || data.units.some((u) => u.group != null);
      const rows = result.units.map((u, i) => {
        const row: Record<string, string | number | null> = { code: u.code, name: u.name };
        for (const code of codes) {
          const v = scores.get(code)?.[i];
          row[code] = v === undefined || Number.isNaN(v) ? null : v;
        }
        row.rank = u.rank;
        if (grouped) {
          row.group = u.group;
          row.group_rank = u.groupRank;
        }
        return row;
      });
      const json = {
        methodology: { code: m.code, version: m.version },
        units: result.units.map((u, i) => ({
          code: u.code,
          name: u.name,
          rank: u.rank,
          ...(grouped ? { group: u.group, groupRank: u.groupRank } : {}),
          scores: Object.fromEntries(
            codes.map((c) => [c, (rows[i] as Record<string, unknown>)[c]]),
          ),
          reasons: u.reasons,
        })),
        ...(m.screening ? { screened: result.screened } : {}),
      };
      writeOutput(rows, opts, json);
      for (const u of result.units) {
        if (u.score === null) console.error(`${u.code}: нет оценки — ${u.reasons.join('; ')}`);
      }
    },
  );
}
