import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanMonthReport, PlanMonthRow } from '../../src/domain/plan-month.js';
import type { PlanTargets } from '../../src/domain/plan-targets.js';
import { testDatabases } from '../support/databases.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

// Expected values are worked out by hand from Table 2 of the 2017 note (seed 000): targets at
// the end of 2017 14 480 / 5 037 / 7 783 / 4 024, start values 7 694 / 507 / 6 635 / 2 572,
// January 1 010 / 293 / 502 / 171, February 1 105 / 137 / 713 / 195. The demo carries the
// economically active population each target implies (target / 20 %).
const SEED = [
  { code: 'buzuluk-city', name: 'г.Бузулук', econ: 72_400, target: 14_480 },
  { code: 'buzulukskiy-district', name: 'Бузулукский район', econ: 25_185, target: 5037 },
  { code: 'gayskiy-go', name: 'Гайский городской округ', econ: 38_915, target: 7783 },
  { code: 'ilekskiy-district', name: 'Илекский район', econ: 20_120, target: 4024 },
];
/** The demo registry holds 42 units valid in 2017; four of them have the seed's plan. */
const WITHOUT_REFERENCE = 42 - 4;

const figure = (row: PlanMonthRow | undefined, key: string) =>
  row?.figures.find((f) => f.key === key);

describe.each(testDatabases())(
  'plan targets, Table 2 for any month and forecasts on $name',
  (kind) => {
    let staff: StaffApp;
    beforeAll(async () => {
      staff = await openStaffApp(kind);
    });
    afterAll(async () => staff?.close());

    const targets = async () => {
      const res = await staff.call('GET', '/api/plans/esia_total/2017/targets', staff.analyst);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as PlanTargets;
    };
    const month = async (m: string, query = '') => {
      const res = await staff.call(
        'GET',
        `/api/plans/esia_total/execution?month=${m}${query}`,
        staff.analyst,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as PlanMonthReport;
    };
    const rowOf = (report: PlanMonthReport, code: string) =>
      report.rows.find((r) => r.municipality.code === code);
    const importLines = async (lines: string[]) => {
      const res = await staff.call('POST', '/api/imports', staff.analyst, {
        fileName: 'данные.csv',
        base64: Buffer.from(['ОМСУ;Показатель;Период;Значение', ...lines].join('\n')).toString(
          'base64',
        ),
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const audits = (action: string) =>
      staff.instance.handle.db
        .selectFrom('audit_event')
        .select(['entity_id', 'before_json', 'after_json', 'actor_label'])
        .where('action', '=', action)
        .where('outcome', '=', 'allowed')
        .orderBy('id')
        .execute();

    it('gives back the seed’s four targets from the 20 % rule and the derived population', async () => {
      const t = await targets();
      expect(t.rule).toMatchObject({
        kind: 'share',
        value: 20,
        referenceKind: 'econ_active_14_72',
        monthlyIndicator: 'esia_new',
      });
      expect(t.rows.slice(0, 4)).toMatchObject(
        SEED.map((s) => ({
          municipality: { code: s.code },
          target: s.target,
          origin: 'rule',
          reference: { value: s.econ, illustrative: true },
        })),
      );
      expect(t.rows[0]?.reference?.derivedFrom).toMatch(/14\s480 \/ 20 %/);
    });

    it('names every municipality without the reference value and computes none of their targets', async () => {
      const t = await targets();
      expect(t.problems).toHaveLength(WITHOUT_REFERENCE);
      const orsk = t.problems.find((p) => p.municipality.name === 'г.Орск');
      expect(orsk?.message).toContain('экономически активное население 14–72 лет');
      const missing = new Set(t.problems.map((p) => p.municipality.code));
      for (const row of t.rows)
        expect(row.target === null, row.municipality.name).toBe(missing.has(row.municipality.code));
    });

    it('computes Table 2 for February from the stored months, the printed figures beside it', async () => {
      const feb = await month('2017-02');
      expect(feb.asOf).toBe('2017-03-01');
      expect(feb.months).toEqual(['2017-01', '2017-02']);
      expect(feb.rows.map((r) => r.municipality.name)).toEqual(SEED.map((s) => s.name));
      const buzuluk = rowOf(feb, 'buzuluk-city');
      expect(figure(buzuluk, 'year_increment')).toMatchObject({ computed: 6786, printed: 6786 });
      expect(figure(buzuluk, 'monthly_plan')?.computed).toBe(565.5);
      expect(figure(buzuluk, 'month_percent:2017-01')).toMatchObject({
        printed: 178.6,
        agreement: 'match',
      });
      expect(figure(buzuluk, 'month_percent:2017-02')?.computed).toBeCloseTo(
        (1105 / 565.5) * 100,
        9,
      );
      expect(figure(buzuluk, 'ytd_percent')).toMatchObject({ printed: 31.17, agreement: 'match' });
      expect(figure(buzuluk, 'registered_percent')?.computed).toBeCloseTo(
        (10_176 / 85_199) * 100,
        9,
      );
      // Гайский: 502 / (1 148 / 12) = 524,74 %, printed 524,81 %: shown, not hidden.
      expect(figure(rowOf(feb, 'gayskiy-go'), 'month_percent:2017-01')).toMatchObject({
        printed: 524.81,
        agreement: 'differs',
      });
    });

    it('forecasts the year linearly from January and February and judges the status', async () => {
      const feb = await month('2017-02');
      const forecast = (code: string) => rowOf(feb, code)?.forecast;
      // (1 010 + 1 105) / 2 × 12 = 12 690 of 6 786 planned.
      expect(forecast('buzuluk-city')).toMatchObject({
        linear: 12_690,
        seasonalNaive: null,
        method: 'linear',
        value: 12_690,
        status: 'on-track',
      });
      expect(forecast('buzuluk-city')?.percentOfPlan).toBeCloseTo((12_690 / 6786) * 100, 9);
      // (293 + 137) × 6 = 2 580 of 4 530: 56,95 %.
      expect(forecast('buzulukskiy-district')).toMatchObject({ value: 2580, status: 'off-track' });
      expect(rowOf(feb, 'buzuluk-city')?.cumulative.slice(0, 3)).toEqual([
        { month: 1, actual: 1010, plan: 565.5 },
        { month: 2, actual: 2115, plan: 1131 },
        { month: 3, actual: null, plan: 1696.5 },
      ]);
    });

    it('computes Table 2 for March once March is entered, with last year’s months for a seasonal forecast', async () => {
      await importLines([
        'г.Бузулук;esia_new;2017-03;900',
        'Илекский район;esia_new;2017-03;100',
        ...Array.from(
          { length: 12 },
          (_, i) => `Илекский район;esia_new;2016-${String(i + 1).padStart(2, '0')};90`,
        ),
      ]);
      const march = await month('2017-03', '&municipalities=buzuluk-city,ilekskiy-district');
      expect(march.asOf).toBe('2017-04-01');
      expect(march.rows.map((r) => r.municipality.code)).toEqual([
        'buzuluk-city',
        'ilekskiy-district',
      ]);
      expect(march.source.table).toBeNull();
      const buzuluk = rowOf(march, 'buzuluk-city');
      // 900 / 565,5 = 159,15 %; (1 010 + 1 105 + 900) / 6 786 = 44,43 %.
      expect(figure(buzuluk, 'month_percent:2017-03')?.computed).toBeCloseTo(159.151, 3);
      expect(figure(buzuluk, 'month_percent:2017-03')?.printed).toBeNull();
      expect(figure(buzuluk, 'ytd_percent')?.computed).toBeCloseTo(44.4297, 4);
      // No total reported for 01.04.2017: 7 694 + 3 015 = 10 709, 12,57 % of 85 199.
      expect(buzuluk?.inputs.totalToDate).toBe(10_709);
      expect(buzuluk?.warnings.map((w) => w.code)).toContain('total-derived');
      expect(figure(buzuluk, 'registered_percent')?.computed).toBeCloseTo(12.5694, 4);
      // Илекский: 171 + 195 + 100 = 466; linear 466 / 3 × 12 = 1 864; seasonal 466 + 9 × 90 = 1 276.
      expect(rowOf(march, 'ilekskiy-district')?.forecast).toMatchObject({
        linear: 1864,
        seasonalNaive: 1276,
        method: 'seasonal-naive',
        value: 1276,
        status: 'at-risk',
      });
      expect(rowOf(march, 'ilekskiy-district')?.forecast.percentOfPlan).toBeCloseTo(
        (1276 / 1452) * 100,
        9,
      );
    });

    it('moves the targets when the economically active population changes', async () => {
      await importLines(['г.Бузулук;econ_active_14_72;2017;75 000']);
      const t = await targets();
      expect(t.rows[0]).toMatchObject({
        target: 15_000,
        origin: 'rule',
        reference: { value: 75_000, illustrative: false, derivedFrom: null },
      });
      const jan = await month('2017-01', '&municipalities=buzuluk-city');
      // 15 000 − 7 694 = 7 306; 1 010 / (7 306 / 12) = 165,89 %.
      expect(figure(jan.rows[0], 'year_increment')?.computed).toBe(7306);
      expect(figure(jan.rows[0], 'month_percent:2017-01')?.computed).toBeCloseTo(165.891, 3);
    });

    it('lets a hand-set target win, marked, audited, and hands it back to the rule', async () => {
      const url = '/api/plans/esia_total/2017/targets/buzulukskiy-district';
      const set = await staff.call('PUT', url, staff.analyst, { target: 6000 });
      expect(set.statusCode, set.body).toBe(200);
      const row = (set.json() as PlanTargets).rows.find(
        (r) => r.municipality.code === 'buzulukskiy-district',
      );
      expect(row).toMatchObject({
        target: 6000,
        origin: 'manual',
        ruleTarget: 5037,
        startOfYear: 507,
      });
      const feb = await month('2017-02', '&municipalities=buzulukskiy-district');
      expect(feb.rows[0]?.targetOrigin).toBe('manual');
      expect(figure(feb.rows[0], 'year_increment')?.computed).toBe(6000 - 507);

      const cleared = await staff.call('DELETE', url, staff.analyst);
      expect(cleared.statusCode, cleared.body).toBe(200);
      expect(
        (cleared.json() as PlanTargets).rows.find(
          (r) => r.municipality.code === 'buzulukskiy-district',
        ),
      ).toMatchObject({ target: 5037, origin: 'rule' });
      expect((await staff.call('DELETE', url, staff.analyst)).statusCode).toBe(404);

      const trail = await audits('plan_target.set');
      expect(trail.at(-1)).toMatchObject({
        entity_id: 'esia_total/2017/buzulukskiy-district',
        actor_label: staff.analystName,
      });
      expect(JSON.parse(trail.at(-1)?.after_json ?? 'null')).toEqual({
        target: 6000,
        startOfYear: 507,
        setByHand: true,
      });
      expect(await audits('plan_target.clear')).toHaveLength(1);
    });

    it('sets a rule, audits it, and refuses a rule without its reference value', async () => {
      const put = (body: object, headers = staff.analyst) =>
        staff.call('PUT', '/api/plans/esia_total/2017/rule', headers, body);
      const growth = await put({ kind: 'growth', value: 10, monthlyIndicator: 'esia_new' });
      expect(growth.statusCode, growth.body).toBe(200);
      const g = growth.json() as PlanTargets;
      // 7 694 × 1,1 = 8 463,4; municipalities without a start value are named.
      expect(g.rows[0]?.target).toBeCloseTo(8463.4, 9);
      expect(g.problems).toHaveLength(WITHOUT_REFERENCE);
      expect(g.problems[0]?.message).toContain('нет значения на начало 2017 года');

      const bad = await put({ kind: 'share', value: 20, monthlyIndicator: 'esia_new' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toContain('referenceKind');
      const notMonthly = await put({
        kind: 'share',
        value: 20,
        referenceKind: 'econ_active_14_72',
        monthlyIndicator: 'esia_total',
      });
      expect(notMonthly.statusCode).toBe(400);
      expect(notMonthly.json().message).toContain('monthlyIndicator');
      const byOfficial = await put(
        { kind: 'absolute', value: 1, monthlyIndicator: 'esia_new' },
        staff.official,
      );
      expect(byOfficial.statusCode).toBe(403);

      const back = await put({
        kind: 'share',
        value: 20,
        referenceKind: 'econ_active_14_72',
        monthlyIndicator: 'esia_new',
      });
      expect((back.json() as PlanTargets).rows[1]).toMatchObject({ target: 5037, origin: 'rule' });
      const trail = await audits('plan_rule.set');
      expect(trail.map((a) => JSON.parse(a.after_json ?? 'null').kind)).toEqual([
        'growth',
        'share',
      ]);
      expect(JSON.parse(trail[1]?.before_json ?? 'null')).toMatchObject({
        kind: 'growth',
        value: 10,
      });
    });

    it('explains a bad month and an unknown municipality by the field', async () => {
      const bad = await staff.call(
        'GET',
        '/api/plans/esia_total/execution?month=2017-13',
        staff.analyst,
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toContain('month');
      const unknown = await staff.call(
        'GET',
        '/api/plans/esia_total/execution?month=2017-02&municipalities=buzuluk-city,nowhere',
        staff.analyst,
      );
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().message).toContain('«nowhere»');
      // Asked for by name, a municipality without a target shows as a row with nothing computed.
      const orsk = await month('2017-02', '&municipalities=orsk-city');
      expect(figure(orsk.rows[0], 'year_increment')?.computed).toBeNull();
      expect(orsk.rows[0]?.forecast.status).toBeNull();
      expect(orsk.problems.map((p) => p.municipality.name)).toEqual(['г.Орск']);
      const official = await staff.call(
        'GET',
        '/api/plans/esia_total/execution?month=2017-02',
        staff.official,
      );
      expect(official.statusCode).toBe(403);
    });
  },
);
