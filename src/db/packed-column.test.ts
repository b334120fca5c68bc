import { describe, expect, it } from 'vitest';
import { packColumn, unpackColumn } from './packed-column.js';

describe('packColumn / unpackColumn', () => {
  it('gives every double back bit for bit, null for NaN and null', () => {
    const back = unpackColumn(
      packColumn([1.5, null, Number.NaN, -0, 0, Number.POSITIVE_INFINITY, -1e-300, 0.1 + 0.2]),
    );
    expect(back).toEqual([1.5, null, null, -0, 0, Number.POSITIVE_INFINITY, -1e-300, 0.1 + 0.2]);
    expect(Object.is(back[3], -0)).toBe(true);
    expect(Object.is(back[4], 0)).toBe(true);
    expect(back[7]).toBe(0.30000000000000004);
  });

  it('writes little-endian doubles as base64', () => {
    // 1 is 3F F0 00 00 00 00 00 00 big-endian, so 00 … F0 3F little-endian.
    expect(packColumn([1])).toBe(Buffer.from([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]).toString('base64'));
    expect(packColumn([1])).toBe('AAAAAAAA8D8=');
    expect(packColumn([])).toBe('');
    expect(unpackColumn('')).toEqual([]);
    expect(packColumn(new Float64Array([2, Number.NaN]))).toBe(packColumn([2, null]));
  });

  it('refuses a text that is not whole doubles in base64', () => {
    expect(() => unpackColumn('AAAA')).toThrow('3 байт');
    expect(() => unpackColumn('AAAA AAAA')).toThrow('строкой base64');
    expect(() => unpackColumn(42 as unknown as string)).toThrow('строкой base64');
  });
});
