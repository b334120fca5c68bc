import { describe, expect, it } from 'vitest';
import annual2022 from '../../methodologies/orenburg-annual-2022.json' with { type: 'json' };
import monthly2016 from '../../methodologies/orenburg-monthly-2016.json' with { type: 'json' };
import { canonicalJson } from './canonical-json.js';
import { IMETA_COLUMNS, iMetaFromMethodology } from './imeta-from-methodology.js';
import type { Methodology } from './methodology.js';
import { type IMetaRow, methodologyFromIMeta } from './methodology-from-imeta.js';

const SHIPPED: Record<string, unknown> = {
  'orenburg-annual-2022.json': annual2022,
  'orenburg-monthly-2016.json': monthly2016,
};
const shipped = (name: string): Methodology => SHIPPED[name] as Methodology;

/** What a CSV keeps of a row: text, NA as null. */
const throughCsv = (rows: ReturnType<typeof iMetaFromMethodology>): IMetaRow[] =>
  rows.map((r) =>
    Object.fromEntries(IMETA_COLUMNS.map((c) => [c, r[c] === null ? null : String(r[c])])),
  );

describe('methodology → COINr iMeta → methodology', () => {
  it.each(['orenburg-annual-2022.json', 'orenburg-monthly-2016.json'])(
    '%s comes back unchanged',
    (name) => {
      const m = shipped(name);
      const back = methodologyFromIMeta(throughCsv(iMetaFromMethodology(m, ['population'])), {
        code: 'other',
      });
      expect(back.ok && canonicalJson(back.methodology)).toBe(canonicalJson(m));
    },
  );

  it('puts every child one level below its parent, with single-child levels where needed', () => {
    // 2022: INDEX → SED → two indicators, and two indicators straight under INDEX.
    const rows = iMetaFromMethodology(shipped('orenburg-annual-2022.json'));
    const levels = Object.fromEntries(rows.map((r) => [r.iCode, [r.Level, r.Parent, r.Type]]));
    expect(levels).toEqual({
      sed_signed_share: [1, 'SED', 'Indicator'],
      sed_active_staff_share: [1, 'SED', 'Indicator'],
      pos_level: [1, 'pos_level_L2', 'Indicator'],
      epgu_mass_services_share: [1, 'epgu_mass_services_share_L2', 'Indicator'],
      SED: [2, 'INDEX', 'Aggregate'],
      pos_level_L2: [2, 'INDEX', 'Aggregate'],
      epgu_mass_services_share_L2: [2, 'INDEX', 'Aggregate'],
      INDEX: [3, null, 'Aggregate'],
    });
    const denominators = iMetaFromMethodology(shipped('orenburg-monthly-2016.json'), [
      'population',
    ]).filter((r) => r.Type === 'Denominator');
    expect(denominators.map((r) => [r.iCode, r.Level, r.Weight])).toEqual([
      ['population', null, null],
    ]);
  });

  it('reads a plain COINr iMeta with COINr defaults and refuses a second root', () => {
    const row = (r: Record<string, string | null>): IMetaRow => r;
    const plain = [
      row({
        iCode: 'x',
        Level: '1',
        Parent: 'Index',
        Direction: '-1',
        Weight: '2',
        Type: 'Indicator',
        Target: '10',
      }),
      row({
        iCode: 'y',
        Level: '1',
        Parent: 'Index',
        Direction: '1',
        Weight: '1',
        Type: 'Indicator',
        Unit: '%',
      }),
      row({
        iCode: 'Index',
        Level: '2',
        Parent: null,
        Direction: '1',
        Weight: '1',
        Type: 'Aggregate',
      }),
      row({
        iCode: 'pop',
        Level: null,
        Parent: null,
        Direction: null,
        Weight: null,
        Type: 'Denominator',
      }),
    ];
    const read = methodologyFromIMeta(plain, { code: 'plain', effectiveFrom: '2023' });
    expect(read.ok && read.methodology).toMatchObject({
      code: 'plain',
      outputScale: 100,
      missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0 },
      tree: {
        code: 'Index',
        aggregation: 'arithmetic',
        children: [
          {
            code: 'x',
            weight: 2,
            direction: -1,
            normalisation: { method: 'distance-to-target', target: 10 },
          },
          {
            code: 'y',
            weight: 1,
            direction: 1,
            normalisation: { method: 'min-max' },
            passport: { unit: '%' },
          },
        ],
      },
    });
    const twoRoots = methodologyFromIMeta([...plain, row({ ...plain[2], iCode: 'Other' })], {
      code: 'x',
    });
    expect(twoRoots).toEqual({
      ok: false,
      problems: [
        {
          row: 6,
          column: 'Parent',
          message: 'у индекса нет родителя, а строк без родителя 2: нужна ровно одна',
        },
      ],
    });
  });
});
