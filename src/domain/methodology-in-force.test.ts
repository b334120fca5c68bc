import { describe, expect, it } from 'vitest';
import { firstMonthOf, versionInForce } from './methodology-in-force.js';

const versions = [
  { version: '1', effectiveFrom: '2016' },
  { version: '2', effectiveFrom: '2017-05' },
  { version: '3', effectiveFrom: '2017-05' },
];

describe('versionInForce', () => {
  it.each([
    ['2016-03-01', '1'],
    ['2017-04', '1'],
    ['2017-Q1', '1'],
    ['2017-05', '3'],
    ['2017-Q2', '1'],
    ['2018', '3'],
  ])('period %s → version %s', (period, version) => {
    expect(versionInForce(versions, period)?.version).toBe(version);
  });
  it('is null before the first version', () => {
    expect(versionInForce(versions, '2015-12')).toBeNull();
  });
  it('reads every period form', () => {
    expect(['2017', '2017-Q3', '2017-08-15'].map(firstMonthOf)).toEqual([
      '2017-01',
      '2017-07',
      '2017-08',
    ]);
  });
});
