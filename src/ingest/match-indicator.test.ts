import { describe, expect, it } from 'vitest';
import { indicatorKey } from './indicator-words.js';
import { buildIndicatorMatcher } from './match-indicator.js';
import type { IndicatorPassport } from './validate-value.js';

const passport = (id: number, code: string, name: string, unit: string): IndicatorPassport => ({
  id,
  code,
  name,
  unit,
  rangeMin: null,
  rangeMax: null,
  decimals: 1,
});
const matcher = buildIndicatorMatcher([
  passport(1, 'sed_signed_share', 'Доля документов, подписанных электронной подписью в СЭД', '%'),
  passport(2, 'sed_active_staff_share', 'Доля сотрудников, активно работающих в СЭД', '%'),
  passport(
    3,
    'rating_2016',
    'Значение показателя рейтинга ОМСУ (максимально возможное значение – 1)',
    'доля от 1',
  ),
]);

describe('buildIndicatorMatcher', () => {
  it.each([
    ['sed_signed_share', 'sed_signed_share'],
    ['Доля сотрудников, активно работающих в СЭД, %', 'sed_active_staff_share'],
    ['доля сотрудников активно работающих в СЭД (в %)', 'sed_active_staff_share'],
    ['Доля документов, подписанных ЭП в СЭД', 'sed_signed_share'],
    ['<b>Значение показателя рейтинга (максимально возможное значение – 1)</b>', 'rating_2016'],
  ])('%s → %s', (text, code) => {
    expect(matcher.match(text)?.code).toBe(code);
  });

  it('a header with fewer words is not guessed, but resembles its indicator, offered first', () => {
    expect(matcher.match('Доля документов, подписанных ЭП, %')).toBeNull();
    expect(matcher.resembles('Доля документов, подписанных ЭП, %')).toBe(true);
    expect(matcher.candidates('Доля документов, подписанных ЭП, %')[0]?.code).toBe(
      'sed_signed_share',
    );
  });

  it('a stated unit must agree; a column beside it with few shared words does not resemble', () => {
    expect(matcher.match('Доля документов, подписанных ЭП в СЭД, шт.')).toBeNull();
    expect(matcher.candidates('Доля документов, подписанных ЭП в СЭД, шт.')).toEqual([]);
    expect(matcher.resembles('Подписано ЭП')).toBe(false);
    expect(matcher.resembles('Место в рейтинге ОМСУ')).toBe(false);
  });

  it('keys a spelling by its words and unit, whatever their order and form', () => {
    expect(indicatorKey('Доля документов, подписанных ЭП, %')).toBe(
      indicatorKey('доля подписанных ЭЦП документов в %'),
    );
    expect(indicatorKey('Доля документов, подписанных ЭП, %')).not.toBe(
      indicatorKey('Доля документов, подписанных ЭП'),
    );
  });
});
