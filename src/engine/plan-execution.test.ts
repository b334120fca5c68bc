import { describe, expect, it } from 'vitest';
import { computePlanExecution } from './plan-execution.js';

// Table 2 of the 2017 report (seed 000): inputs as printed; expected values worked out by hand.
const table2 = [
  {
    name: 'г.Бузулук',
    start: 7694,
    jan: 1010,
    feb: 1105,
    target: 14480,
    total: 10176,
    pop: 85199,
    inc: 6786,
    janPct: 178.603,
    febPct: 195.4023,
    ytd: 31.1671,
    reg: 11.9438,
    expected: 9809,
  },
  {
    name: 'Бузулукский район',
    start: 507,
    jan: 293,
    feb: 137,
    target: 5037,
    total: 887,
    pop: 30589,
    inc: 4530,
    janPct: 77.6159,
    febPct: 36.2914,
    ytd: 9.4923,
    reg: 2.8997,
    expected: 937,
  },
  {
    name: 'Гайский городской округ',
    start: 6635,
    jan: 502,
    feb: 713,
    target: 7783,
    total: 7872,
    pop: 46104,
    inc: 1148,
    janPct: 524.7387,
    febPct: 745.2962,
    ytd: 105.8362,
    reg: 17.0744,
    expected: 7850,
  },
  {
    name: 'Илекский район',
    start: 2572,
    jan: 171,
    feb: 195,
    target: 4024,
    total: 2938,
    pop: 24436,
    inc: 1452,
    janPct: 141.3223,
    febPct: 161.157,
    ytd: 25.2066,
    reg: 12.0232,
    expected: 2938,
  },
];

describe('computePlanExecution on Table 2', () => {
  it.each(table2)('$name', (row) => {
    const result = computePlanExecution({
      startOfYear: row.start,
      targetYearEnd: row.target,
      monthly: [
        { month: '2017-01', count: row.jan },
        { month: '2017-02', count: row.feb },
      ],
      totalToDate: row.total,
      population: row.pop,
    });
    expect(result.yearIncrement).toBe(row.inc);
    expect(result.monthlyPlan).toBeCloseTo(row.inc / 12, 10);
    expect(result.monthPercent[0]?.value).toBeCloseTo(row.janPct, 3);
    expect(result.monthPercent[1]?.value).toBeCloseTo(row.febPct, 3);
    expect(result.yearToDatePercent).toBeCloseTo(row.ytd, 3);
    expect(result.registeredPercent).toBeCloseTo(row.reg, 3);
    expect(result.expectedTotal).toBe(row.expected);
    expect(result.totalMismatch).toEqual(
      row.expected === row.total ? null : { reported: row.total, expected: row.expected },
    );
  });
});

describe('computePlanExecution with missing or degenerate inputs', () => {
  it('gives null, not zero or Infinity, when the target equals the start', () => {
    const r = computePlanExecution({
      startOfYear: 100,
      targetYearEnd: 100,
      monthly: [{ month: '2017-01', count: 5 }],
      totalToDate: 105,
      population: 0,
    });
    expect(r.yearIncrement).toBe(0);
    expect(r.monthPercent[0]?.value).toBeNull();
    expect(r.yearToDatePercent).toBeNull();
    expect(r.registeredPercent).toBeNull();
    expect(r.totalMismatch).toBeNull();
  });

  it('propagates a missing month to the year-to-date figure only', () => {
    const r = computePlanExecution({
      startOfYear: 0,
      targetYearEnd: 1200,
      monthly: [
        { month: '2017-01', count: 100 },
        { month: '2017-02', count: null },
      ],
      totalToDate: null,
      population: null,
    });
    expect(r.monthPercent.map((m) => m.value)).toEqual([100, null]);
    expect(r.yearToDatePercent).toBeNull();
    expect(r.expectedTotal).toBeNull();
    expect(r.registeredPercent).toBeNull();
  });
});
