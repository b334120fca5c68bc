import { describe, expect, it } from 'vitest';
import type { StoredMethodology } from '../../../src/server/features/rating/rating-schemas.js';
import { leafCodes, monthRatingPeriod, versionInForce } from './month-rating-period.js';

const registry = new Map([
  ['esia_total', 'on_date'],
  ['esia_per_1000', 'on_date'],
  ['esia_new', 'monthly'],
  ['population_share', 'annual'],
]);

describe('the period of a month’s rating, from the cycle', () => {
  it('is the first day after the month when the methodology reads a stock on a date', () => {
    expect(monthRatingPeriod('2017-04', ['esia_total'], registry)).toBe('2017-05-01');
    expect(monthRatingPeriod('2017-12', ['esia_new', 'esia_per_1000'], registry)).toBe(
      '2018-01-01',
    );
  });

  it('is the month for flows of the month, for unknown codes and for other periods', () => {
    expect(monthRatingPeriod('2017-04', ['esia_new'], registry)).toBe('2017-04');
    expect(monthRatingPeriod('2017-04', ['not_registered'], registry)).toBe('2017-04');
    expect(monthRatingPeriod('2017-04', [], registry)).toBe('2017-04');
    expect(monthRatingPeriod('2017', ['esia_total'], registry)).toBe('2017');
  });

  it('reads the leaves of a tree and the version in force in the month', () => {
    const tree = {
      kind: 'group',
      code: 'INDEX',
      children: [
        { kind: 'indicator', code: 'esia_new' },
        { kind: 'group', code: 'G', children: [{ kind: 'indicator', code: 'esia_total' }] },
      ],
    };
    expect(leafCodes(tree)).toEqual(['esia_new', 'esia_total']);
    const version = (v: string, effectiveFrom: string) =>
      ({ code: 'm', version: v, effectiveFrom }) as StoredMethodology;
    const stored = [version('1', '2016'), version('2', '2017-03'), version('3', '2017-05')];
    expect(versionInForce(stored, 'm', '2017-04')?.version).toBe('2');
    expect(versionInForce(stored, 'm', '2016-12')?.version).toBe('1');
    expect(versionInForce(stored, 'm', '2015-12')).toBeUndefined();
  });
});
