import { describe, expect, it } from 'vitest';
import { formatDateRu, formatMonthRu, monthPhraseRu } from './russian-date-format.js';
import { formatNumberRu, formatPercentRu } from './russian-number-format.js';

describe('Russian formats', () => {
  it.each([
    ['2016-03-01', '01.03.2016'],
    ['не дата', 'не дата'],
  ])('formatDateRu(%s) = %s', (input, expected) => {
    expect(formatDateRu(input)).toBe(expected);
  });

  it('names months', () => {
    expect(formatMonthRu('2017-01')).toBe('январь 2017');
    expect(monthPhraseRu('2017-02')).toBe('февраль 2017 года');
    expect(monthPhraseRu('2017')).toBe('2017');
  });

  it.each([
    [0.574, 3, '0,574'],
    [0.07, 3, '0,070'],
    [85199, 0, '85\u00a0199'],
    [524.7387, 2, '524,74'],
    [-50, 0, '-50'],
    [null, 2, '—'],
  ])('formatNumberRu(%s, %d) = %s', (value, decimals, expected) => {
    expect(formatNumberRu(value, decimals)).toBe(expected);
  });

  it('adds a percent sign after a no-break space', () => {
    expect(formatPercentRu(178.603, 2)).toBe('178,60\u00a0%');
    expect(formatPercentRu(null, 2)).toBe('—');
  });
});
