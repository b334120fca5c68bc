import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findObservationSeries } from '../../src/db/repositories/observation-repository.js';
import { findIndicatorByCode } from '../../src/db/repositories/plan-rule-repository.js';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import type { PlanExecutionReport } from '../../src/domain/plan-execution.js';
import { getPlanReport } from '../../src/server/features/plans/plan-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

const figure = (report: PlanExecutionReport, unit: string, key: string) => {
  const row = report.rows.find((r) => r.municipality.name === unit);
  const f = row?.figures.find((x) => x.key === key);
  if (!f) throw new Error(`no figure ${key} for ${unit}`);
  return f;
};

describe.each(testDatabases())('Table 2 plan execution on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let report: PlanExecutionReport;
  let regionId: number;
  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    regionId = (await findRegionId(instance.handle.db, 'orenburg')) ?? -1;
    report = await getPlanReport(instance.handle.db, regionId, 'orenburg-2017-esia');
  });
  afterAll(async () => instance?.dispose());

  it('lists the four rows in the source order', () => {
    expect(report.rows.map((r) => r.municipality.name)).toEqual([
      'г.Бузулук',
      'Бузулукский район',
      'Гайский городской округ',
      'Илекский район',
    ]);
  });

  it('computes г.Бузулук from its inputs, matching every printed figure', () => {
    expect(figure(report, 'г.Бузулук', 'year_increment')).toMatchObject({
      computed: 6786,
      printed: 6786,
      agreement: 'match',
    });
    expect(figure(report, 'г.Бузулук', 'monthly_plan').computed).toBe(565.5);
    expect(figure(report, 'г.Бузулук', 'month_percent:2017-01').computed).toBeCloseTo(178.603, 3);
    expect(figure(report, 'г.Бузулук', 'month_percent:2017-01')).toMatchObject({
      printed: 178.6,
      agreement: 'match',
    });
    expect(figure(report, 'г.Бузулук', 'month_percent:2017-02')).toMatchObject({
      printed: 195.4,
      agreement: 'match',
    });
    expect(figure(report, 'г.Бузулук', 'ytd_percent')).toMatchObject({
      printed: 31.17,
      agreement: 'match',
    });
    expect(figure(report, 'г.Бузулук', 'registered_percent')).toMatchObject({
      printed: 11.94,
      agreement: 'match',
    });
  });

  it('shows Гайский городской округ computed from unrounded inputs beside the printed figure', () => {
    const jan = figure(report, 'Гайский городской округ', 'month_percent:2017-01');
    expect(jan.computed).toBeCloseTo(524.7387, 4);
    expect(jan).toMatchObject({ printed: 524.81, decimals: 2, agreement: 'differs' });
    expect(figure(report, 'Гайский городской округ', 'month_percent:2017-02')).toMatchObject({
      printed: 745.39,
      agreement: 'differs',
    });
    expect(figure(report, 'Гайский городской округ', 'ytd_percent')).toMatchObject({
      printed: 105.85,
      agreement: 'differs',
    });
    expect(figure(report, 'Гайский городской округ', 'registered_percent')).toMatchObject({
      printed: 17.07,
      agreement: 'match',
    });
  });

  it('flags rows whose total to date is not start of year plus the months', () => {
    const mismatches = report.rows.map(
      (r) => r.warnings.find((w) => w.code === 'total-mismatch')?.message ?? null,
    );
    expect(mismatches[0]).toBe(
      'Всего регистраций на 01.03.2017 (10\u00a0176) не равно сумме регистраций на начало года и за месяцы (9\u00a0809): расхождение +367.',
    );
    expect(mismatches[1]).toContain('(887)');
    expect(mismatches[1]).toContain('расхождение -50');
    expect(mismatches[2]).toContain('расхождение +22');
    expect(mismatches[3]).toBeNull();
  });

  it('warns about every printed figure that differs by more than rounding, and only those', () => {
    const differing = report.rows.flatMap((r) =>
      r.figures
        .filter((f) => f.agreement === 'differs')
        .map((f) => `${r.municipality.name} ${f.key}`),
    );
    expect(differing).toEqual([
      'Бузулукский район month_percent:2017-01',
      'Гайский городской округ month_percent:2017-01',
      'Гайский городской округ month_percent:2017-02',
      'Гайский городской округ ytd_percent',
      'Илекский район month_percent:2017-02',
    ]);
    const gai = report.rows[2];
    expect(gai?.warnings.filter((w) => w.code === 'printed-differs')).toHaveLength(3);
  });

  it('reads the monthly counts as one array a municipality, in the order of the periods asked', async () => {
    const db = instance.handle.db;
    const monthly = await findIndicatorByCode(db, regionId, 'esia_new');
    const series = await findObservationSeries(db, monthly?.id ?? -1, [
      '2017-02',
      '2016-12',
      '2017-01',
    ]);
    const names = new Map(report.rows.map((r) => [r.municipality.id, r.municipality.name]));
    const byName = Object.fromEntries(
      [...series].map(([id, values]) => [names.get(id) ?? String(id), values]),
    );
    // Table 2 of the source: January and February 2017; no month of 2016 is stored.
    expect(byName).toEqual({
      'г.Бузулук': [1105, null, 1010],
      'Бузулукский район': [137, null, 293],
      'Гайский городской округ': [713, null, 502],
      'Илекский район': [195, null, 171],
    });
  });
});
