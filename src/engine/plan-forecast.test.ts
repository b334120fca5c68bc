import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeExecution, forecastYearEnd, planStatus } from './plan-forecast.js';

describe('year-end forecast', () => {
  it('extends the seed months of г.Бузулук linearly: (1 010 + 1 105) / 2 × 12', () => {
    const f = forecastYearEnd({ monthly: [1010, 1105], lastYear: [], yearIncrement: 6786 });
    expect(f).toMatchObject({
      linear: 12_690,
      seasonalNaive: null,
      method: 'linear',
      value: 12_690,
    });
    expect(f.percentOfPlan).toBeCloseTo((12_690 / 6786) * 100, 9);
    expect(f.status).toBe('on-track');
  });

  it('judges Бузулукский район off track: 2 580 of 4 530 is 56.95 %', () => {
    const f = forecastYearEnd({ monthly: [293, 137], lastYear: [], yearIncrement: 4530 });
    expect(f.value).toBe(2580);
    expect(f.status).toBe('off-track');
  });

  it('adds last year’s remaining months for the seasonal-naive forecast and prefers it', () => {
    const lastYear = [100, 100, 50, 50, 50, 50, 50, 50, 50, 50, 50, 400];
    const f = forecastYearEnd({ monthly: [200, 300], lastYear, yearIncrement: 1000 });
    expect(f.linear).toBe(3000);
    expect(f.seasonalNaive).toBe(500 + 9 * 50 + 400);
    expect(f).toMatchObject({ method: 'seasonal-naive', value: 1350, percentOfPlan: 135 });
  });

  it('falls back to linear when a remaining month of last year is missing', () => {
    const lastYear = [1, 1, 1, null, 1, 1, 1, 1, 1, 1, 1, 1];
    const f = forecastYearEnd({ monthly: [10, 10, 10], lastYear, yearIncrement: 100 });
    expect(f).toMatchObject({ seasonalNaive: null, method: 'linear', value: 120 });
  });

  it('gives no forecast when a month so far has no value', () => {
    const f = forecastYearEnd({ monthly: [10, null], lastYear: [], yearIncrement: 100 });
    expect(f).toMatchObject({ linear: null, value: null, status: null });
  });

  it('forecasts rate × 12 for any constant monthly rate, with either method', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (rate, months, withLastYear) => {
          const f = forecastYearEnd({
            monthly: Array(months).fill(rate),
            lastYear: withLastYear ? Array(12).fill(rate) : [],
            yearIncrement: 1000,
          });
          expect(f.value).toBe(rate * 12);
          expect(f.linear).toBe(rate * 12);
        },
      ),
    );
  });
});

describe('plan status', () => {
  it.each([
    [100, 'on-track'],
    [99.999, 'at-risk'],
    [80, 'at-risk'],
    [79.99, 'off-track'],
    [null, null],
  ] as const)('%s %% → %s', (percent, status) => {
    expect(planStatus(percent)).toBe(status);
  });
});

describe('cumulative execution', () => {
  it('accumulates the months so far against an even twelfth of the plan', () => {
    const series = cumulativeExecution([1010, 1105], 6786);
    expect(series[0]).toEqual({ month: 1, actual: 1010, plan: 565.5 });
    expect(series[1]).toEqual({ month: 2, actual: 2115, plan: 1131 });
    expect(series[2]).toEqual({ month: 3, actual: null, plan: 1696.5 });
    expect(series[11]?.plan).toBe(6786);
  });
});
