import { describe, expect, it } from 'vitest';
import { changeShare, isJump } from './reference-data.js';

describe('jumps of reference data from the previous year', () => {
  it.each([
    [100_000, 130_000, 0.3],
    [100_000, 70_000, 0.3],
    [72_400, 72_400, 0],
    [null, 1000, null],
    [1000, null, null],
    [0, 1000, null],
  ])('changeShare(%s, %s) = %s', (previous, value, share) => {
    expect(changeShare(previous, value)).toBe(share);
  });

  it.each([
    [100_000, 125_000, 0.25, false],
    [100_000, 125_001, 0.25, true],
    [100_000, 74_999, 0.25, true],
    [100_000, 110_000, 0.05, true],
    [null, 5, 0.25, false],
  ])('isJump(%s, %s, %s) = %s', (previous, value, threshold, jump) => {
    expect(isJump(previous, value, threshold)).toBe(jump);
  });
});
