import { describe, expect, it } from 'vitest';
import { parsePeriod } from './parse-period.js';
import { type PeriodColumn, periodPart, readPeriodCells } from './period-cells.js';

const column = (index: number, label: string): PeriodColumn => ({
  index,
  label,
  part: periodPart(label),
});

describe('readPeriodCells', () => {
  it.each([
    ['Период', '2022', '2022'],
    ['Отчётный период', 'март 2017', '2017-03'],
    ['Дата', '01.03.2017', '2017-03-01'],
    ['Период', '2017-03', '2017-03'],
    ['Период', 'I квартал 2017', '2017-Q1'],
    ['Период', '1 кв. 2017', '2017-Q1'],
    ['Отчётный период', 'за 2022 год', '2022'],
    // Excel stores a typed «март 2017» as the date 01.03.2017; the header says it is a month.
    ['Месяц', '2017-03-01', '2017-03'],
    ['Год', '2022-01-01', '2022'],
    ['Квартал', '2017-04-01', '2017-Q2'],
  ])('«%s» = %s → %s', (label, text, expected) => {
    expect(readPeriodCells([column(0, label)], [text], parsePeriod)).toEqual({
      ok: true,
      period: expected,
    });
  });

  it.each([
    ['3', '2017-03'],
    ['март', '2017-03'],
    ['12', '2017-12'],
  ])('«Год» 2017 beside «Месяц» %s → %s', (month, expected) => {
    const columns = [column(1, 'Год'), column(2, 'Месяц')];
    expect(readPeriodCells(columns, ['г.Орск', '2017', month], parsePeriod)).toEqual({
      ok: true,
      period: expected,
    });
  });

  it('«Год» beside «Квартал» II → the second quarter', () => {
    const columns = [column(0, 'Квартал'), column(1, 'Год')];
    expect(readPeriodCells(columns, ['II', '2017'], parsePeriod)).toEqual({
      ok: true,
      period: '2017-Q2',
    });
  });

  it('names the column of a period it cannot read, and is null for empty cells', () => {
    const columns = [column(0, 'Год'), column(1, 'Месяц')];
    expect(readPeriodCells(columns, ['2017', '13'], parsePeriod)).toEqual({
      ok: false,
      column: 'Месяц',
      text: '13',
    });
    expect(readPeriodCells(columns, ['', ''], parsePeriod)).toBeNull();
  });
});
