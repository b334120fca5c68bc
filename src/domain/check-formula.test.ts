import { describe, expect, it } from 'vitest';
import { checkFormula } from './check-formula.js';
import { computeDerived } from './compute-derived.js';

const formulas = new Map<string, string | null>([
  ['esia_new', null],
  ['per_1000', 'esia_new / population * 1000'],
  ['doubled', 'per_1000 * 2'],
]);
const REFERENCES = ['population', 'econ_active_14_72'];

describe('checkFormula', () => {
  it('accepts a formula over indicators and reference values, naming what it reads', () => {
    expect(
      checkFormula('ratio', 'max(doubled, 1) / econ_active_14_72', formulas, REFERENCES),
    ).toEqual({
      ok: true,
      message: null,
      position: null,
      variables: ['doubled', 'econ_active_14_72'],
    });
  });

  it('refuses a cycle through two other derived indicators, naming the path', () => {
    const changed = new Map(formulas);
    expect(checkFormula('esia_new', 'doubled / 2', changed, REFERENCES).message).toBe(
      'Поле «формула»: круговая ссылка: «esia_new» → «doubled» → «per_1000» → «esia_new» — формула «doubled» ведёт обратно к «esia_new».',
    );
  });

  it('refuses an unknown code with its position', () => {
    expect(checkFormula('x', '1 + esia_old', formulas, REFERENCES)).toMatchObject({
      ok: false,
      position: 5,
    });
  });
});

describe('computeDerived', () => {
  it('computes a derived indicator read by another first, whatever the order given', () => {
    const result = computeDerived(
      [
        { code: 'doubled', formula: 'per_1000 * 2' },
        { code: 'per_1000', formula: 'esia_new / population * 1000' },
      ],
      { esia_new: 250 },
      { population: 50_000 },
    );
    // 250 / 50 000 × 1000 = 5; doubled = 10.
    expect(result.per_1000?.value).toBe(5);
    expect(result.doubled?.value).toBe(10);
  });
});
