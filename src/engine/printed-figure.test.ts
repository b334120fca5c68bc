import { describe, expect, it } from 'vitest';
import { comparePrinted } from './printed-figure.js';
import { roundHalfAwayFromZero } from './rounding.js';

describe('roundHalfAwayFromZero', () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-2.5, 0, -3],
    [0.5745, 3, 0.575],
    [178.60296, 2, 178.6],
    [11.94379, 2, 11.94],
  ])('%d at %d decimals is %d', (value, decimals, expected) => {
    expect(roundHalfAwayFromZero(value, decimals)).toBe(expected);
  });
});

describe('comparePrinted', () => {
  it.each([
    // Table 2, г.Бузулук: January 1010 / 565.5
    [178.6029, 178.6, 2, 'match'],
    // Гайский городской округ: 502 / (1148 / 12) printed as 524,81 %
    [524.7387, 524.81, 2, 'differs'],
    // Бузулукский район: 293 / 377.5 = 77.6159, printed 77,61 %
    [77.6159, 77.61, 2, 'differs'],
    [2.8997, 2.9, 2, 'match'],
    [5, null, 2, 'not-printed'],
    [null, 5, 2, 'not-computable'],
  ] as const)('%s vs printed %s', (computed, printed, decimals, expected) => {
    expect(comparePrinted(computed, printed, decimals)).toBe(expected);
  });
});
