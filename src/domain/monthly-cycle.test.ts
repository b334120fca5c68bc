import { describe, expect, it } from 'vitest';
import { type CycleFacts, cycleSteps } from './monthly-cycle.js';

const facts = (over: Partial<CycleFacts>): CycleFacts => ({
  period: '2017-04',
  canAct: true,
  submitted: 0,
  unapproved: [],
  hasValues: false,
  drafts: 0,
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

  it('allows approving, computing, reviewing and publishing once their inputs exist', () => {
    expect(allowedOf(facts({ submitted: 2, hasValues: true, drafts: 1 }))).toEqual({
      import: true,
      approve: true,
      compute: true,
      review: true,
      publish: true,
    });
  });

  it('holds publication over unapproved data, naming them, but lets an override through', () => {
    const publish = cycleSteps(
      facts({ hasValues: true, drafts: 1, unapproved: ['г.Орск', 'г.Бузулук'] }),
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
