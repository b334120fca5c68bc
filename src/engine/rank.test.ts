import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromColumn, toColumn } from './column.js';
import { rankChange, rankScores, rankWithinGroups } from './rank.js';

describe('rankScores', () => {
  it.each([
    { scores: [0.9, 0.5, 0.9, 0.1], competition: [1, 3, 1, 4], dense: [1, 2, 1, 3] },
    { scores: [3, 2, 2, 2, 1], competition: [1, 2, 2, 2, 5], dense: [1, 2, 2, 2, 3] },
    { scores: [null, 1, null], competition: [null, 1, null], dense: [null, 1, null] },
    { scores: [7], competition: [1], dense: [1] },
    { scores: [], competition: [], dense: [] },
  ])('$scores', ({ scores, competition, dense }) => {
    expect(fromColumn(rankScores(toColumn(scores)))).toEqual(competition);
    expect(fromColumn(rankScores(toColumn(scores), 'dense'))).toEqual(dense);
  });

  it('ranks within groups; units without a group get none', () => {
    const got = rankWithinGroups(toColumn([3, 2, 1, 5, null]), ['a', 'b', 'a', null, 'b']);
    expect(fromColumn(got)).toEqual([1, 1, 2, null, null]);
  });

  it('change of place: previous − current, new units null', () => {
    const got = rankChange(
      ['a', 'b', 'c'],
      toColumn([1, 2, null]),
      new Map([
        ['a', 3],
        ['b', 1],
        ['c', 2],
      ]),
    );
    expect(fromColumn(got)).toEqual([2, -1, null]);
    expect(fromColumn(rankChange(['new'], toColumn([1]), new Map()))).toEqual([null]);
  });

  it('property: a place is 1 + the number of strictly better scores', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null })), (xs) => {
        const ranks = rankScores(toColumn(xs));
        for (const [i, x] of xs.entries()) {
          if (x === null) expect(ranks[i]).toBeNaN();
          else expect(ranks[i]).toBe(1 + xs.filter((y) => y !== null && y > x).length);
        }
      }),
    );
  });
});
