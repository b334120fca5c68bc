import { describe, expect, it } from 'vitest';
import { fromColumn, toColumn } from './column.js';
import { evaluateExpression, evaluateExpressionColumn } from './evaluate-expression.js';
import { expressionVariables, parseExpression } from './expression.js';
import { ExpressionError } from './expression-error.js';

const value = (src: string, scope: Record<string, number | null> = {}) =>
  evaluateExpression(parseExpression(src), scope).value;

describe('parse and evaluate', () => {
  it.each([
    { src: '1 + 2 * 3', want: 7 },
    { src: '(1 + 2) * 3', want: 9 },
    { src: '8 / 4 / 2', want: 1 },
    { src: '10 - 4 - 3', want: 3 },
    { src: '-2 * -3', want: 6 },
    { src: '- (1 + 1)', want: -2 },
    { src: '2 × 3 − 1', want: 5 },
    { src: 'min(3, 1, 2) + max(4, 5)', want: 6 },
    { src: '1.5e2 + .5', want: 150.5 },
  ])('$src = $want', ({ src, want }) => {
    expect(value(src)).toBe(want);
  });

  it('computes registrations per 1,000 residents', () => {
    // г.Бузулук: 10 176 registrations, 85 199 residents → 119.438…
    expect(
      value('registrations / population * 1000', { registrations: 10176, population: 85199 }),
    ).toBeCloseTo(119.43802157302315, 10);
  });

  it('reads Cyrillic identifiers and codes with dots', () => {
    expect(value('население / 2 + esia.total', { население: 10, 'esia.total': 1 })).toBe(6);
  });

  it('propagates missing values and reports division by zero', () => {
    expect(evaluateExpression(parseExpression('a + b'), { a: 1, b: null })).toEqual({
      value: null,
      reason: null,
    });
    expect(evaluateExpression(parseExpression('a / b'), { a: 1, b: 0 })).toEqual({
      value: null,
      reason: 'Деление на ноль в позиции 3',
    });
    expect(evaluateExpression(parseExpression('a / b'), { a: null, b: 0 }).reason).toBeNull();
    expect(evaluateExpression(parseExpression('a'), {}).reason).toBe('Нет данных «a»');
  });

  it('evaluates a whole column', () => {
    const r = evaluateExpressionColumn(
      parseExpression('a / b'),
      { a: toColumn([1, 2, null]), b: toColumn([2, 0, 1]) },
      3,
    );
    expect(fromColumn(r.values)).toEqual([0.5, null, null]);
    expect(r.problems).toEqual([{ row: 1, reason: 'Деление на ноль в позиции 3' }]);
  });

  it('lists variables once', () => {
    expect(expressionVariables(parseExpression('a / b + min(a, c)'))).toEqual(['a', 'b', 'c']);
  });
});

describe('parse errors (Russian, 1-based position)', () => {
  it.each([
    { src: 'a + b $ 2', message: 'Неизвестный символ «$» в позиции 7', position: 7 },
    { src: '', message: 'Пустая формула', position: 1 },
    {
      src: 'a +',
      message: 'Ожидалось число, переменная или «(», а встретилось конец формулы в позиции 4',
      position: 4,
    },
    {
      src: '(a + b',
      message: /Ожидалась закрывающая скобка «\)» к скобке из позиции 1/,
      position: 7,
    },
    { src: 'a + b)', message: 'Лишняя закрывающая скобка «)» в позиции 6', position: 6 },
    { src: 'a b', message: /Ожидался оператор .* «b» в позиции 3/, position: 3 },
    { src: 'sqrt(a)', message: /Неизвестная функция «sqrt» в позиции 1/, position: 1 },
    { src: 'min(a)', message: /нужно не меньше двух аргументов/, position: 1 },
    { src: '1.2.3 + a', message: 'Некорректное число «1.2.3» в позиции 1', position: 1 },
    { src: 'a * 2x', message: 'Некорректное число «2x» в позиции 5', position: 5 },
  ])('$src', ({ src, message, position }) => {
    let error: unknown;
    try {
      parseExpression(src);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toMatch(message);
    expect((error as ExpressionError).position).toBe(position);
  });
});
