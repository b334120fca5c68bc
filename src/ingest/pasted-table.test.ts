import { describe, expect, it } from 'vitest';
import { parsePastedTable } from './pasted-table.js';
import { stripMarkup } from './strip-markup.js';

describe('stripMarkup', () => {
  it.each([
    ['<b>Первомайский район</b>', 'Первомайский район'],
    ['<b>0,272</b>', '0,272'],
    ['( <a href="http://gosuslugi.ru">http://gosuslugi.ru</a> )', '( http://gosuslugi.ru )'],
    ['Рога &amp; копыта', 'Рога & копыта'],
    ['5 &lt; 6', '5 < 6'],
    ['a < b and c > d', 'a < b and c > d'],
  ])('%s → %s', (raw, clean) => {
    expect(stripMarkup(raw)).toBe(clean);
  });
});

describe('parsePastedTable', () => {
  it('skips blank lines, keeps line numbers and strips tags in every cell', () => {
    const text =
      'Место\tОМСУ\tЗначение\n26\t<b>Гайский городской округ</b>\t<b>0,124</b>\n\n<b>27</b>\t<b>Ясненский городской округ</b>\t<b>0,119</b>\n';
    expect(parsePastedTable(text)).toEqual({
      header: ['Место', 'ОМСУ', 'Значение'],
      rows: [
        { line: 2, cells: ['26', 'Гайский городской округ', '0,124'] },
        { line: 4, cells: ['27', 'Ясненский городской округ', '0,119'] },
      ],
    });
  });
});
