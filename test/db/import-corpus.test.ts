import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { describeProblem } from '../../src/ingest/input-problem.js';
import {
  commitImport,
  ImportRejectedError,
  type ImportRequest,
} from '../../src/server/features/imports/import-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { cp1251, koi8r, utf8, xlsx } from '../support/import-fixtures.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

const HEADER = 'ОМСУ;Показатель;Период;Значение';
const csv = (...lines: string[]) => utf8(`${[HEADER, ...lines].join('\r\n')}\r\n`);
const GOOD = 'г.Бузулук;sed_signed_share;2022;91,5';

interface Case {
  name: string;
  request: () => Promise<Omit<ImportRequest, 'fileName'>> | Omit<ImportRequest, 'fileName'>;
  file?: string;
  message: RegExp;
  row: number | null;
  column: string | null;
}

/** Every malformed input, the problem a person must see (file · row · column), nothing written. */
const CASES: Case[] = [
  {
    name: 'пустой файл',
    request: () => ({ bytes: new Uint8Array() }),
    message: /файл пуст \(0 байт\)/,
    row: null,
    column: null,
  },
  {
    name: 'только пустые строки',
    request: () => ({ bytes: utf8('\r\n \r\n\t\r\n') }),
    message: /файл пуст/,
    row: null,
    column: null,
  },
  {
    name: 'только заголовок',
    request: () => ({ bytes: csv() }),
    message: /нет ни одной строки с данными/,
    row: null,
    column: null,
  },
  {
    name: 'Windows-1251, объявленный как UTF-8',
    request: () => ({ bytes: cp1251(`${HEADER}\r\n${GOOD}\r\n`), encoding: 'utf8' }),
    message: /не читается как UTF-8.*--encoding cp1251/,
    row: null,
    column: null,
  },
  {
    name: 'UTF-8, объявленный как Windows-1251',
    request: () => ({
      bytes: csv(GOOD, 'Бузулукский район;sed_signed_share;2022;88'),
      encoding: 'cp1251',
    }),
    message: /искажённый UTF-8/,
    row: null,
    column: null,
  },
  {
    name: 'кодировка KOI8-R',
    request: () => ({
      bytes: koi8r(
        `${HEADER}\r\nБузулукский район;sed_signed_share;2022;91\r\nИлекский район;sed_signed_share;2022;90\r\nСакмарский район;sed_signed_share;2022;80\r\n`,
      ),
    }),
    message: /KOI8-R/,
    row: null,
    column: null,
  },
  {
    name: 'не тот разделитель (указан «,»)',
    request: () => ({ bytes: csv(GOOD), delimiter: ',' }),
    message: /не найдена строка заголовка.*--delimiter/,
    row: null,
    column: null,
  },
  {
    name: 'не тот разделитель (указана табуляция)',
    request: () => ({ bytes: csv(GOOD), delimiter: '\t' }),
    message: /не найдена строка заголовка/,
    row: null,
    column: null,
  },
  {
    name: 'заголовок сдвинут на графу вправо',
    request: () => ({ bytes: utf8(`;${HEADER}\r\n${GOOD}\r\n`) }),
    message: /неизвестный показатель «2022»/,
    row: 2,
    column: 'Показатель',
  },
  {
    name: 'заголовок ниже 50 строк',
    request: () => ({ bytes: utf8(`${'Пояснение\r\n'.repeat(60)}${HEADER}\r\n${GOOD}\r\n`) }),
    message: /не найдена строка заголовка/,
    row: null,
    column: null,
  },
  {
    name: 'ОМСУ другого вида: муниципальный округ вместо городского',
    request: () => ({ bytes: csv(GOOD, 'Гайский муниципальный округ;sed_signed_share;2022;70') }),
    message:
      /неизвестное муниципальное образование «Гайский муниципальный округ»; ближайшие: «Гайский городской округ» \(gayskiy-go\)/,
    row: 3,
    column: 'ОМСУ',
  },
  {
    name: 'ОМСУ не из региона',
    request: () => ({ bytes: csv('Москва;sed_signed_share;2022;70') }),
    message: /неизвестное муниципальное образование «Москва»/,
    row: 2,
    column: 'ОМСУ',
  },
  {
    name: 'враждебное название <script>',
    request: () => ({ bytes: csv('<script>alert(1)</script>;sed_signed_share;2022;70') }),
    message: /^неизвестное муниципальное образование «alert\(1\)»/,
    row: 2,
    column: 'ОМСУ',
  },
  {
    name: 'формула-инъекция вместо названия',
    request: () => ({ bytes: csv(`=HYPERLINK("http://evil");sed_signed_share;2022;70`) }),
    message: /неизвестное муниципальное образование «=HYPERLINK/,
    row: 2,
    column: 'ОМСУ',
  },
  {
    name: 'повтор строки с другим значением',
    request: () => ({ bytes: csv(GOOD, 'город Бузулук;sed_signed_share;2022;92') }),
    message: /повтор: .* уже дано в строке 2 \(91\.5\), здесь другое \(92\)/,
    row: 3,
    column: 'Значение',
  },
  {
    name: 'текст в графе чисел',
    request: () => ({ bytes: csv('г.Бузулук;sed_signed_share;2022;девяносто') }),
    message: /«девяносто» — не число/,
    row: 2,
    column: 'Значение',
  },
  {
    name: 'процент больше 100',
    request: () => ({ bytes: csv('г.Бузулук;sed_signed_share;2022;101,5') }),
    message: /«101,5» — процент больше 100/,
    row: 2,
    column: 'Значение',
  },
  {
    name: 'знак % у показателя в людях',
    request: () => ({ bytes: csv('г.Бузулук;esia_new;2017-03;15%') }),
    message: /знак % у показателя «esia_new»/,
    row: 2,
    column: 'Значение',
  },
  {
    name: 'дробное количество людей',
    request: () => ({ bytes: csv('г.Бузулук;esia_new;2017-03;12,5') }),
    message: /ожидается целое число/,
    row: 2,
    column: 'Значение',
  },
  {
    name: 'отрицательное количество',
    request: () => ({ bytes: csv('г.Бузулук;esia_new;2017-03;-3') }),
    message: /меньше допустимого минимума 0/,
    row: 2,
    column: 'Значение',
  },
  {
    name: 'значение вне диапазона паспорта',
    request: () => ({ bytes: csv('г.Бузулук;rating_2016;2016-03;1,5') }),
    message: /больше допустимого максимума 1 для «rating_2016»/,
    row: 2,
    column: 'Значение',
  },
  {
    name: 'неизвестный показатель',
    request: () => ({ bytes: csv('г.Бузулук;esia_unknown;2017-03;5') }),
    message: /неизвестный показатель «esia_unknown»/,
    row: 2,
    column: 'Показатель',
  },
  {
    name: 'нераспознанный период',
    request: () => ({ bytes: csv('г.Бузулук;esia_new;2017-13;5') }),
    message: /период «2017-13» не распознан/,
    row: 2,
    column: 'Период',
  },
  {
    name: 'пустой период',
    request: () => ({ bytes: csv('г.Бузулук;esia_new;;5') }),
    message: /не указан период/,
    row: 2,
    column: 'Период',
  },
  {
    name: 'пустое название',
    request: () => ({ bytes: csv(';esia_new;2017-03;5') }),
    message: /не указано муниципальное образование/,
    row: 2,
    column: 'ОМСУ',
  },
  {
    name: 'обрезанная строка',
    request: () => ({ bytes: csv(GOOD, 'Бузулукский район;sed_signed_share;2022') }),
    message: /строка обрезана/,
    row: 3,
    column: 'Значение',
  },
  {
    name: 'файл обрезан внутри кавычек',
    file: 'cut.csv',
    request: () => ({
      bytes: utf8(`${HEADER}\r\n${GOOD}\r\n"Бузулукский район;sed_signed_share;2022;8`),
    }),
    message: /кавычка.*не закрыта.*обрезан/,
    row: 3,
    column: null,
  },
  {
    name: 'формула в CSV',
    request: () => ({ bytes: csv('г.Бузулук;sed_signed_share;2022;=B2*2') }),
    message: /в ячейке формула «=B2\*2»/,
    row: 2,
    column: 'Значение',
  },
  {
    name: 'старый формат XLS',
    file: 'old.xls',
    request: () => ({
      bytes: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    }),
    message: /XLS \(Excel 97–2003\) не поддерживается/,
    row: null,
    column: null,
  },
  {
    name: 'двоичный файл',
    request: () => ({ bytes: Uint8Array.from([1, 2, 0, 0, 5, 0x41, 0]) }),
    message: /не текстовый/,
    row: null,
    column: null,
  },
  {
    name: 'повреждённый XLSX',
    file: 'broken.xlsx',
    request: () => ({ bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]) }),
    message: /XLSX повреждён или обрезан/,
    row: null,
    column: null,
  },
  {
    name: 'формула в ячейке XLSX без сохранённого результата',
    file: 'formula.xlsx',
    request: async () => ({
      bytes: await xlsx([
        ['Отчёт СЭД за 2022 год'],
        [],
        ['ОМСУ', 'Показатель', 'Период', 'Значение'],
        ['г.Бузулук', 'sed_signed_share', '2022', { formula: '90+1' }],
      ]),
    }),
    message: /в ячейке формула «=90\+1» без сохранённого результата/,
    row: 4,
    column: 'Значение',
  },
  {
    name: 'нет такого листа XLSX',
    file: 'sheet.xlsx',
    request: async () => ({ bytes: await xlsx([['ОМСУ']], { sheet: 'Данные' }), sheet: 'Итоги' }),
    message: /нет листа «Итоги»; есть листы: «Данные»/,
    row: null,
    column: null,
  },
  {
    name: 'широкий формат без периода',
    request: () => ({ bytes: utf8('ОМСУ;sed_signed_share\r\nг.Бузулук;91\r\n'), format: 'wide' }),
    message: /не указан период значений/,
    row: null,
    column: null,
  },
  {
    name: 'нет сохранённого сопоставления',
    request: () => ({ bytes: csv(GOOD), mappingName: 'ЕСИА-выгрузка' }),
    message: /нет сохранённого сопоставления граф «ЕСИА-выгрузка»/,
    row: null,
    column: null,
  },
  {
    name: 'подтверждение с несуществующим кодом',
    request: () => ({
      bytes: csv(GOOD),
      aliases: [{ name: 'Гайский муниципальный округ', municipality: 'no-such-unit' }],
    }),
    message: /нет муниципального образования с кодом или ОКТМО «no-such-unit»/,
    row: null,
    column: null,
  },
];

describe.each(testDatabases())('malformed imports on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let regionId: number;
  let before: Record<string, string>;
  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    regionId = (await findRegionId(instance.handle.db, 'orenburg')) ?? -1;
    before = await fingerprintTables(instance.handle.db);
  });
  afterAll(async () => instance?.dispose());

  it(`has at least 30 cases (${CASES.length + 1} with the 50 MB file)`, () => {
    expect(CASES.length + 1).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name: a clear message, nothing written', async (c) => {
    const file = c.file ?? 'data.csv';
    const request = { fileName: file, ...(await c.request()) };
    const error = await commitImport(instance.handle.db, regionId, request, 'тест').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportRejectedError);
    const problems = (error as ImportRejectedError).problems;
    const hit = problems.find((p) => c.message.test(p.message));
    expect(hit, problems.map(describeProblem).join('\n')).toBeDefined();
    expect(hit?.row ?? null).toBe(c.row);
    expect(hit?.column ?? null).toBe(c.column);
    expect(hit?.file).toMatch(new RegExp(`^(${file}|сопоставление названий)$`));
    expect((error as ImportRejectedError).preview.summary).toMatch(/Ничего не записано/);
    expect(await fingerprintTables(instance.handle.db)).toEqual(before);
  });

  it('a 50 MB file with one bad value near its end: the row is named, nothing written', {
    timeout: 240_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'munirank-50mb-'));
    try {
      const units = ['г.Бузулук', 'Бузулукский район', 'Илекский район', 'Гайский городской округ'];
      const lines = [HEADER];
      const day = Date.UTC(1900, 0, 1);
      let size = 0;
      for (let n = 0; size < 50 * 1024 * 1024; n += 1) {
        const date = new Date(day + Math.floor(n / (units.length * 2)) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const line = `${units[Math.floor(n / 2) % units.length]};${n % 2 ? 'esia_new' : 'esia_total'};${date};${n % 9973}`;
        lines.push(line);
        size += Buffer.byteLength(line) + 1;
      }
      const badLine = lines.length - 2;
      lines[badLine] = lines[badLine]?.replace(/;\d+$/, ';двенадцать') ?? '';
      const path = join(dir, 'big.csv');
      writeFileSync(path, `${lines.join('\n')}\n`);
      const bytes = new Uint8Array(readFileSync(path));
      expect(bytes.length).toBeGreaterThanOrEqual(50 * 1024 * 1024);
      const error = await commitImport(
        instance.handle.db,
        regionId,
        { fileName: 'big.csv', bytes },
        'тест',
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportRejectedError);
      expect((error as ImportRejectedError).problems).toEqual([
        {
          file: 'big.csv',
          row: badLine + 1,
          column: 'Значение',
          message: '«двенадцать» — не число, а в графе должно быть число',
        },
      ]);
      expect(await fingerprintTables(instance.handle.db)).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
