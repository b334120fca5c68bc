import { describe, expect, it } from 'vitest';
import { parseRussianNumber } from './russian-number.js';

describe('parseRussianNumber', () => {
  it.each([
    ['85 199', 85199, false, 0],
    ['85\u00a0199', 85199, false, 0],
    ['85\u202f199', 85199, false, 0],
    ['0,574', 0.574, false, 3],
    ['178,60%', 178.6, true, 2],
    ['31,17', 31.17, false, 2],
    ['7694', 7694, false, 0],
    ['-3,5', -3.5, false, 1],
    ['0.5', 0.5, false, 1],
  ])('%s → %d', (raw, value, percentSign, decimals) => {
    expect(parseRussianNumber(raw)).toEqual({ ok: true, value, percentSign, decimals });
  });

  it.each(['', '-', '—', '  '])('%j is missing, not zero', (raw) => {
    expect(parseRussianNumber(raw)).toMatchObject({ ok: true, value: null });
  });

  it.each(['двенадцать', '12 апреля', '1,2,3', '12..5', '=SUM(A1)'])('%s is an error', (raw) => {
    const result = parseRussianNumber(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('не число');
  });
});
