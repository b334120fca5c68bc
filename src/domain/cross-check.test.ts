import { describe, expect, it } from 'vitest';
import { ageInDays, compareValues, toleranceProblems } from './cross-check.js';

const none = { absolute: null, relativePercent: null };

describe('compareValues', () => {
  it.each([
    // report, extract, tolerance, flagged — 125 / 10 176 = 1,228 %
    [10176, 10301, { absolute: null, relativePercent: 1 }, true],
    [10176, 10301, { absolute: null, relativePercent: 2 }, false],
    [10176, 10301, { absolute: 125, relativePercent: null }, false],
    [10176, 10301, { absolute: 124, relativePercent: null }, true],
    [10176, 10301, { absolute: 124, relativePercent: 2 }, false],
    [10176, 10301, none, true],
    [10176, 10176, none, false],
    [0, 5, { absolute: null, relativePercent: 100 }, true],
    [null, 5, { absolute: 1000, relativePercent: 100 }, true],
    [null, null, none, false],
  ] as const)('report %s, extract %s, tolerance %o: flagged %s', (r, e, t, flagged) => {
    expect(compareValues(r, e, t).flagged).toBe(flagged);
  });

  it('measures the difference against the report', () => {
    const d = compareValues(10176, 10301, none);
    expect(d.difference).toBe(125);
    expect(d.relativePercent).toBeCloseTo(1.22838, 5);
    expect(compareValues(0, 5, none).relativePercent).toBeNull();
  });
});

describe('toleranceProblems', () => {
  it('names each bad field and accepts the bounds', () => {
    expect(toleranceProblems({ absolute: -1, relativePercent: 100.5 }).map((p) => p.field)).toEqual(
      ['absolute', 'relativePercent'],
    );
    expect(toleranceProblems({ absolute: 0, relativePercent: 100 })).toEqual([]);
    expect(toleranceProblems({ absolute: null, relativePercent: null })).toEqual([]);
  });
});

describe('ageInDays', () => {
  it('counts whole days and never goes below zero', () => {
    expect(ageInDays('2017-04-01T10:00:00Z', new Date('2017-04-03T09:59:59Z'))).toBe(1);
    expect(ageInDays('2017-04-05T00:00:00Z', new Date('2017-04-03T00:00:00Z'))).toBe(0);
  });
});
