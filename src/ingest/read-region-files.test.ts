import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { describeProblem } from './input-problem.js';
import { readImportTable } from './read-import-table.js';
import { readIndicatorFile } from './read-indicator-file.js';
import { readRegistryFile } from './read-registry-file.js';

/** Windows-1251 bytes of a text in Russian letters and ASCII. */
function cp1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (c) => {
    const code = c.codePointAt(0) as number;
    if (code < 0x80) return code;
    if (c === 'ё') return 0xb8;
    if (c === 'Ё') return 0xa8;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    throw new Error(`not in the test's Windows-1251 subset: ${c}`);
  });
}

const table = async (file: string, bytes: Uint8Array) =>
  (await readImportTable(bytes, { file })).table;
const messages = (problems: Parameters<typeof describeProblem>[0][]) =>
  problems.map(describeProblem);

describe('readRegistryFile', () => {
  it('reads a Windows-1251 CSV with kinds in words, aliases and groups', async () => {
    const csv =
      'Наименование;Вид;ОКТМО;Другие написания;Группы\r\n' +
      'Городской округ Северный;Городской округ;99 701 000;ГО Северный; Города \r\n' +
      'Озёрный район;муниципальный район;99603000001;Озёрный МР;Районы;Юг\r\n';
    const { units, problems } = readRegistryFile(await table('units.csv', cp1251(csv)));
    expect(problems).toEqual([]);
    expect(units).toEqual([
      {
        line: 2,
        code: 'gorodskoy-okrug-severnyy',
        name: 'Городской округ Северный',
        kind: 'city_okrug',
        oktmo: '99701000',
        aliases: ['ГО Северный'],
        groups: ['Города'],
      },
      {
        line: 3,
        code: 'ozernyy-rayon',
        name: 'Озёрный район',
        kind: 'municipal_district',
        oktmo: '99603000001',
        aliases: ['Озёрный МР'],
        groups: ['Районы'],
      },
    ]);
  });

  it('reads an XLSX sheet in any column order, «Код ОКТМО» stored as a number', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Реестр');
    sheet.addRow(['Код ОКТМО', 'Код', 'Наименование', 'Вид']);
    sheet.addRow([99801000, 'zato-1', 'Закрытый город', 'ЗАТО']);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const { units, problems } = readRegistryFile(await table('units.xlsx', bytes));
    expect(problems).toEqual([]);
    expect(units).toMatchObject([{ code: 'zato-1', kind: 'zato', oktmo: '99801000' }]);
  });

  it('names every bad row and column', async () => {
    const csv = [
      'Наименование;Вид;ОКТМО',
      'Северный;сельское поселение;99701000',
      ';городской округ;99702000',
      'Южный;городской округ;99701000',
      'Западный;городской округ;',
    ].join('\n');
    const { units, problems } = readRegistryFile(
      await table('units.csv', new TextEncoder().encode(csv)),
    );
    expect(messages(problems)).toEqual([
      'units.csv, строка 2, графа «Вид»: «сельское поселение» — не вид муниципального образования; допустимы «городской округ», «муниципальный район», «муниципальный округ», «город», «ЗАТО»',
      'units.csv, строка 3, графа «Наименование»: не указано наименование',
      'units.csv, строка 4, графа «ОКТМО»: код ОКТМО «99701000» уже указан в строке 2',
      'units.csv, строка 5, графа «ОКТМО»: не указан код ОКТМО',
    ]);
    expect(units).toEqual([]);
  });

  it('refuses a file without the OKTMO column', async () => {
    const { problems } = readRegistryFile(
      await table('units.csv', new TextEncoder().encode('Наименование;Вид\nСеверный;город\n')),
    );
    expect(messages(problems)).toEqual([
      'units.csv, строка 1, графа «ОКТМО»: нет графы «ОКТМО» в строке заголовка',
    ]);
  });
});

describe('readIndicatorFile', () => {
  const HEADER =
    'Код;Наименование;Единица;Направление;Периодичность;Источник;Знаков после запятой;Минимум;Максимум;Формула';
  const read = async (...rows: string[]) =>
    readIndicatorFile(
      await table('indicators.csv', new TextEncoder().encode([HEADER, ...rows].join('\n'))),
    );

  it('reads passports with Russian numbers and a formula', async () => {
    const { indicators, problems } = await read(
      'online_share;Доля онлайн;%;больше - лучше;ежемесячно;ЕПГУ;1;0;99,5;',
      'per_1000;На 1000 жителей;чел.;Меньше — лучше;ежегодно;ЕСИА;2;;;online_share / population * 1000',
    );
    expect(problems).toEqual([]);
    expect(indicators).toEqual([
      {
        line: 2,
        code: 'online_share',
        name: 'Доля онлайн',
        unit: '%',
        direction: 'higher_better',
        periodicity: 'monthly',
        source_system: 'ЕПГУ',
        decimals: 1,
        range_min: 0,
        range_max: 99.5,
        formula: null,
      },
      {
        line: 3,
        code: 'per_1000',
        name: 'На 1000 жителей',
        unit: 'чел.',
        direction: 'lower_better',
        periodicity: 'annual',
        source_system: 'ЕСИА',
        decimals: 2,
        range_min: null,
        range_max: null,
        formula: 'online_share / population * 1000',
      },
    ]);
  });

  it('names every bad cell', async () => {
    const { indicators, problems } = await read(
      'Share;Доля;%;выше;каждый месяц;ЕПГУ;1,5;100;0;',
      'share;Доля;%;больше — лучше;ежемесячно;;1;;;(share',
    );
    expect(messages(problems)).toEqual([
      'indicators.csv, строка 2, графа «Код»: «Share» не подходит: строчная латинская буква, затем буквы, цифры и «_»',
      'indicators.csv, строка 2, графа «Направление»: «выше»: укажите «больше — лучше» или «меньше — лучше»',
      'indicators.csv, строка 2, графа «Периодичность»: «каждый месяц»: укажите «ежемесячно», «ежеквартально», «ежегодно» или «на дату»',
      'indicators.csv, строка 2, графа «Знаков после запятой»: «1,5» — не целое число от 0 до 10',
      'indicators.csv, строка 2, графа «Максимум»: максимум 0 меньше минимума 100',
      'indicators.csv, строка 3, графа «Источник»: графа не заполнена',
      expect.stringMatching(/^indicators\.csv, строка 3, графа «Формула»: /),
    ]);
    expect(indicators).toEqual([]);
  });
});
