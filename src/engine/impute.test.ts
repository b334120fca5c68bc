import { describe, expect, it } from 'vitest';
import { fromColumn, toColumn } from './column.js';
import { imputeGroupMean, imputeLastObservation, imputeMean } from './impute.js';

describe('imputeMean', () => {
  it.each([
    { x: [1, null, 3], want: [1, 2, 3], flags: [0, 1, 0] },
    { x: [null, null], want: [null, null], flags: [0, 0] },
    { x: [4], want: [4], flags: [0] },
    { x: [], want: [], flags: [] },
  ])('$x', ({ x, want, flags }) => {
    const r = imputeMean(toColumn(x));
    expect(fromColumn(r.values)).toEqual(want);
    expect([...r.imputed]).toEqual(flags);
  });
});

describe('imputeGroupMean', () => {
  it('uses the group, then the overall mean when the group has nothing', () => {
    // group a: mean 2; group b: no data → overall mean (1 + 3 + 8) / 3 = 4; no group → 4
    const x = toColumn([1, 3, null, null, null, 8]);
    const r = imputeGroupMean(x, ['a', 'a', 'a', 'b', null, 'c']);
    expect(fromColumn(r.values)).toEqual([1, 3, 2, 4, 4, 8]);
    expect([...r.imputed]).toEqual([0, 0, 1, 1, 1, 0]);
  });
});

describe('imputeLastObservation', () => {
  it('carries the most recent earlier value forward', () => {
    const history = [toColumn([1, 2, 3]), toColumn([4, null, null])];
    const r = imputeLastObservation(toColumn([null, null, 9]), history);
    expect(fromColumn(r.values)).toEqual([4, 2, 9]);
    expect([...r.imputed]).toEqual([1, 1, 0]);
  });

  it('leaves a unit missing without history', () => {
    expect(fromColumn(imputeLastObservation(toColumn([null]), []).values)).toEqual([null]);
  });
});
