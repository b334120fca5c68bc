import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanMonthReport } from '../../src/domain/plan-month.js';
import type { PlanTargets } from '../../src/domain/plan-targets.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

const PLAN = ['--indicator', 'esia_total', '--year', '2017'];

beforeAll(() => assertCliBuilt());

describe.each(testDatabases())('munirank plan on $name', (kind) => {
  let instance: TestDatabaseInstance;
  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
  });
  afterAll(async () => instance?.dispose());
  const cli = (args: string[]) => runCli(['plan', ...args], instance.env);

  it('lists the targets the 20 % rule gives: the seed’s 14 480, 5 037, 7 783 and 4 024', async () => {
    const run = await cli(['targets', ...PLAN, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const targets = JSON.parse(run.stdout) as PlanTargets;
    expect(targets.rows.slice(0, 4).map((r) => [r.target, r.origin])).toEqual([
      [14_480, 'rule'],
      [5037, 'rule'],
      [7783, 'rule'],
      [4024, 'rule'],
    ]);
  });

  it('prints Table 2 for February with the forecast and status', async () => {
    const run = await cli([
      'execution',
      '--indicator',
      'esia_total',
      '--month',
      '2017-02',
      '--municipalities',
      'buzuluk-city,buzulukskiy-district',
      '--format',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as PlanMonthReport;
    // 1 105 / (6 786 / 12) = 195,40 %; (1 010 + 1 105) × 6 = 12 690; (293 + 137) × 6 = 2 580.
    const feb = report.rows[0]?.figures.find((f) => f.key === 'month_percent:2017-02');
    expect(feb).toMatchObject({ printed: 195.4, agreement: 'match' });
    expect(report.rows.map((r) => [r.forecast.value, r.forecast.status])).toEqual([
      [12_690, 'on-track'],
      [2580, 'off-track'],
    ]);
  });

  it('sets a target by hand with the CLI user in the audit trail, then hands it back', async () => {
    const set = await cli(['target', 'set', 'buzuluk-city', ...PLAN, '--value', '15 000']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain(
      'г.Бузулук: целевой показатель 15000 (задано вручную; по правилу 14480)',
    );
    const event = await instance.handle.db
      .selectFrom('audit_event')
      .select(['actor_label', 'entity_id', 'after_json'])
      .where('action', '=', 'plan_target.set')
      .executeTakeFirstOrThrow();
    expect(event.actor_label).toMatch(/^CLI \(/);
    expect(event.entity_id).toBe('esia_total/2017/buzuluk-city');
    expect(JSON.parse(event.after_json ?? 'null')).toMatchObject({
      target: 15_000,
      setByHand: true,
    });
    const clear = await cli(['target', 'clear', 'buzuluk-city', ...PLAN]);
    expect(clear.code, clear.stderr).toBe(0);
    expect(clear.stdout).toContain('целевой показатель 14480 (по правилу)');
  });

  it('changes the rule and refuses a share without its reference value, naming the field', async () => {
    const bad = await cli([
      'rule',
      'set',
      ...PLAN,
      '--kind',
      'share',
      '--value',
      '20',
      '--monthly',
      'esia_new',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('referenceKind');
    const growth = await cli([
      'rule',
      'set',
      ...PLAN,
      '--kind',
      'growth',
      '--value',
      '10',
      '--monthly',
      'esia_new',
    ]);
    expect(growth.code, growth.stderr).toBe(0);
    expect(growth.stdout).toContain('прирост 10 % к значению на начало года');
    expect(growth.stdout).toContain('Без целевого показателя (38)');
    expect(growth.stdout).toContain('г.Орск: нет значения на начало 2017 года');
  });
});
