import { describe, expect, it } from 'vitest';
import annual2022 from '../../methodologies/orenburg-annual-2022.json' with { type: 'json' };
import monthly2016 from '../../methodologies/orenburg-monthly-2016.json' with { type: 'json' };
import { computeRating } from './compute-rating.js';
import { validateMethodology } from './validate-methodology.js';

describe('methodologies shipped in methodologies/', () => {
  it.each([
    ['orenburg-monthly-2016.json', monthly2016],
    ['orenburg-annual-2022.json', annual2022],
  ])('%s is valid and marked as an illustrative reconstruction', (_, json) => {
    const checked = validateMethodology(json);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    expect(json.description).toMatch(/Иллюстративная реконструкция/);
  });

  it('2016: ЕСИА per 1,000 residents is derived from the total and the population', () => {
    const checked = validateMethodology(monthly2016);
    if (!checked.ok) throw new Error('invalid');
    // Table 2 of the 2017 справка: г.Бузулук 10 176 of 85 199, Илекский район 2 938 of 24 436
    const r = computeRating(checked.methodology, {
      units: [
        { code: 'buzuluk-city', name: 'г.Бузулук' },
        { code: 'ilek-district', name: 'Илекский район' },
      ],
      values: { sou_applications: [100, 50], sou_interagency_requests: [40, 80] },
      reference: { esia_total: [10176, 2938], population: [85199, 24436] },
    });
    const esia = r.indicators.find((ind) => ind.code === 'esia_per_1000');
    expect(esia?.raw[0]).toBeCloseTo((10176 / 85199) * 1000, 10);
    expect(esia?.raw[1]).toBeCloseTo((2938 / 24436) * 1000, 10);
    // fraction of max: SOU (1 + .5)/2 = .75 and (.5 + 1)/2 = .75; ESIA 119.44/120.23 and 1
    expect(r.units[1]?.rank).toBe(1);
  });

  it('2022: the published leaders’ figures give scores on 0..100', () => {
    const checked = validateMethodology(annual2022);
    if (!checked.ok) throw new Error('invalid');
    // Бузулукский район: Gosuslugi 93.7 %, ПОС 94.1 %; ЗАТО Комаровский: ЭП 99.1 %, СЭД 98.4 %
    const r = computeRating(checked.methodology, {
      units: [
        { code: 'buzuluk-district', name: 'Бузулукский район' },
        { code: 'komarovsky-zato', name: 'ЗАТО Комаровский' },
      ],
      values: {
        epgu_mass_services_share: [93.7, null],
        pos_level: [94.1, null],
        sed_signed_share: [null, 99.1],
        sed_active_staff_share: [null, 98.4],
      },
    });
    // Бузулукский: 2 of 3 thirds present → (94.1 + 93.7)/2; Комаровский: 1/3 < 50 % → no score
    expect(r.units[0]?.score).toBeCloseTo(93.9, 10);
    expect(r.units[1]?.score).toBeNull();
  });
});
