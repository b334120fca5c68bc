import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../domain/canonical-json.js';
import type { Methodology } from '../domain/methodology.js';
import type { RatingComputation } from '../domain/rating-computation.js';
import { computeRating } from './compute-rating.js';
import {
  checkComputation,
  describeComputation,
  unitExplanationOf,
  verifyComputation,
} from './rating-computation.js';
import { sampleData, sampleMethodology } from './sample-rating.test-data.js';

const m = sampleMethodology;
const data = sampleData;

/** What a stored snapshot gives back: canonical JSON, parsed. */
const stored = (format?: RatingComputation['format']): RatingComputation =>
  JSON.parse(canonicalJson(describeComputation(m, data, computeRating(m, data), format)));

describe('verifyComputation', () => {
  it('recomputes a stored computation to the digit, history and previous places included', () => {
    const c = stored();
    expect(c.inputs.history).toEqual([{ unitCodes: ['b'], values: { share: [42] } }]);
    expect(c.indicators[1]?.imputed).toEqual([1]);
    expect(c.units[0]?.rankChange).not.toBeNull();
    expect(verifyComputation(c)).toEqual([]);
  });

  it('lists what differs, the changed raw input first', () => {
    const c = stored();
    (c.indicators[0] as { normalised: (number | null)[] }).normalised[2] = 1;
    c.inputs.values.total = [100, 250, 40, 900, 11];
    const problems = verifyComputation(c);
    // e: per1000 = total / population · 1000 = 11 / 100 · 1000 = 110 (the snapshot had 100)
    expect(problems[0]).toBe(
      '/indicators/0/raw/4 — исходное значение «per1000», ОМСУ «e»: в снимке 100, при пересчёте 110',
    );
    // per1000 of c = 40/800·1000 = 50; min-max over 100, 125, 50, 300, 110 → (50 − 50)/250 = 0
    expect(problems).toContain(
      '/indicators/0/normalised/2 — балл показателя «per1000», ОМСУ «c»: в снимке 1, при пересчёте 0',
    );
  });

  it('counts every difference and orders scores from indicators up to the index', () => {
    const c = stored();
    c.inputs.values.total = [100, 250, 40, 900, 11];
    const check = checkComputation(c, 1000);
    if (!check.ok) throw new Error('refused');
    const { comparison } = check;
    expect(comparison.total).toBe(
      comparison.bySection.inputs + comparison.bySection.scores + comparison.bySection.explanations,
    );
    expect(comparison.bySection.inputs).toBe(1);
    const scores = comparison.listed.scores;
    const firstIndex = scores.findIndex((l) => l.startsWith('/nodes/0/'));
    const lastIndicator = scores.findLastIndex((l) => l.startsWith('/indicators/'));
    expect(lastIndicator).toBeGreaterThanOrEqual(0);
    expect(firstIndex).toBeGreaterThan(lastIndicator);
    expect(comparison.bySection.explanations).toBeGreaterThan(0);
  });

  it('names a changed weight among the causes', () => {
    const c = stored();
    const tree = (c.methodology as Methodology).tree as { children: { weight: number }[] };
    (tree.children[0] as { weight: number }).weight = 3;
    const check = checkComputation(c);
    if (!check.ok) throw new Error('refused');
    // per1000's weight 2 → 3; a has both values, so its share of the index per unit of child
    // weight is 1/(2 + 1) before and 1/(3 + 1) now
    expect(check.comparison.listed.inputs.slice(0, 2)).toEqual([
      '/explanations/weights/0 — вес показателя «per1000» в группе: в снимке 2, при пересчёте 3',
      '/explanations/shares/0/0 — доля веса группы «INDEX», ОМСУ «a»: ' +
        `в снимке ${1 / 3}, при пересчёте 0.25`,
    ]);
  });

  it('checks a computation stored with one explanation object per unit (format /1) as stored', () => {
    const c = stored('munirank-computation/1');
    expect(c.format).toBe('munirank-computation/1');
    expect(c.explanations).toHaveLength(5);
    expect(verifyComputation(c)).toEqual([]);
    const tree = (c.methodology as Methodology).tree as { children: { weight: number }[] };
    (tree.children[0] as { weight: number }).weight = 3;
    const check = checkComputation(c);
    if (!check.ok) throw new Error('refused');
    // a: per1000 weighted 2/3 before, 3/4 now
    expect(check.comparison.listed.inputs[0]).toBe(
      '/explanations/0/contributions/0/effectiveWeight — эффективный вес «per1000», ОМСУ «a»: ' +
        `в снимке ${2 / 3}, при пересчёте 0.75`,
    );
  });

  it('refuses an unknown format and an invalid methodology', () => {
    expect(verifyComputation({ ...stored(), format: 'other' } as never)).toEqual([
      'неизвестный формат расчёта (ожидается munirank-computation/1, munirank-computation/2 или munirank-computation/3)',
    ]);
    expect(verifyComputation({ ...stored(), methodology: { code: 'x' } })[0]).toMatch(/^методика /);
  });
});

describe('unitExplanationOf', () => {
  it('makes the same explanation of every unit from the columns as format /1 stores', () => {
    const columns = stored();
    const objects = stored('munirank-computation/1');
    // Format /3 is /2 in memory; it packs its columns only when stored.
    expect(columns.format).toBe('munirank-computation/3');
    for (let i = 0; i < 5; i++)
      expect(unitExplanationOf(columns, i)).toEqual(unitExplanationOf(objects, i));
    // a: per1000 = 100/1000·1000 = 100; min-max over 100, 125, 50, 300, 100 → (100 − 50)/250·100
    // = 20, weighted 2/(2 + 1): contribution 40/3
    expect(unitExplanationOf(columns, 0)?.contributions[0]).toEqual({
      indicator: 'per1000',
      score: 20,
      effectiveWeight: 2 / 3,
      contribution: (2 / 3) * 20,
    });
    expect(unitExplanationOf(columns, 0)?.unitCode).toBe('a');
    expect(unitExplanationOf(columns, 5)).toBeNull();
  });
});
