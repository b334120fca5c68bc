import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateMethodology } from '../../src/engine/validate-methodology.js';
import { runUncertainty, UncertaintyPool } from '../../src/server/workers/uncertainty-pool.js';

const checked = validateMethodology(
  JSON.parse(
    readFileSync(new URL('../../methodologies/orenburg-annual-2022.json', import.meta.url), 'utf8'),
  ),
);
if (!checked.ok) throw new Error('invalid methodology');
const methodology = checked.methodology;

// 30 illustrative units with values spread over 40..100 %
const units = Array.from({ length: 30 }, (_, i) => ({ code: `u${i}`, name: `ОМСУ ${i}` }));
const column = (shift: number) => units.map((_, i) => 40 + ((i * 37 + shift * 11) % 60));
const data = {
  units,
  values: {
    sed_signed_share: column(1),
    sed_active_staff_share: column(2),
    pos_level: column(3),
    epgu_mass_services_share: column(4),
  },
};

describe('uncertainty worker pool', () => {
  it('gives identical places for any number of workers and chunk size, with progress', async () => {
    const progress: number[] = [];
    const inline = await runUncertainty(methodology, data, { draws: 120, seed: 42, workers: 0 });
    const one = await runUncertainty(methodology, data, { draws: 120, seed: 42, workers: 1 });
    const three = await runUncertainty(methodology, data, {
      draws: 120,
      seed: 42,
      workers: 3,
      chunk: 7,
      onProgress: (done) => progress.push(done),
    });
    expect(one.ranks).toEqual(inline.ranks);
    expect(three.ranks).toEqual(inline.ranks);
    expect(three.median).toEqual(inline.median);
    expect(progress.at(-1)).toBe(120);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // bands are ordered and contain the median
    for (let i = 0; i < units.length; i++) {
      expect(inline.p05[i]).toBeLessThanOrEqual(inline.median[i] as number);
      expect(inline.median[i]).toBeLessThanOrEqual(inline.p95[i] as number);
    }
    const other = await runUncertainty(methodology, data, { draws: 120, seed: 43, workers: 0 });
    expect(other.ranks).not.toEqual(inline.ranks);
  });

  it('a pool that stays up gives the same places run after run', async () => {
    const pool = new UncertaintyPool(2);
    try {
      const first = await pool.run(methodology, data, { draws: 60, seed: 7 });
      const [again, other] = await Promise.all([
        pool.run(methodology, data, { draws: 60, seed: 7, chunk: 4 }),
        pool.run(methodology, data, { draws: 60, seed: 8 }),
      ]);
      expect(again.ranks).toEqual(first.ranks);
      expect(other.ranks).not.toEqual(first.ranks);
      const inline = await runUncertainty(methodology, data, { draws: 60, seed: 7, workers: 0 });
      expect(inline.ranks).toEqual(first.ranks);
    } finally {
      await pool.close();
    }
  });
});
