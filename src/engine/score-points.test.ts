import { describe, expect, it } from 'vitest';
import type { PointScoring } from '../domain/methodology.js';
import { fromColumn, toColumn } from './column.js';
import { pointsFor, scorePoints } from './score-points.js';

const thresholds = [
  { value: 10, points: 1 },
  { value: 20, points: 3 },
  { value: 40, points: 4 },
];

describe('point scoring', () => {
  it.each([
    { x: 5, step: 0, linear: 0 },
    { x: 10, step: 1, linear: 1 },
    { x: 15, step: 1, linear: 2 },
    { x: 20, step: 3, linear: 3 },
    { x: 30, step: 3, linear: 3.5 },
    { x: 40, step: 4, linear: 4 },
    { x: 100, step: 4, linear: 4 },
  ])('$x → step $step, linear $linear', ({ x, step, linear }) => {
    expect(pointsFor(x, { mode: 'step', thresholds })).toBe(step);
    expect(pointsFor(x, { mode: 'linear', thresholds })).toBeCloseTo(linear, 12);
  });

  it('scores a column, missing stays missing; descending points express lower-is-better', () => {
    const fewerIsBetter: PointScoring = {
      mode: 'step',
      thresholds: [
        { value: 0, points: 5 },
        { value: 3, points: 2 },
        { value: 10, points: 0 },
      ],
    };
    expect(fromColumn(scorePoints(toColumn([0, 4, null, 12]), fewerIsBetter))).toEqual([
      5,
      2,
      null,
      0,
    ]);
  });
});
