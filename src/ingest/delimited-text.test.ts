import { describe, expect, it } from 'vitest';
import { decodeText, looksMisdecoded } from './decode-text.js';
import { detectDelimiter, parseDelimitedText } from './delimited-text.js';

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, and Windows-1251 by exclusion', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xd0, 0x9e]))).toEqual({
      text: 'О',
      encoding: 'utf8',
      hadBom: true,
    });
    expect(decodeText(new Uint8Array([0xd0, 0x9e])).text).toBe('О');
    expect(decodeText(new Uint8Array([0xce, 0xcc, 0xd1, 0xd3]))).toEqual({
      text: 'ОМСУ',
      encoding: 'cp1251',
      hadBom: false,
    });
  });

  it('recognises UTF-8 read as Windows-1251, and KOI8-R', () => {
    const utf8AsCp1251 = decodeText(
      new TextEncoder().encode('Гайский городской округ'),
      'cp1251',
    ).text;
    expect(looksMisdecoded(utf8AsCp1251, 'cp1251')).toBe(true);
    expect(
      looksMisdecoded('Гайский городской округ; Бузулукский район; Илекский район', 'cp1251'),
    ).toBe(false);
    expect(
      looksMisdecoded(
        'гАЙСКИЙ ГОРОДСКОЙ ОКРУГ; бУЗУЛУКСКИЙ РАЙОН; иЛЕКСКИЙ РАЙОН; сАКМАРСКИЙ РАЙОН',
        'cp1251',
      ),
    ).toBe(true);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Таблица\nОМСУ;Значение\nг.Орск;0,313\nг.Бузулук;0,070\n', ';'],
    ['ОМСУ\tЗначение\nг.Орск\t0,313\n', '\t'],
    ['ОМСУ,Значение\nг.Орск,0.313\n', ','],
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('parseDelimitedText', () => {
  it('follows RFC 4180 with quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = 'a;b\r\n"x;y";"he said ""hi"""\r\n\r\n"two\r\nlines";3\r\n';
    expect(parseDelimitedText(text, { file: 'f.csv', quoting: true })).toEqual({
      delimiter: ';',
      problems: [],
      rows: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x;y', 'he said "hi"'] },
        { line: 4, cells: ['two lines', '3'] },
      ],
    });
  });

  it('reports a quote left open at the end of a cut file', () => {
    const result = parseDelimitedText('a;b\n"x;1\n', { file: 'cut.csv', quoting: true });
    expect(result.rows).toEqual([{ line: 1, cells: ['a', 'b'] }]);
    expect(result.problems).toEqual([
      {
        file: 'cut.csv',
        row: 2,
        column: null,
        message:
          'кавычка, открытая в этой строке, не закрыта до конца файла: файл, вероятно, обрезан',
      },
    ]);
  });

  it('keeps quotes as text and strips tags in pasted tables', () => {
    const rows = parseDelimitedText('<b>ЗАТО "Комаровский"</b>\t<b>85 199</b>', {
      file: '',
      delimiter: '\t',
      quoting: false,
    }).rows;
    expect(rows).toEqual([{ line: 1, cells: ['ЗАТО "Комаровский"', '85 199'] }]);
  });
});
