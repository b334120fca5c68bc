import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, looksMisdecoded } from './decode-text.js';
import {
  type Delimiter,
  detectDelimiter,
  indexDelimitedText,
  parseDelimitedText,
} from './delimited-text.js';
import { stripMarkup } from './strip-markup.js';

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

/** The splitter as it was written first, per line and per cell with regexes: the model. */
function splitLinesModel(text: string, delimiter: Delimiter) {
  const rows: { line: number; cells: string[] }[] = [];
  text.split('\n').forEach((whole, k) => {
    const raw = whole.endsWith('\r') ? whole.slice(0, -1) : whole;
    if (raw.trim() === '') return;
    const cells = raw
      .split(delimiter)
      .map((c) => (/[<&\t\r\n]| {2}/.test(c) ? stripMarkup(c) : c.trim()));
    rows.push({ line: k + 1, cells });
  });
  return rows;
}

describe('parseDelimitedText without quotes', () => {
  const piece = fc.constantFrom(
    ...['а', 'b', '7', ',', '5', ' ', '  ', '\u00a0', '\t', '\r', '\r\n', '\n', ';', '<b>', '</b>'],
    ...['&amp;', '&', '<', '\u2009', 'г.Орск', 'ind_1', '2017-03', '\u3000', '\ufeff'],
  );
  const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

  it.each([';', '\t', ','] as Delimiter[])(
    'cuts the same cells as splitting each line (%j)',
    (delimiter) => {
      fc.assert(
        fc.property(text, (t) => {
          const source = t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
          expect(parseDelimitedText(t, { file: 'f', delimiter, quoting: false }).rows).toEqual(
            splitLinesModel(source, delimiter),
          );
        }),
        { numRuns: 5000 },
      );
    },
  );

  it.each([
    [';', true],
    ['\t', false],
  ] as [Delimiter, boolean][])(
    'gives the same rows when asked for in any order, again and again (%j)',
    (delimiter, quoting) => {
      const withQuotes = fc.array(fc.oneof(piece, fc.constant('"')), { maxLength: 60 });
      fc.assert(
        fc.property(
          withQuotes.map((parts) => parts.join('')),
          fc.array(fc.nat(), { maxLength: 30 }),
          (t, picks) => {
            const options = { file: 'f', delimiter, quoting };
            const eager = parseDelimitedText(t, options).rows;
            const lazy = indexDelimitedText(t, options).rows;
            expect(lazy.length).toBe(eager.length);
            for (const pick of picks) {
              const index = eager.length === 0 ? pick : pick % (eager.length + 1);
              expect(lazy.at(index)).toEqual(eager[index]);
              expect(lazy.at(index)).toEqual(eager[index]);
            }
          },
        ),
        { numRuns: 3000 },
      );
    },
  );

  it('gives a cell repeated from the row above as the same text', () => {
    const rows = parseDelimitedText('г.Орск;1\nг.Орск ;2\n<b>г.Орск</b>;3\n', {
      file: 'f',
      delimiter: ';',
      quoting: true,
    }).rows;
    expect(rows.map((r) => r.cells)).toEqual([
      ['г.Орск', '1'],
      ['г.Орск', '2'],
      ['г.Орск', '3'],
    ]);
  });
});
