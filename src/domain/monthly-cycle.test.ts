import { describe, expect, it } from 'vitest';
import { type CycleFacts, cycleSteps } from './monthly-cycle.js';

const facts = (over: Partial<CycleFacts>): CycleFacts => ({
  period: '2017-04',
  canAct: true,
  submitted: 0,
  unapproved: [],
  hasValues: false,
  drafts: 0,
  unreviewed: null,
  reviewed: null,
  ...over,
});
const allowedOf = (f: CycleFacts) =>
  Object.fromEntries(cycleSteps(f).map((s) => [s.step, s.allowed]));

describe('cycleSteps', () => {
  it('allows only importing in an empty month', () => {
    expect(allowedOf(facts({}))).toEqual({
      import: true,
      approve: false,
      compute: false,
      review: false,
      publish: false,
    });
  });

  it('allows approving, computing and reviewing once their inputs exist, publishing once reviewed', () => {
    const computed = facts({ submitted: 2, hasValues: true, drafts: 1, unreviewed: 'apr' });
    expect(allowedOf(computed)).toEqual({
      import: true,
      approve: true,
      compute: true,
      review: true,
      publish: false,
    });
    expect(cycleSteps(computed)[4]).toMatchObject({
      reason: 'Расчёт не проверен: сначала отметьте черновик проверенным (шаг «Проверить расчёт»).',
      overridable: false,
      href: '/data/ratings?period=2017-04',
    });
    expect(cycleSteps(computed)[3]?.href).toBe('/data/ratings?snapshot=apr');
    const reviewed = { ...computed, unreviewed: null, reviewed: 'apr' };
    expect(allowedOf(reviewed)).toMatchObject({ review: false, publish: true });
    expect(cycleSteps(reviewed)[3]?.reason).toBe(
      'Все рассчитанные черновики периода уже проверены.',
    );
    expect(cycleSteps(reviewed)[4]?.href).toBe('/data/ratings?snapshot=apr');
  });

  it('does not offer an override before the draft is reviewed', () => {
    const publish = cycleSteps(
      facts({ hasValues: true, drafts: 1, unreviewed: 'apr', unapproved: ['г.Орск'] }),
    )[4];
    expect(publish).toMatchObject({ allowed: false, overridable: false });
  });

  it('holds publication over unapproved data, naming them, but lets an override through', () => {
    const publish = cycleSteps(
      facts({ hasValues: true, drafts: 1, reviewed: 'apr', unapproved: ['г.Орск', 'г.Бузулук'] }),
    )[4];
    expect(publish).toMatchObject({
      step: 'publish',
      allowed: false,
      overridable: true,
      reason:
        'Не утверждены данные ОМСУ (2): г.Орск, г.Бузулук. ' +
        'Опубликовать можно только с обоснованием отступления.',
    });
  });

  it('offers viewers no step, saying who takes them', () => {
    const steps = cycleSteps(facts({ canAct: false, submitted: 1, hasValues: true, drafts: 1 }));
    expect(steps.every((s) => !s.allowed && !s.overridable)).toBe(true);
    expect(new Set(steps.map((s) => s.reason))).toEqual(
      new Set(['Этот шаг выполняет аналитик или администратор.']),
    );
  });
});
