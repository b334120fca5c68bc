import { describe, expect, it } from 'vitest';
import {
  entryPeriodKind,
  entryPeriodLabel,
  formPeriodOf,
  previousEntryPeriod,
  storedPeriod,
} from './entry-period.js';

describe('entry periods', () => {
  it.each([
    ['2017-02', 'monthly', '2017-01', 'февраль 2017'],
    ['2017-01', 'monthly', '2016-12', 'январь 2017'],
    ['2017-Q1', 'quarterly', '2016-Q4', '1 квартал 2017'],
    ['2017-Q3', 'quarterly', '2017-Q2', '3 квартал 2017'],
    ['2022', 'annual', '2021', '2022 год'],
  ])('%s is %s, follows %s, reads «%s»', (period, kind, previous, label) => {
    expect(entryPeriodKind(period)).toBe(kind);
    expect(previousEntryPeriod(period)).toBe(previous);
    expect(entryPeriodLabel(period)).toBe(label);
  });

  it.each(['2017-13', '2017-00', '2017-Q5', '17', '2017-02-01', ''])('rejects «%s»', (p) =>
    expect(entryPeriodKind(p)).toBeNull(),
  );

  it('counts a stock on the first day of the next month, across the year end', () => {
    expect(storedPeriod('on_date', '2017-02')).toBe('2017-03-01');
    expect(storedPeriod('on_date', '2017-12')).toBe('2018-01-01');
    expect(storedPeriod('monthly', '2017-12')).toBe('2017-12');
  });
});

describe('formPeriodOf', () => {
  it.each([
    ['2017-03-01', '2017-02'],
    ['2018-01-01', '2017-12'],
    ['2017-02', '2017-02'],
    ['2017-Q1', '2017-Q1'],
    ['2022', '2022'],
    ['2017-03-15', '2017-03-15'],
  ])('%s belongs to the form of %s', (observation, form) => {
    expect(formPeriodOf(observation)).toBe(form);
  });
});
