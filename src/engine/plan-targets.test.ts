import { describe, expect, it } from 'vitest';
import { computeTargets, ruleTarget } from './plan-targets.js';

const unit = (
  municipalityId: number,
  over: Partial<{
    reference: number | null;
    startOfYear: number | null;
    manual: number | null;
    stored: number | null;
  }> = {},
) => ({ municipalityId, reference: null, startOfYear: null, manual: null, stored: null, ...over });

describe('plan targets by rule', () => {
  // The seed's targets at the end of 2017 divided by 20 % give the populations the demo carries.
  it.each([
    [72_400, 14_480],
    [25_185, 5_037],
    [38_915, 7_783],
    [20_120, 4_024],
  ])('20 %% of %i is %i', (reference, target) => {
    expect(ruleTarget({ kind: 'share', value: 20 }, { reference, startOfYear: null })).toBeCloseTo(
      target,
      9,
    );
  });

  it('gives growth over the start value and the same absolute value to everyone', () => {
    expect(
      ruleTarget({ kind: 'growth', value: 10 }, { reference: null, startOfYear: 7694 }),
    ).toBeCloseTo(8463.4, 9);
    expect(
      ruleTarget({ kind: 'absolute', value: 5000 }, { reference: null, startOfYear: null }),
    ).toBe(5000);
  });

  it('lets a hand-set target win and marks where each target came from', () => {
    const results = computeTargets({ kind: 'share', value: 20 }, [
      unit(1, { reference: 72_400 }),
      unit(2, { reference: 25_185, manual: 6000 }),
      unit(3, { manual: 100 }),
    ]);
    expect(results).toEqual([
      { municipalityId: 1, target: 14_480, origin: 'rule', ruleTarget: 14_480 },
      { municipalityId: 2, target: 6000, origin: 'manual', ruleTarget: 5037 },
      { municipalityId: 3, target: 100, origin: 'manual', ruleTarget: null },
    ]);
  });

  it('computes nothing for a municipality without the rule input, and says what is missing', () => {
    const results = computeTargets({ kind: 'share', value: 20 }, [unit(1), unit(2, { stored: 5 })]);
    expect(results.map((r) => (r.target === null ? r.missing : r.target))).toEqual([
      'reference',
      'reference',
    ]);
    const growth = computeTargets({ kind: 'growth', value: 5 }, [unit(1, { reference: 10 })]);
    expect(growth[0]).toMatchObject({ target: null, missing: 'start' });
  });

  it('uses a stored target only where there is no rule', () => {
    expect(computeTargets(null, [unit(1, { stored: 14_480 }), unit(2)])).toEqual([
      { municipalityId: 1, target: 14_480, origin: 'stored', ruleTarget: null },
      { municipalityId: 2, target: null, origin: null, ruleTarget: null, missing: 'rule' },
    ]);
  });
});
