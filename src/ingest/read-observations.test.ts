import { describe, expect, it } from 'vitest';
import { DEFAULT_LONG_MAPPING } from '../domain/import-mapping.js';
import { parseDelimitedText } from './delimited-text.js';
import { buildMunicipalityMatcher } from './match-municipality.js';
import { readObservations } from './read-observations.js';

const units = [
  { code: 'orsk', name: 'г.Орск', oktmo: null, aliases: [] },
  { code: 'gay', name: 'Гайский городской округ', oktmo: null, aliases: [] },
];
const indicator = {
  id: 7,
  code: 'ind_1',
  name: 'Показатель',
  unit: 'чел.',
  rangeMin: 0,
  rangeMax: null,
  decimals: 0,
};
const text = [
  'ОМСУ;Показатель;Период;Значение',
  'г.Орск;ind_1;2017;85 199',
  'Гайский городской округ;ind_1;2017;12',
  'г.Орск;ind_1;2017;85199',
  'город Орск;ind_1;2017;85 200',
  'Гайский городской округ;ind_1;2018;13',
  'Гайский городской округ;ind_1;2017;14',
].join('\n');

describe('readObservations: duplicates', () => {
  // Small ids keep each indicator × period in an array by unit id; an id far beyond the
  // budget sends every slot to a map. Both must find the same duplicates.
  it.each([
    ['arrays', 2],
    ['maps', 9_000_000],
  ])('are found the same way with %s', (_, gayId) => {
    const table = { file: 'f.csv', ...parseDelimitedText(text, { file: 'f.csv', quoting: true }) };
    const read = readObservations(table, DEFAULT_LONG_MAPPING, {
      matcher: buildMunicipalityMatcher(units),
      unitIds: new Map([
        ['orsk', 1],
        ['gay', gayId],
      ]),
      indicators: [indicator],
    });
    expect(read.values.map((v) => [v.row, v.municipalityId, v.period, v.value])).toEqual([
      [2, 1, '2017', 85199],
      [3, gayId, '2017', 12],
      [6, gayId, '2018', 13],
    ]);
    expect(read.problems).toEqual([
      {
        file: 'f.csv',
        row: 5,
        column: 'Значение',
        message:
          'повтор: значение для этого ОМСУ, показателя «ind_1» и периода 2017 уже дано в строке 2 (85199), здесь другое (85200)',
      },
      {
        file: 'f.csv',
        row: 7,
        column: 'Значение',
        message:
          'повтор: значение для этого ОМСУ, показателя «ind_1» и периода 2017 уже дано в строке 3 (12), здесь другое (14)',
      },
    ]);
  });
});
