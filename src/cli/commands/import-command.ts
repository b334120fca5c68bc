import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { Value } from 'typebox/value';
import { readConfig } from '../../config.js';
import { migrateToLatest } from '../../db/migrate.js';
import { findRegionId } from '../../db/repositories/region-repository.js';
import { ColumnMapping } from '../../domain/import-mapping.js';
import type { ImportPreview } from '../../domain/import-preview.js';
import type { TextEncodingName } from '../../ingest/decode-text.js';
import type { Delimiter } from '../../ingest/delimited-text.js';
import { describeProblem, InputError } from '../../ingest/input-problem.js';
import type { ImportFileKind } from '../../ingest/read-import-table.js';
import {
  commitImport,
  type ImportProgress,
  ImportRejectedError,
  type ImportRequest,
  previewImport,
} from '../../server/features/imports/import-service.js';
import { cliAuditContext, cliUsername } from '../cli-audit-context.js';
import { describeDatabase, openConfiguredDatabase } from '../open-configured-database.js';

interface ImportOptions {
  dryRun?: boolean;
  sheet?: string;
  delimiter?: string;
  encoding?: string;
  format?: string;
  type?: string;
  period?: string;
  mapping?: string;
  saveMapping?: string;
  sourceSystem?: string;
  author?: string;
  alias: string[];
  indicatorAlias: string[];
  dataDir?: string;
}

const fail = (message: string): never => {
  throw new InputError([{ file: 'командная строка', row: null, column: null, message }]);
};

function choice<T extends string>(
  value: string | undefined,
  allowed: Record<string, T>,
  flag: string,
) {
  if (value === undefined) return undefined;
  const hit = allowed[value.toLowerCase()];
  return (
    hit ??
    fail(`${flag}: недопустимое значение «${value}»; допустимо: ${Object.keys(allowed).join(', ')}`)
  );
}

function buildRequest(file: string, opts: ImportOptions): ImportRequest {
  const stdin = file === '-';
  if (!stdin && !existsSync(file)) fail(`файл «${file}» не найден`);
  const bytes = new Uint8Array(readFileSync(stdin ? 0 : file));
  let mapping: ColumnMapping | undefined;
  let mappingName: string | undefined;
  if (opts.mapping && /\.json$/i.test(opts.mapping) && existsSync(opts.mapping)) {
    const parsed: unknown = JSON.parse(readFileSync(opts.mapping, 'utf8'));
    if (!Value.Check(ColumnMapping, parsed))
      fail(
        `${opts.mapping}: это не сопоставление граф (нужны format, unitColumn и графы значений)`,
      );
    mapping = parsed as ColumnMapping;
  } else mappingName = opts.mapping;
  return {
    fileName: stdin ? 'вставленный текст' : basename(file),
    bytes,
    kind: choice<ImportFileKind>(
      opts.type ?? (stdin ? 'text' : undefined),
      { csv: 'csv', xlsx: 'xlsx', text: 'text' },
      '--type',
    ),
    encoding: choice<TextEncodingName>(
      opts.encoding,
      { utf8: 'utf8', 'utf-8': 'utf8', cp1251: 'cp1251', 'windows-1251': 'cp1251' },
      '--encoding',
    ),
    delimiter: choice<Delimiter>(
      opts.delimiter,
      { ';': ';', ',': ',', tab: '\t', '\t': '\t', '\\t': '\t' },
      '--delimiter',
    ),
    sheet: opts.sheet,
    format: choice(opts.format, { long: 'long', wide: 'wide' } as const, '--format'),
    period: opts.period,
    mapping,
    mappingName,
    saveMappingAs: opts.saveMapping,
    sourceSystem: opts.sourceSystem,
    aliases: opts.alias.map((a) => {
      const [name, municipality] = splitConfirmation(a, '--alias', 'название=код ОМСУ');
      return { name, municipality };
    }),
    indicatorAliases: opts.indicatorAlias.map((a) => {
      const [name, indicator] = splitConfirmation(
        a,
        '--indicator-alias',
        'заголовок=код показателя',
      );
      return { name, indicator };
    }),
  };
}

/** `name=code`, split at the last `=` (a header may itself hold one). */
function splitConfirmation(text: string, flag: string, shape: string): [string, string] {
  const at = text.lastIndexOf('=');
  if (at <= 0) fail(`${flag} «${text}»: ожидается "${shape}"`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

const number = (v: number) => v.toLocaleString('ru-RU', { maximumFractionDigits: 6 });

/** The reference data of an import preview (population, targets, start values), if any. */
function printReferencePreview(r: ImportPreview['reference'], log: (line: string) => void): void {
  if (r.insert + r.update + r.unchanged === 0) return;
  log(
    `Справочные данные: добавить: ${number(r.insert)}; изменить: ${number(r.update)}; без изменений: ${number(r.unchanged)}`,
  );
  for (const c of r.changes)
    log(
      `  строка ${c.row}: ${c.municipality.name} · ${c.label} · ${c.year}: ${c.oldValue === null ? '—' : number(c.oldValue)} → ${number(c.newValue)}`,
    );
}

export function printPreview(p: ImportPreview, log: (line: string) => void = console.log): void {
  log(`Файл: ${p.fileName} (${p.readAs}), ${number(p.size)} байт, SHA-256 ${p.sha256}`);
  if (p.sourceSystem) log(`Источник: ${p.sourceSystem}`);
  if (p.headerRow !== null) log(`Строка заголовка: ${p.headerRow}`);
  for (const c of p.columns)
    log(`Графа «${c.column}» → ${c.indicator.name}${c.period ? ` (${c.period})` : ''}`);
  if (p.ignoredColumns.length > 0)
    log(`Не используются графы: ${p.ignoredColumns.map((c) => `«${c}»`).join(', ')}`);
  if (p.totalRows.length > 0)
    log(
      `Строки итогов пропущены: ${p.totalRows.map((t) => `строка ${t.row} «${t.name}»`).join(', ')}`,
    );
  if (p.formulaValues.count > 0)
    log(
      `Значений из формул: ${number(p.formulaValues.count)} — взят результат, сохранённый в файле (${p.formulaValues.cells.map((c) => `строка ${c.row}, графа «${c.column}»`).join('; ')}${p.formulaValues.count > p.formulaValues.cells.length ? '; …' : ''})`,
    );
  const c = p.counts;
  log(
    `Значений: ${number(c.valuesRead)}; добавить: ${number(c.insert)}; изменить: ${number(c.update)}; без изменений: ${number(c.unchanged)}; пустых ячеек: ${number(c.missing)}; ошибок: ${number(c.problems)}`,
  );
  printReferencePreview(p.reference, log);
  if (p.updates.length > 0) {
    log(
      `Изменения (было → станет)${c.update > p.updates.length ? `, первые ${p.updates.length}` : ''}:`,
    );
    for (const u of p.updates)
      log(
        `  строка ${u.row}: ${u.municipality.name} · ${u.indicatorName} · ${u.period}: ${u.oldValue === null ? '—' : number(u.oldValue)} → ${number(u.newValue)}`,
      );
  }
  for (const u of p.unknownIndicators)
    log(
      `Показатель не опознан: «${u.name}»; ближайшие: ${u.candidates.map((c) => `«${c.name}» (${c.code})`).join(', ') || 'нет'}. Подтвердите: --indicator-alias "${u.name}=код"`,
    );
  if (p.problems.length > 0) {
    log('Ошибки (файл, строка, графа: что не так):');
    for (const problem of p.problems) log(`  ${describeProblem(problem)}`);
  }
  log(p.summary);
}

function progressPrinter(): (p: ImportProgress) => void {
  let last = 0;
  let phase = '';
  return (p) => {
    const now = Date.now();
    const edge = p.done === 0 || p.done === p.total || p.phase !== phase;
    if (!edge && now - last < 200) return;
    last = now;
    phase = p.phase;
    process.stderr.write(`${p.phase}: ${number(p.done)} из ${number(p.total)}\n`);
  };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .usage('[параметры] <ФАЙЛ>')
    .argument(
      '<ФАЙЛ>',
      'CSV, XLSX или текст с табуляциями (- — прочитать вставленный текст из stdin)',
    )
    .description(
      'Импортировать значения показателей и справочные данные (численность населения, целевые значения и значения на начало года): сначала предпросмотр (добавить / изменить / без изменений и все ошибки с файлом, строкой и графой), затем запись одной транзакцией — всё или ничего',
    )
    .option('--dry-run', 'только предпросмотр, ничего не записывать')
    .option(
      '--type <тип>',
      'тип файла: csv, xlsx, text (вставленный текст); по умолчанию — по содержимому и имени',
    )
    .option('--sheet <имя>', 'лист книги XLSX (по умолчанию первый непустой)')
    .option('--delimiter <знак>', "разделитель CSV: ';', ',' или tab (по умолчанию определяется)")
    .option('--encoding <кодировка>', 'кодировка: utf8 или cp1251 (по умолчанию определяется)')
    .option(
      '--format <формат>',
      'long — строка на значение (ОМСУ, показатель, период, значение); wide — графа на показатель',
    )
    .option(
      '--period <период>',
      'период значений, если в таблице его нет: 2017, 2017-03, 2017-Q1, 01.03.2017',
    )
    .option('--mapping <имя|файл.json>', 'сопоставление граф: имя сохранённого или JSON-файл')
    .option('--save-mapping <имя>', 'сохранить использованное сопоставление под этим именем')
    .option('--source-system <система>', 'система-источник: ЕСИА, ИС СОУ, СЭД, ПОС…')
    .option('--author <имя>', 'автор импорта (по умолчанию имя пользователя ОС)')
    .option(
      '--alias <название=код>',
      'подтвердить, что название означает ОМСУ с этим кодом или ОКТМО (сохраняется для следующих импортов; можно повторять)',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .option(
      '--indicator-alias <заголовок=код>',
      'подтвердить, что заголовок графы или название означает показатель с этим кодом (сохраняется для следующих импортов; можно повторять)',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .option('--data-dir <каталог>', 'каталог встроенной базы SQLite (по умолчанию ./data)')
    .addHelpText(
      'after',
      `
Примеры:
  munirank import esia-2017-03.csv --dry-run --source-system ЕСИА
  munirank import table1.txt --format wide --period 2016-03 --mapping table1.json --save-mapping "Таблица 1"
  munirank import otchet.xlsx --sheet "Лист1" --alias "Гайский муниципальный округ=gayskiy-go"
  munirank import sed.csv --indicator-alias "Доля документов, подписанных ЭП, %=sed_signed_share"
  munirank import naselenie.csv --period 2017   (графа «Численность населения»)

Справочные данные распознаются сами: в широкой таблице — графы «Численность населения»,
«Численность экономически активного населения», «Целевое значение <код показателя>»,
«Значение на начало года <код показателя>»; в длинной — показатели population,
econ_active_14_72, target:<код показателя>, start:<код показателя>. Они хранятся по годам;
значение на начало года — при целевом значении того же года (в базе или в том же файле).

Код выхода: 0 — записано или изменений нет; 1 — есть ошибки, ничего не записано.`,
    )
    .action(async (file: string, opts: ImportOptions) => {
      const request = buildRequest(file, opts);
      const handle = openConfiguredDatabase(readConfig({ dataDir: opts.dataDir }));
      try {
        console.log(`База данных: ${describeDatabase(handle)}`);
        await migrateToLatest(handle.db);
        const config = readConfig({ dataDir: opts.dataDir });
        const regionId = await findRegionId(handle.db, config.regionCode);
        if (regionId === null)
          fail(
            `регион «${config.regionCode}» не найден в базе данных: загрузите реестр (munirank demo load)`,
          );
        const run = {
          context: cliAuditContext(),
          onProgress: progressPrinter(),
          previewLimit: 20,
          chunkDelayMs: Number(process.env.MUNIRANK_IMPORT_CHUNK_DELAY_MS ?? 0),
        };
        if (opts.dryRun) {
          const preview = await previewImport(handle.db, regionId as number, request, run);
          printPreview(preview);
          if (preview.counts.problems > 0) process.exitCode = 1;
          else console.log('Предпросмотр: ничего не записано (--dry-run).');
          return;
        }
        const author = opts.author ?? `${cliUsername()} (командная строка)`;
        try {
          const result = await commitImport(handle.db, regionId as number, request, author, run);
          printPreview(result.preview);
          console.log(
            result.outcome === 'committed'
              ? `Записано: пакет импорта №${result.batchId} (добавлено ${number(result.preview.counts.insert)}, изменено ${number(result.preview.counts.update)}).`
              : 'Ничего не записано: изменений нет.',
          );
        } catch (error) {
          if (!(error instanceof ImportRejectedError)) throw error;
          printPreview(error.preview);
          process.exitCode = 1;
        }
      } finally {
        await handle.close();
      }
    });
}
