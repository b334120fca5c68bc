import { describe, expect, it } from 'vitest';
import { parsePeriod } from './parse-period.js';
import { checkValue, type IndicatorPassport } from './validate-value.js';

const percent: IndicatorPassport = {
  id: 1,
  code: 'sed_signed_share',
  name: 'Доля',
  unit: '%',
  rangeMin: 0,
  rangeMax: 100,
  decimals: 1,
};
const people: IndicatorPassport = {
  id: 2,
  code: 'esia_new',
  name: 'Регистрации',
  unit: 'чел.',
  rangeMin: 0,
  rangeMax: null,
  decimals: 0,
};
const rating: IndicatorPassport = {
  id: 3,
  code: 'rating_2016',
  name: 'Рейтинг',
  unit: 'доля от 1',
  rangeMin: 0,
  rangeMax: 1,
  decimals: 3,
};

describe('checkValue', () => {
  it.each([
    ['85 199', people, 85199],
    ['85\u202f199', people, 85199],
    ['0,574', rating, 0.574],
    ['99,1%', percent, 99.1],
    ['31,17', percent, 31.17],
    ['—', people, null],
    ['-', people, null],
    ['', percent, null],
  ])('%j is %j', (raw, indicator, value) => {
    expect(checkValue(raw, indicator)).toEqual({ ok: true, value });
  });

  it.each([
    ['178,60%', percent, '«178,60%» — процент больше 100'],
    ['двенадцать', people, '«двенадцать» — не число, а в графе должно быть число'],
    ['12,5', people, '«12,5» — ожидается целое число (чел.)'],
    ['15%', people, '«15%» — знак % у показателя «esia_new», который измеряется в «чел.»'],
    ['1,2', rating, '«1,2» больше допустимого максимума 1 для «rating_2016»'],
    ['-1', people, '«-1» меньше допустимого минимума 0 для «esia_new»'],
  ])('%j is refused', (raw, indicator, message) => {
    expect(checkValue(raw, indicator)).toEqual({ ok: false, message });
  });

  it('refuses a formula instead of trusting it', () => {
    expect(checkValue('=SUM(B2:B5)', people)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^в ячейке формула «=SUM\(B2:B5\)»/),
    });
  });
});

describe('parsePeriod', () => {
  it.each([
    ['2017', '2017'],
    ['2017 год', '2017'],
    ['2017-03', '2017-03'],
    ['03.2017', '2017-03'],
    ['март 2017', '2017-03'],
    ['Май 2017 г.', '2017-05'],
    ['01.03.2017', '2017-03-01'],
    ['2017-q1', '2017-Q1'],
    ['I квартал 2017', '2017-Q1'],
    ['2017-13', null],
    ['31.02.2017', null],
    ['вчера', null],
  ])('%j → %j', (raw, period) => {
    expect(parsePeriod(raw)).toBe(period);
  });
});
